"""The official Open Referral UK 3.0 JSON schemata, and checking a record against them.

The schemata in `oruk_spec/schemata/` are openreferraluk.org's own files, unchanged (see
`oruk_spec/README.md`); they refer to each other by file name, so they are registered
under the address openreferraluk.org publishes them at. Formats are checked too: `uuid`,
`email` and `date` by jsonschema itself, `uri` and `date-time` here (jsonschema checks
those only with extra packages we do not need for two short rules).
"""

from __future__ import annotations

import json
import re
from datetime import datetime
from functools import cache
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from flask_babel import gettext as _
from jsonschema import Draft202012Validator, FormatChecker, ValidationError
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT202012

SPEC = Path(__file__).parent / "oruk_spec"
SCHEMATA_URL = "https://openreferraluk.org/specifications/3.0/schemata/"
MAX_ERRORS = 3

_DATE_TIME = re.compile(r"^\d{4}-\d{2}-\d{2}[Tt ]\d{2}:\d{2}:\d{2}(\.\d+)?([Zz]|[+-]\d{2}:\d{2})$")
_SCHEME = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*$")

FORMATS = FormatChecker()


@FORMATS.checks("uri")
def is_uri(value: object) -> bool:
    """An absolute URI (RFC 3986): a scheme, and for web addresses a host."""
    if not isinstance(value, str):
        return True
    if any(char.isspace() for char in value):
        return False
    parts = urlsplit(value)
    if not parts.scheme or not _SCHEME.match(parts.scheme):
        return False
    if parts.scheme.lower() in ("http", "https"):
        return bool(parts.netloc)
    return bool(parts.path or parts.netloc)


@FORMATS.checks("date-time", raises=ValueError)
def is_date_time(value: object) -> bool:
    """An RFC 3339 date and time, with its offset from UTC."""
    if not isinstance(value, str):
        return True
    if not _DATE_TIME.match(value):
        return False
    datetime.fromisoformat(value.replace("z", "Z").replace("Z", "+00:00"))
    return True


@cache
def _registry() -> Registry:
    resources = [
        (
            SCHEMATA_URL + path.name,
            Resource.from_contents(
                json.loads(path.read_text(encoding="utf-8")), default_specification=DRAFT202012
            ),
        )
        for path in sorted((SPEC / "schemata").glob("*.json"))
    ]
    return Registry().with_resources(resources)


@cache
def validator(entity: str) -> Draft202012Validator:
    """A validator for one entity's schema: "service", "organization", "taxonomy"..."""
    return Draft202012Validator(
        {"$ref": SCHEMATA_URL + f"{entity}.json"},
        registry=_registry(),
        format_checker=FORMATS,
    )


def where(path: Any) -> str:
    """A JSON path as a person reads it: service_at_locations[0].location.latitude."""
    text = ""
    for part in path:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else str(part))
    return text


def faults(entity: str, record: Any) -> list[ValidationError]:
    """Where the record does not meet the entity's schema, in field order (none: valid)."""
    return sorted(validator(entity).iter_errors(record), key=lambda e: list(map(str, e.path)))


def errors(entity: str, record: Any) -> list[str]:
    """The same faults in jsonschema's own (English) words, one line each."""
    return [
        f"{where(error.absolute_path) or entity}: {error.message}"
        for error in faults(entity, record)
    ]


# In the reader's words (the manager's language on the import page) ---------------


def _json_type(name: Any) -> str:
    names = {
        "string": _("text"),
        "number": _("a number"),
        "integer": _("a whole number"),
        "array": _("a list"),
        "object": _("an object"),
        "boolean": _("true or false"),
    }
    return names.get(name, str(name)) if isinstance(name, str) else str(name)


def describe(error: ValidationError) -> str:
    """One schema fault as a sentence naming the record's field."""
    place = where(error.absolute_path) or _("the service")
    value = json.dumps(error.instance, ensure_ascii=False)[:80]
    if error.validator == "required":
        field = str(error.message).split("'")[1] if "'" in error.message else error.message
        return _(
            "%(where)s: %(field)s is missing (the standard requires it).", where=place, field=field
        )
    if error.validator == "type":
        return _(
            "%(where)s: %(value)s should be %(kind)s.",
            where=place,
            value=value,
            kind=_json_type(error.validator_value),
        )
    if error.validator == "format":
        formats = {
            "uuid": _("a UUID"),
            "uri": _("a web address (URI)"),
            "email": _("an email address"),
            "date-time": _("a date and time"),
            "date": _("a date"),
        }
        return _(
            "%(where)s: %(value)s is not %(format)s.",
            where=place,
            value=value,
            format=formats.get(str(error.validator_value), str(error.validator_value)),
        )
    if error.validator == "enum":
        allowed = ", ".join(str(option) for option in error.validator_value)
        return _(
            "%(where)s: %(value)s is not one of %(allowed)s.",
            where=place,
            value=value,
            allowed=allowed,
        )
    return f"{where}: {error.message}"
