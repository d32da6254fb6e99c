"""Reminders: each device's push subscription, a person's reminder settings, and the
reminders due to be sent.

A reminder is a row that a dispatcher *claims* before sending, so each is sent once even
with two dispatchers running: PostgreSQL claims with `FOR UPDATE SKIP LOCKED`; SQLite
(one writer at a time) with a single conditional UPDATE. A claim is a lease: if a
dispatcher dies mid-send, another may take the row again after CLAIM_LEASE.
"""

from __future__ import annotations

import secrets
from collections.abc import Sequence
from datetime import datetime, time, timedelta
from typing import Any

from sqlalchemy import (
    JSON,
    Boolean,
    ForeignKey,
    Index,
    Integer,
    String,
    Time,
    UniqueConstraint,
    and_,
    delete,
    event,
    inspect,
    or_,
    select,
    update,
)
from sqlalchemy.engine import Connection
from sqlalchemy.orm import Mapped, Mapper, Session, mapped_column

from app.data.base import Base, UTCDateTime, utcnow
from app.data.export import exports, iso
from app.data.models import Plan, User
from app.extensions import db

PENDING = "pending"
CLAIMED = "claimed"
SENT = "sent"
FAILED = "failed"
CLAIM_LEASE = timedelta(minutes=10)

REVIEW_DUE = "review_due"
PLAN_REVIEW = "plan_review"
CHECK_IN = "check_in"
KINDS = (REVIEW_DUE, PLAN_REVIEW, CHECK_IN)


class PushSubscription(Base):
    """One device (browser) that may receive push reminders."""

    __tablename__ = "push_subscriptions"

    id: Mapped[int] = mapped_column(primary_key=True)
    owner_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    endpoint: Mapped[str] = mapped_column(String(1024), unique=True)
    p256dh: Mapped[str] = mapped_column(String(100))
    auth: Mapped[str] = mapped_column(String(40))
    device: Mapped[str] = mapped_column(String(200), default="")
    created_at_utc: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    last_success_at_utc: Mapped[datetime | None] = mapped_column(UTCDateTime())
    last_failure_at_utc: Mapped[datetime | None] = mapped_column(UTCDateTime())
    failures: Mapped[int] = mapped_column(Integer, default=0)

    def info(self) -> dict[str, Any]:
        """The shape pywebpush wants."""
        return {"endpoint": self.endpoint, "keys": {"p256dh": self.p256dh, "auth": self.auth}}


class ReminderSettings(Base):
    __tablename__ = "reminder_settings"

    id: Mapped[int] = mapped_column(primary_key=True)
    owner_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), unique=True)
    review_due: Mapped[bool] = mapped_column(Boolean, default=True)
    plan_review: Mapped[bool] = mapped_column(Boolean, default=True)
    check_in: Mapped[bool] = mapped_column(Boolean, default=False)
    send_at: Mapped[time] = mapped_column(Time(), default=time(10, 0))
    quiet_start: Mapped[time] = mapped_column(Time(), default=time(21, 0))
    quiet_end: Mapped[time] = mapped_column(Time(), default=time(8, 0))
    # Off: a lock screen shows only "Keepwell: you have a reminder".
    show_detail: Mapped[bool] = mapped_column(Boolean, default=False)
    # When the reminders ahead must be worked out again (None: at the next pass).
    replan_after_utc: Mapped[datetime | None] = mapped_column(UTCDateTime(), index=True)
    updated_at_utc: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)


class Reminder(Base):
    __tablename__ = "reminders"
    __table_args__ = (
        UniqueConstraint("owner_id", "kind", "subject"),
        Index("ix_reminders_status_send_after_utc", "status", "send_after_utc"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    owner_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"))
    kind: Mapped[str] = mapped_column(String(20))
    # What it is about, so it is planned and sent once: "llr9:2025-02-21:due".
    subject: Mapped[str] = mapped_column(String(80))
    url: Mapped[str] = mapped_column(String(200))
    send_after_utc: Mapped[datetime] = mapped_column(UTCDateTime())
    status: Mapped[str] = mapped_column(String(10), default=PENDING)
    claim_token: Mapped[str | None] = mapped_column(String(32))
    claimed_at_utc: Mapped[datetime | None] = mapped_column(UTCDateTime())
    sent_at_utc: Mapped[datetime | None] = mapped_column(UTCDateTime())
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    # After a partial failure, the devices still to reach (None: all of them).
    devices_left: Mapped[list[int] | None] = mapped_column(JSON)
    created_at_utc: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)


# Devices -------------------------------------------------------------------------------


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
    db.session.commit()
    return existing is None


def list_subscriptions(owner_id: int) -> list[PushSubscription]:
    return list(
        db.session.scalars(
            select(PushSubscription)
            .where(PushSubscription.owner_id == owner_id)
            .order_by(PushSubscription.created_at_utc)
        )
    )


def get_subscription_for_owner(owner_id: int, subscription_id: int) -> PushSubscription | None:
    return db.session.scalar(
        select(PushSubscription).where(
            PushSubscription.id == subscription_id, PushSubscription.owner_id == owner_id
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
    db.session.commit()
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
    db.session.commit()
    return settings


def request_replan(owner_id: int) -> None:
    """Something changed what is due (a review saved, settings, a new device)."""
    db.session.execute(
        update(ReminderSettings)
        .where(ReminderSettings.owner_id == owner_id)
        .values(replan_after_utc=None)
        .execution_options(synchronize_session=False)
    )


@event.listens_for(Plan, "after_update")
def _plan_reviewed(_mapper: Mapper[Plan], connection: Connection, plan: Plan) -> None:
    """Marking the plan reviewed moves the plan-review reminder; the plan code need not
    know reminders exist."""
    if inspect(plan).attrs.last_reviewed_at_utc.history.has_changes():
        connection.execute(
            update(ReminderSettings)
            .where(ReminderSettings.owner_id == plan.owner_id)
            .values(replan_after_utc=None)
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
            db.session.add(
                Reminder(
                    owner_id=owner_id, kind=kind, subject=subject, url=url, send_after_utc=when
                )
            )
        elif row.status == PENDING and (row.send_after_utc != when or row.url != url):
            row.send_after_utc, row.url = when, url
    for key, row in have.items():
        if key not in keep and row.status == PENDING:
            db.session.delete(row)
    db.session.execute(
        update(ReminderSettings)
        .where(ReminderSettings.owner_id == owner_id)
        .values(replan_after_utc=replan_after)
        .execution_options(synchronize_session=False)
    )
    db.session.commit()


# Claiming ------------------------------------------------------------------------------


def new_claim_token() -> str:
    return secrets.token_hex(16)


def _claimable(now: datetime) -> Any:
    return or_(
        and_(Reminder.status == PENDING, Reminder.send_after_utc <= now),
        and_(Reminder.status == CLAIMED, Reminder.claimed_at_utc <= now - CLAIM_LEASE),
    )


def claim_due(session: Session, token: str, now: datetime, limit: int) -> list[Reminder]:
    """Claim up to `limit` due reminders for this dispatcher and commit the claim."""
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


def mark_claimed(session: Session, ids: Any, token: str, now: datetime) -> list[int]:
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


def next_due_at(session: Session) -> datetime | None:
    return session.scalar(
        select(Reminder.send_after_utc)
        .where(Reminder.status == PENDING)
        .order_by(Reminder.send_after_utc)
        .limit(1)
    )


@exports("reminders", "push_subscriptions", "reminder_settings", "reminders")
def _export_reminders(user: User) -> dict[str, Any]:
    settings = get_settings(user.id)
    reminders = db.session.scalars(
        select(Reminder).where(Reminder.owner_id == user.id).order_by(Reminder.id)
    )
    return {
        "settings": None
        if settings is None
        else {
            "review_due": settings.review_due,
            "plan_review": settings.plan_review,
            "daily_check_in": settings.check_in,
            "time_of_day": settings.send_at.strftime("%H:%M"),
            "quiet_hours": [
                settings.quiet_start.strftime("%H:%M"),
                settings.quiet_end.strftime("%H:%M"),
            ],
            "show_detail_on_lock_screen": settings.show_detail,
        },
        "devices": [
            {
                "device": s.device,
                "added_at_utc": iso(s.created_at_utc),
                "last_delivered_at_utc": iso(s.last_success_at_utc),
            }
            for s in list_subscriptions(user.id)
        ],
        "reminders": [
            {
                "kind": r.kind,
                "about": r.subject,
                "due_at_utc": iso(r.send_after_utc),
                "status": r.status,
                "sent_at_utc": iso(r.sent_at_utc),
            }
            for r in reminders
        ],
    }
