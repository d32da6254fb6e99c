"""Reading and writing a person's circle: members and their grants, invitations,
pausing, the access log, suggestions, "I need help" alerts and communication needs."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import Exists, exists, func, select
from sqlalchemy.orm import selectinload
from sqlalchemy.sql.elements import ColumnElement

from app.data.base import utcnow
from app.data.circle import (
    AccessLogEntry,
    CircleMember,
    CommunicationNeeds,
    Grant,
    HelpAlert,
    HelpAlertRecipient,
    Invite,
    SharingPause,
    Suggestion,
)
from app.data.models import User
from app.extensions import db

INVITE_LIFETIME = timedelta(days=7)
HELP_ALERT = "help_alerts"


@dataclass(frozen=True)
class Standing:
    """What one person may do with another's data, read in one query per request."""

    member_row_id: int
    role: str
    active: bool
    paused: bool
    permissions: frozenset[str]


def standing(owner_id: int, member_id: int) -> Standing | None:
    row = db.session.execute(
        select(
            CircleMember.id,
            CircleMember.role,
            CircleMember.ended_at_utc,
            exists().where(SharingPause.owner_id == owner_id).label("paused"),
        ).where(CircleMember.owner_id == owner_id, CircleMember.member_id == member_id)
    ).first()
    if row is None:
        return None
    permissions = db.session.scalars(
        select(Grant.permission).where(Grant.circle_member_id == row.id)
    ).all()
    return Standing(
        member_row_id=row.id,
        role=row.role,
        active=row.ended_at_utc is None,
        paused=bool(row.paused),
        permissions=frozenset(permissions) if row.ended_at_utc is None else frozenset(),
    )


# Members --------------------------------------------------------------------------------


def list_members(owner: User, *, include_ended: bool = False) -> list[CircleMember]:
    query = (
        select(CircleMember)
        .where(CircleMember.owner_id == owner.id)
        .options(selectinload(CircleMember.grants), selectinload(CircleMember.member))
        .order_by(CircleMember.created_at_utc)
    )
    if not include_ended:
        query = query.where(CircleMember.ended_at_utc.is_(None))
    return list(db.session.scalars(query))


def get_member_for_owner(owner: User, member_row_id: int) -> CircleMember | None:
    return db.session.scalar(
        select(CircleMember)
        .where(
            CircleMember.id == member_row_id,
            CircleMember.owner_id == owner.id,
            CircleMember.ended_at_utc.is_(None),
        )
        .options(selectinload(CircleMember.grants))
    )


def set_permissions(member: CircleMember, permissions: set[str]) -> None:
    current = {grant.permission: grant for grant in member.grants}
    for key in set(current) - permissions:
        member.grants.remove(current[key])
    for key in sorted(permissions - set(current)):
        member.grants.append(Grant(permission=key))


def end_membership(member: CircleMember) -> None:
    member.ended_at_utc = utcnow()
    member.grants.clear()


def people_i_support(member: User) -> list[CircleMember]:
    """Everyone who shares with this person, with what they share, in two queries."""
    return list(
        db.session.scalars(
            select(CircleMember)
            .where(CircleMember.member_id == member.id, CircleMember.ended_at_utc.is_(None))
            .options(selectinload(CircleMember.grants), selectinload(CircleMember.owner))
            .order_by(CircleMember.created_at_utc)
        )
    )


@dataclass(frozen=True)
class SupportedPerson:
    owner_id: int
    name: str
    role: str
    shared: int  # how many things they share
    paused: bool


@dataclass(frozen=True)
class SupportedPage:
    people: list[SupportedPerson]
    total: int  # matching the name, on every page
    page: int
    pages: int


def supported_people(
    member_id: int, *, page: int = 1, per_page: int = 20, name: str = ""
) -> SupportedPage:
    """One page of the people who share with this member, by name, each with how many
    things they share and whether sharing is paused, and how many match in all: one
    query, whatever the count (a peer mentor may support hundreds)."""
    shown_name = func.coalesce(func.nullif(User.display_name, ""), User.username, "")
    shared = (
        select(func.count(Grant.id))
        .where(Grant.circle_member_id == CircleMember.id)
        .correlate(CircleMember)
        .scalar_subquery()
    )
    paused = exists().where(SharingPause.owner_id == CircleMember.owner_id)
    query = (
        select(
            CircleMember.owner_id,
            shown_name,
            CircleMember.role,
            shared,
            paused,
            func.count().over(),
        )
        .join(User, User.id == CircleMember.owner_id)
        .where(CircleMember.member_id == member_id, CircleMember.ended_at_utc.is_(None))
    )
    if name:
        query = query.where(func.lower(shown_name).contains(name.lower(), autoescape=True))
    rows = db.session.execute(
        query.order_by(func.lower(shown_name), CircleMember.id)
        .limit(per_page)
        .offset((page - 1) * per_page)
    ).all()
    if rows:
        total = int(rows[0][5])
    else:  # past the last page: count them to say how many pages there are
        total = db.session.scalar(select(func.count()).select_from(query.subquery())) or 0
    people = [SupportedPerson(r[0], r[1], r[2], int(r[3]), bool(r[4])) for r in rows]
    return SupportedPage(people, total, page, max(1, -(-total // per_page)))


# Pausing --------------------------------------------------------------------------------


def is_paused(owner_id: int) -> bool:
    return db.session.scalar(select(exists().where(SharingPause.owner_id == owner_id))) or False


def pause_sharing(owner: User) -> None:
    if not is_paused(owner.id):
        db.session.add(SharingPause(owner_id=owner.id))


def resume_sharing(owner: User) -> None:
    pause = db.session.scalar(select(SharingPause).where(SharingPause.owner_id == owner.id))
    if pause is not None:
        db.session.delete(pause)


# Invites --------------------------------------------------------------------------------


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


def accept_invite(invite: Invite, member: User) -> tuple[CircleMember, bool]:
    """Join the circle, or (already in it) take the invite's permissions instead.
    Returns the membership and whether it already existed."""
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
    invite.used_at_utc = utcnow()
    invite.accepted_by_id = member.id
    db.session.flush()
    return existing, already


# The access log -------------------------------------------------------------------------


def log_access(owner_id: int, actor: User, area: str, action: str, detail: str = "") -> None:
    """Add an entry to the current transaction, so it commits (or not) with the change."""
    db.session.add(
        AccessLogEntry(
            owner_id=owner_id,
            actor_id=actor.id,
            actor_name=(actor.name_to_show or "")[:80],
            area=area[:60],
            action=action,
            detail=detail[:200],
        )
    )


def access_log(owner: User, *, limit: int = 200) -> list[AccessLogEntry]:
    return list(
        db.session.scalars(
            select(AccessLogEntry)
            .where(AccessLogEntry.owner_id == owner.id)
            .order_by(AccessLogEntry.at_utc.desc(), AccessLogEntry.id.desc())
            .limit(limit)
        )
    )


# Suggestions ----------------------------------------------------------------------------


def create_suggestion(
    owner_id: int,
    author: User,
    *,
    part_key: str,
    section_key: str,
    entry_id: str | None,
    values: dict[str, str],
    note: str,
) -> Suggestion:
    suggestion = Suggestion(
        owner_id=owner_id,
        author_id=author.id,
        author_name=(author.name_to_show or "")[:80],
        part_key=part_key,
        section_key=section_key,
        entry_id=entry_id,
        values=values,
        note=note,
    )
    db.session.add(suggestion)
    log_access(owner_id, author, f"plan_part:{part_key}", "suggest")
    db.session.commit()
    return suggestion


def pending_suggestions(owner_id: int, part_key: str | None = None) -> list[Suggestion]:
    query = select(Suggestion).where(
        Suggestion.owner_id == owner_id, Suggestion.status == "pending"
    )
    if part_key is not None:
        query = query.where(Suggestion.part_key == part_key)
    return list(db.session.scalars(query.order_by(Suggestion.created_at_utc)))


def get_suggestion(owner_id: int, suggestion_id: int) -> Suggestion | None:
    return db.session.scalar(
        select(Suggestion).where(Suggestion.id == suggestion_id, Suggestion.owner_id == owner_id)
    )


def close_suggestion(suggestion: Suggestion, status: str) -> None:
    suggestion.status = status
    suggestion.decided_at_utc = utcnow()


# "I need help" --------------------------------------------------------------------------


def alerts_since(owner: User, since: datetime) -> int:
    return (
        db.session.scalar(
            select(func.count())
            .select_from(HelpAlert)
            .where(HelpAlert.owner_id == owner.id, HelpAlert.created_at_utc >= since)
        )
        or 0
    )


def alert_recipients(owner: User) -> list[CircleMember]:
    if is_paused(owner.id):
        return []
    return [m for m in list_members(owner) if HELP_ALERT in m.permissions]


def create_help_alert(owner: User) -> HelpAlert:
    alert = HelpAlert(owner_id=owner.id)
    for member in alert_recipients(owner):
        alert.recipients.append(
            HelpAlertRecipient(
                member_id=member.member_id,
                member_name=(member.label or member.member.name_to_show or "")[:80],
            )
        )
    db.session.add(alert)
    db.session.flush()
    return alert


ALERT_SHOWN_FOR = timedelta(days=2)  # an unseen alert's banner stays this long


def _unseen_alert(member_id: Any) -> list[ColumnElement[bool]]:
    return [
        HelpAlertRecipient.member_id == member_id,
        HelpAlertRecipient.seen_at_utc.is_(None),
        HelpAlert.created_at_utc >= utcnow() - ALERT_SHOWN_FOR,
    ]


def has_unseen_alerts(member_id: Any) -> Exists:
    """Whether a banner is needed, as a clause, so the session query can ask it."""
    return exists().where(HelpAlertRecipient.alert_id == HelpAlert.id, *_unseen_alert(member_id))


def unseen_alerts_for(member: User) -> list[HelpAlert]:
    return list(
        db.session.scalars(
            select(HelpAlert)
            .join(HelpAlertRecipient, HelpAlertRecipient.alert_id == HelpAlert.id)
            .where(*_unseen_alert(member.id))
            .options(selectinload(HelpAlert.owner))
            .order_by(HelpAlert.created_at_utc.desc())
        )
    )


def mark_alert_seen(member: User, alert_id: int) -> bool:
    recipient = db.session.scalar(
        select(HelpAlertRecipient).where(
            HelpAlertRecipient.alert_id == alert_id, HelpAlertRecipient.member_id == member.id
        )
    )
    if recipient is None:
        return False
    recipient.seen_at_utc = recipient.seen_at_utc or utcnow()
    return True


# Communication needs --------------------------------------------------------------------


def communication_needs(owner_id: int) -> CommunicationNeeds | None:
    return db.session.scalar(
        select(CommunicationNeeds).where(CommunicationNeeds.owner_id == owner_id)
    )


def save_communication_needs(owner: User, needs: list[str], language: str, notes: str) -> None:
    record = communication_needs(owner.id)
    if record is None:
        record = CommunicationNeeds(owner_id=owner.id)
        db.session.add(record)
    record.needs = needs
    record.language = language
    record.notes = notes
    record.updated_at_utc = utcnow()
