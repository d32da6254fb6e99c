"""Invitations into a person's circle: made, listed, cancelled and accepted once."""

from __future__ import annotations

from datetime import datetime, timedelta

from sqlalchemy import select, update
from sqlalchemy.orm import selectinload

from app.data.accounts.models import User
from app.data.base import utcnow
from app.data.circle.members import set_permissions
from app.data.circle.models import (
    CircleMember,
    Invite,
)
from app.data.database import db

INVITE_LIFETIME = timedelta(days=7)


def create_invite(
    owner: User, *, role: str, label: str, permissions: set[str], code_hash: str
) -> Invite:
    now = utcnow()
    invite = Invite(
        owner_id=owner.id,
        code_hash=code_hash,
        role=role,
        label=label,
        permissions=sorted(permissions),
        created_at_utc=now,
        expires_at_utc=now + INVITE_LIFETIME,
    )
    db.session.add(invite)
    db.session.flush()
    return invite


def pending_invites(owner: User) -> list[Invite]:
    return list(
        db.session.scalars(
            select(Invite)
            .where(
                Invite.owner_id == owner.id,
                Invite.used_at_utc.is_(None),
                Invite.cancelled_at_utc.is_(None),
                Invite.expires_at_utc > utcnow(),
            )
            .order_by(Invite.created_at_utc.desc())
        )
    )


def cancel_invite_if_open(invite: Invite) -> bool:
    """Cancel an invite nobody has used yet; False if it was used or cancelled already."""
    if invite.used_at_utc is not None or invite.cancelled_at_utc is not None:
        return False
    invite.cancelled_at_utc = utcnow()
    db.session.flush()
    return True


def get_invite_for_owner(owner: User, invite_id: int) -> Invite | None:
    return db.session.scalar(
        select(Invite).where(Invite.id == invite_id, Invite.owner_id == owner.id)
    )


def find_invite(code_hash: str) -> Invite | None:
    return db.session.scalar(select(Invite).where(Invite.code_hash == code_hash))


def invite_problem(invite: Invite | None, now: datetime) -> str | None:
    """Why an invite cannot be used, or None if it can."""
    if invite is None:
        return "unknown"
    if invite.cancelled_at_utc is not None:
        return "cancelled"
    if invite.used_at_utc is not None:
        return "used"
    if invite.expires_at_utc <= now:
        return "expired"
    return None


def accept_invite(invite: Invite, member: User) -> tuple[CircleMember, bool] | None:
    """Join the circle, or (already in it) take the invite's permissions instead.
    Returns the membership and whether it already existed; None if the invite was used,
    cancelled or expired meanwhile.

    The invite is spent first, by one conditional UPDATE: of several people accepting
    the same code at the same moment, exactly one gets in."""
    spent = db.session.execute(
        update(Invite)
        .where(
            Invite.id == invite.id,
            Invite.used_at_utc.is_(None),
            Invite.cancelled_at_utc.is_(None),
            Invite.expires_at_utc > utcnow(),
        )
        .values(used_at_utc=utcnow(), accepted_by_id=member.id)
        .execution_options(synchronize_session=False)
    )
    if spent.rowcount != 1:  # type: ignore[attr-defined]
        return None
    existing = db.session.scalar(
        select(CircleMember)
        .where(CircleMember.owner_id == invite.owner_id, CircleMember.member_id == member.id)
        .options(selectinload(CircleMember.grants))
    )
    already = existing is not None and existing.active
    if existing is None:
        existing = CircleMember(owner_id=invite.owner_id, member_id=member.id, role=invite.role)
        db.session.add(existing)
    existing.role = invite.role
    existing.label = invite.label
    existing.ended_at_utc = None
    set_permissions(existing, set(invite.permissions))
    db.session.flush()
    db.session.expire(invite)  # its used_at_utc was set by the UPDATE above
    return existing, already
