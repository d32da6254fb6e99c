"""Reading and writing devices, reminder settings, and claiming due reminders."""

from __future__ import annotations

import secrets
from collections.abc import Sequence
from datetime import datetime, time
from typing import Any

from sqlalchemy import and_, delete, or_, select, update
from sqlalchemy.orm import Session, scoped_session

from app.data.accounts.models import User
from app.data.base import utcnow
from app.data.database import db, insert_or_ignore
from app.data.reminders.models import (
    CLAIM_LEASE,
    CLAIMED,
    PENDING,
    SENT,
    PushSubscription,
    Reminder,
    ReminderSettings,
)

# The request's scoped session or a plain one: dispatchers pass theirs.
AnySession = Session | scoped_session[Any]


def save_subscription(owner: User, endpoint: str, p256dh: str, auth: str, device: str) -> bool:
    """Store a device, or move an endpoint to this person (a shared phone that changed
    hands must not keep sending the last person's reminders). True if it is new."""
    existing = db.session.scalar(
        select(PushSubscription).where(PushSubscription.endpoint == endpoint)
    )
    if existing is None:
        db.session.add(
            PushSubscription(
                owner_id=owner.id, endpoint=endpoint, p256dh=p256dh, auth=auth, device=device
            )
        )
    else:
        existing.owner_id, existing.p256dh, existing.auth = owner.id, p256dh, auth
        existing.device, existing.failures = device, 0
    request_replan(owner.id)
    db.session.flush()
    return existing is None


def list_subscriptions(owner_id: int) -> list[PushSubscription]:
    return list(
        db.session.scalars(
            select(PushSubscription)
            .where(PushSubscription.owner_id == owner_id)
            .order_by(PushSubscription.created_at_utc)
        )
    )


def remove_subscription(
    owner_id: int, *, subscription_id: int | None = None, endpoint: str = ""
) -> int:
    condition = (
        PushSubscription.id == subscription_id
        if subscription_id is not None
        else PushSubscription.endpoint == endpoint
    )
    result = db.session.execute(
        delete(PushSubscription).where(PushSubscription.owner_id == owner_id, condition)
    )
    db.session.flush()
    return int(result.rowcount or 0)  # type: ignore[attr-defined]


# Settings ------------------------------------------------------------------------------


def get_settings(owner_id: int) -> ReminderSettings | None:
    return db.session.scalar(select(ReminderSettings).where(ReminderSettings.owner_id == owner_id))


def settings_or_default(owner_id: int) -> ReminderSettings:
    """Saved settings, or unsaved defaults (the column defaults, filled in now)."""
    return get_settings(owner_id) or ReminderSettings(
        owner_id=owner_id,
        review_due=True,
        plan_review=True,
        check_in=False,
        send_at=time(10, 0),
        quiet_start=time(21, 0),
        quiet_end=time(8, 0),
        show_detail=False,
    )


def save_settings(owner_id: int, **values: Any) -> ReminderSettings:
    settings = get_settings(owner_id)
    if settings is None:
        settings = settings_or_default(owner_id)
        db.session.add(settings)
    for name, value in values.items():
        setattr(settings, name, value)
    settings.replan_after_utc = None
    settings.updated_at_utc = utcnow()
    db.session.flush()
    return settings


def request_replan(owner_id: int) -> None:
    """Something changed what is due (a review saved, settings, a new device)."""
    db.session.execute(
        update(ReminderSettings)
        .where(ReminderSettings.owner_id == owner_id)
        .values(replan_after_utc=None)
        .execution_options(synchronize_session=False)
    )


# Planning ------------------------------------------------------------------------------


def owners_to_plan(now: datetime, limit: int = 500) -> list[int]:
    return list(
        db.session.scalars(
            select(ReminderSettings.owner_id)
            .where(
                or_(
                    ReminderSettings.replan_after_utc.is_(None),
                    ReminderSettings.replan_after_utc <= now,
                )
            )
            .order_by(ReminderSettings.id)
            .limit(limit)
        )
    )


def existing_reminders(owner_id: int) -> list[Reminder]:
    return list(db.session.scalars(select(Reminder).where(Reminder.owner_id == owner_id)))


def apply_plan(
    owner_id: int, wanted: Sequence[tuple[str, str, str, datetime]], replan_after: datetime
) -> None:
    """Make the pending reminders match `wanted` (kind, subject, url, when): add what is
    missing, move what changed, drop pending ones no longer due. Sent ones stay sent."""
    have = {(r.kind, r.subject): r for r in existing_reminders(owner_id)}
    keep = set()
    for kind, subject, url, when in wanted:
        keep.add((kind, subject))
        row = have.get((kind, subject))
        if row is None:
            # Two dispatchers may plan the same new person at once: the second insert
            # finds the row the first made and does nothing (one reminder either way).
            db.session.execute(
                insert_or_ignore(Reminder).values(
                    owner_id=owner_id,
                    kind=kind,
                    subject=subject,
                    url=url,
                    send_after_utc=when,
                    status=PENDING,
                    attempts=0,
                )
            )
        elif row.status == PENDING and (row.send_after_utc != when or row.url != url):
            db.session.execute(
                update(Reminder)
                .where(Reminder.id == row.id, Reminder.status == PENDING)
                .values(send_after_utc=when, url=url)
                .execution_options(synchronize_session=False)
            )
    # Statements, not ORM deletes: another dispatcher may have removed or claimed a row
    # since we read it, and that is fine (only still-pending rows are touched).
    gone = [row.id for key, row in have.items() if key not in keep and row.status == PENDING]
    if gone:
        db.session.execute(
            delete(Reminder)
            .where(Reminder.id.in_(gone), Reminder.status == PENDING)
            .execution_options(synchronize_session=False)
        )
    db.session.execute(
        update(ReminderSettings)
        .where(ReminderSettings.owner_id == owner_id)
        .values(replan_after_utc=replan_after)
        .execution_options(synchronize_session=False)
    )
    db.session.flush()


# Claiming ------------------------------------------------------------------------------


def new_claim_token() -> str:
    return secrets.token_hex(16)


def _claimable(now: datetime) -> Any:
    return or_(
        and_(Reminder.status == PENDING, Reminder.send_after_utc <= now),
        and_(Reminder.status == CLAIMED, Reminder.claimed_at_utc <= now - CLAIM_LEASE),
    )


def claim_due(session: AnySession, token: str, now: datetime, limit: int) -> list[Reminder]:
    """Claim up to `limit` due reminders for this dispatcher and commit the claim.

    The one data function that commits, in the dispatcher's own session: a claim is a
    transaction of its own, worth nothing until every other dispatcher can see it."""
    if session.get_bind().dialect.name == "postgresql":
        ids = list(
            session.scalars(
                select(Reminder.id)
                .where(_claimable(now))
                .order_by(Reminder.send_after_utc, Reminder.id)
                .limit(limit)
                .with_for_update(skip_locked=True)
            )
        )
        if not ids:
            session.rollback()
            return []
        claimed = mark_claimed(session, ids, token, now)
    else:
        due = (
            select(Reminder.id)
            .where(_claimable(now))
            .order_by(Reminder.send_after_utc, Reminder.id)
            .limit(limit)
        )
        claimed = mark_claimed(session, due.scalar_subquery(), token, now)
    session.commit()
    return list(
        session.scalars(select(Reminder).where(Reminder.id.in_(claimed)).order_by(Reminder.id))
    )


def mark_claimed(session: AnySession, ids: Any, token: str, now: datetime) -> list[int]:
    """The claim itself: one conditional UPDATE. The condition is repeated so a row that
    another dispatcher claimed after we chose it is not claimed twice."""
    result = session.execute(
        update(Reminder)
        .where(Reminder.id.in_(ids), _claimable(now))
        .values(status=CLAIMED, claim_token=token, claimed_at_utc=now)
        .returning(Reminder.id)
        .execution_options(synchronize_session=False)
    )
    return [row[0] for row in result]


def next_due_at(session: AnySession) -> datetime | None:
    return session.scalar(
        select(Reminder.send_after_utc)
        .where(Reminder.status == PENDING)
        .order_by(Reminder.send_after_utc)
        .limit(1)
    )


# Sending --------------------------------------------------------------------------------


def people_to_remind(
    owner_ids: set[int],
) -> tuple[dict[int, User], dict[int, ReminderSettings], dict[int, list[PushSubscription]]]:
    """The people these reminders are for, their settings and their devices: three queries."""
    owners = {u.id: u for u in db.session.scalars(select(User).where(User.id.in_(owner_ids)))}
    settings = {
        s.owner_id: s
        for s in db.session.scalars(
            select(ReminderSettings).where(ReminderSettings.owner_id.in_(owner_ids))
        )
    }
    devices: dict[int, list[PushSubscription]] = {owner_id: [] for owner_id in owner_ids}
    for device in db.session.scalars(
        select(PushSubscription).where(PushSubscription.owner_id.in_(owner_ids))
    ):
        devices[device.owner_id].append(device)
    return owners, settings, devices


def finish_reminders(ids: list[int], token: str, status: str, now: datetime) -> None:
    """One UPDATE for many rows, still only those this dispatcher holds."""
    if not ids:
        return
    db.session.execute(
        update(Reminder)
        .where(Reminder.id.in_(ids), Reminder.claim_token == token, Reminder.status == CLAIMED)
        .values(status=status, sent_at_utc=now if status == SENT else None, devices_left=None)
        .execution_options(synchronize_session=False)
    )


def release_reminder(
    row: Reminder,
    token: str,
    when: datetime,
    devices_left: list[int] | None = None,
    attempts: int | None = None,
) -> None:
    """Hand a claimed reminder back, to be sent at `when` (to these devices only)."""
    db.session.execute(
        update(Reminder)
        .where(Reminder.id == row.id, Reminder.claim_token == token, Reminder.status == CLAIMED)
        .values(
            status=PENDING,
            send_after_utc=when,
            claim_token=None,
            claimed_at_utc=None,
            devices_left=devices_left if devices_left is not None else row.devices_left,
            attempts=attempts if attempts is not None else row.attempts,
        )
        .execution_options(synchronize_session=False)
    )


def record_device_outcomes(
    delivered: list[int], failing: list[int], gone: list[int], now: datetime
) -> None:
    """What each device's push service said: it took the message, it failed, or the
    device is gone for good (its subscription is deleted)."""
    if delivered:
        db.session.execute(
            update(PushSubscription)
            .where(PushSubscription.id.in_(delivered))
            .values(last_success_at_utc=now, failures=0)
        )
    if failing:
        db.session.execute(
            update(PushSubscription)
            .where(PushSubscription.id.in_(failing))
            .values(last_failure_at_utc=now, failures=PushSubscription.failures + 1)
        )
    forget_devices(gone)


def forget_devices(subscription_ids: list[int]) -> None:
    if subscription_ids:
        db.session.execute(
            delete(PushSubscription).where(PushSubscription.id.in_(subscription_ids))
        )
