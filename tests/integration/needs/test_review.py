"""Review: once a year, and when the circle changes, the home page asks whether the
needs are still right; saying yes is recorded, and the passport shows when."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import update

from app.data.base import utcnow
from app.data.database import db
from app.data.needs.models import CommunicationNeeds
from tests.support.circle import invite, join
from tests.support.helpers import page_text, post_form

NEEDS = "/account/communication-needs"
ASK = "Are your communication needs still right?"


def checked_days_ago(app, owner_id, days):
    with app.app_context():
        db.session.execute(
            update(CommunicationNeeds)
            .where(CommunicationNeeds.owner_id == owner_id)
            .values(checked_at_utc=utcnow() - timedelta(days=days))
        )
        db.session.commit()


def test_a_year_on_the_home_page_asks_and_yes_is_recorded(app, client, sam):
    post_form(client, f"{NEEDS}/formats", {"needs": ["easy_read"]})
    assert ASK not in page_text(client.get("/"))
    checked_days_ago(app, sam.id, 366)
    home = page_text(client.get("/"))
    assert ASK in home and "It is a year since you last checked them." in home
    response = post_form(client, f"{NEEDS}/still-right", {"next": "/"})
    assert response.location == "/"
    assert ASK not in page_text(client.get("/"))
    assert "Last checked" in page_text(client.get("/account/communication-passport"))


def test_a_change_in_the_circle_asks_again(app, client, other_client, sam, jo):
    post_form(client, f"{NEEDS}/support", {"needs": ["bsl_interpreter"]})
    checked_days_ago(app, sam.id, 2)
    assert ASK not in page_text(client.get("/"))
    join(other_client, invite(client)[0])
    home = page_text(client.get("/"))
    assert ASK in home and "Someone has joined or left your circle" in home


def test_nobody_is_asked_to_review_what_they_never_recorded(app, client, sam):
    post_form(client, f"{NEEDS}/not-now")
    assert ASK not in page_text(client.get("/"))


def test_changing_an_answer_counts_as_checking(app, client, sam):
    post_form(client, f"{NEEDS}/formats", {"needs": ["easy_read"]})
    checked_days_ago(app, sam.id, 400)
    post_form(client, f"{NEEDS}/formats", {"needs": ["easy_read", "audio"]})
    assert ASK not in page_text(client.get("/"))


def test_a_push_reminder_comes_a_year_after_the_last_check(app, client, sam, push_service):
    from datetime import time

    from app.reminders.dispatcher import Dispatcher
    from app.reminders.timing import local_moment
    from tests.integration.reminders.conftest import london_today

    phone = push_service.new_device()
    post_form(client, "/reminders/devices", {"subscription": phone.subscription_json()})
    post_form(client, f"{NEEDS}/support", {"needs": ["bsl_interpreter"]})
    checked_days_ago(app, sam.id, 365)
    with app.app_context():
        from app.data.reminders.queries import request_replan

        request_replan(sam.id)
        db.session.commit()
    dispatcher = Dispatcher(app, batch=3)
    try:
        at_ten = local_moment(london_today(), time(10), "Europe/London") + timedelta(minutes=1)
        report = dispatcher.run_pass(at_ten)
        messages = push_service.messages_for(phone)
        needs = [m for m in messages if m.payload.get("kind") == "needs_review"]
        assert report.sent >= 1 and len(needs) == 1
        assert needs[0].payload == {"url": NEEDS, "kind": "needs_review"}  # nothing private
        assert needs[0].headers["topic"] == "needs-review"
        # Said still right: no more needs reminders at the next pass.
        post_form(client, f"{NEEDS}/still-right")
        dispatcher.run_pass(at_ten + timedelta(minutes=5))
        later = [m for m in push_service.messages_for(phone) if m.payload["kind"] == "needs_review"]
        assert len(later) == 1
    finally:
        dispatcher.close()
