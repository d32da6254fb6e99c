"""Who looked: every view and change by someone other than the person, append-only."""

from __future__ import annotations

from sqlalchemy import select

from app.data.accounts.models import User
from app.data.circle.models import (
    AccessLogEntry,
)
from app.data.database import db


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
