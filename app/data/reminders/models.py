"""Reminders: each device's push subscription, a person's reminder settings, and the
reminders due to be sent.

A reminder is a row that a dispatcher *claims* before sending, so each is sent once even
with two dispatchers running: PostgreSQL claims with `FOR UPDATE SKIP LOCKED`; SQLite
(one writer at a time) with a single conditional UPDATE. A claim is a lease: if a
dispatcher dies mid-send, another may take the row again after CLAIM_LEASE.
"""

from __future__ import annotations

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
    event,
    inspect,
    update,
)
from sqlalchemy.engine import Connection
from sqlalchemy.orm import Mapped, Mapper, mapped_column

from app.data.base import Base, UTCDateTime, utcnow
from app.data.plans.models import Plan

PENDING = "pending"
CLAIMED = "claimed"
SENT = "sent"
FAILED = "failed"
CLAIM_LEASE = timedelta(minutes=10)

REVIEW_DUE = "review_due"
PLAN_REVIEW = "plan_review"
CHECK_IN = "check_in"
NEEDS_REVIEW = "needs_review"  # once a year: are my communication needs still right?
KINDS = (REVIEW_DUE, PLAN_REVIEW, CHECK_IN, NEEDS_REVIEW)


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
