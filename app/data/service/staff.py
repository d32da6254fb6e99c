"""Services and their staff: made from the command line, read by the access policy."""

from __future__ import annotations

import secrets

from sqlalchemy import delete, select

from app.data.accounts.models import User
from app.data.database import db
from app.data.export import holds_no_personal_data
from app.data.service.models import STAFF_ROLES, ServiceProvider, ServiceStaff

holds_no_personal_data("service_providers")

# No look-alike letters or digits, so a code read out over the phone is typed right.
JOIN_ALPHABET = "ABCDEFGHJKMNPQRSTWXYZ23456789"


def new_join_code() -> str:
    raw = "".join(secrets.choice(JOIN_ALPHABET) for _ in range(10))
    return f"{raw[:5]}-{raw[5:]}"


def normalise_join_code(typed: str) -> str:
    """What a person typed, as stored: capitals, one hyphen in the middle."""
    raw = "".join(ch for ch in typed.upper() if ch.isalnum())[:10]
    return f"{raw[:5]}-{raw[5:]}" if len(raw) == 10 else raw


def create_provider(name: str) -> ServiceProvider:
    provider = ServiceProvider(name=name.strip()[:120], join_code=new_join_code())
    db.session.add(provider)
    db.session.flush()
    return provider


def provider_named(name: str) -> ServiceProvider | None:
    return db.session.scalar(select(ServiceProvider).where(ServiceProvider.name == name))


def get_provider(provider_id: int) -> ServiceProvider | None:
    return db.session.get(ServiceProvider, provider_id)


def provider_by_join_code(typed: str) -> ServiceProvider | None:
    code = normalise_join_code(typed)
    if not code:
        return None
    return db.session.scalar(select(ServiceProvider).where(ServiceProvider.join_code == code))


def set_staff(provider: ServiceProvider, user: User, role: str) -> bool:
    """Make `user` a manager or worker of the service. Returns whether anything changed."""
    if role not in STAFF_ROLES:
        raise ValueError(f"unknown staff role {role!r}")
    row = staff_row(provider.id, user.id)
    if row is not None:
        changed = row.role != role
        row.role = role
    else:
        db.session.add(ServiceStaff(provider_id=provider.id, user_id=user.id, role=role))
        changed = True
    db.session.flush()
    return changed


def remove_staff(provider: ServiceProvider, user: User) -> bool:
    """End someone's place in the service at once: their next request is refused."""
    result = db.session.execute(
        delete(ServiceStaff).where(
            ServiceStaff.provider_id == provider.id, ServiceStaff.user_id == user.id
        )
    )
    return bool(getattr(result, "rowcount", 0))


def staff_row(provider_id: int, user_id: int) -> ServiceStaff | None:
    return db.session.scalar(
        select(ServiceStaff).where(
            ServiceStaff.provider_id == provider_id, ServiceStaff.user_id == user_id
        )
    )


def staff_role(provider_id: int, user_id: int) -> str | None:
    row = staff_row(provider_id, user_id)
    return row.role if row is not None else None


def staff_places_of(user_id: int) -> list[ServiceStaff]:
    return list(
        db.session.scalars(
            select(ServiceStaff).where(ServiceStaff.user_id == user_id).order_by(ServiceStaff.id)
        )
    )
