"""Everything Keepwell holds about a person, as JSON they can keep.

Each capability adds its own section with `@exports("name")`, so a new kind of data
cannot be forgotten by the download (a test checks every table is covered)."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import datetime
from typing import Any, Protocol

from app.data.base import utcnow


class Person(Protocol):
    """Whose download it is (a `User`; only its id is needed here)."""

    id: int


Exporter = Callable[[Any], Any]  # (the person's User) -> their section
EXPORTERS: dict[str, Exporter] = {}
# Tables a person's download covers; the test compares this with the schema.
EXPORTED_TABLES: set[str] = set()
# Tables that hold no one's personal data (a public directory, say), declared by the
# capability that owns them, so the test can tell them from a forgotten table.
PUBLIC_TABLES: set[str] = set()


def exports(name: str, *tables: str) -> Callable[[Exporter], Exporter]:
    def register(function: Exporter) -> Exporter:
        EXPORTERS[name] = function
        EXPORTED_TABLES.update(tables)
        return function

    return register


def holds_no_personal_data(*tables: str) -> None:
    PUBLIC_TABLES.update(tables)


def iso(value: datetime | None) -> str | None:
    return value.isoformat() if value else None


def revision_rows(revisions: Iterable[Any], user: Person) -> list[dict[str, Any]]:
    """Every kept version of something (a plan part, an assessment), as downloaded."""
    return [
        {
            "version": r.version,
            "change": r.change,
            "by_you": r.author_id == user.id,
            "at_utc": iso(r.created_at_utc),
            "content": r.content,
        }
        for r in revisions
    ]


def export_person(user: Person) -> dict[str, Any]:
    return {
        "format": "keepwell-export",
        "version": 1,
        "exported_at_utc": iso(utcnow()),
        **{name: exporter(user) for name, exporter in EXPORTERS.items()},
    }
