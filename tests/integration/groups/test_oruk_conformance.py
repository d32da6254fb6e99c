"""The ORUK API as the official validator would try it, and imports that lose nothing
and never overwrite what another publisher owns.

Every response is checked against the official ORUK 3.0 schemata (vendored unchanged in
app/groups/oruk_spec, formats checked); the official examples (tests/.../oruk_examples)
go through import -> API -> compare with no field dropped or changed.
"""

from __future__ import annotations

import copy
import json
from datetime import UTC, datetime
from pathlib import Path

import pytest
from sqlalchemy import func, select

from app.data.database import db
from app.data.groups.listings import ListingValues, save_listing
from app.data.groups.models import Location, Schedule, Service, Taxonomy, TaxonomyTerm
from app.demo.listings import demo_records
from app.groups import oruk_schema
from app.groups.feed_files import FeedError
from app.groups.importer import import_feed

EXAMPLES = Path(__file__).parent / "oruk_examples"
PAGE = {"total_items", "total_pages", "page_number", "size", "first_page", "last_page", "empty"}
ITEM_SCHEMA = {
    "services": "service",
    "service_at_locations": "service_at_location",
    "taxonomies": "taxonomy",
    "taxonomy_terms": "taxonomy_term",
    "organizations": "organization",
}


def example(source: str, name: str, fix_coordinates: bool = True) -> dict:
    record = json.loads((EXAMPLES / source / f"{name}.json").read_text())
    if fix_coordinates:  # the HSDS examples carry a placeholder latitude of 100
        for link in record.get("service_at_locations", []):
            location = link.get("location", {})
            if location.get("latitude") == 100:
                location["latitude"], location["longitude"] = 51.75, -1.25
    return record


def answer(client, url, status=200):
    response = client.get(url)
    assert response.status_code == status, (url, response.get_data(as_text=True)[:500])
    assert response.headers["Access-Control-Allow-Origin"] == "*", url
    return response.get_json()


def assert_valid(entity: str, body, url: str) -> None:
    problems = oruk_schema.errors(entity, body)
    assert problems == [], f"{url}: {problems}"


def validate_list(client, path: str, per_page: int = 2) -> int:
    """First, middle, last and past-the-end pages: the page shape and every item."""
    first = answer(client, f"/api/oruk/{path}?per_page={per_page}")
    assert set(first) >= PAGE and first["page_number"] == 1 and first["first_page"] is True
    pages = first["total_pages"]
    for number in sorted({1, max(1, pages // 2), max(1, pages)}):
        url = f"/api/oruk/{path}?per_page={per_page}&page={number}"
        body = answer(client, url)
        assert body["size"] == len(body["contents"]) and body["last_page"] is (number == pages)
        for item in body["contents"]:
            assert_valid(ITEM_SCHEMA[path], item, url)
    past = answer(client, f"/api/oruk/{path}?per_page={per_page}&page={pages + 5}")
    assert past["contents"] == [] and past["empty"] is True and past["last_page"] is True
    return first["total_items"]


def validate_everything(client) -> None:
    for path in ITEM_SCHEMA:
        assert validate_list(client, path) > 0, path
    for service in answer(client, "/api/oruk/services?per_page=200")["contents"]:
        url = f"/api/oruk/services/{service['id']}"
        full = answer(client, url)
        assert_valid("service", full, url)
        for link in full.get("service_at_locations", []):
            link_url = f"/api/oruk/service_at_locations/{link['id']}"
            assert_valid("service_at_location", answer(client, link_url), link_url)
    for organization in answer(client, "/api/oruk/organizations?per_page=200")["contents"]:
        url = f"/api/oruk/organizations/{organization['id']}?full_service=true"
        body = answer(client, url)
        assert_valid("organization", body, url)
        for service in body["services"]:
            assert_valid("service", service, url)
    for path, entity in (("taxonomies", "taxonomy"), ("taxonomy_terms", "taxonomy_term")):
        for item in answer(client, f"/api/oruk/{path}?per_page=200")["contents"]:
            assert_valid(entity, answer(client, f"/api/oruk/{path}/{item['id']}"), path)


def load(app, records, publisher="feed"):
    with app.app_context():
        report = import_feed(json.dumps(records), publisher=publisher)
        db.session.commit()
    return report


def field_paths(value, prefix=""):
    """Every leaf field as path -> value, to count and compare fields in and out."""
    if isinstance(value, dict):
        found = {}
        for key, item in value.items():
            found.update(field_paths(item, f"{prefix}.{key}" if prefix else key))
        return found
    if isinstance(value, list):
        found = {}
        for index, item in enumerate(value):
            found.update(field_paths(item, f"{prefix}[{index}]"))
        return found
    return {prefix: value}


# Conformance --------------------------------------------------------------------------


def test_every_endpoint_validates_against_the_official_schemas_on_the_demo_data(client, directory):
    validate_everything(client)


def test_a_service_manager_listing_validates_with_a_full_address(app, client):
    with app.app_context():
        saved = save_listing(
            ListingValues(
                name="Witney walkers",
                organization_name="Walkers",
                description="A walk",
                address="Demo address, Witney",
                town="Witney",
                county="Oxfordshire",
                postcode="OX28",
                latitude=51.78,
                longitude=-1.48,
                days=["TU"],
                opens_at="10:00",
                closes_at="11:00",
            )
        )
        service_id = saved.id
        db.session.commit()
    body = answer(client, f"/api/oruk/services/{service_id}")
    assert_valid("service", body, "manager listing")
    address = body["service_at_locations"][0]["location"]["addresses"][0]
    assert address["state_province"] == "Oxfordshire" and address["postal_code"] == "OX28"
    assert "Europe/London" in body["schedules"][0]["notes"]  # the times' time zone


@pytest.mark.parametrize("source", ["oruk", "uk_profile", "hsds"])
def test_the_official_example_round_trips_with_no_field_dropped_or_changed(app, client, source):
    record = example(source, "service_full")
    report = load(app, [record])
    assert report.added == [record["id"]] and not report.skipped and not report.warnings
    out = answer(client, f"/api/oruk/services/{record['id']}")
    fields_in, fields_out = field_paths(record), field_paths(out)
    diff = {
        path: (fields_in.get(path, "<absent>"), fields_out.get(path, "<absent>"))
        for path in set(fields_in) | set(fields_out)
        if fields_in.get(path, "<absent>") != fields_out.get(path, "<absent>")
    }
    assert diff == {}
    assert len(fields_in) == len(fields_out) > 40
    assert_valid("service", out, source)
    validate_everything(client)


def test_imported_official_examples_validate_on_every_endpoint(app, client):
    oruk_example, hsds_example = example("oruk", "service_full"), example("hsds", "service_full")
    hsds_example["id"] = "0f1e2d3c-4b5a-4978-8695-a4b3c2d1e0f9"  # the examples share an id
    report = load(app, [hsds_example])
    assert not report.skipped
    report = load(app, [oruk_example], publisher="another")
    assert "belongs to the feed 'feed'" in report.skipped[0][1]  # the examples share ids
    validate_everything(client)


def test_query_parameters_of_the_oruk_openapi_work_as_documented(app, client, directory):
    everything = answer(client, "/api/oruk/services?per_page=200")["contents"]
    organization_id = everything[0]["organization"]["id"]
    own = answer(client, f"/api/oruk/services?organization_id={organization_id}&per_page=200")
    assert own["total_items"] >= 1
    assert {s["organization"]["id"] for s in own["contents"]} == {organization_id}
    assert answer(client, "/api/oruk/services?organization_id=nope", 400)["parameter"] == (
        "organization_id"
    )
    record = example("oruk", "service_full")
    load(app, [record])
    since = answer(client, "/api/oruk/services?modified_after=2023-03-15T10:30:45Z")
    assert record["id"] in {s["id"] for s in since["contents"]}
    later = answer(client, "/api/oruk/services?modified_after=2099-01-01T00:00:00Z")
    assert later["total_items"] == 0
    assert answer(client, "/api/oruk/services?modified_after=soon", 400)["parameter"] == (
        "modified_after"
    )
    minimal = answer(client, "/api/oruk/services?minimal=true&per_page=3")["contents"]
    assert all(set(item) == {"id", "last_modified"} for item in minimal)
    full = answer(client, "/api/oruk/services?full=true&per_page=200")["contents"]
    assert any("service_at_locations" in item for item in full)
    for item in full:
        assert_valid("service", item, "full=true")
    plain = answer(client, "/api/oruk/services?per_page=200")["contents"]
    assert not any(isinstance(value, list) for item in plain for value in item.values())
    response = client.get("/api/oruk/services?format=ndjson&per_page=5")
    assert response.mimetype == "application/x-ndjson"
    lines = response.get_data(as_text=True).splitlines()
    assert len(lines) == 5 and all("id" in json.loads(line) for line in lines)
    assert answer(client, "/api/oruk/services?format=xml", 400)["parameter"] == "format"
    assert answer(client, "/api/oruk/services?text=bridewell")["total_items"] >= 1
    organizations = answer(client, "/api/oruk/organizations?full=true")["contents"]
    assert all(isinstance(item["services"], list) for item in organizations)


def test_cors_on_every_api_answer_errors_included(client, directory):
    for url, status in (
        ("/api/oruk/no-such-thing", 404),
        ("/api/oruk/services/no-such-id", 404),
        ("/api/oruk/organizations/no-such-id", 404),
        ("/api/oruk/services?page=abc", 400),
    ):
        response = client.get(url)
        assert response.status_code == status
        assert response.headers["Access-Control-Allow-Origin"] == "*", url


def test_openapi_declares_what_is_served_and_points_at_the_official_schemas(client, app):
    spec = answer(client, "/api/oruk/openapi.json")
    served = {
        rule.rule.removeprefix("/api/oruk").replace("<", "{").replace(">", "}") or "/"
        for rule in app.url_map.iter_rules()
        if rule.rule.startswith("/api/oruk")
    }
    declared = {path.replace("{id}", "{x}") for path in spec["paths"]} | {"/openapi.json"}
    served = {path.split("{")[0] + ("{x}" if "{" in path else "") for path in served}
    assert declared == served
    refs = [
        value
        for value in json.dumps(spec).split('"')
        if value.startswith("http") and value.endswith(".json")
    ]
    assert refs and all(ref.startswith(oruk_schema.SCHEMATA_URL) for ref in refs)
    for name in ("organization_id", "modified_after", "minimal", "full", "format"):
        assert name in spec["components"]["parameters"]


# Imports that lose nothing ---------------------------------------------------------


def test_a_bad_coordinate_drops_the_position_with_a_warning_not_the_service(app, client):
    record = example("hsds", "service_full", fix_coordinates=False)
    report = load(app, [record])
    assert report.added == [record["id"]]
    assert "not a coordinate on Earth" in report.warnings[0][1]
    location = answer(client, f"/api/oruk/services/{record['id']}")["service_at_locations"][0]
    assert "latitude" not in location["location"]


def test_the_source_last_modified_is_kept_and_keepwells_change_time_is_separate(app, client):
    record = example("oruk", "service_full")
    load(app, [record])
    assert (
        answer(client, f"/api/oruk/services/{record['id']}")["last_modified"]
        == (record["last_modified"])
    )
    with app.app_context():
        service = db.session.get(Service, record["id"])
        assert service.last_modified == datetime(2023, 3, 15, 10, 30, 45, 123000, tzinfo=UTC)
        assert service.changed_at_utc.year >= 2026


def test_a_list_page_never_wipes_the_lists_of_a_fully_imported_service(app, client):
    record = example("oruk", "service_full")
    load(app, [record])
    before = answer(client, f"/api/oruk/services/{record['id']}")
    summary = {key: value for key, value in record.items() if not isinstance(value, list)}
    summary["name"] = "Community Counselling (renamed)"
    report = load(app, [summary])
    assert report.updated == [record["id"]]
    after = answer(client, f"/api/oruk/services/{record['id']}")
    assert after["name"] == "Community Counselling (renamed)"
    for key in ("schedules", "service_at_locations", "contacts", "attributes", "funding"):
        assert after[key] == before[key], key
    with app.app_context():
        assert db.session.scalar(select(func.count()).select_from(Schedule)) == 1


def test_a_phone_repeated_under_the_service_and_its_contact_is_one_phone(app):
    record = example("hsds", "service_full")
    assert record["phones"][0]["id"] == record["contacts"][0]["phones"][0]["id"]
    report = load(app, [record])
    assert report.added == [record["id"]] and not report.skipped


def test_an_unknown_taxonomy_is_never_invented_from_its_id(app):
    record = copy.deepcopy(example("oruk", "service_full"))
    term = record["attributes"][0]["taxonomy_term"]
    term["taxonomy_id"] = "7b3c8d0e-1f2a-4b5c-9d6e-0f1a2b3c4d5e"
    term.pop("taxonomy_detail", None)
    load(app, [record])
    with app.app_context():
        assert db.session.get(Taxonomy, term["taxonomy_id"]) is None
        assert db.session.get(TaxonomyTerm, term["id"]).taxonomy_id is None


def test_organisation_files_import_their_services_and_other_files_are_named(app):
    organization = example("oruk", "organization_full")
    report = load(app, organization)
    assert len(report.added) == len(organization["services"]) >= 1
    for name, words in (
        ("taxonomy_list", "holds taxonomies"),
        ("taxonomy_term_list", "holds taxonomy terms"),
        ("service_at_location_list", "holds services at locations"),
        ("organization_list", "organisations without their services"),
    ):
        with app.app_context(), pytest.raises(FeedError, match=words):
            import_feed((EXAMPLES / "oruk" / f"{name}.json").read_text())


# Ownership ------------------------------------------------------------------------------


def test_one_publisher_can_never_overwrite_another(app, client):
    record = example("oruk", "service_full")
    load(app, [record], publisher="Oxfordshire County Council")
    before = answer(client, f"/api/oruk/services/{record['id']}")
    rival = copy.deepcopy(record)
    rival["name"] = "Taken over"
    report = load(app, [rival], publisher="Another directory")
    assert (
        report.skipped
        and "belongs to the feed 'Oxfordshire County Council'" in (report.skipped[0][1])
    )
    assert answer(client, f"/api/oruk/services/{record['id']}") == before
    # A new service of the rival that reuses the first publisher's place is refused too.
    sneaky = copy.deepcopy(record)
    sneaky["id"] = "5d6e7f80-9a1b-4c2d-8e3f-a4b5c6d7e8f9"
    sneaky["organization"]["id"] = "6e7f8091-a2b3-4c4d-9e5f-b6c7d8e9f0a1"
    for link in sneaky["service_at_locations"]:
        link["id"] = "7f8091a2-b3c4-4d5e-8f60-c7d8e9f0a1b2"
    report = load(app, [sneaky], publisher="Another directory")
    assert (
        "location" in report.skipped[0][1]
        and "Oxfordshire County Council" in (report.skipped[0][1])
    )
    with app.app_context():
        location = db.session.get(Location, record["service_at_locations"][0]["location"]["id"])
        assert location.publisher == "Oxfordshire County Council"
        assert db.session.get(Service, sneaky["id"]) is None


def test_a_feed_cannot_touch_a_demo_or_a_manager_listing(app, client, directory):
    demo = demo_records()[0]
    report = load(app, [{**demo, "name": "Hijacked"}])
    assert "demo listing" in report.skipped[0][1]
    assert answer(client, f"/api/oruk/services/{demo['id']}")["name"] != "Hijacked"
    with app.app_context():
        mine = save_listing(
            ListingValues(name="Walk", organization_name="W", description="A walk", town="Witney")
        )
        mine_id = mine.id
        db.session.commit()
    copy_of_mine = {**example("oruk", "service_full"), "id": mine_id}
    report = load(app, [copy_of_mine])
    assert "service manager entered" in report.skipped[0][1]
    assert answer(client, f"/api/oruk/services/{mine_id}")["name"] == "Walk"


def test_the_same_id_twice_in_one_feed_is_reported(app):
    record = example("oruk", "service_full")
    second = {**record, "name": "Second copy"}
    report = load(app, [record, second])
    assert report.added == [record["id"]]
    assert "more than once in this feed" in report.skipped[0][1]
    with app.app_context():
        assert db.session.get(Service, record["id"]).name == record["name"]


def test_a_clashing_child_id_is_a_clear_reason_not_a_database_error(app):
    first, second = demo_records()[:2]
    second["schedules"][0]["id"] = first["schedules"][0]["id"]
    report = load(app, [first, second])
    reason = dict(report.skipped)[second["id"]]
    assert f"schedule {first['schedules'][0]['id']} already belongs to another listing" in reason
    assert "UNIQUE" not in reason and "duplicate key" not in reason


def test_group_page_says_when_and_by_whom_it_was_last_checked(app, client):
    record = example("oruk", "service_full")
    load(app, [record], publisher="Oxfordshire County Council")
    text = client.get(f"/groups/{record['id']}").get_data(as_text=True)
    assert "by Oxfordshire County Council" in text and "15 March 2023" in text


@pytest.mark.parametrize(
    "content",
    ["[" * 100_000 + "]" * 100_000, json.dumps({"contents": "not a list"}), "[]"],
)
def test_hostile_or_empty_files_answer_clearly_and_store_nothing(app, content):
    with app.app_context():
        try:
            report = import_feed(content)
        except FeedError as error:
            assert str(error)
        else:
            assert report.stored == 0 and not report.skipped
        assert db.session.scalar(select(func.count()).select_from(Service)) == 0


def test_a_listing_imported_before_records_were_kept_whole_is_stored_again(app, client):
    record = example("oruk", "service_full")
    load(app, [record])
    with app.app_context():
        db.session.get(Service, record["id"]).source_record = None  # as before 0006
        db.session.commit()
    assert load(app, [record]).updated == [record["id"]]
    assert answer(client, f"/api/oruk/services/{record['id']}")["fees"] == record["fees"]
    assert load(app, [record]).unchanged == [record["id"]]
