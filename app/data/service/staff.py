"""Services and their staff: made from the command line or by invite, read by the access
policy."""

from __future__ import annotations

import secrets
from datetime import timedelta
from typing import Any

from sqlalchemy import Exists, delete, exists, select, update

from app.data.accounts.models import User
from app.data.base import utcnow
from app.data.database import db
from app.data.export import holds_no_personal_data
from app.data.service.models import (
    MANAGER,
    STAFF_ROLES,
    ServiceProvider,
    ServiceStaff,
    ServiceStaffInvite,
)

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


def is_staff_anywhere(user_id: Any) -> Exists:
    """Whether this person is on any service's staff, as a clause the session query asks
    (app/auth/sessions.py), so the menu needs no query of its own."""
    return exists().where(ServiceStaff.user_id == user_id)


def staff_places_of(user_id: int) -> list[ServiceStaff]:
    return list(
        db.session.scalars(
            select(ServiceStaff).where(ServiceStaff.user_id == user_id).order_by(ServiceStaff.id)
        )
    )


# Staff invites -----------------------------------------------------------------------------

INVITE_LIFETIME = timedelta(days=7)


class InviteProblem(Exception):
    """Why a staff invite code cannot be used: "unknown", "expired" or "used"."""


def create_staff_invite(
    provider: ServiceProvider, role: str, code_hash: str, created_by: User
) -> ServiceStaffInvite:
    if role not in STAFF_ROLES:
        raise ValueError(f"unknown staff role {role!r}")
    invite = ServiceStaffInvite(
        provider_id=provider.id,
        code_hash=code_hash,
        role=role,
        created_by_id=created_by.id,
        expires_at_utc=utcnow() + INVITE_LIFETIME,
    )
    db.session.add(invite)
    db.session.flush()
    return invite


def usable_staff_invite(code_hash: str) -> ServiceStaffInvite:
    invite = db.session.scalar(
        select(ServiceStaffInvite).where(ServiceStaffInvite.code_hash == code_hash)
    )
    if invite is None:
        raise InviteProblem("unknown")
    if invite.used_at_utc is not None:
        raise InviteProblem("used")
    if invite.expires_at_utc <= utcnow():
        raise InviteProblem("expired")
    return invite


def accept_staff_invite(invite: ServiceStaffInvite, user: User) -> None:
    """Use the invite once: a guarded UPDATE, so two people racing with one code cannot
    both join; the loser is told the code was used."""
    result = db.session.execute(
        update(ServiceStaffInvite)
        .where(ServiceStaffInvite.id == invite.id, ServiceStaffInvite.used_at_utc.is_(None))
        .values(used_at_utc=utcnow(), used_by_id=user.id)
    )
    if not getattr(result, "rowcount", 0):
        raise InviteProblem("used")
    if staff_row(invite.provider_id, user.id) is None:
        db.session.add(
            ServiceStaff(provider_id=invite.provider_id, user_id=user.id, role=invite.role)
        )
        db.session.flush()


def staff_of(provider_id: int) -> list[ServiceStaff]:
    return list(
        db.session.scalars(
            select(ServiceStaff)
            .where(ServiceStaff.provider_id == provider_id)
            .order_by(ServiceStaff.role, ServiceStaff.id)
        )
    )


def get_staff_row(staff_id: int) -> ServiceStaff | None:
    return db.session.get(ServiceStaff, staff_id)


def managers_left_without(row: ServiceStaff) -> int:
    """How many managers the service would have if this row went."""
    others = [r for r in staff_of(row.provider_id) if r.role == MANAGER and r.id != row.id]
    return len(others)


def delete_staff_row(row: ServiceStaff) -> None:
    db.session.execute(delete(ServiceStaff).where(ServiceStaff.id == row.id))


def invites_made_by(user_id: int) -> list[ServiceStaffInvite]:
    return list(
        db.session.scalars(
            select(ServiceStaffInvite)
            .where(ServiceStaffInvite.created_by_id == user_id)
            .order_by(ServiceStaffInvite.id)
        )
    )
