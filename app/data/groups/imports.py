"""Storing one imported service and everything under it, whole or not at all.

The feed's records are checked and turned into rows by app/groups/feed.py; this writes
those rows (an upsert by id), each service in its own savepoint.

Ownership: every listing, organisation and place records the feed (publisher) it came
from. A feed adds and updates only its own: an id that belongs to another feed, to a
listing a service manager entered, or to a demo listing is refused with the reason, and
nothing of that service is written. Taxonomy terms are shared vocabulary: a feed may add
a term nobody has, never rewrite one that is stored."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import delete, insert, literal, select, text, union_all, update
from sqlalchemy.exc import SQLAlchemyError

from app.data.base import utcnow
from app.data.database import db
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
    seen: dict[str, dict[str, Any]] = field(default_factory=dict)  # kind -> id -> entity


@dataclass(frozen=True)
class Owner:
    """Who owns a stored listing, and the record its feed last sent."""

    publisher: str | None
    is_demo: bool
    source_hash: str | None
    source_record: str | None


@dataclass
class Known:
    """What one import run has already learnt, so a feed of 10,000 listings from 700
    organisations asks about each organisation, place and term once. Ids are added only
    once the service that wrote them is stored."""

    publisher: str
    mine: set[str] = field(default_factory=set)  # organisations and places of this feed
    taxonomies: set[str] = field(default_factory=set)
    terms: set[str] = field(default_factory=set)


class Clash(Exception):
    """The service's rows clash with rows already stored. `owner` is set when the entity
    belongs to another feed or to a service manager (`owned`); otherwise the id is used
    by another listing. `detail` is the database's own words, when it refused."""

    def __init__(
        self,
        entity: str,
        entity_id: str,
        *,
        owned: bool = False,
        owner: str | None = None,
        detail: str = "",
    ) -> None:
        super().__init__(f"{entity} {entity_id}: {detail or owner or 'taken'}")
        self.entity, self.entity_id, self.owned, self.owner = entity, entity_id, owned, owner
        self.detail = detail


def prepare_import() -> None:
    """Our own taxonomies exist before any feed refers to them."""
    ensure_taxonomies()


# The directory's tables, whose planner statistics an import brings up to date.
DIRECTORY_MODELS = (
    Organization,
    Service,
    Location,
    ServiceAtLocation,
    ServiceAttribute,
    Schedule,
    CostOption,
    Language,
    Phone,
    Contact,
    Accessibility,
)


def refresh_statistics() -> None:
    """After an import, what the database knows of the directory's tables (how many
    rows, how they spread), so that searches over the listings that just arrived are
    planned well at once. Without it, a search over 10,000 newly imported listings read
    every row of three tables on PostgreSQL until autovacuum came round (issue 16), and
    SQLite, which never gathers statistics by itself, chose the status index over the
    place's. The table names are the models' own, never input."""
    for model in DIRECTORY_MODELS:
        db.session.execute(text(f"ANALYZE {model.__tablename__}"))


def stored_owner(service_id: str) -> Owner | None:
    """Who owns the stored listing with this id (None: there is none)."""
    row = db.session.execute(
        select(
            Service.publisher, Service.is_demo, Service.source_hash, Service.source_record
        ).where(Service.id == service_id)
    ).first()
    return None if row is None else Owner(*row)


def store_service(
    rows: ServiceRows, source: dict[str, Any], digest: str, *, known: Known, is_new: bool
) -> None:
    """Write the service whole, as `known.publisher`'s, or nothing of it (raises Clash
    with the reason)."""
    _check_ownership(rows, known)
    savepoint = db.session.begin_nested()
    try:
        terms = _write(rows, source, digest, known=known, is_new=is_new)
        savepoint.commit()
        known.mine.add(rows.organization["id"])
        known.mine.update(row["id"] for row in rows.locations)
        known.taxonomies.update(row["id"] for row in rows.taxonomies)
        known.terms.update(terms)
    except SQLAlchemyError as error:
        savepoint.rollback()
        detail = str(getattr(error, "orig", error)).splitlines()[0][:200]
        raise Clash("service", str(rows.service["id"]), detail=detail) from error


def _check_ownership(rows: ServiceRows, known: Known) -> None:
    """Refuse, before writing anything, ids this feed does not own."""
    publisher = known.publisher
    if rows.organization["id"] not in known.mine:
        organization = db.session.execute(
            select(Organization.publisher).where(Organization.id == rows.organization["id"])
        ).first()
        if organization is not None and organization.publisher != publisher:
            raise Clash(
                "organization", rows.organization["id"], owned=True, owner=organization.publisher
            )
    location_ids = sorted({row["id"] for row in rows.locations})
    unknown = [lid for lid in location_ids if lid not in known.mine]
    if unknown:
        for lid, owner in db.session.execute(
            select(Location.id, Location.publisher).where(Location.id.in_(unknown))
        ):
            if owner != publisher:
                raise Clash("location", lid, owned=True, owner=owner)
    sid = rows.service["id"]
    children: tuple[tuple[str, Any, list[dict[str, Any]]], ...] = (
        ("service_at_location", ServiceAtLocation, rows.links),
        ("schedule", Schedule, rows.schedules),
        ("attribute", ServiceAttribute, rows.attributes),
        ("contact", Contact, rows.contacts),
        ("phone", Phone, rows.phones),
        ("cost_option", CostOption, rows.cost_options),
        ("language", Language, rows.languages),
    )
    # One query for every kind of child: an id another listing already uses.
    taken_anywhere = [
        select(literal(name).label("kind"), model.id).where(
            model.id.in_([row["id"] for row in items]), model.service_id != sid
        )
        for name, model, items in children
        if items
    ]
    if taken_anywhere:
        clash = db.session.execute(union_all(*taken_anywhere).limit(1)).first()
        if clash is not None:
            raise Clash(str(clash.kind), str(clash.id))
    access_ids = [row["id"] for row in rows.accessibility]
    if access_ids:
        taken = db.session.scalar(
            select(Accessibility.id)
            .where(Accessibility.id.in_(access_ids), Accessibility.location_id.not_in(location_ids))
            .limit(1)
        )
        if taken is not None:
            raise Clash("accessibility", taken)


def index_services(service_ids: list[str]) -> None:
    """The search words of newly stored services, in the same transaction as their rows."""
    refresh_search_index(service_ids)


def _upsert(model: Any, values: dict[str, Any]) -> None:
    found = db.session.execute(select(model.id).where(model.id == values["id"])).first()
    if found is None:
        db.session.execute(insert(model), [values])
    else:
        db.session.execute(update(model).where(model.id == values["id"]).values(**values))


def _write(
    checked: ServiceRows, source: dict[str, Any], digest: str, *, known: Known, is_new: bool
) -> set[str]:
    """Write the rows; returns the ids of the terms now stored that they use."""
    publisher = known.publisher
    organization = {key: value for key, value in checked.organization.items() if key != "source"}
    organization["publisher"] = publisher
    organization["source_record"] = _json(checked.organization["source"])
    _upsert(Organization, organization)
    stored_terms = _write_vocabulary(checked, known)
    for row in _unique(checked.locations):
        _upsert(Location, {**row, "publisher": publisher})
    sid = checked.service["id"]
    now = utcnow()
    # Last checked: the publisher's own word (assured_date, or its last_modified), never
    # the time of this import.
    stated = _published_time(source.get("last_modified"))
    published = stated or now
    checked_on = max(
        (d for d in (checked.service["assured_date"], stated and stated.date()) if d),
        default=None,
    )
    values = {
        **checked.service,
        "assured_date": checked_on,
        "checked_by": publisher,
        "source_hash": digest,
        "source_record": _json(source),
        "publisher": publisher,
        "last_modified": published,
        "changed_at_utc": now,
    }
    if is_new:
        db.session.execute(insert(Service), [values])
    else:
        db.session.execute(update(Service).where(Service.id == sid).values(**values))
        # The record (merged with what the feed sent before) lists every child there is.
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
    attributes = [row for row in checked.attributes if row["taxonomy_term_id"] in stored_terms]
    children: tuple[tuple[Any, list[dict[str, Any]]], ...] = (
        (Accessibility, checked.accessibility),
        (ServiceAtLocation, checked.links),
        (Schedule, checked.schedules),
        (ServiceAttribute, attributes),
        (Contact, checked.contacts),
        (Phone, checked.phones),
        (CostOption, checked.cost_options),
        (Language, checked.languages),
    )
    for model, rows in children:
        if rows:
            db.session.execute(insert(model), rows)
    return stored_terms


def _write_vocabulary(checked: ServiceRows, known: Known) -> set[str]:
    """Add taxonomies and terms nobody has yet; returns the term ids now stored."""
    taxonomy_ids = {row["id"] for row in checked.taxonomies}
    taxonomy_ids |= {row["taxonomy_id"] for row in checked.terms if row["taxonomy_id"]}
    asked = sorted(taxonomy_ids - known.taxonomies)
    known_taxonomies = (taxonomy_ids & known.taxonomies) | set(
        db.session.scalars(select(Taxonomy.id).where(Taxonomy.id.in_(asked))) if asked else ()
    )
    for row in _unique(checked.taxonomies):
        if row["id"] not in known_taxonomies:
            db.session.execute(insert(Taxonomy), [row])
            known_taxonomies.add(row["id"])
    term_ids = {row["id"] for row in checked.terms}
    term_ids |= {row["taxonomy_term_id"] for row in checked.attributes}
    asked = sorted(term_ids - known.terms)
    known_terms = (term_ids & known.terms) | set(
        db.session.scalars(select(TaxonomyTerm.id).where(TaxonomyTerm.id.in_(asked)))
        if asked
        else ()
    )
    for row in _unique(checked.terms):
        if row["id"] not in known_terms:
            # A term of a taxonomy nobody described is kept without one, never given a
            # taxonomy named by its id.
            taxonomy_id = row["taxonomy_id"] if row["taxonomy_id"] in known_taxonomies else None
            db.session.execute(insert(TaxonomyTerm), [{**row, "taxonomy_id": taxonomy_id}])
            known_terms.add(row["id"])
    return known_terms


def _json(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


def _published_time(value: Any) -> datetime | None:
    if not isinstance(value, str):
        return None
    try:
        parsed = datetime.fromisoformat(value.replace("Z", "+00:00").replace("z", "+00:00"))
    except ValueError:
        return None
    return (parsed if parsed.tzinfo else parsed.replace(tzinfo=UTC)).astimezone(UTC)


def _unique(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    by_id = {row["id"]: row for row in rows}
    return list(by_id.values())
