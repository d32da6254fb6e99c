"""A person's circle of support: carers and peer mentors they invite, what each may see
or do, invitations, suggestions, "I need help" alerts, and the access log.

Everything hangs off the person who shares (`owner_id`), so deleting their account
removes their circle; a member's own account is untouched."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import JSON, ForeignKey, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.data.accounts.models import User
from app.data.base import Base, UTCDateTime, utcnow

CARER = "carer"
PEER_MENTOR = "peer_mentor"
ROLES = (CARER, PEER_MENTOR)


class CircleMember(Base):
    """Someone who supports the owner. Ending access keeps the row (so the member sees
    "access ended" rather than "not found") but every permission stops at once."""

    __tablename__ = "circle_members"
    __table_args__ = (UniqueConstraint("owner_id", "member_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    owner_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    member_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    role: Mapped[str] = mapped_column(String(20))
    label: Mapped[str] = mapped_column(String(80), default="")  # what the owner calls them
    created_at_utc: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    ended_at_utc: Mapped[datetime | None] = mapped_column(UTCDateTime())

    owner: Mapped[User] = relationship(foreign_keys=[owner_id])
    member: Mapped[User] = relationship(foreign_keys=[member_id])
    grants: Mapped[list[Grant]] = relationship(
        back_populates="circle_member", cascade="all, delete-orphan", passive_deletes=True
    )

    @property
    def active(self) -> bool:
        return self.ended_at_utc is None

    @property
    def permissions(self) -> set[str]:
        return {grant.permission for grant in self.grants} if self.active else set()


class Grant(Base):
    """One permission given to one member, e.g. `view:plan_part:crisis_plan`."""

    __tablename__ = "circle_grants"
    __table_args__ = (UniqueConstraint("circle_member_id", "permission"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    circle_member_id: Mapped[int] = mapped_column(
        ForeignKey("circle_members.id", ondelete="CASCADE")
    )
    permission: Mapped[str] = mapped_column(String(60))
    created_at_utc: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)

    circle_member: Mapped[CircleMember] = relationship(back_populates="grants")


class SharingPause(Base):
    """While a row exists, nobody in the owner's circle can see anything."""

    __tablename__ = "sharing_pauses"

    id: Mapped[int] = mapped_column(primary_key=True)
    owner_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), unique=True)
    paused_at_utc: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)


class Invite(Base):
    __tablename__ = "circle_invites"

    id: Mapped[int] = mapped_column(primary_key=True)
    owner_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    code_hash: Mapped[str] = mapped_column(String(64), unique=True)
    role: Mapped[str] = mapped_column(String(20))
    label: Mapped[str] = mapped_column(String(80), default="")
    permissions: Mapped[list[str]] = mapped_column(JSON, default=list)
    created_at_utc: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    expires_at_utc: Mapped[datetime] = mapped_column(UTCDateTime())
    used_at_utc: Mapped[datetime | None] = mapped_column(UTCDateTime())
    cancelled_at_utc: Mapped[datetime | None] = mapped_column(UTCDateTime())
    accepted_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))

    owner: Mapped[User] = relationship(foreign_keys=[owner_id])


class Suggestion(Base):
    """A member's proposed change to a part; nothing changes until the owner decides."""

    __tablename__ = "circle_suggestions"

    id: Mapped[int] = mapped_column(primary_key=True)
    owner_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    author_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    author_name: Mapped[str] = mapped_column(String(80))
    part_key: Mapped[str] = mapped_column(String(40))
    section_key: Mapped[str] = mapped_column(String(40))
    entry_id: Mapped[str | None] = mapped_column(String(20))  # None: a new entry
    values: Mapped[dict[str, Any]] = mapped_column(JSON)
    note: Mapped[str] = mapped_column(Text, default="")
    status: Mapped[str] = mapped_column(String(12), default="pending")
    created_at_utc: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    decided_at_utc: Mapped[datetime | None] = mapped_column(UTCDateTime())


class HelpAlert(Base):
    __tablename__ = "help_alerts"

    id: Mapped[int] = mapped_column(primary_key=True)
    owner_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    created_at_utc: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow, index=True)
    # A number to call them back on, if they gave one when sending.
    call_back: Mapped[str] = mapped_column(String(40), default="")
    # "I'm OK now": the alert is taken back, and the people told are told that too.
    resolved_at_utc: Mapped[datetime | None] = mapped_column(UTCDateTime())

    owner: Mapped[User] = relationship()
    recipients: Mapped[list[HelpAlertRecipient]] = relationship(
        back_populates="alert", cascade="all, delete-orphan", passive_deletes=True
    )


class HelpAlertRecipient(Base):
    __tablename__ = "help_alert_recipients"

    id: Mapped[int] = mapped_column(primary_key=True)
    alert_id: Mapped[int] = mapped_column(ForeignKey("help_alerts.id", ondelete="CASCADE"))
    member_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    member_name: Mapped[str] = mapped_column(String(80))
    pushed_devices: Mapped[int] = mapped_column(Integer, default=0)
    seen_at_utc: Mapped[datetime | None] = mapped_column(UTCDateTime())

    alert: Mapped[HelpAlert] = relationship(back_populates="recipients")


class AccessLogEntry(Base):
    """Who looked at or changed what. Append-only: the migration adds a database trigger
    that refuses any UPDATE, and nothing in the app edits or deletes entries (they go
    only when the owner's account is deleted)."""

    __tablename__ = "access_log"

    id: Mapped[int] = mapped_column(primary_key=True)
    owner_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    actor_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    actor_name: Mapped[str] = mapped_column(String(80))
    area: Mapped[str] = mapped_column(String(60))
    action: Mapped[str] = mapped_column(String(20))
    detail: Mapped[str] = mapped_column(String(200), default="")
    at_utc: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow, index=True)
