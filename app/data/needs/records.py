"""Communication needs (the Accessible Information Standard): read and write a person's
record. Which needs exist and their NHS codes are decided by app/needs/vocabulary.py;
this module stores what it is given."""

from __future__ import annotations

from collections.abc import Collection, Iterable
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import Exists, delete, exists, or_, select

from app.data.base import utcnow
from app.data.database import db
from app.data.needs.models import CommunicationNeed, CommunicationNeeds


@dataclass(frozen=True)
class NeedValues:
    """One need as it is to be stored: coded (key, SNOMED CT id and term) or own words."""

    key: str = ""
    snomed_id: str | None = None
    snomed_term: str = ""
    own_words: str = ""


def communication_needs(owner_id: int) -> CommunicationNeeds | None:
    return db.session.scalar(
        select(CommunicationNeeds).where(CommunicationNeeds.owner_id == owner_id)
    )


def needs_easy_read(owner_id: Any) -> Exists:
    """Whether the person has said they need easy read, as a clause the session query
    asks (app/auth/sessions.py), so every page needs no query of its own."""
    return exists().where(
        CommunicationNeed.owner_id == owner_id, CommunicationNeed.key == "easy_read"
    )


def needs_of_many(
    owner_ids: Collection[int],
) -> dict[int, tuple[CommunicationNeeds | None, list[CommunicationNeed]]]:
    """`communication_needs` and `need_items` for many people, in two queries."""
    ids = list(owner_ids)
    found: dict[int, tuple[CommunicationNeeds | None, list[CommunicationNeed]]] = {
        owner: (None, []) for owner in ids
    }
    if not ids:
        return found
    for record in db.session.scalars(
        select(CommunicationNeeds).where(CommunicationNeeds.owner_id.in_(ids))
    ):
        found[record.owner_id] = (record, found[record.owner_id][1])
    for item in db.session.scalars(
        select(CommunicationNeed)
        .where(CommunicationNeed.owner_id.in_(ids))
        .order_by(CommunicationNeed.id)
    ):
        found[item.owner_id][1].append(item)
    return found


def need_items(owner_id: int, kind: str | None = None) -> list[CommunicationNeed]:
    query = select(CommunicationNeed).where(CommunicationNeed.owner_id == owner_id)
    if kind is not None:
        query = query.where(CommunicationNeed.kind == kind)
    return list(db.session.scalars(query.order_by(CommunicationNeed.id)))


def _record(owner_id: int) -> CommunicationNeeds:
    record = communication_needs(owner_id)
    if record is None:
        record = CommunicationNeeds(owner_id=owner_id, language="", notes="")
        db.session.add(record)
        db.session.flush()
    return record


def _touched(record: CommunicationNeeds) -> None:
    now = utcnow()
    record.updated_at_utc = now
    # Answering a question is being asked; changing the record is checking it is right.
    record.asked_at_utc = record.asked_at_utc or now
    record.checked_at_utc = now


def replace_needs(owner_id: int, kind: str, values: Iterable[NeedValues]) -> None:
    """The person's answer to one question replaces their earlier answer to it."""
    record = _record(owner_id)
    db.session.execute(
        delete(CommunicationNeed).where(
            CommunicationNeed.owner_id == owner_id, CommunicationNeed.kind == kind
        )
    )
    for value in values:
        db.session.add(
            CommunicationNeed(
                owner_id=owner_id,
                kind=kind,
                key=value.key,
                snomed_id=value.snomed_id,
                snomed_term=value.snomed_term,
                own_words=value.own_words,
            )
        )
    _touched(record)
    db.session.flush()


def recode_need(item: CommunicationNeed, value: NeedValues) -> None:
    """A need whose code depends on another answer (an interpreter, on the language)."""
    item.snomed_id = value.snomed_id
    item.snomed_term = value.snomed_term
    db.session.flush()


def save_language(owner_id: int, language: str) -> None:
    record = _record(owner_id)
    record.language = language
    _touched(record)
    db.session.flush()


def save_notes(owner_id: int, notes: str) -> None:
    record = _record(owner_id)
    record.notes = notes
    _touched(record)
    db.session.flush()


def mark_asked(owner_id: int) -> None:
    """The person saw the questions after signing up, whether they answered or not."""
    record = _record(owner_id)
    record.asked_at_utc = record.asked_at_utc or utcnow()
    db.session.flush()


def mark_checked(owner_id: int, when: datetime | None = None) -> None:
    """The person says their needs are still right (the yearly review)."""
    record = _record(owner_id)
    record.checked_at_utc = when or utcnow()
    record.asked_at_utc = record.asked_at_utc or record.checked_at_utc
    db.session.flush()


def circle_changed_since(owner_id: int, when: datetime) -> bool:
    """Has anyone joined or left the person's circle since then? (Who should know their
    needs may have changed, so it is a time to check them.)"""
    from app.data.circle.models import CircleMember

    changed = select(CircleMember.id).where(
        CircleMember.owner_id == owner_id,
        or_(CircleMember.created_at_utc > when, CircleMember.ended_at_utc > when),
    )
    return db.session.scalar(select(changed.exists())) or False
