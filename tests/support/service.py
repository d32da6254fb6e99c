"""Helpers for service view tests: a service with a manager, people who joined it."""

from __future__ import annotations

from datetime import UTC, date, datetime

from flask import Flask

from app.data.accounts.models import User
from app.data.database import db
from app.data.service.models import ServiceMembership
from app.data.service.staff import create_provider, set_staff


def make_service(app: Flask, name: str, manager: User | None = None) -> tuple[int, str]:
    """A service (and its manager, if given). Returns its id and join code."""
    with app.app_context():
        provider = create_provider(name)
        if manager is not None:
            set_staff(provider, db.session.get(User, manager.id), "manager")
        db.session.commit()
        return provider.id, provider.join_code


def add_staff(app: Flask, provider_id: int, person: User, role: str) -> None:
    from app.data.service.staff import get_provider

    with app.app_context():
        set_staff(get_provider(provider_id), db.session.get(User, person.id), role)
        db.session.commit()


def add_member(
    app: Flask,
    provider_id: int,
    person_id: int,
    joined_on: date,
    left_on: date | None = None,
    *,
    withdrawn: bool = False,
) -> int:
    """A membership made directly, for tests about what reports count."""
    with app.app_context():
        row = ServiceMembership(
            provider_id=provider_id,
            person_id=person_id,
            joined_on=joined_on,
            left_on=left_on,
            consent_withdrawn_at_utc=datetime.now(UTC) if withdrawn else None,
        )
        db.session.add(row)
        db.session.commit()
        return row.id
