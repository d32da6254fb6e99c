"""A person joining a service, leaving it, and taking themselves out of its reports.

Only the person does any of this (app/access.py). Each write is guarded so that two
requests at once cannot make two open memberships or leave twice."""

from __future__ import annotations

from datetime import date

from sqlalchemy import select, update
from sqlalchemy.exc import IntegrityError

from app.data.base import utcnow
from app.data.database import db
from app.data.service.models import ServiceMembership, ServiceProvider


class AlreadyJoined(Exception):
    """The person already has an open membership of this service."""


def open_membership(provider_id: int, person_id: int) -> ServiceMembership | None:
    return db.session.scalar(
        select(ServiceMembership).where(
            ServiceMembership.provider_id == provider_id,
            ServiceMembership.person_id == person_id,
            ServiceMembership.left_on.is_(None),
        )
    )


def join_service(provider: ServiceProvider, person_id: int, today: date) -> ServiceMembership:
    """Start counting this person for this service from today.

    The partial unique index allows one open membership per person and service; a
    second join at the same moment meets it and is told they already joined.
    """
    if open_membership(provider.id, person_id) is not None:
        raise AlreadyJoined
    membership = ServiceMembership(provider_id=provider.id, person_id=person_id, joined_on=today)
    try:
        with db.session.begin_nested():
            db.session.add(membership)
            db.session.flush()
    except IntegrityError as error:
        raise AlreadyJoined from error
    return membership


def get_membership(membership_id: int) -> ServiceMembership | None:
    return db.session.get(ServiceMembership, membership_id)


def memberships_of(person_id: int) -> list[ServiceMembership]:
    return list(
        db.session.scalars(
            select(ServiceMembership)
            .where(ServiceMembership.person_id == person_id)
            .order_by(ServiceMembership.left_on.is_not(None), ServiceMembership.joined_on.desc())
        )
    )


def leave_service(membership: ServiceMembership, today: date, *, withdraw_consent: bool) -> bool:
    """Record the day the person left; optionally take them out of every report too.

    A guarded UPDATE: only an open membership can be left, so leaving twice (two tabs)
    keeps the first date. Withdrawing consent may be asked later as well.
    Returns whether anything changed.
    """
    changed = False
    if membership.left_on is None:
        result = db.session.execute(
            update(ServiceMembership)
            .where(ServiceMembership.id == membership.id, ServiceMembership.left_on.is_(None))
            .values(left_on=max(today, membership.joined_on))
        )
        changed = bool(getattr(result, "rowcount", 0))
    if withdraw_consent:
        changed = withdraw_consent_for(membership) or changed
    db.session.refresh(membership)
    return changed


def withdraw_consent_for(membership: ServiceMembership) -> bool:
    result = db.session.execute(
        update(ServiceMembership)
        .where(
            ServiceMembership.id == membership.id,
            ServiceMembership.consent_withdrawn_at_utc.is_(None),
        )
        .values(consent_withdrawn_at_utc=utcnow())
    )
    return bool(getattr(result, "rowcount", 0))


def current_members(provider_id: int) -> list[ServiceMembership]:
    """People who are members now and still agree to be counted, by name; for the
    service's workers to plan reviews (names and dates only)."""
    return list(
        db.session.scalars(
            select(ServiceMembership)
            .where(
                ServiceMembership.provider_id == provider_id,
                ServiceMembership.left_on.is_(None),
                ServiceMembership.consent_withdrawn_at_utc.is_(None),
            )
            .order_by(ServiceMembership.id)
        )
    )


def save_equality_answers(membership: ServiceMembership, answers: dict[str, str]) -> None:
    """Replace the person's equality answers for this service (an empty answer removes
    it: every question is optional)."""
    membership.equality_answers = {key: value for key, value in answers.items() if value}
    db.session.flush()
