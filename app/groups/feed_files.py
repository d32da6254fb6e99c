"""What an ORUK 3.0 feed file holds, read before any record in it is checked.

A feed is what an ORUK API gives: a page of services (`{"contents": [...]}`), a list
of services, one service, or organisations with their services nested (`organization_full`).
Files of taxonomies, terms or services at locations are recognised and refused by name,
so a manager is told what the file is rather than that its "services" are broken.

Reasons are written in the words of the person reading them (the manager's language on
the import page, English on the command line), with the standard's field names as is.
"""

from __future__ import annotations

import json
from typing import Any

from flask_babel import gettext as _

MAX_RECORDS = 50_000


class FeedError(Exception):
    """The file as a whole is not an ORUK feed of services: nothing is imported."""


def _kind_name(kind: str) -> str:
    return {
        "service_at_location": _("services at locations"),
        "taxonomy": _("taxonomies"),
        "taxonomy_term": _("taxonomy terms"),
    }.get(kind, kind)


def record_kind(record: Any) -> str:
    """Which ORUK entity a record is, from the fields only that entity has."""
    if not isinstance(record, dict):
        return "service"
    keys = set(record)
    if "status" in keys or keys & {"service_at_locations", "schedules", "organization"}:
        return "service"
    if keys & {"service", "location", "location_id"}:
        return "service_at_location"
    if keys & {"services", "organization_identifiers", "logo", "parent_organization_id"}:
        return "organization"
    if "website" in keys:
        return "organization"
    if keys & {"taxonomy_id", "term", "parent_id", "code", "term_uri", "taxonomy"}:
        return "taxonomy_term"
    if keys & {"taxonomy_terms", "version", "uri"}:
        return "taxonomy"
    return "service"


def parse_feed(raw: bytes | str) -> list[Any]:
    try:
        data = json.loads(raw)
    except (ValueError, UnicodeDecodeError) as error:
        raise FeedError(f"the file is not valid JSON ({error})") from error
    except RecursionError as error:  # hostile nesting, thousands of levels deep
        raise FeedError("the file is not valid JSON (it is nested too deeply)") from error
    if isinstance(data, dict) and isinstance(data.get("contents"), list):
        records = data["contents"]
    elif isinstance(data, list):
        records = data
    elif isinstance(data, dict) and "id" in data and "name" in data:
        records = [data]
    else:
        raise FeedError(
            "the file is JSON but not an ORUK feed: expected a page with 'contents', "
            "a list of services, or one service"
        )
    records = services_in(records)
    if len(records) > MAX_RECORDS:
        raise FeedError(f"the feed has {len(records)} services; at most {MAX_RECORDS} at once")
    return records


def services_in(records: list[Any]) -> list[Any]:
    """The services a list of records holds: services as they are, organisations'
    nested services with their organisation; any other entity refuses the file."""
    kinds = {record_kind(record) for record in records}
    others = sorted(kinds - {"service", "organization"})
    if others:
        raise FeedError(
            _(
                "the file holds %(kind)s, not services: Keepwell imports services "
                "(service_full or service_list), or organisations with their services",
                kind=_kind_name(others[0]),
            )
        )
    if "organization" not in kinds:
        return records
    services: list[Any] = []
    for record in records:
        if record_kind(record) != "organization":
            services.append(record)
            continue
        nested = record.get("services")
        if not isinstance(nested, list) or not nested:
            raise FeedError(
                _(
                    "the file holds organisations without their services (an organisation "
                    "list): give the organisations in full (organization_full), or their "
                    "services"
                )
            )
        organization = {key: value for key, value in record.items() if key != "services"}
        for service in nested:
            if isinstance(service, dict) and "organization" not in service:
                service = {**service, "organization": organization}
            services.append(service)
    return services
