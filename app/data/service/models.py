"""A service (a provider organisation), its staff, and the people who joined it.

A person is counted in a service's reports only through a `ServiceMembership` they made
themselves: it records when they joined, when they left, and whether they asked to be
taken out of every report (consent withdrawn). Memberships cascade from the person's
`users` row, so deleting an account removes them from every report from then on.
Nothing here holds anyone's words: the reports read dates and scores only.

The table is `service_providers` because the groups directory's Open Referral UK
`services` table already has that name. A provider is linked to the directory listings
it runs (`ProviderListing`): its managers may edit those, and no others.

A worker's "signposted to" record (`Signpost`) holds a type from a fixed list, a date
and optionally a directory listing: never any words.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from sqlalchemy import JSON, Date, ForeignKey, Index, String, UniqueConstraint, text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.data.accounts.models import User
from app.data.base import Base, UTCDateTime, utcnow
from app.data.groups.models import ID, Service

MANAGER = "manager"
WORKER = "worker"
STAFF_ROLES = (MANAGER, WORKER)


class ServiceProvider(Base):
    __tablename__ = "service_providers"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(120))
    # The self-referral code the service publishes (a link with it lets a person join);
    # it is not a secret, only a way in, and a manager can make a new one.
    join_code: Mapped[str] = mapped_column(String(20), unique=True)
    created_at_utc: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)


class ServiceStaff(Base):
    """A manager (reports) or worker of a service. Removing the row ends access at once."""

    __tablename__ = "service_staff"
    __table_args__ = (UniqueConstraint("provider_id", "user_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    provider_id: Mapped[int] = mapped_column(
        ForeignKey("service_providers.id", ondelete="CASCADE"), index=True
    )
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    role: Mapped[str] = mapped_column(String(20))
    created_at_utc: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)

    provider: Mapped[ServiceProvider] = relationship()
    user: Mapped[User] = relationship()


class ServiceMembership(Base):
    """A person's own decision to be supported by, and counted by, a service.

    One open membership per person and service (a partial unique index, so joining twice
    at once makes one). Leaving keeps the row, with the date, so the service can count
    "left in the period" and nothing after; withdrawing consent takes the person out of
    every report, past periods included, from the next request on.
    """

    __tablename__ = "service_memberships"
    __table_args__ = (
        # One person's memberships of one service: what a report asks of each row it
        # counts (was this person a member on that day?), so it must not scan them all.
        Index("ix_service_memberships_person_id_provider_id", "person_id", "provider_id"),
        Index(
            "uq_service_memberships_open",
            "provider_id",
            "person_id",
            unique=True,
            sqlite_where=text("left_on IS NULL"),
            postgresql_where=text("left_on IS NULL"),
        ),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    provider_id: Mapped[int] = mapped_column(
        ForeignKey("service_providers.id", ondelete="CASCADE"), index=True
    )
    person_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    joined_on: Mapped[date] = mapped_column(Date)
    left_on: Mapped[date | None] = mapped_column(Date)
    consent_withdrawn_at_utc: Mapped[datetime | None] = mapped_column(UTCDateTime())
    # Optional equality monitoring answers, only if the person chose to give them:
    # {question_key: answer_code}; "prefer_not" is an answer, a missing key is none.
    equality_answers: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    created_at_utc: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)

    provider: Mapped[ServiceProvider] = relationship()
    person: Mapped[User] = relationship()

    @property
    def is_open(self) -> bool:
        return self.left_on is None

    @property
    def counted(self) -> bool:
        return self.consent_withdrawn_at_utc is None


class ServiceStaffInvite(Base):
    """A one-time code a manager gives someone to join the staff: hashed, 7 days, once."""

    __tablename__ = "service_staff_invites"

    id: Mapped[int] = mapped_column(primary_key=True)
    provider_id: Mapped[int] = mapped_column(
        ForeignKey("service_providers.id", ondelete="CASCADE"), index=True
    )
    code_hash: Mapped[str] = mapped_column(String(64), unique=True)
    role: Mapped[str] = mapped_column(String(20))
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    created_at_utc: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    expires_at_utc: Mapped[datetime] = mapped_column(UTCDateTime())
    used_at_utc: Mapped[datetime | None] = mapped_column(UTCDateTime())
    used_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))

    provider: Mapped[ServiceProvider] = relationship()


class ProviderListing(Base):
    """A directory listing (Find groups) that a service runs. Set by whoever runs
    Keepwell (`flask service link-listing`), or when a service's manager adds a listing;
    a listing belongs to one service at most."""

    __tablename__ = "provider_listings"

    id: Mapped[int] = mapped_column(primary_key=True)
    provider_id: Mapped[int] = mapped_column(
        ForeignKey("service_providers.id", ondelete="CASCADE"), index=True
    )
    listing_id: Mapped[str] = mapped_column(
        ForeignKey("services.id", ondelete="CASCADE"), unique=True
    )
    linked_at_utc: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)

    provider: Mapped[ServiceProvider] = relationship()
    listing: Mapped[Service] = relationship()


class Signpost(Base):
    """A worker at a service recorded that they signposted a member to a kind of help
    (app/data/service/signposting.py lists the kinds), perhaps to one listing. Only for
    someone who is a member now and agreed; the person sees it, downloads it, and it
    goes with their account."""

    __tablename__ = "service_signposts"
    __table_args__ = (
        Index("ix_service_signposts_provider_id_recorded_on", "provider_id", "recorded_on"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    provider_id: Mapped[int] = mapped_column(ForeignKey("service_providers.id", ondelete="CASCADE"))
    person_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    kind: Mapped[str] = mapped_column(String(40))
    listing_id: Mapped[str | None] = mapped_column(
        String(ID), ForeignKey("services.id", ondelete="SET NULL")
    )
    recorded_on: Mapped[date] = mapped_column(Date)
    recorded_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    created_at_utc: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)

    provider: Mapped[ServiceProvider] = relationship()
    listing: Mapped[Service | None] = relationship()
    recorded_by: Mapped[User | None] = relationship(foreign_keys=[recorded_by_id])
