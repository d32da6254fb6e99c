"""Each due reminder is sent exactly once, even with two dispatchers at the same time."""

from __future__ import annotations

import threading
from datetime import UTC, datetime, time, timedelta

import pytest
from sqlalchemy import select, text
from sqlalchemy.exc import OperationalError

from app.data.database import db
from app.data.reminders.models import CLAIMED, SENT, Reminder, ReminderSettings
from app.data.reminders.queries import claim_due, mark_claimed
from app.reminders.dispatcher import Dispatcher
from tests.support.helpers import make_person, post_form, sign_in

COUNT = 60


@pytest.fixture
def many_due(app, client, push_service):
    """One person, one phone, and COUNT reminders all due now."""
    person = make_person(app)
    sign_in(app, client, person)
    phone = push_service.new_device()
    post_form(client, "/reminders/devices", {"subscription": phone.subscription_json()})
    now = datetime.now(UTC)
    with app.app_context():
        settings = db.session.scalar(select(ReminderSettings))
        settings.quiet_start = settings.quiet_end = time(0)
        settings.replan_after_utc = now + timedelta(days=1)
        for n in range(COUNT):
            db.session.add(
                Reminder(
                    owner_id=person.id,
                    kind="review_due",
                    subject=f"s{n}",
                    url=f"/progress?n={n}",
                    send_after_utc=now - timedelta(minutes=1),
                )
            )
        db.session.commit()
    return phone, now


def test_two_dispatchers_running_at_once_send_each_reminder_once(app, many_due, push_service):
    phone, now = many_due
    dispatchers = [Dispatcher(app, batch=4), Dispatcher(app, batch=4)]
    start = threading.Barrier(2)
    reports = [None, None]

    def run(index: int) -> None:
        start.wait()
        reports[index] = dispatchers[index].run_pass(now)

    threads = [threading.Thread(target=run, args=(i,)) for i in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    for dispatcher in dispatchers:
        dispatcher.close()
    urls = [m.payload["url"] for m in push_service.messages_for(phone)]
    assert sorted(urls) == sorted(f"/progress?n={n}" for n in range(COUNT))
    assert sum(r.claimed for r in reports) == COUNT and sum(r.sent for r in reports) == COUNT
    with app.app_context():
        assert set(db.session.scalars(select(Reminder.status))) == {SENT}


def test_the_claim_refuses_a_row_another_dispatcher_took_first(app, many_due):
    """The race SQLite and PostgreSQL both must survive: dispatcher B chose rows, then A
    claimed them before B's UPDATE ran. B's conditional UPDATE must claim none."""
    phone, now = many_due
    with app.app_context():
        chosen_by_b = list(db.session.scalars(select(Reminder.id).order_by(Reminder.id).limit(5)))
        taken_by_a = claim_due(db.session, "a" * 32, now, 5)
        assert [r.id for r in taken_by_a] == chosen_by_b
        assert mark_claimed(db.session, chosen_by_b, "b" * 32, now) == []
        db.session.commit()
        owners = db.session.execute(
            select(Reminder.claim_token).where(Reminder.id.in_(chosen_by_b))
        )
        assert {row[0] for row in owners} == {"a" * 32}


def test_a_claim_left_by_a_dispatcher_that_died_is_taken_again_after_the_lease(app, many_due):
    phone, now = many_due
    with app.app_context():
        first = claim_due(db.session, "a" * 32, now, 3)
        assert {r.status for r in first} == {CLAIMED}
        soon = claim_due(db.session, "b" * 32, now + timedelta(minutes=5), 100)
        assert not {r.id for r in first} & {r.id for r in soon}
        later = claim_due(db.session, "c" * 32, now + timedelta(minutes=11), 100)
        assert {r.id for r in first} <= {r.id for r in later}


def test_a_dispatcher_never_takes_rows_another_dispatcher_is_claiming(app, many_due):
    """PostgreSQL: rows another dispatcher has locked are skipped (SKIP LOCKED), not
    waited for and never taken twice. SQLite has no row locks: one writer at a time,
    so a second dispatcher cannot claim at all until the first has finished."""
    phone, now = many_due
    with app.app_context():
        if db.engine.dialect.name == "postgresql":
            with db.engine.connect() as other:
                transaction = other.begin()
                locked = [
                    row[0]
                    for row in other.execute(
                        select(Reminder.id)
                        .order_by(Reminder.id)
                        .limit(10)
                        .with_for_update(skip_locked=True)
                    )
                ]
                # Without SKIP LOCKED this claim would wait for the lock; fail instead.
                db.session.execute(text("SET lock_timeout = '5s'"))
                claimed = claim_due(db.session, "b" * 32, now, COUNT)
                transaction.rollback()
            assert len(locked) == 10
            assert not set(locked) & {r.id for r in claimed}
            assert len(claimed) == COUNT - 10
        else:
            with db.engine.connect() as other:
                other.exec_driver_sql("BEGIN IMMEDIATE")  # dispatcher A is mid-claim
                db.session.execute(text("PRAGMA busy_timeout = 100"))
                with pytest.raises(OperationalError, match="locked"):
                    claim_due(db.session, "b" * 32, now, COUNT)
                db.session.rollback()
                other.exec_driver_sql("COMMIT")
            db.session.execute(text("PRAGMA busy_timeout = 5000"))
            claimed = claim_due(db.session, "b" * 32, now, COUNT)
            assert len(claimed) == COUNT
