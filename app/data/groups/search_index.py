"""Keeping the directory's full-text index in step with the listings.

The index is not a model: migration 0003 makes an FTS5 table (`services_fts`) on
SQLite and a `services.search_vector` tsvector column with a GIN index on PostgreSQL.
On SQLite each service's row is numbered by a digest of its id (`search.fts_rowid`,
since migration 0011), so a search can read which services match by number alone.
Every function that writes a listing calls `refresh_search_index` with the ids it
touched, in the same transaction, so the index can never lag behind a listing. A
deleted service leaves the index by itself (a trigger on SQLite; with its row on
PostgreSQL).
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import cache

from flask_babel import force_locale, get_babel
from sqlalchemy import bindparam, select, text
from sqlalchemy.orm import selectinload

from app.data.database import db
from app.data.db_setup import (
    UNMODELLED_COLUMNS,
    UNMODELLED_INDEXES,
    UNMODELLED_TABLE_PREFIXES,
)
from app.data.groups import taxonomy
from app.data.groups.models import Service, ServiceAtLocation, ServiceAttribute
from app.data.groups.search import document, fts_rowid

UNMODELLED_TABLE_PREFIXES.add("services_fts")
UNMODELLED_COLUMNS.add(("services", "search_vector"))
UNMODELLED_INDEXES.add("ix_services_search_vector")


@cache
def _term_words(term_id: str) -> str:
    """Our own terms are searchable in every language we ship ("garddio" and
    "ogrodnictwo" find gardening)."""
    term = taxonomy.TERMS_BY_ID.get(term_id)
    if term is None:
        return ""
    words = [term.name]
    for locale in get_babel().instance.list_translations():
        with force_locale(str(locale)):
            words.append(str(term.label))
    return " ".join(words)


def service_document(service: Service) -> str:
    parts: list[str | None] = [
        service.name,
        service.organization.name if service.organization else "",
        service.description,
        service.eligibility_description,
    ]
    for attribute in service.attributes:
        parts.append(_term_words(attribute.taxonomy_term_id) or attribute.taxonomy_term.name)
    for link in service.service_at_locations:
        parts.extend([link.location.name, link.location.city])
    parts.extend(language.name for language in service.languages)
    return document(parts)


def refresh_search_index(service_ids: Iterable[str]) -> None:
    ids = sorted(set(service_ids))
    if not ids:
        return
    services = db.session.scalars(
        select(Service)
        .where(Service.id.in_(ids))
        .options(
            selectinload(Service.attributes).joinedload(ServiceAttribute.taxonomy_term),
            selectinload(Service.service_at_locations).joinedload(ServiceAtLocation.location),
            selectinload(Service.languages),
        )
    ).all()
    rows = [
        {"rowid": fts_rowid(s.id), "service_id": s.id, "body": service_document(s)}
        for s in services
    ]
    if db.session.get_bind().dialect.name == "sqlite":
        db.session.execute(
            text("DELETE FROM services_fts WHERE rowid IN :rowids").bindparams(
                bindparam("rowids", expanding=True)
            ),
            {"rowids": [fts_rowid(service_id) for service_id in ids]},
        )
        if rows:
            db.session.execute(
                text(
                    "INSERT INTO services_fts (rowid, service_id, body) "
                    "VALUES (:rowid, :service_id, :body)"
                ),
                rows,
            )
    elif rows:
        db.session.execute(
            text(
                "UPDATE services SET search_vector = to_tsvector('simple', :body) "
                "WHERE id = :service_id"
            ),
            rows,
        )
