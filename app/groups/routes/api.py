"""The Open Referral UK 3.0 API: the directory, read-only and public, for other systems.

Every response, errors included, carries `Access-Control-Allow-Origin: *` (ORUK
compliance rule; see `allow_any_origin` in app/groups/__init__.py) and a bad parameter
gets a 400 JSON error saying which one and why. A page past the last is an empty page.
Lists take the ORUK 3.0 OpenAPI's parameters: `minimal` (ids and last_modified only),
`full` (fully nested items) and `format=ndjson` (one item a line, no page around them).
The data is not translated: it is the directory itself, not words written for a person.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from dataclasses import replace
from datetime import UTC, datetime
from typing import Any

from flask import Response, abort, jsonify, request, url_for

from app.access import public
from app.data.groups import schedules as timing
from app.data.groups import search
from app.data.groups.listings import (
    count_and_page,
    get_organization,
    get_service,
    get_service_at_location,
    get_taxonomy,
    get_taxonomy_term,
    links_for_services,
    load_services,
    organization_exists,
    page_of_organizations,
    page_of_taxonomies,
    page_of_taxonomy_terms,
    search_services,
    services_of,
    taxonomy_exists,
    term_exists,
)
from app.data.groups.models import Organization, ServiceAtLocation
from app.groups import oruk, places
from app.groups import oruk_bp as bp
from app.groups.openapi import openapi_document

DEFAULT_PER_PAGE = 50
MAX_PER_PAGE = 200
MAX_PROXIMITY_METRES = 200_000
DAYS = {code: index for index, code in enumerate(timing.DAY_CODES)}
DAY_NAMES = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]


class BadParameter(Exception):
    def __init__(self, name: str, message: str) -> None:
        super().__init__(message)
        self.name, self.message = name, message


@bp.errorhandler(BadParameter)
def bad_parameter(error: BadParameter) -> tuple[Response, int]:
    return jsonify(
        {"error": "Bad Request", "code": 400, "parameter": error.name, "message": error.message}
    ), 400


# Parameters ---------------------------------------------------------------------------


def _int(name: str, default: int | None = None, low: int = 0, high: int = 10**9) -> int | None:
    raw = request.args.get(name, "").strip()
    if raw == "":
        return default
    if not re.fullmatch(r"-?[0-9]{1,12}", raw):
        raise BadParameter(name, f"{name} must be a whole number")
    value = int(raw)
    if not low <= value <= high:
        raise BadParameter(name, f"{name} must be between {low} and {high}")
    return value


def _paging() -> tuple[int, int]:
    page = _int("page", 1, low=1) or 1
    per_page = _int("per_page", DEFAULT_PER_PAGE, low=1, high=MAX_PER_PAGE) or DEFAULT_PER_PAGE
    return page, per_page


def _flag(name: str) -> bool:
    raw = request.args.get(name, "").strip().lower()
    if raw in ("", "false", "0"):
        return False
    if raw in ("true", "1"):
        return True
    raise BadParameter(name, f"{name} must be true or false")


def _format() -> str:
    raw = request.args.get("format", "").strip().lower() or "json"
    if raw not in ("json", "ndjson"):
        raise BadParameter("format", "format must be json or ndjson")
    return raw


def _modified_after() -> datetime | None:
    raw = request.args.get("modified_after", "").strip()
    if not raw:
        return None
    try:
        value = datetime.fromisoformat(raw.replace("Z", "+00:00").replace("z", "+00:00"))
    except ValueError as error:
        raise BadParameter(
            "modified_after", "modified_after must be a date and time like 2026-01-31T09:00:00Z"
        ) from error
    return (value if value.tzinfo else value.replace(tzinfo=UTC)).astimezone(UTC)


def _answer(items: list[dict[str, Any]], total: int, page: int, per_page: int) -> Response:
    """A page of items as JSON, or (format=ndjson) one item a line with no page around."""
    if _format() == "ndjson":
        lines = "".join(json.dumps(item, ensure_ascii=False) + "\n" for item in items)
        return Response(lines, mimetype="application/x-ndjson")
    return jsonify(oruk.page(items, total, page, per_page))


def _services_as_asked(ids: list[str]) -> list[dict[str, Any]]:
    if _flag("minimal"):
        return [
            {"id": row.id, "last_modified": oruk.service_summary(row).get("last_modified")}
            for row in load_services(ids, full=False)
        ]
    if _flag("full"):
        return [oruk.service_full(row) for row in load_services(ids)]
    return [oruk.service_summary(row) for row in load_services(ids, full=False)]


def _time(name: str) -> int | None:
    try:
        return timing.parse_time(request.args.get(name))
    except timing.ScheduleError as error:
        raise BadParameter(name, f"{name} must be a time like 09:30") from error


def _day() -> tuple[int, ...]:
    raw = request.args.get("day", "").strip().upper()
    if not raw:
        return ()
    if raw in DAYS:
        return (DAYS[raw],)
    if raw.lower() in DAY_NAMES:
        return (DAY_NAMES.index(raw.lower()),)
    raise BadParameter("day", "day must be a day code (MO to SU) or a day name")


def _criteria() -> search.Criteria:
    query = request.args.get("search") or request.args.get("text", "")
    if len(query) > search.MAX_QUERY_LENGTH:
        raise BadParameter(
            "search", f"search must be {search.MAX_QUERY_LENGTH} characters or fewer"
        )
    term_id = request.args.get("taxonomy_term_id", "").strip()
    if term_id and not term_exists(term_id):
        raise BadParameter("taxonomy_term_id", "no taxonomy term has this id")
    taxonomy_id = request.args.get("taxonomy_id", "").strip()
    if taxonomy_id and not taxonomy_exists(taxonomy_id):
        raise BadParameter("taxonomy_id", "no taxonomy has this id")
    organization_id = request.args.get("organization_id", "").strip()
    if organization_id and not organization_exists(organization_id):
        raise BadParameter("organization_id", "no organization has this id")
    return search.Criteria(
        words=tuple(search.query_words(query)),
        any_term_ids=(term_id,) if term_id else (),
        taxonomy_id=taxonomy_id or None,
        days=_day(),
        start_minutes=_time("start_time"),
        end_minutes=_time("end_time"),
        minimum_age=_int("minimum_age", high=150),
        maximum_age=_int("maximum_age", high=150),
        active_only=False,  # a feed tells other systems about closed services too
        organization_id=organization_id or None,
        modified_after=_modified_after(),
    )


def _with_place(criteria: search.Criteria) -> search.Criteria:
    postcode = request.args.get("postcode", "").strip()
    proximity = _int("proximity", low=1, high=MAX_PROXIMITY_METRES)
    if not postcode:
        if proximity is not None:
            raise BadParameter("proximity", "proximity needs a postcode to measure from")
        return criteria
    if len(postcode) > 10 or not places.POSTCODE.match(postcode.upper()):
        raise BadParameter("postcode", "postcode must be a UK postcode or postcode district")
    found = places.find_place(postcode).place
    if found is None:
        raise BadParameter("postcode", "this postcode district is not known")
    radius_km = (proximity or MAX_PROXIMITY_METRES) / 1000
    return replace(
        criteria, latitude=found.latitude, longitude=found.longitude, radius_km=radius_km
    )


# Endpoints ----------------------------------------------------------------------------


@bp.get("/")
@public
def about() -> Response:
    return jsonify(
        {
            "version": oruk.VERSION,
            "profile": oruk.PROFILE,
            "openapi_url": url_for("oruk.openapi", _external=True),
        }
    )


@bp.get("/openapi.json")
@public
def openapi() -> Response:
    return jsonify(openapi_document(url_for("oruk.about", _external=True).rstrip("/")))


@bp.get("/services")
@public
def services() -> Response:
    page, per_page = _paging()
    criteria = _criteria()
    if criteria.words:
        hits = search_services(criteria)
        total, ids = len(hits), [hit.service_id for hit in hits][(page - 1) * per_page :][:per_page]
    else:
        total, ids = count_and_page(criteria, page, per_page)
    return _answer(_services_as_asked(ids), total, page, per_page)


@bp.get("/services/<service_id>")
@public
def service(service_id: str) -> Response:
    found = get_service(service_id)
    if found is None:
        abort(404)
    return jsonify(oruk.service_full(found))


@bp.get("/service_at_locations")
@public
def service_at_locations() -> Response:
    page, per_page = _paging()
    criteria = _with_place(_criteria())
    hits = search_services(criteria)
    links = _links_for(hits, criteria)
    total = len(links)
    chosen = links[(page - 1) * per_page :][:per_page]
    if _flag("full"):
        full = {row.id: row for row in load_services([link.service_id for link in chosen])}
        items = [
            oruk.service_at_location(link, full_service=full.get(link.service_id))
            for link in chosen
        ]
    else:
        items = [oruk.service_at_location(link) for link in chosen]
    return _answer(items, total, page, per_page)


def _links_for(hits: list[search.Hit], criteria: search.Criteria) -> list[ServiceAtLocation]:
    by_service = {hit.service_id: index for index, hit in enumerate(hits)}
    if not by_service:
        return []
    rows = links_for_services(list(by_service))
    if criteria.has_point:
        nearest = {hit.location_id for hit in hits}
        rows = [row for row in rows if row.location_id in nearest]
    return sorted(rows, key=lambda row: (by_service[row.service_id], row.id))


@bp.get("/service_at_locations/<link_id>")
@public
def service_at_location(link_id: str) -> Response:
    link = get_service_at_location(link_id)
    if link is None:
        abort(404)
    return jsonify(oruk.service_at_location(link, full_service=get_service(link.service_id)))


@bp.get("/taxonomies")
@public
def taxonomies() -> Response:
    return _paged(page_of_taxonomies, oruk.taxonomy)


@bp.get("/taxonomies/<taxonomy_id>")
@public
def taxonomy(taxonomy_id: str) -> Response:
    row = get_taxonomy(taxonomy_id)
    if row is None:
        abort(404)
    return jsonify(oruk.taxonomy(row))


@bp.get("/taxonomy_terms")
@public
def taxonomy_terms() -> Response:
    return _paged(page_of_taxonomy_terms, oruk.taxonomy_term)


@bp.get("/taxonomy_terms/<term_id>")
@public
def taxonomy_term(term_id: str) -> Response:
    row = get_taxonomy_term(term_id)
    if row is None:
        abort(404)
    return jsonify(oruk.taxonomy_term(row))


@bp.get("/organizations")
@public
def organizations() -> Response:
    page, per_page = _paging()
    full_service, full = _flag("full_service"), _flag("full")
    total, rows = page_of_organizations(page, per_page)
    services = services_of([row.id for row in rows]) if full or full_service else {}
    items = [_organization(row, services.get(row.id), full_service) for row in rows]
    return _answer(items, total, page, per_page)


@bp.get("/organizations/<organization_id>")
@public
def organization(organization_id: str) -> Response:
    row = get_organization(organization_id)
    if row is None:
        abort(404)
    ids = services_of([organization_id])[organization_id]
    return jsonify(_organization(row, ids, _flag("full_service")))


def _organization(
    row: Organization, service_ids: list[str] | None, full_service: bool
) -> dict[str, Any]:
    """An organisation; with `service_ids`, its services (by id, or in full)."""
    result = oruk.organization(row)
    if service_ids is not None:
        if full_service:
            result["services"] = [oruk.service_full(s) for s in load_services(service_ids)]
        else:
            result["services"] = [{"id": service_id} for service_id in service_ids]
    return result


def _paged(read_page: Callable[[int, int], tuple[int, list[Any]]], to_json: Any) -> Response:
    page, per_page = _paging()
    total, rows = read_page(page, per_page)
    return _answer([to_json(row) for row in rows], total, page, per_page)
