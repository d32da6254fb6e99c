"""What the Find groups page shows for a search: the place understood (or close matches),
the groups found as short cards, and which page of them."""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from datetime import datetime

from flask_babel import gettext as _

from app.data.base import utcnow
from app.data.groups import search, taxonomy
from app.data.groups.distance import miles_to_km
from app.data.groups.listings import load_services, search_services
from app.data.groups.models import Location, Service
from app.data.groups.schedules import DAY_CODES, next_session
from app.groups import wording
from app.groups.forms import DEFAULT_DISTANCE, SearchForm
from app.groups.places import Place, find_place

PER_PAGE = 10


@dataclass
class Card:
    service: Service
    types: list[taxonomy.Term]
    access: list[taxonomy.Term]
    when: str
    where: str
    distance: str
    cost: str


@dataclass
class Outcome:
    searched: bool = False
    place: Place | None = None
    place_not_found: str = ""
    suggestions: tuple[Place, ...] = ()
    near_me: bool = False
    cards: list[Card] = field(default_factory=list)
    total: int = 0
    page: int = 1
    pages: int = 0
    page_missing: bool = False


def run_search(form: SearchForm, page: int) -> Outcome:
    outcome = Outcome(searched=True, page=page)
    criteria = _criteria(form, outcome)
    if outcome.place_not_found:
        return outcome
    hits = search_services(criteria)
    outcome.total = len(hits)
    outcome.pages = math.ceil(len(hits) / PER_PAGE)
    if hits and page > outcome.pages:
        outcome.page_missing = True
        return outcome
    chosen = hits[(page - 1) * PER_PAGE : page * PER_PAGE]
    services = load_services([hit.service_id for hit in chosen], cards=True)
    now = utcnow()
    outcome.cards = [card(service, hit, now) for service, hit in zip(services, chosen, strict=True)]
    return outcome


def _criteria(form: SearchForm, outcome: Outcome) -> search.Criteria:
    point = form.point()
    latitude = longitude = None
    if point is not None:
        latitude, longitude = point
        outcome.near_me = True
    elif form.place.data:
        lookup = find_place(form.place.data)
        if lookup.place is None:
            outcome.place_not_found = form.place.data
            outcome.suggestions = lookup.suggestions
        else:
            outcome.place, outcome.suggestions = lookup.place, lookup.suggestions
            latitude, longitude = lookup.place.latitude, lookup.place.longitude
    access = [taxonomy.term_for(code).id for code in form.access.data or []]
    if form.self_referral.data:
        access.append(taxonomy.SELF_REFERRAL.id)
    return search.Criteria(
        words=tuple(search.query_words(form.q.data or "")),
        any_term_ids=tuple(taxonomy.term_for(code).id for code in form.types.data or []),
        all_term_ids=tuple(access),
        days=tuple(DAY_CODES.index(code) for code in form.days.data or []),
        evenings="evenings" in (form.when.data or []),
        weekends="weekends" in (form.when.data or []),
        free_only=bool(form.free.data),
        language=form.language.data or None,
        latitude=latitude,
        longitude=longitude,
        radius_km=miles_to_km(float(form.distance.data or DEFAULT_DISTANCE)),
    )


def card(service: Service, hit: search.Hit | None, now: datetime) -> Card:
    term_ids = {attribute.taxonomy_term_id for attribute in service.attributes}
    session = next_session(wording.rules_for(service), now)
    if session is not None:
        when = wording.describe_session(session, now)
    elif service.schedules:
        when = wording.describe_schedule(service.schedules[0])
    else:
        when = _("Ask when it meets")
    return Card(
        service=service,
        types=taxonomy.type_terms(term_ids),
        access=taxonomy.access_terms(term_ids),
        when=when,
        where=_where(service, hit.location_id if hit else None),
        distance=wording.describe_distance(hit.distance_km if hit else None),
        cost=wording.describe_cost(service),
    )


def _where(service: Service, location_id: str | None) -> str:
    locations: list[Location] = [link.location for link in service.service_at_locations]
    chosen = next((loc for loc in locations if loc.id == location_id), None)
    chosen = chosen or (locations[0] if locations else None)
    if chosen is None:
        return ""
    parts = [part for part in (chosen.name, chosen.city) if part]
    if len(parts) == 2 and parts[1] in parts[0]:
        parts = parts[:1]
    return ", ".join(parts)
