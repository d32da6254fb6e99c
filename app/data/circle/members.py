"""Members of a person's circle and what each may do, People I support, and pausing."""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Exists, exists, func, select
from sqlalchemy.orm import selectinload

from app.data.accounts.models import User
from app.data.base import utcnow
from app.data.circle.models import (
    CircleMember,
    Grant,
    SharingPause,
)
from app.data.database import db


@dataclass(frozen=True)
class Standing:
    """What one person may do with another's data, read in one query per request."""

    member_row_id: int
    role: str
    active: bool
    paused: bool
    permissions: frozenset[str]


def standing(owner_id: int, member_id: int) -> Standing | None:
    return standings([owner_id], member_id)[owner_id]


def standings(owner_ids: Collection[int], member_id: int) -> dict[int, Standing | None]:
    """`standing` for many owners at once, in two queries whatever their number (People
    I support lists a page of them): every owner asked has an answer, None if none."""
    found: dict[int, Standing | None] = dict.fromkeys(owner_ids)
    if not found:
        return found
    rows = db.session.execute(
        select(
            CircleMember.owner_id,
            CircleMember.id,
            CircleMember.role,
            CircleMember.ended_at_utc,
            exists().where(SharingPause.owner_id == CircleMember.owner_id).label("paused"),
        ).where(CircleMember.owner_id.in_(list(found)), CircleMember.member_id == member_id)
    ).all()
    held: dict[int, set[str]] = {row.id: set() for row in rows if row.ended_at_utc is None}
    if held:
        for row_id, permission in db.session.execute(
            select(Grant.circle_member_id, Grant.permission).where(
                Grant.circle_member_id.in_(list(held))
            )
        ):
            held[row_id].add(permission)
    for row in rows:
        found[row.owner_id] = Standing(
            member_row_id=row.id,
            role=row.role,
            active=row.ended_at_utc is None,
            paused=bool(row.paused),
            permissions=frozenset(held.get(row.id, ())),  # none once access has ended
        )
    return found


# Members --------------------------------------------------------------------------------


def supports_anyone(member_id: Any) -> Exists:
    """Whether this person is in anyone's circle, as a clause (see find_device_session)."""
    return exists().where(CircleMember.member_id == member_id, CircleMember.ended_at_utc.is_(None))


def does_support_anyone(member_id: int) -> bool:
    return bool(db.session.scalar(select(supports_anyone(member_id))))


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
