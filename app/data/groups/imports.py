"""Storing one imported service and everything under it, whole or not at all.

The feed's records are checked and turned into rows by app/groups/feed.py; this writes
those rows (an upsert by id), each service in its own savepoint."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import delete, insert, select, update
from sqlalchemy.exc import SQLAlchemyError

from app.data.base import utcnow
from app.data.database import db
from app.data.groups import taxonomy
from app.data.groups.listings import ensure_taxonomies
from app.data.groups.models import (
    Accessibility,
    Contact,
    CostOption,
    Language,
    Location,
    Organization,
    Phone,
    Schedule,
    Service,
    ServiceAtLocation,
    ServiceAttribute,
    Taxonomy,
    TaxonomyTerm,
)
from app.data.groups.search_index import refresh_search_index

MISSING = object()  # no service with that id is stored yet


@dataclass
class ServiceRows:
    """One service and everything under it, as row values ready to write."""

    service: dict[str, Any]
    organization: dict[str, Any]
    locations: list[dict[str, Any]] = field(default_factory=list)
    accessibility: list[dict[str, Any]] = field(default_factory=list)
    links: list[dict[str, Any]] = field(default_factory=list)
    schedules: list[dict[str, Any]] = field(default_factory=list)
    taxonomies: list[dict[str, Any]] = field(default_factory=list)
    terms: list[dict[str, Any]] = field(default_factory=list)
    attributes: list[dict[str, Any]] = field(default_factory=list)
    contacts: list[dict[str, Any]] = field(default_factory=list)
    phones: list[dict[str, Any]] = field(default_factory=list)
    cost_options: list[dict[str, Any]] = field(default_factory=list)
    languages: list[dict[str, Any]] = field(default_factory=list)


class Clash(Exception):
    """The service's rows clash with rows already stored (a shared id, say)."""


def prepare_import() -> None:
    """Our own taxonomies exist before any feed refers to them."""
    ensure_taxonomies()


def stored_source_hash(service_id: str) -> object:
    """The digest of the record this service was last imported from: None for a listing
    entered by hand, MISSING if there is no such service."""
    row = db.session.execute(select(Service.source_hash).where(Service.id == service_id)).first()
    return MISSING if row is None else row.source_hash


def store_service(rows: ServiceRows, digest: str, *, is_new: bool) -> None:
    """Write the service whole, or nothing of it (raises Clash)."""
    savepoint = db.session.begin_nested()
    try:
        _write(rows, digest, is_new=is_new)
        savepoint.commit()
    except SQLAlchemyError as error:
        savepoint.rollback()
        raise Clash(str(getattr(error, "orig", error)).splitlines()[0][:200]) from error


def index_services(service_ids: list[str]) -> None:
    """The search words of newly stored services, in the same transaction as their rows."""
    refresh_search_index(service_ids)


def _upsert(model: Any, values: dict[str, Any]) -> None:
    found = db.session.execute(select(model.id).where(model.id == values["id"])).first()
    if found is None:
        db.session.execute(insert(model), [values])
    else:
        db.session.execute(update(model).where(model.id == values["id"]).values(**values))


def _write(checked: ServiceRows, digest: str, is_new: bool) -> None:
    _upsert(Organization, checked.organization)
    # Our own taxonomies are defined by taxonomy.py; a feed may use them, not rewrite them.
    ours = {t.id for t in taxonomy.TAXONOMIES} | set(taxonomy.TERMS_BY_ID)
    for row in _unique(checked.taxonomies):
        if row["id"] not in ours:
            _upsert(Taxonomy, row)
    for row in _unique(checked.terms):
        if row["id"] not in ours:
            _upsert(TaxonomyTerm, row)
    for row in _unique(checked.locations):
        _upsert(Location, row)
    sid = checked.service["id"]
    values = {**checked.service, "source_hash": digest, "last_modified": utcnow()}
    if is_new:
        db.session.execute(insert(Service), [values])
    else:
        db.session.execute(update(Service).where(Service.id == sid).values(**values))
        # Children are the feed's to say: what it no longer lists goes.
        for model in (
            Schedule,
            Phone,
            Contact,
            CostOption,
            Language,
            ServiceAttribute,
            ServiceAtLocation,
        ):
            db.session.execute(delete(model).where(model.service_id == sid))
    location_ids = sorted({row["id"] for row in checked.locations})
    if location_ids:
        db.session.execute(delete(Accessibility).where(Accessibility.location_id.in_(location_ids)))
    link_ids = {row["id"] for row in checked.links}
    for row in checked.schedules:
        if row["service_at_location_id"] not in link_ids:
            row["service_at_location_id"] = None
    children: tuple[tuple[Any, list[dict[str, Any]]], ...] = (
        (Accessibility, checked.accessibility),
        (ServiceAtLocation, checked.links),
        (Schedule, checked.schedules),
        (ServiceAttribute, checked.attributes),
        (Contact, checked.contacts),
        (Phone, checked.phones),
        (CostOption, checked.cost_options),
        (Language, checked.languages),
    )
    for model, rows in children:
        if rows:
            db.session.execute(insert(model), rows)


def _unique(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    by_id = {row["id"]: row for row in rows}
    return list(by_id.values())
