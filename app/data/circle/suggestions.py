"""Changes a member suggests to a part; nothing changes until the person decides."""

from __future__ import annotations

from sqlalchemy import select

from app.data.accounts.models import User
from app.data.base import utcnow
from app.data.circle.access_log import log_access
from app.data.circle.models import (
    Suggestion,
)
from app.data.database import db


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
    db.session.flush()
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
