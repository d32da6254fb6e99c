"""Reading an ORUK 3.0 feed and checking each service in it, before anything is stored.

A feed is what an ORUK API gives: a page of services (`{"contents": [...]}`), a list
of services, or one service, each as fully nested as the publisher offers. `check`
turns one service into plain values the importer can write, or raises `InvalidRecord`
with the reason a person can act on.
"""

from __future__ import annotations

import json
import re
from datetime import date
from decimal import Decimal, InvalidOperation
from typing import Any

from app.data.groups import schedules as timing
from app.data.groups.imports import ServiceRows

ID = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._:-]{0,63}$")
STATUSES = ("active", "inactive", "defunct", "temporarily closed")
MAX_RECORDS = 50_000


class FeedError(Exception):
    """The file as a whole is not an ORUK feed: nothing is imported."""


class InvalidRecord(Exception):
    """One service cannot be imported; the rest can."""


def parse_feed(raw: bytes | str) -> list[Any]:
    try:
        data = json.loads(raw)
    except (ValueError, UnicodeDecodeError) as error:
        raise FeedError(f"the file is not valid JSON ({error})") from error
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
    if len(records) > MAX_RECORDS:
        raise FeedError(f"the feed has {len(records)} services; at most {MAX_RECORDS} at once")
    return records


# Checking one record -------------------------------------------------------------------


def record_id(record: Any) -> str:
    if isinstance(record, dict) and isinstance(record.get("id"), str):
        return record["id"][:80]
    return "(no id)"


def check(record: Any) -> ServiceRows:
    if not isinstance(record, dict):
        raise InvalidRecord("a service must be a JSON object")
    sid = _id(record, "id", "service")
    status = _text(record, "status", 20) or "active"
    if status not in STATUSES:
        raise InvalidRecord(f"status {status!r} is not one of {', '.join(STATUSES)}")
    organization = _organization(record)
    checked = ServiceRows(
        service={
            "id": sid,
            "organization_id": organization["id"],
            "name": _text(record, "name", 200, required=True),
            "description": _text(record, "description", 10_000) or "",
            "url": _text(record, "url", 500),
            "email": _text(record, "email", 200),
            "status": status,
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
        checked.schedules.append(_schedule(item, sid, f"schedules[{index}]"))
    for index, item in enumerate(_list(record, "attributes")):
        _attribute(checked, item, f"attributes[{index}]")
    _contacts_and_phones(checked, record)
    for index, item in enumerate(_list(record, "cost_options")):
        checked.cost_options.append(_cost(item, sid, f"cost_options[{index}]"))
    for index, item in enumerate(_list(record, "languages")):
        where = f"languages[{index}]"
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
    _check_unique_ids(checked)
    return checked


def _organization(record: dict[str, Any]) -> dict[str, Any]:
    organization = record.get("organization")
    if not isinstance(organization, dict):
        raise InvalidRecord("the service has no organization (an object with id and name)")
    return {
        "id": _id(organization, "id", "organization"),
        "name": _text(organization, "name", 200, required=True, where="organization"),
        "description": _text(organization, "description", 10_000, where="organization") or "",
        "email": _text(organization, "email", 200, where="organization"),
        "website": _text(organization, "website", 500, where="organization"),
    }


def _location_link(checked: ServiceRows, link: Any, where: str) -> None:
    location = link.get("location") if isinstance(link, dict) else None
    if not isinstance(location, dict):
        raise InvalidRecord(f"{where} has no location")
    lid = _id(location, "id", f"{where}.location")
    latitude = _coordinate(location, "latitude", 90, where)
    longitude = _coordinate(location, "longitude", 180, where)
    addresses = [a for a in _list(location, "addresses") if isinstance(a, dict)]
    address = addresses[0] if addresses else {}
    checked.locations.append(
        {
            "id": lid,
            "location_type": _text(location, "location_type", 20, where=where) or "physical",
            "name": _text(location, "name", 200, where=where),
            "description": _text(location, "description", 5_000, where=where),
            "transportation": _text(location, "transportation", 5_000, where=where),
            "latitude": latitude,
            "longitude": longitude,
            "address_id": _text(address, "id", 64, where=where),
            "address_1": _text(address, "address_1", 200, where=where),
            "address_2": _text(address, "address_2", 200, where=where),
            "city": _text(address, "city", 100, where=where),
            "region": _text(address, "region", 100, where=where),
            "postal_code": _text(address, "postal_code", 10, where=where),
            "country": _text(address, "country", 2, where=where),
        }
    )
    for index, item in enumerate(_list(location, "accessibility")):
        inner = f"{where}.location.accessibility[{index}]"
        checked.accessibility.append(
            {
                "id": _id(item, "id", inner),
                "location_id": lid,
                "description": _text(item, "description", 5_000, where=inner),
                "details": _text(item, "details", 5_000, where=inner),
                "url": _text(item, "url", 500, where=inner),
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
    term = item.get("taxonomy_term") if isinstance(item, dict) else None
    if not isinstance(term, dict):
        raise InvalidRecord(f"{where} has no taxonomy_term")
    term_id = _id(term, "id", f"{where}.taxonomy_term")
    name = _text(term, "name", 200, where=where) or _text(term, "term", 200, where=where)
    if not name:
        raise InvalidRecord(f"{where}.taxonomy_term has no name")
    detail = term.get("taxonomy_detail")
    taxonomy_id = _text(term, "taxonomy_id", 64, where=where)
    if isinstance(detail, dict):
        taxonomy_id = _id(detail, "id", f"{where}.taxonomy_detail")
        checked.taxonomies.append(
            {
                "id": taxonomy_id,
                "name": _text(detail, "name", 200, where=where) or taxonomy_id,
                "description": _text(detail, "description", 2_000, where=where) or "",
                "uri": _text(detail, "uri", 500, where=where),
                "version": _text(detail, "version", 40, where=where),
            }
        )
    elif taxonomy_id:
        label = _text(term, "taxonomy", 200, where=where) or taxonomy_id
        checked.taxonomies.append({"id": taxonomy_id, "name": label, "description": ""})
    checked.terms.append(
        {
            "id": term_id,
            "taxonomy_id": taxonomy_id,
            "name": name,
            "code": _text(term, "code", 100, where=where),
            "description": _text(term, "description", 2_000, where=where) or "",
            "parent_id": _text(term, "parent_id", 64, where=where),
            "term_uri": _text(term, "term_uri", 500, where=where),
        }
    )
    checked.attributes.append(
        {
            "id": _id(item, "id", where),
            "service_id": checked.service["id"],
            "taxonomy_term_id": term_id,
            "link_type": _text(item, "link_type", 50, where=where),
        }
    )


def _contacts_and_phones(checked: ServiceRows, record: dict[str, Any]) -> None:
    sid = checked.service["id"]
    for index, item in enumerate(_list(record, "contacts")):
        where = f"contacts[{index}]"
        cid = _id(item, "id", where)
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
            checked.phones.append(_phone(phone, sid, cid, f"{where}.phones[{inner}]"))
    for index, phone in enumerate(_list(record, "phones")):
        checked.phones.append(_phone(phone, sid, None, f"phones[{index}]"))


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


def _check_unique_ids(checked: ServiceRows) -> None:
    for name in (
        "links",
        "schedules",
        "attributes",
        "contacts",
        "phones",
        "cost_options",
        "languages",
        "accessibility",
    ):
        ids = [row["id"] for row in getattr(checked, name)]
        if len(ids) != len(set(ids)):
            raise InvalidRecord(f"two {name.replace('_', ' ')} share an id")


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
        raise InvalidRecord(f"{where}: {key} is longer than {limit} characters")
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


def _coordinate(location: dict[str, Any], key: str, limit: int, where: str) -> float | None:
    value = location.get(key)
    if value is None:
        return None
    try:
        number = float(value)
    except (TypeError, ValueError) as error:
        raise InvalidRecord(f"{where}: {key} is not a number") from error
    if not -limit <= number <= limit:
        raise InvalidRecord(f"{where}: {key} {number} is out of range")
    return number


def _date(record: Any, key: str, where: str = "service") -> date | None:
    value = record.get(key) if isinstance(record, dict) else None
    if value in (None, ""):
        return None
    try:
        return date.fromisoformat(str(value)[:10])
    except ValueError as error:
        raise InvalidRecord(f"{where}: {key} {value!r} is not a date (YYYY-MM-DD)") from error
