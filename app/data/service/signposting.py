"""Advice and navigation: what a service's members were signposted to.

Two sources, both counted only for people who are members and agreed, only while they
are: a worker's "signposted to" record (one of seven kinds, perhaps a listing, never
any words), and the person saving a group to their plan from Find groups, counted by the
group's type (`TERM_KINDS`). Which group a person saved comes from `group_saves` (which
and when only); the plan itself is never read.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import select
from sqlalchemy.sql import ColumnElement

from app.data.accounts.models import User
from app.data.database import db
from app.data.groups import taxonomy
from app.data.groups.models import GroupSave, Service, ServiceAttribute
from app.data.service.models import ServiceMembership, ServiceProvider, Signpost

HOUSING = "housing"
TALKING_THERAPIES = "talking_therapies"
MONEY_ADVICE = "money_advice"
STOP_SMOKING_HEALTHY_LIFESTYLE = "stop_smoking_healthy_lifestyle"
PHYSICAL_ACTIVITY = "physical_activity"
CRISIS_SECONDARY_CARE = "crisis_secondary_care"
VOLUNTEERING_EDUCATION_EMPLOYMENT = "volunteering_education_employment"
# The commissioners' list, in their order.
KINDS = (
    HOUSING,
    TALKING_THERAPIES,
    MONEY_ADVICE,
    STOP_SMOKING_HEALTHY_LIFESTYLE,
    PHYSICAL_ACTIVITY,
    CRISIS_SECONDARY_CARE,
    VOLUNTEERING_EDUCATION_EMPLOYMENT,
)

# Find groups' own group types (app/data/groups/taxonomy.py) that count as each kind when
# a member saves such a group to their plan. Talking therapies and stop smoking have no
# group type: they are counted from workers' records only.
TERM_KINDS = {
    "housing": HOUSING,
    "money-benefits-advice": MONEY_ADVICE,
    "physical-activity": PHYSICAL_ACTIVITY,
    "crisis-safe-haven": CRISIS_SECONDARY_CARE,
    "employment-volunteering": VOLUNTEERING_EDUCATION_EMPLOYMENT,
    "learning-recovery-college": VOLUNTEERING_EDUCATION_EMPLOYMENT,
}
TERM_ID_KINDS = {taxonomy.term_for(code).id: kind for code, kind in TERM_KINDS.items()}


class NotAMember(Exception):
    """The person is not a member of the service now, or withdrew consent."""


def record_signpost(
    provider: ServiceProvider,
    person_id: int,
    kind: str,
    listing_id: str | None,
    recorded_on: date,
    recorded_by: User,
) -> Signpost:
    """Record a signposting for a current, consenting member. The caller checked access;
    this checks the facts again, so a request that lost a race (the person left a moment
    ago, the listing was deleted) records nothing."""
    if kind not in KINDS:
        raise ValueError(f"unknown kind {kind!r}")
    if listing_id is not None and db.session.get(Service, listing_id) is None:
        raise LookupError(listing_id)
    if not is_counted_member(provider.id, person_id):
        raise NotAMember
    row = Signpost(
        provider_id=provider.id,
        person_id=person_id,
        kind=kind,
        listing_id=listing_id,
        recorded_on=recorded_on,
        recorded_by_id=recorded_by.id,
    )
    db.session.add(row)
    db.session.flush()
    return row


def is_counted_member(provider_id: int, person_id: int) -> bool:
    """A member of the service now, who has not withdrawn consent."""
    return (
        db.session.scalar(
            select(ServiceMembership.id)
            .where(
                ServiceMembership.provider_id == provider_id,
                ServiceMembership.person_id == person_id,
                ServiceMembership.left_on.is_(None),
                ServiceMembership.consent_withdrawn_at_utc.is_(None),
            )
            .limit(1)
        )
        is not None
    )


def signposts_at(provider_id: int, person_id: int) -> list[Signpost]:
    """What this service recorded for this person, newest first (for its staff)."""
    return list(
        db.session.scalars(
            select(Signpost)
            .where(Signpost.provider_id == provider_id, Signpost.person_id == person_id)
            .order_by(Signpost.recorded_on.desc(), Signpost.id.desc())
        )
    )


def signposts_of(person_id: int) -> list[Signpost]:
    """Every signposting any service recorded for this person (their download)."""
    return list(
        db.session.scalars(
            select(Signpost)
            .where(Signpost.person_id == person_id)
            .order_by(Signpost.recorded_on, Signpost.id)
        )
    )


def _within(membership: ServiceMembership, day: Any) -> list[ColumnElement[bool]]:
    """A date column on one of the membership's days."""
    conditions = [day >= membership.joined_on]
    if membership.left_on is not None:
        conditions.append(day <= membership.left_on)
    return conditions


def signposts_counted_for(membership: ServiceMembership) -> list[Signpost]:
    """The signposting records this membership lets the service count: those of its own
    service, made while a member. Nothing when the person withdrew consent."""
    if not membership.counted:
        return []
    return list(
        db.session.scalars(
            select(Signpost)
            .where(
                Signpost.provider_id == membership.provider_id,
                Signpost.person_id == membership.person_id,
                *_within(membership, Signpost.recorded_on),
            )
            .order_by(Signpost.recorded_on, Signpost.id)
        )
    )


@dataclass(frozen=True)
class CountedSave:
    saved_on: date
    group: str
    kinds: tuple[str, ...]


def saves_counted_for(membership: ServiceMembership) -> list[CountedSave]:
    """Groups the person saved to their plan while a member whose type the service
    counts, as the report reads them: the day and the kinds. Nothing without consent."""
    if not membership.counted:
        return []
    rows = db.session.execute(
        select(GroupSave.saved_on, Service.name, ServiceAttribute.taxonomy_term_id)
        .join(Service, Service.id == GroupSave.service_id)
        .join(ServiceAttribute, ServiceAttribute.service_id == GroupSave.service_id)
        .where(
            GroupSave.user_id == membership.person_id,
            ServiceAttribute.taxonomy_term_id.in_(TERM_ID_KINDS),
            *_within(membership, GroupSave.saved_on),
        )
        .order_by(GroupSave.saved_on, GroupSave.id)
    )
    found: dict[tuple[date, str], list[str]] = {}
    for saved_on, name, term_id in rows:
        kinds = found.setdefault((saved_on, name), [])
        kind = TERM_ID_KINDS[term_id]
        if kind not in kinds:
            kinds.append(kind)
    return [CountedSave(day, name, tuple(kinds)) for (day, name), kinds in found.items()]
