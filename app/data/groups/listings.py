"""Reading and writing directory listings. Routes, the API and the importer call these."""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from datetime import date
from decimal import Decimal
from typing import TypeVar

from sqlalchemy import func, select
from sqlalchemy.orm import selectinload

from app.data.base import utcnow
from app.data.database import db
from app.data.groups import schedules as timing
from app.data.groups import search, taxonomy
from app.data.groups.models import (
    Accessibility,
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

T = TypeVar("T", Taxonomy, TaxonomyTerm, Organization)

FULL_SERVICE = (
    selectinload(Service.schedules),
    selectinload(Service.service_at_locations)
    .joinedload(ServiceAtLocation.location)
    .selectinload(Location.accessibility),
    selectinload(Service.attributes).joinedload(ServiceAttribute.taxonomy_term),
    selectinload(Service.contacts),
    selectinload(Service.phones),
    selectinload(Service.cost_options),
    selectinload(Service.languages),
)

# What a search result's card shows: when, where, cost, types and access needs. Four
# queries after the listings', rather than eight (issue 16).
CARD_SERVICE = (
    selectinload(Service.schedules),
    selectinload(Service.service_at_locations).joinedload(ServiceAtLocation.location),
    selectinload(Service.attributes),
    selectinload(Service.cost_options),
)


def new_id() -> str:
    return str(uuid.uuid4())


def ensure_taxonomies() -> None:
    """Our three taxonomies and their terms exist, with the ids taxonomy.py gives them."""
    for definition in taxonomy.TAXONOMIES:
        taxonomy_row = db.session.get(Taxonomy, definition.id) or Taxonomy(id=definition.id)
        taxonomy_row.name, taxonomy_row.description = definition.name, definition.description
        taxonomy_row.uri, taxonomy_row.version = definition.uri, "1"
        db.session.add(taxonomy_row)
    db.session.flush()
    for term in taxonomy.ALL_TERMS:
        row = db.session.get(TaxonomyTerm, term.id) or TaxonomyTerm(id=term.id)
        row.taxonomy_id, row.code, row.name = term.taxonomy.id, term.code, term.name
        row.term_uri, row.description = term.uri, term.description
        db.session.add(row)
    db.session.flush()


# Reading ------------------------------------------------------------------------------


def get_service(service_id: str) -> Service | None:
    return db.session.scalar(select(Service).where(Service.id == service_id).options(*FULL_SERVICE))


def load_services(
    service_ids: Sequence[str], full: bool = True, *, cards: bool = False
) -> list[Service]:
    """Listings for these ids, in the order given; `full=False` loads only the one-to-one
    fields and the organisation (the API's list needs no more); `cards=True` what the
    search results' cards show."""
    if not service_ids:
        return []
    options = CARD_SERVICE if cards else FULL_SERVICE if full else ()
    rows = db.session.scalars(
        select(Service).where(Service.id.in_(service_ids)).options(*options)
    ).unique()
    by_id = {row.id: row for row in rows}
    return [by_id[i] for i in service_ids if i in by_id]


def dialect_name() -> str:
    return db.session.get_bind().dialect.name


def search_services(criteria: search.Criteria) -> list[search.Hit]:
    dialect = dialect_name()
    if dialect == "sqlite" and criteria.has_point and criteria.words:
        # Near a place, SQLite finds the groups there first, then keeps those whose
        # words match, known by their rows' numbers in the index (search.fts_rowid):
        # 15 to 6 ms over 10,000 listings that nearly all match (issue 16).
        near = list(db.session.execute(search.candidates(replace(criteria, words=()), dialect)))
        matching = set(
            db.session.scalars(
                search.FTS_MATCHING_ROWS, {"fts_query": search.fts_query(criteria.words)}
            )
        )
        return search.rank([r for r in near if search.fts_rowid(r[0]) in matching], criteria)
    rows = db.session.execute(search.candidates(criteria, dialect))
    return search.rank(rows, criteria)


def count_and_page(criteria: search.Criteria, page: int, per_page: int) -> tuple[int, list[str]]:
    """The API's list without words or a place: ordered by name, paged in SQL."""
    conditions = search.filters(criteria, dialect_name())
    total = db.session.scalar(select(func.count()).select_from(Service).where(*conditions)) or 0
    ids = db.session.scalars(
        select(Service.id)
        .where(*conditions)
        .order_by(Service.name, Service.id)
        .limit(per_page)
        .offset((page - 1) * per_page)
    ).all()
    return total, list(ids)


def term_exists(term_id: str) -> bool:
    return db.session.get(TaxonomyTerm, term_id) is not None


def taxonomy_exists(taxonomy_id: str) -> bool:
    return db.session.get(Taxonomy, taxonomy_id) is not None


_LANGUAGES_CACHE: dict[str, tuple[float, list[tuple[str, str]]]] = {}
LANGUAGES_CACHE_SECONDS = 300


def languages_in_use() -> list[tuple[str, str]]:
    """Languages spoken at active groups, for the search filter. Kept for five minutes:
    it changes rarely and every search page needs it."""
    import time

    key = str(db.engine.url)
    cached = _LANGUAGES_CACHE.get(key)
    if cached and time.monotonic() - cached[0] < LANGUAGES_CACHE_SECONDS:
        return cached[1]
    value = _languages_in_use()
    _LANGUAGES_CACHE[key] = (time.monotonic(), value)
    return value


def _languages_in_use() -> list[tuple[str, str]]:
    rows = db.session.execute(
        select(Language.code, func.min(Language.name))
        .join(Service, Service.id == Language.service_id)
        .where(Language.code.is_not(None), Service.status == "active")
        .group_by(Language.code)
    )
    return sorted(((code, name or code) for code, name in rows if code), key=lambda r: r[1])


def active_listing_names() -> list[tuple[str, str]]:
    """(id, name) of every listing people can find, by name: to choose one from."""
    rows = db.session.execute(
        select(Service.id, Service.name)
        .where(Service.status == "active")
        .order_by(Service.name, Service.id)
    )
    return [(row.id, row.name) for row in rows]


def is_active_listing(service_id: str) -> bool:
    return (
        db.session.scalar(
            select(Service.id).where(Service.id == service_id, Service.status == "active")
        )
        is not None
    )


def listings_for_managers() -> list[Service]:
    return list(db.session.scalars(select(Service).order_by(Service.name, Service.id)))


def is_stale(service: Service, today: date, months: int = 6) -> bool:
    """Not checked (or never checked) for `months` months: the manager should look."""
    if service.assured_date is None:
        return True
    year, month = today.year, today.month - months
    while month <= 0:
        year, month = year - 1, month + 12
    return service.assured_date < date(year, month, min(today.day, 28))


# Writing (service managers) ------------------------------------------------------------


@dataclass
class ListingValues:
    """What the listing form holds: one place and one weekly time, as most groups have."""

    name: str
    organization_name: str
    description: str
    type_codes: list[str] = field(default_factory=list)
    access_codes: list[str] = field(default_factory=list)
    self_referral: bool = False
    how_to_join: str = ""
    who_for: str = ""
    minimum_age: int | None = None
    cost: str = ""  # "" = free
    place_name: str = ""
    address: str = ""
    town: str = ""
    county: str = ""
    postcode: str = ""
    latitude: float | None = None
    longitude: float | None = None
    getting_there: str = ""
    access_notes: str = ""
    days: list[str] = field(default_factory=list)  # MO, TU...
    monthly_week: int | None = None  # 1-4, or -1 for the last week; None = every week
    opens_at: str = ""
    closes_at: str = ""
    phone: str = ""
    email: str = ""
    website: str = ""
    languages: list[tuple[str, str]] = field(default_factory=list)  # (code, name)
    alert: str = ""


def save_listing(values: ListingValues, service_id: str | None = None) -> Service:
    ensure_taxonomies()
    organization = _organization_named(values.organization_name)
    service = get_service(service_id) if service_id else None
    if service is None:
        service = Service(id=new_id(), status="active", organization_id=organization.id)
        db.session.add(service)
    service.organization_id = organization.id
    service.name, service.description = values.name, values.description
    service.url, service.email = values.website or None, values.email or None
    service.application_process = values.how_to_join or None
    service.eligibility_description = values.who_for or None
    service.minimum_age = values.minimum_age
    service.alert = values.alert or None
    service.fees_description = values.cost or None
    service.is_free = not values.cost
    service.assured_date = utcnow().date()  # a manager has just looked at it
    service.checked_by = None  # None: a service manager
    service.last_modified = service.changed_at_utc = utcnow()
    service.source_hash = None
    db.session.flush()
    _replace_children(service, values)
    db.session.flush()
    refresh_search_index([service.id])
    db.session.flush()
    return service


def _organization_named(name: str) -> Organization:
    found = db.session.scalar(
        select(Organization).where(func.lower(Organization.name) == name.lower()).limit(1)
    )
    if found is None:
        found = Organization(id=new_id(), name=name, description=name)
        db.session.add(found)
        db.session.flush()
    return found


def _replace_children(service: Service, values: ListingValues) -> None:
    codes = values.type_codes + values.access_codes
    codes += [taxonomy.SELF_REFERRAL.code] if values.self_referral else []
    service.attributes = [
        ServiceAttribute(id=new_id(), taxonomy_term_id=taxonomy.term_for(code).id) for code in codes
    ]
    link = service.service_at_locations[0] if service.service_at_locations else None
    location = link.location if link else Location(id=new_id(), address_id=new_id())
    location.name, location.address_1 = values.place_name or None, values.address or None
    location.city, location.postal_code = values.town or None, values.postcode or None
    location.state_province = values.county or None
    location.latitude, location.longitude = values.latitude, values.longitude
    location.transportation, location.country = values.getting_there or None, "GB"
    location.accessibility = (
        [Accessibility(id=new_id(), description=values.access_notes)] if values.access_notes else []
    )
    if link is None:
        db.session.add(location)
        db.session.flush()
        service.service_at_locations.append(ServiceAtLocation(id=new_id(), location_id=location.id))
    service.schedules = [_schedule(values)] if values.days else []
    service.phones = [Phone(id=new_id(), number=values.phone)] if values.phone else []
    service.cost_options = (
        [CostOption(id=new_id(), option=values.cost, currency="GBP")]
        if values.cost
        else [CostOption(id=new_id(), amount=Decimal(0), currency="GBP", option="Free")]
    )
    service.languages = [
        Language(id=new_id(), code=code, name=name) for code, name in values.languages
    ]


def _schedule(values: ListingValues) -> Schedule:
    monthly = values.monthly_week is not None
    byday = ",".join(f"{values.monthly_week}{d}" if monthly else d for d in values.days)
    parsed = timing.parse_byday(byday)
    return Schedule(
        id=new_id(),
        freq="MONTHLY" if monthly else "WEEKLY",
        interval=1,
        byday=byday,
        opens_at=values.opens_at or None,
        closes_at=values.closes_at or None,
        day_mask=timing.day_mask(parsed),
        opens_minutes=timing.parse_time(values.opens_at),
        closes_minutes=timing.parse_time(values.closes_at),
    )


def set_status(service: Service, status: str) -> None:
    service.status = status
    service.last_modified = service.changed_at_utc = utcnow()
    db.session.flush()


def mark_checked(service: Service) -> None:
    service.assured_date = utcnow().date()
    service.checked_by = None  # a service manager
    db.session.flush()


# For the ORUK API ----------------------------------------------------------------------


def links_for_services(service_ids: Sequence[str]) -> list[ServiceAtLocation]:
    if not service_ids:
        return []
    return list(
        db.session.scalars(
            select(ServiceAtLocation).where(ServiceAtLocation.service_id.in_(list(service_ids)))
        )
    )


def get_service_at_location(link_id: str) -> ServiceAtLocation | None:
    return db.session.get(ServiceAtLocation, link_id)


def get_organization(organization_id: str) -> Organization | None:
    return db.session.get(Organization, organization_id)


def organization_exists(organization_id: str) -> bool:
    return get_organization(organization_id) is not None


def page_of_organizations(page: int, per_page: int) -> tuple[int, list[Organization]]:
    return _page_of(Organization, page, per_page)


def services_of(organization_ids: Sequence[str]) -> dict[str, list[str]]:
    """Each organisation's service ids, in name order."""
    found: dict[str, list[str]] = {oid: [] for oid in organization_ids}
    if organization_ids:
        rows = db.session.execute(
            select(Service.organization_id, Service.id)
            .where(Service.organization_id.in_(list(organization_ids)))
            .order_by(Service.name, Service.id)
        )
        for organization_id, service_id in rows:
            found[organization_id].append(service_id)
    return found


def get_taxonomy(taxonomy_id: str) -> Taxonomy | None:
    return db.session.get(Taxonomy, taxonomy_id)


def get_taxonomy_term(term_id: str) -> TaxonomyTerm | None:
    return db.session.get(TaxonomyTerm, term_id)


def page_of_taxonomies(page: int, per_page: int) -> tuple[int, list[Taxonomy]]:
    return _page_of(Taxonomy, page, per_page)


def page_of_taxonomy_terms(page: int, per_page: int) -> tuple[int, list[TaxonomyTerm]]:
    return _page_of(TaxonomyTerm, page, per_page)


def _page_of(model: type[T], page: int, per_page: int) -> tuple[int, list[T]]:
    """How many rows in all, and one page of them in name order."""
    total = db.session.scalar(select(func.count()).select_from(model)) or 0
    rows = db.session.scalars(
        select(model).order_by(model.name, model.id).limit(per_page).offset((page - 1) * per_page)
    )
    return total, list(rows)
