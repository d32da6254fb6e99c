"""Per-connection database settings, and what the migrations know that the models do not."""

from __future__ import annotations

from typing import Any

from sqlalchemy import event
from sqlalchemy.engine import Engine


def configure_engine_events(engine: Engine) -> None:
    if engine.dialect.name != "sqlite":
        return

    @event.listens_for(engine, "connect")
    def _sqlite_pragmas(dbapi_connection: Any, _record: Any) -> None:
        cursor = dbapi_connection.cursor()
        # Foreign keys are off by default in SQLite; cascades and SET NULL need them.
        cursor.execute("PRAGMA foreign_keys=ON")
        # WAL lets readers carry on while one writer writes.
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA synchronous=NORMAL")
        cursor.execute("PRAGMA busy_timeout=5000")
        cursor.close()


# Schema objects a migration creates by hand that have no model: full-text search
# tables and columns, which differ between SQLite and PostgreSQL. Capabilities add
# theirs here; Alembic's autogenerate and the drift test then leave them alone.
UNMODELLED_TABLE_PREFIXES: set[str] = set()
UNMODELLED_COLUMNS: set[tuple[str, str]] = set()  # (table, column)
UNMODELLED_INDEXES: set[str] = set()


def include_object(
    obj: Any, name: str | None, type_: str, reflected: bool, compare_to: Any
) -> bool:
    """Alembic's `include_object` hook: skip the unmodelled objects listed above."""
    if name is None:
        return True
    if type_ == "table":
        return not any(name.startswith(prefix) for prefix in UNMODELLED_TABLE_PREFIXES)
    if type_ == "column":
        return (
            getattr(obj, "table", None) is None or (obj.table.name, name) not in UNMODELLED_COLUMNS
        )
    if type_ == "index":
        return name not in UNMODELLED_INDEXES
    return True
