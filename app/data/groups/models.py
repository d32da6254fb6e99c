"""Tables of the local groups and services directory (Find groups).

They follow the Open Referral UK profile of HSDS 3 table by table, so the ORUK API and
the importer map one to one: organizations, services, locations (with their address),
service_at_locations, schedules (RFC 5545 recurrence), taxonomies, taxonomy_terms,
attributes (a service's terms), contacts, phones, cost_options, languages and
accessibility. Ids are the feed's own string ids (UUIDs), so importing is an upsert.

Three tables hold people's data and cascade from `users`: ratings of groups, the groups
a person saved to their plan (which and when only), and the service manager role.
Full-text search lives beside these tables (an FTS5 table on SQLite, a tsvector column
on PostgreSQL), built by the migration, not by the models.
"""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

from sqlalchemy import (
    Boolean,
    Date,
    Float,
    ForeignKey,
    Index,
    Integer,
    Numeric,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.data.base import Base, UTCDateTime, utcnow

ID = 64  # ORUK ids are UUIDs; a little room for feeds that use longer ones


class Organization(Base):
    __tablename__ = "organizations"

    id: Mapped[str] = mapped_column(String(ID), primary_key=True)
    name: Mapped[str] = mapped_column(String(200))
    description: Mapped[str] = mapped_column(Text, default="")
    email: Mapped[str | None] = mapped_column(String(200))
    website: Mapped[str | None] = mapped_column(String(500))
    # The feed that owns it (None: entered by a service manager), and the record that
    # feed sent, kept whole so every field it said is published again unchanged.
    publisher: Mapped[str | None] = mapped_column(String(100))
    source_record: Mapped[str | None] = mapped_column(Text)


class Service(Base):
    """A listing: one group or service, run by an organisation, at one or more places."""

    __tablename__ = "services"

    id: Mapped[str] = mapped_column(String(ID), primary_key=True)
    organization_id: Mapped[str] = mapped_column(
        ForeignKey("organizations.id", ondelete="CASCADE"), index=True
    )
    name: Mapped[str] = mapped_column(String(200))
    description: Mapped[str] = mapped_column(Text, default="")
    url: Mapped[str | None] = mapped_column(String(500))
    email: Mapped[str | None] = mapped_column(String(200))
    # active | inactive | defunct | temporarily closed (the ORUK list)
    status: Mapped[str] = mapped_column(String(20), default="active", index=True)
    application_process: Mapped[str | None] = mapped_column(Text)
    fees_description: Mapped[str | None] = mapped_column(Text)
    eligibility_description: Mapped[str | None] = mapped_column(Text)
    minimum_age: Mapped[int | None] = mapped_column(Integer)
    maximum_age: Mapped[int | None] = mapped_column(Integer)
    alert: Mapped[str | None] = mapped_column(Text)
    assured_date: Mapped[date | None] = mapped_column(Date)  # when last checked
    # When the listing last changed as its publisher says (ORUK `last_modified`);
    # Keepwell's own change time is `changed_at_utc`.
    last_modified: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow, index=True)
    changed_at_utc: Mapped[datetime | None] = mapped_column(UTCDateTime(), default=utcnow)
    # Who last checked the details: a feed's publisher name, or None for a service manager.
    checked_by: Mapped[str | None] = mapped_column(String(100))
    # The feed (publisher) that owns the listing; None: entered by a service manager. Only
    # that feed may update it. `source_record` is the ORUK record it sent, kept whole.
    publisher: Mapped[str | None] = mapped_column(String(100), index=True)
    source_record: Mapped[str | None] = mapped_column(Text)
    is_free: Mapped[bool] = mapped_column(Boolean, default=False)  # no cost option above 0
    is_demo: Mapped[bool] = mapped_column(Boolean, default=False)
    # A hash of the record as last imported, so importing the same feed twice is a no-op.
    source_hash: Mapped[str | None] = mapped_column(String(64))
    # When Keepwell first stored it (None: before it kept this), for "new in the period".
    created_at_utc: Mapped[datetime | None] = mapped_column(UTCDateTime(), default=utcnow)

    organization: Mapped[Organization] = relationship(lazy="joined")
    schedules: Mapped[list[Schedule]] = relationship(
        cascade="all, delete-orphan", passive_deletes=True, order_by="Schedule.id"
    )
    service_at_locations: Mapped[list[ServiceAtLocation]] = relationship(
        back_populates="service",
        cascade="all, delete-orphan",
        passive_deletes=True,
        order_by="ServiceAtLocation.id",
    )
    attributes: Mapped[list[ServiceAttribute]] = relationship(
        cascade="all, delete-orphan", passive_deletes=True, order_by="ServiceAttribute.id"
    )
    contacts: Mapped[list[Contact]] = relationship(
        cascade="all, delete-orphan", passive_deletes=True, order_by="Contact.id"
    )
    phones: Mapped[list[Phone]] = relationship(
        cascade="all, delete-orphan", passive_deletes=True, order_by="Phone.id"
    )
    cost_options: Mapped[list[CostOption]] = relationship(
        cascade="all, delete-orphan", passive_deletes=True, order_by="CostOption.id"
    )
    languages: Mapped[list[Language]] = relationship(
        cascade="all, delete-orphan", passive_deletes=True, order_by="Language.id"
    )


class Location(Base):
    """A place, with its one postal address kept on the same row (ORUK `addresses`)."""

    __tablename__ = "locations"
    __table_args__ = (Index("ix_locations_latitude_longitude", "latitude", "longitude"),)

    id: Mapped[str] = mapped_column(String(ID), primary_key=True)
    location_type: Mapped[str] = mapped_column(String(20), default="physical")
    name: Mapped[str | None] = mapped_column(String(200))
    description: Mapped[str | None] = mapped_column(Text)
    transportation: Mapped[str | None] = mapped_column(Text)
    latitude: Mapped[float | None] = mapped_column(Float)
    longitude: Mapped[float | None] = mapped_column(Float)
    address_id: Mapped[str | None] = mapped_column(String(ID))
    address_1: Mapped[str | None] = mapped_column(String(200))
    address_2: Mapped[str | None] = mapped_column(String(200))
    city: Mapped[str | None] = mapped_column(String(100))
    region: Mapped[str | None] = mapped_column(String(100))
    state_province: Mapped[str | None] = mapped_column(String(100))
    postal_code: Mapped[str | None] = mapped_column(String(10))
    country: Mapped[str | None] = mapped_column(String(2))
    publisher: Mapped[str | None] = mapped_column(String(100))  # the feed that owns it

    accessibility: Mapped[list[Accessibility]] = relationship(
        cascade="all, delete-orphan", passive_deletes=True, order_by="Accessibility.id"
    )


class ServiceAtLocation(Base):
    __tablename__ = "service_at_locations"

    id: Mapped[str] = mapped_column(String(ID), primary_key=True)
    service_id: Mapped[str] = mapped_column(
        ForeignKey("services.id", ondelete="CASCADE"), index=True
    )
    location_id: Mapped[str] = mapped_column(
        ForeignKey("locations.id", ondelete="CASCADE"), index=True
    )

    service: Mapped[Service] = relationship(back_populates="service_at_locations")
    location: Mapped[Location] = relationship(lazy="joined")


class Schedule(Base):
    """When a service meets, as an RFC 5545 rule in UK local time (Europe/London).

    `day_mask`, `opens_minutes` and `closes_minutes` repeat `byday`, `opens_at` and
    `closes_at` in a form SQL can filter on (days as bits, Monday = 1 ... Sunday = 64).
    """

    __tablename__ = "schedules"

    id: Mapped[str] = mapped_column(String(ID), primary_key=True)
    service_id: Mapped[str] = mapped_column(
        ForeignKey("services.id", ondelete="CASCADE"), index=True
    )
    service_at_location_id: Mapped[str | None] = mapped_column(
        ForeignKey("service_at_locations.id", ondelete="SET NULL")
    )
    freq: Mapped[str | None] = mapped_column(String(10))  # WEEKLY | MONTHLY
    interval: Mapped[int | None] = mapped_column(Integer)
    byday: Mapped[str | None] = mapped_column(String(60))
    bymonthday: Mapped[str | None] = mapped_column(String(60))
    dtstart: Mapped[date | None] = mapped_column(Date)
    valid_from: Mapped[date | None] = mapped_column(Date)
    valid_to: Mapped[date | None] = mapped_column(Date)
    opens_at: Mapped[str | None] = mapped_column(String(8))  # HH:MM
    closes_at: Mapped[str | None] = mapped_column(String(8))
    description: Mapped[str | None] = mapped_column(Text)
    day_mask: Mapped[int] = mapped_column(Integer, default=0)
    opens_minutes: Mapped[int | None] = mapped_column(Integer)
    closes_minutes: Mapped[int | None] = mapped_column(Integer)


class Taxonomy(Base):
    __tablename__ = "taxonomies"

    id: Mapped[str] = mapped_column(String(ID), primary_key=True)
    name: Mapped[str] = mapped_column(String(200))
    description: Mapped[str] = mapped_column(Text, default="")
    uri: Mapped[str | None] = mapped_column(String(500))
    version: Mapped[str | None] = mapped_column(String(40))


class TaxonomyTerm(Base):
    __tablename__ = "taxonomy_terms"

    id: Mapped[str] = mapped_column(String(ID), primary_key=True)
    taxonomy_id: Mapped[str | None] = mapped_column(
        ForeignKey("taxonomies.id", ondelete="CASCADE"), index=True
    )
    code: Mapped[str | None] = mapped_column(String(100))
    name: Mapped[str] = mapped_column(String(200))
    description: Mapped[str] = mapped_column(Text, default="")
    parent_id: Mapped[str | None] = mapped_column(String(ID))
    term_uri: Mapped[str | None] = mapped_column(String(500))

    taxonomy: Mapped[Taxonomy | None] = relationship(lazy="joined")


class ServiceAttribute(Base):
    """ORUK `attributes`: a link from a service to a taxonomy term (its type, access)."""

    __tablename__ = "service_attributes"
    __table_args__ = (
        Index("ix_service_attributes_term_service", "taxonomy_term_id", "service_id"),
    )

    id: Mapped[str] = mapped_column(String(ID), primary_key=True)
    service_id: Mapped[str] = mapped_column(
        ForeignKey("services.id", ondelete="CASCADE"), index=True
    )
    taxonomy_term_id: Mapped[str] = mapped_column(
        ForeignKey("taxonomy_terms.id", ondelete="CASCADE")
    )
    link_type: Mapped[str | None] = mapped_column(String(50))

    taxonomy_term: Mapped[TaxonomyTerm] = relationship(lazy="joined")


class Contact(Base):
    __tablename__ = "contacts"

    id: Mapped[str] = mapped_column(String(ID), primary_key=True)
    service_id: Mapped[str] = mapped_column(
        ForeignKey("services.id", ondelete="CASCADE"), index=True
    )
    name: Mapped[str | None] = mapped_column(String(200))
    title: Mapped[str | None] = mapped_column(String(200))
    email: Mapped[str | None] = mapped_column(String(200))


class Phone(Base):
    __tablename__ = "phones"

    id: Mapped[str] = mapped_column(String(ID), primary_key=True)
    service_id: Mapped[str] = mapped_column(
        ForeignKey("services.id", ondelete="CASCADE"), index=True
    )
    contact_id: Mapped[str | None] = mapped_column(ForeignKey("contacts.id", ondelete="CASCADE"))
    number: Mapped[str] = mapped_column(String(40))
    description: Mapped[str | None] = mapped_column(Text)


class CostOption(Base):
    __tablename__ = "cost_options"

    id: Mapped[str] = mapped_column(String(ID), primary_key=True)
    service_id: Mapped[str] = mapped_column(
        ForeignKey("services.id", ondelete="CASCADE"), index=True
    )
    option: Mapped[str | None] = mapped_column(String(200))
    amount: Mapped[Decimal | None] = mapped_column(Numeric(10, 2))
    currency: Mapped[str | None] = mapped_column(String(3))
    amount_description: Mapped[str | None] = mapped_column(String(200))


class Language(Base):
    """A language spoken at the group (not only through an interpreter)."""

    __tablename__ = "languages"

    id: Mapped[str] = mapped_column(String(ID), primary_key=True)
    service_id: Mapped[str] = mapped_column(
        ForeignKey("services.id", ondelete="CASCADE"), index=True
    )
    name: Mapped[str | None] = mapped_column(String(100))
    code: Mapped[str | None] = mapped_column(String(10), index=True)  # ISO 639
    note: Mapped[str | None] = mapped_column(Text)


class Accessibility(Base):
    """How a place meets disabled people's needs, in words (ORUK `accessibility`)."""

    __tablename__ = "accessibility"

    id: Mapped[str] = mapped_column(String(ID), primary_key=True)
    location_id: Mapped[str] = mapped_column(
        ForeignKey("locations.id", ondelete="CASCADE"), index=True
    )
    description: Mapped[str | None] = mapped_column(Text)
    details: Mapped[str | None] = mapped_column(Text)
    url: Mapped[str | None] = mapped_column(String(500))


# People's data ------------------------------------------------------------------------


class GroupRating(Base):
    """One person's 1-5 rating of one group, which they may change. A comment is shown
    to others only once a service manager approves it."""

    __tablename__ = "group_ratings"
    __table_args__ = (UniqueConstraint("service_id", "user_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    service_id: Mapped[str] = mapped_column(
        ForeignKey("services.id", ondelete="CASCADE"), index=True
    )
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    stars: Mapped[int] = mapped_column(Integer)
    comment: Mapped[str] = mapped_column(Text, default="")
    # none (no comment) | pending | approved | rejected
    comment_state: Mapped[str] = mapped_column(String(10), default="none", index=True)
    created_at_utc: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    updated_at_utc: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)

    service: Mapped[Service] = relationship()


class GroupSave(Base):
    """A person saved a group to their plan on this day. The plan holds the entry; this
    row holds only which group and when, so a service the person joined can count the
    kind of help they found (by the group's type, while they are a member and agree),
    without reading their plan. In their download; goes with their account."""

    __tablename__ = "group_saves"
    __table_args__ = (UniqueConstraint("user_id", "service_id", "saved_on"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    service_id: Mapped[str] = mapped_column(
        ForeignKey("services.id", ondelete="CASCADE"), index=True
    )
    saved_on: Mapped[date] = mapped_column(Date)

    service: Mapped[Service] = relationship()


class DirectoryManager(Base):
    """A service manager: may add, edit and retire listings and moderate comments.
    Granted and taken away only with `flask groups grant-manager / revoke-manager`."""

    __tablename__ = "directory_managers"

    user_id: Mapped[int] = mapped_column(
        ForeignKey("users.id", ondelete="CASCADE"), primary_key=True
    )
    granted_at_utc: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
