"""The database session every data function uses. Only `app.data` and the places that
own a transaction (the request boundary in app/web.py, CLI commands, the reminder
dispatcher) touch it; routes call data functions instead (an import contract checks)."""

from __future__ import annotations

from typing import Any

from flask_sqlalchemy import SQLAlchemy
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.exc import SQLAlchemyError

from app.data.base import Base

db = SQLAlchemy(model_class=Base)


def insert_or_ignore(model: Any) -> Any:
    """An INSERT that quietly does nothing where it would break a unique constraint: how a
    data function lets two requests race to create the same row (a double-tapped button,
    two sign-ups with one username) without either failing. Savepoints would do the same
    on PostgreSQL, but on SQLite the first savepoint of a request commits when released,
    which would save part of a request that later fails."""
    dialect = db.session.get_bind().dialect.name
    make = postgresql.insert if dialect == "postgresql" else sqlite.insert
    return make(model).on_conflict_do_nothing()


def rollback_after_failure() -> None:
    """Forget a transaction the database broke off (it went away mid-request), so that
    what the request does next does not trip over it."""
    try:
        db.session.rollback()
    except SQLAlchemyError:
        db.session.close()
