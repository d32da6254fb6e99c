"""Listings as Open Referral UK 3.0 JSON objects, and ORUK pages.

A listing imported from a feed is published as its publisher sent it (the record is kept
whole), so every field, including those Keepwell does not use, goes out unchanged; only
its status follows Keepwell when a service manager retires it. A listing a service
manager entered is built from its rows. Empty optional fields are left out rather than
sent as null, as the profile asks; the importer reads exactly this shape back, so a feed
from one Keepwell imports into another.
"""

from __future__ import annotations

import json
import math
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from app.data.groups.models import (
    Location,
    Organization,
    Schedule,
    Service,
    ServiceAtLocation,
    Taxonomy,
    TaxonomyTerm,
)

VERSION = "3.0"
PROFILE = "https://openreferraluk.org/developers/specifications"
TIMES_NOTE = "Times are UK local time (Europe/London), summer time included."
ADDRESS_REQUIRED = ("address_1", "city", "state_province", "postal_code", "country")


def compact(value: Any) -> Any:
    """Drop None, "" and [] (recursively); keep False and 0, which say something."""
    if isinstance(value, dict):
        cleaned = {key: compact(item) for key, item in value.items()}
        return {key: item for key, item in cleaned.items() if item not in (None, "", [], {})}
    if isinstance(value, list):
        return [compact(item) for item in value]
    if isinstance(value, Decimal):
        return int(value) if value == value.to_integral_value() else float(value)
    if isinstance(value, datetime):
        return value.isoformat(timespec="milliseconds").replace("+00:00", "Z")
    if isinstance(value, date):
        return value.isoformat()
    return value


def page(
    items: list[dict[str, Any]], total: int, page_number: int, per_page: int
) -> dict[str, Any]:
    """An ORUK page. A page past the last is answered, empty, as the last page would be."""
    total_pages = max(1, math.ceil(total / per_page)) if total else 0
    return {
        "total_items": total,
        "total_pages": total_pages,
        "page_number": page_number,
        "size": len(items),
        "first_page": page_number == 1,
        "last_page": page_number >= total_pages,
        "empty": not items,
        "contents": items,
    }


def _source(row: Service | Organization) -> dict[str, Any] | None:
    return json.loads(row.source_record) if row.source_record else None


def organization(row: Organization) -> dict[str, Any]:
    source = _source(row)
    if source is not None:
        return source
    return compact(
        {
            "id": row.id,
            "name": row.name,
            # Required by the profile: fall back to the name rather than leave it out.
            "description": row.description or row.name,
            "email": row.email,
            "website": row.website,
        }
    )


def service_summary(row: Service) -> dict[str, Any]:
    """A service's one-to-one fields, as in the paged /services list."""
    source = _source(row)
    if source is not None:
        summary = {key: value for key, value in source.items() if not isinstance(value, list)}
        summary["status"] = row.status
        summary.setdefault("organization", organization(row.organization))
        return summary
    return compact(
        {
            "id": row.id,
            "organization_id": row.organization_id,
            "name": row.name,
            "description": row.description,
            "url": row.url,
            "email": row.email,
            "status": row.status,
            "application_process": row.application_process,
            "fees_description": row.fees_description,
            "eligibility_description": row.eligibility_description,
            "minimum_age": row.minimum_age,
            "maximum_age": row.maximum_age,
            "assured_date": row.assured_date,
            "alert": row.alert,
            "last_modified": row.last_modified,
            "organization": organization(row.organization),
        }
    )


def service_full(row: Service) -> dict[str, Any]:
    source = _source(row)
    if source is not None:
        source["status"] = row.status
        source.setdefault("organization", organization(row.organization))
        return source
    result = service_summary(row)
    result.update(
        compact(
            {
                "schedules": [schedule(s) for s in row.schedules],
                "service_at_locations": [
                    service_at_location(link, with_service=False)
                    for link in row.service_at_locations
                ],
                "languages": [
                    {"id": lang.id, "name": lang.name, "code": lang.code, "note": lang.note}
                    for lang in row.languages
                ],
                "phones": [
                    {"id": p.id, "number": p.number, "description": p.description}
                    for p in row.phones
                ],
                "contacts": [
                    {"id": c.id, "name": c.name, "title": c.title, "email": c.email}
                    for c in row.contacts
                ],
                "cost_options": [
                    {
                        "id": c.id,
                        "option": c.option,
                        "amount": c.amount,
                        "currency": c.currency,
                        "amount_description": c.amount_description,
                    }
                    for c in row.cost_options
                ],
                "attributes": [
                    {
                        "id": a.id,
                        "link_id": row.id,
                        "link_type": a.link_type,
                        "link_entity": "service",
                        "taxonomy_term_id": a.taxonomy_term_id,
                        "taxonomy_term": taxonomy_term(a.taxonomy_term),
                    }
                    for a in row.attributes
                ],
            }
        )
    )
    return result


def schedule(row: Schedule) -> dict[str, Any]:
    return compact(
        {
            "id": row.id,
            "service_id": row.service_id,
            "service_at_location_id": row.service_at_location_id,
            "freq": row.freq,
            "interval": row.interval,
            "byday": row.byday,
            "bymonthday": row.bymonthday,
            "dtstart": row.dtstart,
            "valid_from": row.valid_from,
            "valid_to": row.valid_to,
            "opens_at": row.opens_at,
            "closes_at": row.closes_at,
            "description": row.description,
            "notes": TIMES_NOTE if row.opens_at or row.closes_at else None,
        }
    )


def location(row: Location) -> dict[str, Any]:
    address = {
        "id": row.address_id,
        "location_id": row.id,
        "address_1": row.address_1,
        "address_2": row.address_2,
        "city": row.city,
        "region": row.region,
        "state_province": row.state_province or row.region,
        "postal_code": row.postal_code,
        "country": row.country,
        "address_type": "physical",
    }
    # ORUK requires each of these in an address: one missing, no address is published.
    has_address = bool(row.address_id and all(address[key] for key in ADDRESS_REQUIRED))
    return compact(
        {
            "id": row.id,
            "location_type": row.location_type,
            "name": row.name,
            "description": row.description,
            "transportation": row.transportation,
            "latitude": row.latitude,
            "longitude": row.longitude,
            "addresses": [address] if has_address else [],
            "accessibility": [
                {
                    "id": a.id,
                    "location_id": row.id,
                    "description": a.description,
                    "details": a.details,
                    "url": a.url,
                }
                for a in row.accessibility
            ],
        }
    )


def service_at_location(
    row: ServiceAtLocation, with_service: bool = True, full_service: Service | None = None
) -> dict[str, Any]:
    """The link, its place, and (unless nested in its service) its service: one-to-one
    fields only, or in full when `full_service` is given."""
    result: dict[str, Any] = {
        "id": row.id,
        "service_id": row.service_id,
        "location_id": row.location_id,
        "location": _source_location(row) or location(row.location),
    }
    if with_service:
        result["service"] = (
            service_full(full_service) if full_service else service_summary(row.service)
        )
    return result


def _source_location(row: ServiceAtLocation) -> dict[str, Any] | None:
    """The place as the service's publisher described it, when the service is imported."""
    source = _source(row.service)
    links = source.get("service_at_locations") if source else None
    for link in links if isinstance(links, list) else []:
        place = link.get("location") if isinstance(link, dict) else None
        if link.get("id") == row.id and isinstance(place, dict):
            return place
    return None


def taxonomy(row: Taxonomy) -> dict[str, Any]:
    return compact(
        {
            "id": row.id,
            "name": row.name,
            "description": row.description or row.name,
            "uri": row.uri,
            "version": row.version,
        }
    )


def taxonomy_term(row: TaxonomyTerm) -> dict[str, Any]:
    return compact(
        {
            "id": row.id,
            "code": row.code,
            "name": row.name,  # HSDS 3
            "term": row.name,  # the UK profile's name for the same thing
            "description": row.description or row.name,
            "parent_id": row.parent_id,
            "taxonomy": row.taxonomy.name if row.taxonomy else "",
            "taxonomy_id": row.taxonomy_id,
            "term_uri": row.term_uri,
            "taxonomy_detail": taxonomy(row.taxonomy) if row.taxonomy else None,
        }
    )
