"""The dispatcher sends each due reminder once, with nothing private on a lock screen
unless chosen, respects quiet hours, forgets dead devices and backs off when asked."""

from __future__ import annotations

from datetime import UTC, datetime, time, timedelta

import pytest
from sqlalchemy import select

from app.data.accounts.models import User
from app.data.database import db
from app.data.plans.models import Plan
from app.data.reminders.models import (
    FAILED,
    PENDING,
    SENT,
    PushSubscription,
    Reminder,
    ReminderSettings,
)
from app.reminders.dispatcher import Dispatcher
from app.reminders.timing import local_moment
from tests.integration.reminders.conftest import london_today
from tests.support.helpers import make_person, post_form, sign_in
from tests.support.progress import all_scores, make_assessment


@pytest.fixture
def dispatcher(app, push_service):
    made = Dispatcher(app, batch=3)
    yield made
    made.close()


def ten_am(day, minutes: int = 1) -> datetime:
    return local_moment(day, time(10), "Europe/London") + timedelta(minutes=minutes)


@pytest.fixture
def due_today(app, client, push_service):
    """A person whose first review is due today, with one phone subscribed."""
    person = make_person(app, "Dee")
    sign_in(app, client, person)
    make_assessment(
        app, person.id, london_today() - timedelta(days=42), all_scores(5), kind="baseline"
    )
    phone = push_service.new_device()
    post_form(client, "/reminders/devices", {"subscription": phone.subscription_json()})
    return person, phone


def test_a_due_review_is_sent_once_with_only_a_url_and_a_kind(
    app, dispatcher, due_today, push_service
):
    person, phone = due_today
    before = dispatcher.run_pass(ten_am(london_today(), minutes=-30))
    assert before.sent == 0
    report = dispatcher.run_pass(ten_am(london_today()))
    assert report.sent == 1
    again = dispatcher.run_pass(ten_am(london_today(), minutes=5))
    assert again.sent == 0 and again.claimed == 0
    [message] = push_service.messages_for(phone)
    assert message.payload == {"url": "/progress/llr9/start", "kind": "review_due"}
    assert int(message.headers["ttl"]) >= 12 * 3600
    assert message.headers["urgency"] == "normal"
    assert message.headers["topic"] == "review-llr9"
    assert message.claims["aud"] == push_service.origin
    with app.app_context():
        assert db.session.scalar(select(PushSubscription.last_success_at_utc)) is not None
        row = db.session.scalar(
            select(Reminder).where(Reminder.kind == "review_due", Reminder.status == SENT)
        )
        assert row.subject.endswith(":due")


def test_a_person_who_chose_detail_sees_it_in_their_own_language(
    app, client, dispatcher, due_today, push_service
):
    person, phone = due_today
    with app.app_context():
        db.session.get(User, person.id).locale = "cy"
        db.session.scalar(select(ReminderSettings)).show_detail = True
        db.session.commit()
    dispatcher.run_pass(ten_am(london_today()))
    [message] = push_service.messages_for(phone)
    assert message.payload["url"] == "/progress/llr9/start"
    assert message.payload["title"] and message.payload["title"] != "Your progress review is due"


def test_a_device_the_push_service_no_longer_knows_is_deleted_at_once(
    app, dispatcher, due_today, push_service
):
    person, phone = due_today
    push_service.answer(phone, 410)
    report = dispatcher.run_pass(ten_am(london_today()))
    assert report.devices_removed == 1
    with app.app_context():
        assert db.session.scalar(select(PushSubscription)) is None


def test_404_also_deletes_the_device(app, dispatcher, due_today, push_service):
    person, phone = due_today
    push_service.answer(phone, 404)
    dispatcher.run_pass(ten_am(london_today()))
    with app.app_context():
        assert db.session.scalar(select(PushSubscription)) is None


def test_too_many_requests_waits_as_long_as_the_push_service_asks(
    app, dispatcher, due_today, push_service
):
    person, phone = due_today
    push_service.answer(phone, 429, retry_after="120")
    first = ten_am(london_today())
    report = dispatcher.run_pass(first)
    assert report.retrying == 1 and report.sent == 0
    with app.app_context():
        row = db.session.scalar(
            select(Reminder).where(Reminder.kind == "review_due", Reminder.attempts == 1)
        )
        assert row.status == PENDING and row.send_after_utc == first + timedelta(seconds=120)
    assert dispatcher.run_pass(first + timedelta(seconds=60)).claimed == 0
    assert dispatcher.run_pass(first + timedelta(seconds=121)).sent == 1
    assert len(push_service.messages_for(phone)) == 1


def test_server_errors_are_retried_with_backoff_then_given_up(
    app, dispatcher, due_today, push_service
):
    person, phone = due_today
    push_service.answer(phone, 500, times=10)
    moment = ten_am(london_today())
    waits = []
    for _ in range(6):
        dispatcher.run_pass(moment)
        with app.app_context():
            row = db.session.scalar(
                select(Reminder).where(
                    Reminder.kind == "review_due", Reminder.subject.like("%:due")
                )
            )
            if row.status != PENDING:
                break
            waits.append(row.send_after_utc - moment)
            moment = row.send_after_utc
    assert waits == [timedelta(minutes=m) for m in (1, 2, 4, 8, 16)]
    assert row.status == FAILED
    with app.app_context():
        assert db.session.scalar(select(PushSubscription.failures)) == 6


def test_only_the_device_that_failed_is_tried_again(
    app, client, dispatcher, due_today, push_service
):
    person, phone = due_today
    tablet = push_service.new_device()
    post_form(client, "/reminders/devices", {"subscription": tablet.subscription_json()})
    push_service.answer(tablet, 503)
    moment = ten_am(london_today())
    dispatcher.run_pass(moment)
    dispatcher.run_pass(moment + timedelta(minutes=2))
    assert len(push_service.messages_for(phone)) == 1
    assert len(push_service.messages_for(tablet)) == 1


def test_quiet_hours_hold_a_late_reminder_until_morning(app, dispatcher, due_today, push_service):
    person, phone = due_today
    late = local_moment(london_today(), time(22, 15), "Europe/London")
    with app.app_context():
        # Planned earlier for 10:00, but the dispatcher only runs at 22:15.
        db.session.scalar(select(ReminderSettings)).replan_after_utc = late + timedelta(days=1)
        db.session.add(
            Reminder(
                owner_id=person.id,
                kind="review_due",
                subject="llr9:x:due",
                url="/progress",
                send_after_utc=ten_am(london_today(), 0),
            )
        )
        db.session.commit()
    report = dispatcher.run_pass(late)
    assert report.deferred == 1 and report.sent == 0
    with app.app_context():
        row = db.session.scalar(select(Reminder).where(Reminder.subject == "llr9:x:due"))
        tomorrow = london_today() + timedelta(days=1)
        assert row.send_after_utc == local_moment(tomorrow, time(8), "Europe/London")


def test_saving_a_review_or_reviewing_the_plan_moves_the_reminders(
    app, client, dispatcher, due_today
):
    person, phone = due_today
    dispatcher.run_pass(ten_am(london_today(), minutes=-60))
    with app.app_context():
        subjects = set(
            db.session.scalars(select(Reminder.subject).where(Reminder.status == PENDING))
        )
    due = (london_today()).isoformat()
    assert {f"llr9:{due}:due", f"llr9:{due}:overdue"} <= subjects
    make_assessment(app, person.id, london_today(), all_scores(6))
    with app.app_context():
        from app.data.reminders.queries import request_replan

        request_replan(person.id)
        db.session.commit()
    post_form(client, "/plan/reviewed", {})
    with app.app_context():
        assert db.session.scalar(select(ReminderSettings.replan_after_utc)) is None
    dispatcher.run_pass(ten_am(london_today(), minutes=-59))
    with app.app_context():
        pending = set(
            db.session.scalars(select(Reminder.subject).where(Reminder.status == PENDING))
        )
        plan = db.session.scalar(select(Plan))
    next_review = (london_today() + timedelta(days=42)).isoformat()
    assert f"llr9:{next_review}:due" in pending and f"llr9:{due}:due" not in pending
    assert f"plan:{next_review}:due" in pending and plan.last_reviewed_at_utc is not None


def test_a_daily_check_in_comes_each_day_at_the_chosen_time(
    app, client, dispatcher, due_today, push_service
):
    person, phone = due_today
    data = {
        "check_in": "y",
        "send_at": "18:00",
        "quiet_start": "21:00",
        "quiet_end": "08:00",
        "timezone": "Europe/London",
    }
    post_form(client, "/reminders", data)
    today = london_today()
    evening = local_moment(today, time(18), "Europe/London")
    dispatcher.run_pass(evening - timedelta(hours=1))
    dispatcher.run_pass(evening + timedelta(minutes=1))
    dispatcher.run_pass(evening + timedelta(days=1, minutes=1))
    check_ins = [m for m in push_service.messages_for(phone) if m.payload["kind"] == "check_in"]
    assert len(check_ins) == 2
    assert check_ins[0].payload["url"] == "/plan/daily-plan"
    assert check_ins[0].headers["urgency"] == "low" and check_ins[0].headers["topic"] == "check-in"


def test_no_devices_means_nothing_is_planned(app, client, dispatcher):
    person = make_person(app)
    sign_in(app, client, person)
    make_assessment(
        app, person.id, london_today() - timedelta(days=42), all_scores(5), kind="baseline"
    )
    post_form(
        client,
        "/reminders",
        {
            "review_due": "y",
            "send_at": "10:00",
            "quiet_start": "21:00",
            "quiet_end": "08:00",
            "timezone": "Europe/London",
        },
    )
    assert dispatcher.run_pass(ten_am(london_today())).claimed == 0
    with app.app_context():
        assert db.session.scalar(select(Reminder)) is None


def test_the_cli_sends_what_is_due(app, due_today, push_service):
    person, phone = due_today
    with app.app_context():
        db.session.add(
            Reminder(
                owner_id=person.id,
                kind="review_due",
                subject="cli",
                url="/progress",
                send_after_utc=datetime.now(UTC) - timedelta(minutes=1),
            )
        )
        settings = db.session.scalar(select(ReminderSettings))
        settings.quiet_start = settings.quiet_end = time(0)  # no quiet hours, whatever the hour
        settings.replan_after_utc = datetime.now(UTC) + timedelta(days=1)  # keep this row as it is
        db.session.commit()
    result = app.test_cli_runner().invoke(args=["reminders", "send"])
    assert result.exit_code == 0, result.output
    assert "sent 1" in result.output
    result = app.test_cli_runner().invoke(args=["reminders", "worker", "--passes", "1"])
    assert result.exit_code == 0 and "claimed 0" in result.output
    assert len(push_service.messages_for(phone)) == 1
