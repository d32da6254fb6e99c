from __future__ import annotations

from datetime import UTC, datetime, time, timedelta
from zoneinfo import ZoneInfo

from sqlalchemy import select

from app.data.accounts.models import User
from app.data.database import db
from app.data.plans.models import Plan
from app.data.plans.queries import get_part, get_plan_for_owner, save_part
from tests.support.helpers import make_person, page_text, post_form, sign_in

LONDON = ZoneInfo("Europe/London")


def london_noon_days_ago(days: int) -> datetime:
    """Noon in London `days` calendar days ago, in UTC: "40 days ago" by the clock can be
    41 calendar days in London late at night when the clocks have changed since."""
    day = datetime.now(LONDON).date() - timedelta(days=days)
    return datetime.combine(day, time(12), LONDON).astimezone(UTC)


def _with_words(app, person):
    """A plan with something in it: an empty plan has nothing to review (issue 10)."""
    with app.app_context():
        part = get_part(get_plan_for_owner(person.id), "wellness_toolbox")
        save_part(
            part,
            {"tools": [{"id": "e1234567890ab", "text": "Music"}]},
            author=db.session.get(User, person.id),
            change="edit",
            expected_version=0,
        )
        db.session.commit()


def test_home_shows_when_the_plan_is_next_due_for_review(app, client):
    person = make_person(app, "Sol")
    _with_words(app, person)
    with app.app_context():
        plan = db.session.scalar(select(Plan))
        plan.created_at_utc = london_noon_days_ago(40)
        db.session.commit()
    sign_in(app, client, person)
    text = page_text(client.get("/"))
    assert "Your plan review is coming up" in text
    assert "That is in 2 days." in text


def test_a_new_persons_home_says_where_to_start_and_asks_for_no_review(app, client):
    """Issue 10: a first visit shows "Start here" (the crisis plan first), and no plan
    review prompt or "you last changed" for a plan with nothing in it."""
    person = make_person(app, "New")
    with app.app_context():
        plan = db.session.scalar(select(Plan))
        plan.created_at_utc = london_noon_days_ago(60)  # even when a review would be due
        db.session.commit()
    sign_in(app, client, person)
    text = page_text(client.get("/"))
    assert "Start here" in text and text.index("Crisis plan") < text.index("Wellness toolbox")
    assert "review" not in text.lower() and "last changed" not in text
    _with_words(app, person)
    text = page_text(client.get("/"))
    assert "overdue" in text and "You have started 1 of 7 parts" in text


def test_marking_the_plan_reviewed_sets_the_next_review_six_weeks_on(app, client):
    person = make_person(app, "Sol")
    _with_words(app, person)
    with app.app_context():
        plan = db.session.scalar(select(Plan))
        plan.created_at_utc = london_noon_days_ago(60)
        db.session.commit()
    sign_in(app, client, person)
    assert "overdue" in page_text(client.get("/"))
    response = post_form(client, "/plan/reviewed", {"next": "home"}, follow_redirects=True)
    text = page_text(response)
    assert "Your next plan review" in text
    assert "That is in 42 days." in text


def test_home_shows_what_was_last_changed(app, client):
    person = make_person(app)
    sign_in(app, client, person)
    assert "have not written anything yet" in page_text(client.get("/"))
    import re

    url = "/plan/crisis-plan/allergies/add"
    state = dict(
        re.findall(
            r'name="(base_version|entry_id)" value="([^"]*)"',
            client.get(url).get_data(as_text=True),
        )
    )
    post_form(client, url, {**state, "text": "Penicillin"})
    assert "You last changed Crisis plan" in page_text(client.get("/"))


def test_the_plan_prints_whole_or_crisis_only_in_standard_or_large_print(app, client):
    person = make_person(app)
    sign_in(app, client, person)
    whole = page_text(client.get("/plan/print"))
    assert "My recovery plan" in whole and "Wellness toolbox" in whole and "After a crisis" in whole
    crisis = client.get("/plan/print?part=crisis-plan&size=large")
    assert "kw-print--large" in crisis.get_data(as_text=True)
    assert "My crisis plan" in page_text(crisis) and "Wellness toolbox" not in page_text(crisis)
    assert client.get("/plan/print?part=triggers").status_code == 404
    assert client.get("/plan/print?size=huge").status_code == 404


def test_help_lists_the_persons_own_supporters_with_tap_to_call(app, client):
    person = make_person(app)
    sign_in(app, client, person)
    import re

    url = "/plan/crisis-plan/supporters/add"
    state = dict(
        re.findall(
            r'name="(base_version|entry_id)" value="([^"]*)"',
            client.get(url).get_data(as_text=True),
        )
    )
    post_form(client, url, {**state, "name": "Jo", "phone": "07700 900461"})
    html = client.get("/help").get_data(as_text=True)
    assert 'href="tel:07700900461"' in html and "Call Jo" in html
    post_form(client, "/auth/sign-out")
    assert "Call Jo" not in client.get("/help").get_data(as_text=True)
