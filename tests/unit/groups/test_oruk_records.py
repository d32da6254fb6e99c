"""Pure pieces of ORUK imports: which entity a record is, and the formats and required
fields the official ORUK 3.0 schema names."""

from __future__ import annotations

import pytest

from app.groups import oruk_schema
from app.groups.feed_files import record_kind


@pytest.mark.parametrize(
    ("record", "kind"),
    [
        ({"id": "1", "name": "S", "status": "active"}, "service"),
        ({"id": "1", "name": "S"}, "service"),  # then "status is missing", not misread
        ({"id": "1", "name": "O", "description": "d", "services": []}, "organization"),
        ({"id": "1", "name": "O", "description": "d", "website": "http://x.org"}, "organization"),
        ({"id": "1", "location": {}, "service": {}}, "service_at_location"),
        ({"id": "1", "name": "T", "description": "d", "uri": "http://x.org"}, "taxonomy"),
        ({"id": "1", "name": "T", "description": "d", "taxonomy_id": "2"}, "taxonomy_term"),
        ({"id": "1", "name": "T", "description": "d", "term": "x"}, "taxonomy_term"),
        ("not an object", "service"),
    ],
)
def test_a_record_is_recognised_by_the_fields_only_its_entity_has(record, kind):
    assert record_kind(record) == kind


@pytest.mark.parametrize(
    ("value", "valid"),
    [
        ("https://example.org/a?b=c", True),
        ("mailto:someone@example.org", True),
        ("urn:isbn:0451450523", True),
        ("not a url", False),
        ("https://", False),
        ("example.org", False),
        ("http://exa mple.org", False),
    ],
)
def test_uri_means_an_absolute_uri(value, valid):
    assert oruk_schema.is_uri(value) is valid


@pytest.mark.parametrize(
    ("value", "valid"),
    [
        ("2023-03-15T10:30:45.123Z", True),
        ("2023-03-15T10:30:45+01:00", True),
        ("2023-03-15T10:30:45", False),  # RFC 3339 needs the offset
        ("2023-03-15", False),
        ("2023-02-30T10:30:45Z", False),
        ("yesterday", False),
    ],
)
def test_date_time_means_rfc_3339_with_an_offset(value, valid):
    try:
        result = oruk_schema.is_date_time(value)
    except ValueError:
        result = False
    assert result is valid


def test_the_official_schema_checks_formats_and_required_fields():
    good = {"id": "ac148810-d857-441c-9679-408f346de14b", "name": "S", "status": "active"}
    assert oruk_schema.errors("service", good) == []
    bad = {**good, "id": "svc-1", "email": "nobody", "status": "open"}
    problems = " ".join(oruk_schema.errors("service", bad))
    assert "'svc-1' is not a 'uuid'" in problems
    assert "'nobody' is not a 'email'" in problems
    assert "'open' is not one of" in problems
    assert "'name' is a required property" in " ".join(
        oruk_schema.errors("service", {"id": good["id"], "status": "active"})
    )
