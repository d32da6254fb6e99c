"""Checking each service of an ORUK 3.0 feed, before anything is stored.

What a feed file holds is read by app/groups/feed_files.py. `check` validates one
service against the official ORUK 3.0 schema (ids, formats, types, required fields) and
turns it into plain values the importer can write, or raises `InvalidRecord` with the
record's field and the reason. A list page carries only a
service's one-to-one fields: an array a record leaves out means "not given", so it is
taken from what the same publisher sent before, never read as "delete them all".
"""

from __future__ import annotations

import copy
import json
import re
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal, InvalidOperation
from typing import Any

from flask_babel import gettext as _

from app.data.groups import schedules as timing
from app.data.groups.imports import ServiceRows
from app.groups import oruk_schema

ID = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._:-]{0,63}$")


class InvalidRecord(Exception):
    """One service cannot be imported; the rest can."""


@dataclass
class Checked:
    """One service ready to store: its rows, the whole record to publish again, and
    what was dropped from it on the way (a bad coordinate, say)."""

    rows: ServiceRows
    source: dict[str, Any]
    warnings: list[str] = field(default_factory=list)


# Checking one record -------------------------------------------------------------------


def record_id(record: Any) -> str:
    if isinstance(record, dict) and isinstance(record.get("id"), str):
        return record["id"][:80]
    return "(no id)"


def merged(record: Any, stored: dict[str, Any] | None) -> Any:
    """The record over what the same publisher sent before: a field (an array, say) this
    record leaves out keeps its earlier value, so a list page never deletes anything."""
    if not isinstance(record, dict) or not stored:
        return record
    return {**stored, **record}


def check(record: Any) -> Checked:
    """Check one service (already `merged` with what its publisher sent before)."""
    if not isinstance(record, dict):
        raise InvalidRecord(_("a service must be a JSON object"))
    source = copy.deepcopy(record)
    warnings = _drop_bad_coordinates(source)
    problems = [oruk_schema.describe(error) for error in oruk_schema.faults("service", source)]
    if problems:
        more = len(problems) - oruk_schema.MAX_ERRORS
        shown = " ".join(problems[: oruk_schema.MAX_ERRORS])
        raise InvalidRecord(shown + (" " + _("(And %(num)d more.)", num=more) if more > 0 else ""))
    return Checked(rows=_rows(source), source=source, warnings=warnings)


def _drop_bad_coordinates(source: dict[str, Any]) -> list[str]:
    """A coordinate that cannot be on Earth is dropped (with its pair), not the service."""
    warnings = []
    links = source.get("service_at_locations")
    for index, link in enumerate(links if isinstance(links, list) else []):
        location = link.get("location") if isinstance(link, dict) else None
        if not isinstance(location, dict):
            continue
        for key, limit in (("latitude", 90), ("longitude", 180)):
            value = location.get(key)
            if value is None:
                continue
            if isinstance(value, bool) or not isinstance(value, int | float) or abs(value) > limit:
                warnings.append(
                    _(
                        "%(where)s %(value)s is not a coordinate on Earth, so the place was "
                        "imported without its position.",
                        where=f"service_at_locations[{index}].location.{key}",
                        value=json.dumps(value),
                    )
                )
                location.pop("latitude", None)
                location.pop("longitude", None)
                break
    return warnings


def _rows(record: dict[str, Any]) -> ServiceRows:
    sid = _id(record, "id", "service")
    organization = _organization(record)
    checked = ServiceRows(
        service={
            "id": sid,
            "organization_id": organization["id"],
            "name": _text(record, "name", 200, required=True),
            "description": _text(record, "description", 10_000) or "",
            "url": _web_address(record, "url"),
            "email": _text(record, "email", 200),
            "status": record["status"],
            "application_process": _text(record, "application_process", 5_000),
            "fees_description": _text(record, "fees_description", 2_000)
            or _text(record, "fees", 2_000),
            "eligibility_description": _text(record, "eligibility_description", 5_000),
            "minimum_age": _age(record, "minimum_age"),
            "maximum_age": _age(record, "maximum_age"),
            "alert": _text(record, "alert", 2_000),
            "assured_date": _date(record, "assured_date"),
        },
        organization=organization,
    )
    for index, link in enumerate(_list(record, "service_at_locations")):
        _location_link(checked, link, f"service_at_locations[{index}]")
    for index, item in enumerate(_list(record, "schedules")):
        where = f"schedules[{index}]"
        if _first_time(checked, "schedules", item, where):
            checked.schedules.append(_schedule(item, sid, where))
    for index, item in enumerate(_list(record, "attributes")):
        _attribute(checked, item, f"attributes[{index}]")
    _contacts_and_phones(checked, record)
    for index, item in enumerate(_list(record, "cost_options")):
        where = f"cost_options[{index}]"
        if _first_time(checked, "cost_options", item, where):
            checked.cost_options.append(_cost(item, sid, where))
    for index, item in enumerate(_list(record, "languages")):
        where = f"languages[{index}]"
        if not _first_time(checked, "languages", item, where):
            continue
        checked.languages.append(
            {
                "id": _id(item, "id", where),
                "service_id": sid,
                "name": _text(item, "name", 100, where=where),
                "code": _text(item, "code", 10, where=where),
                "note": _text(item, "note", 1_000, where=where),
            }
        )
    amounts = [c["amount"] for c in checked.cost_options if c["amount"] is not None]
    checked.service["is_free"] = bool(checked.cost_options) and all(a == 0 for a in amounts)
    return checked


def _first_time(checked: ServiceRows, kind: str, item: Any, where: str) -> bool:
    """True the first time an entity's id is seen in this record. Nested HSDS repeats an
    entity (a phone under the service and under its contact): the same id with the same
    content is one entity; the same id with different content is a fault."""
    if not isinstance(item, dict) or not isinstance(item.get("id"), str):
        return True  # _id raises with the place
    seen = checked.seen.setdefault(kind, {})
    earlier = seen.get(item["id"])
    if earlier is None:
        seen[item["id"]] = item
        return True
    if _same(earlier, item):
        return False
    raise InvalidRecord(
        _(
            "%(where)s: two %(kind)s share the id %(id)s but differ.",
            where=where,
            kind=kind.replace("_", " "),
            id=item["id"],
        )
    )


def _same(first: dict[str, Any], second: dict[str, Any]) -> bool:
    """The same entity, perhaps given once with its parent's id and once without."""
    keys = set(first) | set(second)
    return all(
        first.get(key) == second.get(key)
        or key.endswith("_id")
        and (first.get(key) is None or second.get(key) is None)
        for key in keys
    )


def _organization(record: dict[str, Any]) -> dict[str, Any]:
    organization = record.get("organization")
    if not isinstance(organization, dict):
        raise InvalidRecord(
            _(
                "organization: the service has no organization (Keepwell needs the "
                "organisation that runs it, with id, name and description)."
            )
        )
    where = "organization"
    return {
        "id": _id(organization, "id", where),
        "name": _text(organization, "name", 200, required=True, where=where),
        "description": _text(organization, "description", 10_000, where=where) or "",
        "email": _text(organization, "email", 200, where=where),
        "website": _text(organization, "website", 500, where=where),
        "source": organization,
    }


def _location_link(checked: ServiceRows, link: Any, where: str) -> None:
    location = link.get("location") if isinstance(link, dict) else None
    if not isinstance(location, dict):
        raise InvalidRecord(f"{where} has no location")
    lid = _id(location, "id", f"{where}.location")
    if not _first_time(checked, "service_at_locations", link, where):
        return
    inner = f"{where}.location"
    addresses = [a for a in _list(location, "addresses") if isinstance(a, dict)]
    address = addresses[0] if addresses else {}
    if _first_time(checked, "locations", location, inner):
        checked.locations.append(
            {
                "id": lid,
                "location_type": _text(location, "location_type", 20, where=inner),
                "name": _text(location, "name", 200, where=inner),
                "description": _text(location, "description", 5_000, where=inner),
                "transportation": _text(location, "transportation", 5_000, where=inner),
                "latitude": location.get("latitude"),
                "longitude": location.get("longitude"),
                "address_id": _text(address, "id", 64, where=inner),
                "address_1": _text(address, "address_1", 200, where=inner),
                "address_2": _text(address, "address_2", 200, where=inner),
                "city": _text(address, "city", 100, where=inner),
                "region": _text(address, "region", 100, where=inner),
                "state_province": _text(address, "state_province", 100, where=inner),
                "postal_code": _text(address, "postal_code", 10, where=inner),
                "country": _text(address, "country", 2, where=inner),
            }
        )
        for index, item in enumerate(_list(location, "accessibility")):
            here = f"{inner}.accessibility[{index}]"
            if not _first_time(checked, "accessibility", item, here):
                continue
            checked.accessibility.append(
                {
                    "id": _id(item, "id", here),
                    "location_id": lid,
                    "description": _text(item, "description", 5_000, where=here),
                    "details": _text(item, "details", 5_000, where=here),
                    "url": _web_address(item, "url", where=here),
                }
            )
    checked.links.append(
        {"id": _id(link, "id", where), "service_id": checked.service["id"], "location_id": lid}
    )


def _schedule(item: Any, sid: str, where: str) -> dict[str, Any]:
    freq = (_text(item, "freq", 10, where=where) or "").upper() or None
    if freq not in (None, "WEEKLY", "MONTHLY"):
        raise InvalidRecord(f"{where}: freq {freq!r} must be WEEKLY or MONTHLY")
    try:
        byday = timing.parse_byday(_text(item, "byday", 60, where=where))
        timing.parse_bymonthday(_text(item, "bymonthday", 60, where=where))
        opens = timing.parse_time(_text(item, "opens_at", 20, where=where))
        closes = timing.parse_time(_text(item, "closes_at", 20, where=where))
    except timing.ScheduleError as error:
        raise InvalidRecord(f"{where}: {error}") from error
    interval = item.get("interval")
    if interval is not None and (not isinstance(interval, int | float) or not 1 <= interval <= 52):
        raise InvalidRecord(f"{where}: interval must be a number from 1 to 52")
    return {
        "id": _id(item, "id", where),
        "service_id": sid,
        "service_at_location_id": _text(item, "service_at_location_id", 64, where=where),
        "freq": freq,
        "interval": int(interval) if interval else None,
        "byday": _text(item, "byday", 60, where=where),
        "bymonthday": _text(item, "bymonthday", 60, where=where),
        "dtstart": _date(item, "dtstart", where),
        "valid_from": _date(item, "valid_from", where),
        "valid_to": _date(item, "valid_to", where),
        "opens_at": timing.format_time(opens),
        "closes_at": timing.format_time(closes),
        "description": _text(item, "description", 2_000, where=where),
        "day_mask": timing.day_mask(byday),
        "opens_minutes": opens,
        "closes_minutes": closes,
    }


def _attribute(checked: ServiceRows, item: Any, where: str) -> None:
    """A link to a taxonomy term. The term (and its taxonomy) is stored only when the
    record describes it; a term given by id alone links only if it is already known."""
    if not _first_time(checked, "attributes", item, where):
        return
    term = item.get("taxonomy_term")
    term_id = _text(item, "taxonomy_term_id", 64, where=where)
    if isinstance(term, dict):
        term_id = _id(term, "id", f"{where}.taxonomy_term")
        _term(checked, term, f"{where}.taxonomy_term")
    if term_id is None:
        return
    checked.attributes.append(
        {
            "id": _id(item, "id", where),
            "service_id": checked.service["id"],
            "taxonomy_term_id": term_id,
            "link_type": _text(item, "link_type", 50, where=where),
        }
    )


def _term(checked: ServiceRows, term: dict[str, Any], where: str) -> None:
    detail = term.get("taxonomy_detail")
    taxonomy_id = _text(term, "taxonomy_id", 64, where=where)
    if isinstance(detail, dict) and detail.get("name"):
        taxonomy_id = _id(detail, "id", f"{where}.taxonomy_detail")
        checked.taxonomies.append(
            {
                "id": taxonomy_id,
                "name": _text(detail, "name", 200, where=where),
                "description": _text(detail, "description", 2_000, where=where) or "",
                "uri": _text(detail, "uri", 500, where=where),
                "version": _text(detail, "version", 40, where=where),
            }
        )
    checked.terms.append(
        {
            "id": term["id"],
            "taxonomy_id": taxonomy_id,
            "name": _text(term, "name", 200, where=where) or _text(term, "term", 200, where=where),
            "code": _text(term, "code", 100, where=where),
            "description": _text(term, "description", 2_000, where=where) or "",
            "parent_id": _text(term, "parent_id", 64, where=where),
            "term_uri": _text(term, "term_uri", 500, where=where),
        }
    )


def _contacts_and_phones(checked: ServiceRows, record: dict[str, Any]) -> None:
    sid = checked.service["id"]
    for index, item in enumerate(_list(record, "contacts")):
        where = f"contacts[{index}]"
        cid = _id(item, "id", where)
        if _first_time(checked, "contacts", item, where):
            checked.contacts.append(
                {
                    "id": cid,
                    "service_id": sid,
                    "name": _text(item, "name", 200, where=where),
                    "title": _text(item, "title", 200, where=where),
                    "email": _text(item, "email", 200, where=where),
                }
            )
        for inner, phone in enumerate(_list(item, "phones")):
            here = f"{where}.phones[{inner}]"
            if _first_time(checked, "phones", phone, here):
                checked.phones.append(_phone(phone, sid, cid, here))
    for index, phone in enumerate(_list(record, "phones")):
        where = f"phones[{index}]"
        if _first_time(checked, "phones", phone, where):
            checked.phones.append(_phone(phone, sid, None, where))


def _phone(item: Any, sid: str, contact_id: str | None, where: str) -> dict[str, Any]:
    return {
        "id": _id(item, "id", where),
        "service_id": sid,
        "contact_id": contact_id,
        "number": _text(item, "number", 40, required=True, where=where),
        "description": _text(item, "description", 1_000, where=where),
    }


def _cost(item: Any, sid: str, where: str) -> dict[str, Any]:
    amount = item.get("amount") if isinstance(item, dict) else None
    if amount is not None:
        try:
            amount = Decimal(str(amount))
        except InvalidOperation as error:
            raise InvalidRecord(f"{where}: amount {amount!r} is not a number") from error
        if amount < 0 or amount > 100_000:
            raise InvalidRecord(f"{where}: amount must be from 0 to 100,000")
    return {
        "id": _id(item, "id", where),
        "service_id": sid,
        "amount": amount,
        "option": _text(item, "option", 200, where=where),
        "currency": _text(item, "currency", 3, where=where) or "GBP",
        "amount_description": _text(item, "amount_description", 200, where=where),
    }


# Field helpers --------------------------------------------------------------------------


def _list(record: Any, key: str) -> list[Any]:
    value = record.get(key) if isinstance(record, dict) else None
    if value is None:
        return []
    if not isinstance(value, list):
        raise InvalidRecord(f"{key} must be a list")
    return value


def _id(record: Any, key: str, where: str) -> str:
    value = record.get(key) if isinstance(record, dict) else None
    if not isinstance(value, str) or not ID.match(value):
        raise InvalidRecord(f"{where} needs an id (letters, digits, '-', up to 64 characters)")
    return value


def _web_address(record: Any, key: str, where: str = "service") -> str | None:
    """A website: http(s) only. A "javascript:" or "file:" address is never stored, so it
    can never be a link (finding 9.14)."""
    value = _text(record, key, 500, where=where)
    if value is not None and not re.match(r"^https?://[^\s]+$", value, re.IGNORECASE):
        raise InvalidRecord(
            _(
                "%(where)s: %(key)s must be a web address starting with https://",
                where=where,
                key=key,
            )
        )
    return value


def _text(
    record: Any, key: str, limit: int, required: bool = False, where: str = "service"
) -> str | None:
    value = record.get(key) if isinstance(record, dict) else None
    if value is None or value == "":
        if required:
            raise InvalidRecord(f"{where} has no {key}")
        return None
    if isinstance(value, int | float) and not isinstance(value, bool):
        value = str(value)
    if not isinstance(value, str):
        raise InvalidRecord(f"{where}: {key} must be text")
    value = value.strip()
    if len(value) > limit:
        raise InvalidRecord(
            _(
                "%(where)s: %(field)s is longer than %(num)d characters.",
                where=where,
                field=key,
                num=limit,
            )
        )
    if required and not value:
        raise InvalidRecord(f"{where} has no {key}")
    return value or None


def _age(record: dict[str, Any], key: str) -> int | None:
    value = record.get(key)
    if value is None:
        return None
    if not isinstance(value, int | float) or isinstance(value, bool) or not 0 <= value <= 150:
        raise InvalidRecord(f"{key} must be a number from 0 to 150")
    return int(value)


def _date(record: Any, key: str, where: str = "service") -> date | None:
    value = record.get(key) if isinstance(record, dict) else None
    if value in (None, ""):
        return None
    try:
        return date.fromisoformat(str(value)[:10])
    except ValueError as error:
        raise InvalidRecord(f"{where}: {key} {value!r} is not a date (YYYY-MM-DD)") from error
