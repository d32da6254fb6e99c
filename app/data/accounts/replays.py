"""Changes made offline, remembered by id so that sending one twice applies it once."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import delete
from sqlalchemy.exc import IntegrityError

from app.data.accounts.models import ReplayedChange
from app.data.base import utcnow
from app.data.database import db

KEEP_FOR = timedelta(days=90)  # longer than any offline copy is kept (30 days by default)


def claim_change(user_id: int, change_id: str) -> bool:
    """True the first time this change is sent, False ever after. The row is written
    at once, in this request's transaction: a second request with the same id waits on
    the unique key (PostgreSQL) or on the write lock (SQLite), then finds it taken."""
    if db.session.get(ReplayedChange, change_id) is not None:
        return False
    try:
        with db.session.begin_nested():
            db.session.add(ReplayedChange(change_id=change_id, user_id=user_id))
    except IntegrityError:
        return False
    _forget_old_changes(user_id)  # this person's, long since sent: tidied as they go
    return True


def _forget_old_changes(user_id: int) -> None:
    db.session.execute(
        delete(ReplayedChange).where(
            ReplayedChange.user_id == user_id,
            ReplayedChange.created_at_utc < utcnow() - KEEP_FOR,
        )
    )
