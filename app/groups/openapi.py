"""The OpenAPI 3 document for our ORUK API, served at /api/oruk/openapi.json.

Paths, parameters and the Page shape follow the Open Referral UK 3.0 OpenAPI documents
(openreferraluk.org's, and HSDS 3.0's for /organizations and the list parameters); it
declares exactly the paths and parameters served, and entity schemas point at the
official schema documents openreferraluk.org publishes (the ones the ORUK validator
loads, vendored unchanged in app/groups/oruk_spec/)."""

from __future__ import annotations

from typing import Any

from app.groups.oruk_schema import SCHEMATA_URL as PROFILE_SCHEMAS

PARAMETERS: dict[str, dict[str, Any]] = {
    "search": {"description": "Full text search (every word must match).", "type": "string"},
    "text": {"description": "The same as search (an older name for it).", "type": "string"},
    "page": {
        "description": "Page number of paginated result, from 1.",
        "type": "integer",
        "minimum": 1,
    },
    "per_page": {
        "description": "Number of results in a page (1 to 200, default 50).",
        "type": "integer",
        "minimum": 1,
        "maximum": 200,
    },
    "taxonomy_term_id": {"description": "Services with this taxonomy term.", "type": "string"},
    "taxonomy_id": {"description": "Services with any term of this taxonomy.", "type": "string"},
    "minimum_age": {
        "description": "Services with a minimum age of at least this.",
        "type": "number",
    },
    "maximum_age": {
        "description": "Services with a maximum age of this or below.",
        "type": "number",
    },
    "start_time": {
        "description": "Sessions opening at or after this UK time (HH:MM).",
        "type": "string",
    },
    "end_time": {
        "description": "Sessions closing at or before this UK time (HH:MM).",
        "type": "string",
    },
    "day": {"description": "Sessions on this day (MO to SU, or the day's name).", "type": "string"},
    "postcode": {
        "description": "A UK postcode or postcode district to measure from.",
        "type": "string",
    },
    "proximity": {
        "description": "Within this many metres of the postcode's centre.",
        "type": "integer",
    },
    "organization_id": {
        "description": "Services this organization provides.",
        "type": "string",
    },
    "modified_after": {
        "description": "Results whose last_modified is on or after this date and time "
        "(RFC 3339; UTC when no offset is given).",
        "type": "string",
        "format": "date-time",
    },
    "minimal": {
        "description": "true: each result is just its id and last_modified.",
        "type": "boolean",
    },
    "full": {
        "description": "true: each result is fully nested, as from its /{id} endpoint.",
        "type": "boolean",
    },
    "full_service": {
        "description": "true: an organization's services are fully nested (else ids only).",
        "type": "boolean",
    },
    "format": {
        "description": "json (a page, the default) or ndjson (one result a line, no page).",
        "type": "string",
        "enum": ["json", "ndjson"],
    },
}
LIST_FILTERS = [
    "search",
    "text",
    "page",
    "per_page",
    "format",
    "taxonomy_term_id",
    "taxonomy_id",
    "organization_id",
    "modified_after",
    "minimum_age",
    "maximum_age",
    "start_time",
    "end_time",
    "day",
]


def _ref(name: str) -> dict[str, str]:
    return {"$ref": f"#/components/parameters/{name}"}


def _json(schema: dict[str, Any], description: str) -> dict[str, Any]:
    return {"description": description, "content": {"application/json": {"schema": schema}}}


def _paged(item_schema: str, description: str, parameters: list[str]) -> dict[str, Any]:
    schema = {
        "allOf": [{"$ref": "#/components/schemas/Page"}],
        "properties": {
            "contents": {"type": "array", "items": {"$ref": PROFILE_SCHEMAS + item_schema}}
        },
    }
    ndjson = {"schema": {"type": "string"}}
    ok = _json(schema, description)
    ok["content"]["application/x-ndjson"] = ndjson
    return {
        "get": {
            "summary": description,
            "parameters": [_ref(p) for p in parameters],
            "responses": {"200": ok, "400": _ERROR},
        }
    }


def _by_id(item_schema: str, description: str, parameters: tuple[str, ...] = ()) -> dict[str, Any]:
    return {
        "parameters": [
            {"in": "path", "name": "id", "required": True, "schema": {"type": "string"}}
        ],
        "get": {
            "summary": description,
            "parameters": [_ref(p) for p in parameters],
            "responses": {
                "200": _json({"$ref": PROFILE_SCHEMAS + item_schema}, description),
                "404": _ERROR,
            },
        },
    }


_ERROR = _json({"$ref": "#/components/schemas/Error"}, "The request could not be answered.")


def openapi_document(server_url: str) -> dict[str, Any]:
    about = {
        "type": "object",
        "properties": {
            "version": {"type": "string"},
            "profile": {"type": "string", "format": "uri"},
            "openapi_url": {"type": "string", "format": "uri"},
        },
    }
    return {
        "openapi": "3.0.3",
        "info": {
            "title": "Keepwell groups directory (Open Referral UK)",
            "version": "3.0",
            "description": "Read-only Open Referral UK 3.0 API of the Keepwell groups and "
            "services directory. Schedule times are UK local time (Europe/London).",
        },
        "servers": [{"url": server_url}],
        "paths": {
            "/": {
                "get": {
                    "summary": "About this API and its HSDS profile.",
                    "responses": {"200": _json(about, "About this API.")},
                }
            },
            "/services": _paged(
                "service.json",
                "Paged services, one-to-one fields only (unless full or minimal).",
                [*LIST_FILTERS, "minimal", "full"],
            ),
            "/services/{id}": _by_id("service.json", "A fully nested service."),
            "/service_at_locations": _paged(
                "service_at_location.json",
                "Paged services at locations.",
                [*LIST_FILTERS, "full", "postcode", "proximity"],
            ),
            "/service_at_locations/{id}": _by_id(
                "service_at_location.json", "A fully nested service at a location."
            ),
            "/organizations": _paged(
                "organization.json",
                "Paged organizations (with their services' ids when full).",
                ["page", "per_page", "format", "full", "full_service"],
            ),
            "/organizations/{id}": _by_id(
                "organization.json",
                "An organization with its services' ids (in full with full_service).",
                ("full_service",),
            ),
            "/taxonomies": _paged(
                "taxonomy.json", "Paged taxonomies.", ["page", "per_page", "format"]
            ),
            "/taxonomies/{id}": _by_id("taxonomy.json", "A taxonomy."),
            "/taxonomy_terms": _paged(
                "taxonomy_term.json", "Paged taxonomy terms.", ["page", "per_page", "format"]
            ),
            "/taxonomy_terms/{id}": _by_id("taxonomy_term.json", "A taxonomy term."),
        },
        "components": {
            "parameters": {
                name: {
                    "name": name,
                    "in": "query",
                    "required": False,
                    "description": spec["description"],
                    "schema": {key: value for key, value in spec.items() if key != "description"},
                }
                for name, spec in PARAMETERS.items()
            },
            "schemas": {
                "Page": {
                    "type": "object",
                    "properties": {
                        "total_items": {"type": "integer"},
                        "total_pages": {"type": "integer"},
                        "page_number": {"type": "integer"},
                        "size": {"type": "integer"},
                        "first_page": {"type": "boolean"},
                        "last_page": {"type": "boolean"},
                        "empty": {"type": "boolean"},
                    },
                },
                "Error": {
                    "type": "object",
                    "properties": {
                        "error": {"type": "string"},
                        "code": {"type": "integer"},
                        "parameter": {"type": "string"},
                        "message": {"type": "string"},
                    },
                },
            },
        },
    }
