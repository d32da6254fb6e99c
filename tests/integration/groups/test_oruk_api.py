"""The ORUK 3.0 API: shapes, paging and rules from the Open Referral UK profile."""

from __future__ import annotations

import uuid

import pytest

from app.data.groups import taxonomy

PAGE_FIELDS = {
    "total_items",
    "total_pages",
    "page_number",
    "size",
    "first_page",
    "last_page",
    "empty",
    "contents",
}


def no_empty_values(value, where="") -> None:
    """The profile: empty optional fields are left out, never sent as null."""
    if isinstance(value, dict):
        for key, item in value.items():
            assert item not in (None, "", [], {}), f"{where}.{key} is empty"
            no_empty_values(item, f"{where}.{key}")
    elif isinstance(value, list):
        for index, item in enumerate(value):
            no_empty_values(item, f"{where}[{index}]")


def get_json(client, url, status=200):
    response = client.get(url)
    assert response.status_code == status, (url, response.get_data(as_text=True))
    assert response.headers["Access-Control-Allow-Origin"] == "*"
    assert response.mimetype == "application/json"
    return response.get_json()


def check_page(body, page_number, size):
    assert set(body) == PAGE_FIELDS
    assert body["page_number"] == page_number and body["size"] == len(body["contents"]) == size
    assert body["first_page"] is (page_number == 1)
    assert body["last_page"] is (page_number >= body["total_pages"])
    assert body["empty"] is (body["size"] == 0)
    no_empty_values(body["contents"])


def test_the_root_says_version_profile_and_where_the_openapi_is(client):
    body = get_json(client, "/api/oruk/")
    assert body["version"] == "3.0"
    assert "openreferraluk.org" in body["profile"]
    spec = get_json(client, body["openapi_url"].replace("http://localhost", ""))
    assert spec["openapi"].startswith("3.")
    for path in (
        "/services",
        "/services/{id}",
        "/taxonomies",
        "/taxonomies/{id}",
        "/taxonomy_terms",
        "/taxonomy_terms/{id}",
        "/service_at_locations",
        "/service_at_locations/{id}",
    ):
        assert path in spec["paths"]


def test_services_are_paged_with_every_page_field(client, directory):
    first = get_json(client, "/api/oruk/services?per_page=10")
    check_page(first, 1, 10)
    assert first["total_items"] == 25 and first["total_pages"] == 3
    last = get_json(client, "/api/oruk/services?per_page=10&page=3")
    check_page(last, 3, 5)
    names = [s["name"] for s in first["contents"]]
    assert names == sorted(names)
    item = first["contents"][0]
    for required in ("id", "name", "status", "url", "organization"):
        assert required in item
    assert {"id", "name", "description"} <= set(item["organization"])


def test_a_service_by_id_is_fully_nested_and_follows_the_profile(client, directory):
    listing = get_json(client, "/api/oruk/services?search=bridewell+women")["contents"][0]
    body = get_json(client, f"/api/oruk/services/{listing['id']}")
    no_empty_values(body)
    assert body["schedules"][0]["byday"] == "WE" and body["schedules"][0]["freq"] == "WEEKLY"
    location = body["service_at_locations"][0]["location"]
    assert -90 <= location["latitude"] <= 90 and -180 <= location["longitude"] <= 180
    assert location["addresses"][0]["city"] == "Witney"
    terms = {a["taxonomy_term"]["id"] for a in body["attributes"]}
    assert taxonomy.term_for("women-only").id in terms
    assert body["cost_options"][0]["amount"] == 0
    assert body["phones"][0]["number"].startswith("01632 960")
    for attribute in body["attributes"]:
        assert attribute["taxonomy_term"]["taxonomy"]


def test_filters_day_time_age_and_taxonomy(client, directory):
    on_sunday = get_json(client, "/api/oruk/services?day=SU")["contents"]
    assert {s["name"] for s in on_sunday} == {"Bicester walking group", "Oxford safe haven"}
    assert get_json(client, "/api/oruk/services?day=sunday")["total_items"] == 2
    evenings = get_json(client, "/api/oruk/services?start_time=18:00")["contents"]
    assert "Oxford Survivors evening group" in {s["name"] for s in evenings}
    assert get_json(client, "/api/oruk/services?end_time=12:00")["total_items"] == 3
    carers = taxonomy.term_for("carers-support").id
    assert get_json(client, f"/api/oruk/services?taxonomy_term_id={carers}")["total_items"] == 1
    by_taxonomy = get_json(client, f"/api/oruk/services?taxonomy_id={taxonomy.ACCESS.id}")
    assert by_taxonomy["total_items"] > 0
    assert get_json(client, "/api/oruk/services?minimum_age=18")["total_items"] == 25
    assert get_json(client, "/api/oruk/services?minimum_age=19")["empty"] is True


def test_service_at_locations_by_postcode_and_proximity(client, directory):
    near = get_json(client, "/api/oruk/service_at_locations?postcode=OX28&proximity=5000")
    check_page(near, 1, near["size"])
    names = [item["service"]["name"] for item in near["contents"]]
    assert set(names) == {"Bridewell garden days", "Bridewell women's garden day"}
    one = near["contents"][0]
    detail = get_json(client, f"/api/oruk/service_at_locations/{one['id']}")
    assert detail["location"]["id"] == one["location_id"]
    assert detail["service"]["schedules"]


def test_taxonomies_and_terms_list_and_by_id(client, directory):
    taxonomies = get_json(client, "/api/oruk/taxonomies")
    check_page(taxonomies, 1, 3)
    terms = get_json(client, "/api/oruk/taxonomy_terms?per_page=100")
    assert terms["total_items"] == len(taxonomy.ALL_TERMS)
    term = get_json(client, f"/api/oruk/taxonomy_terms/{taxonomy.term_for('bsl').id}")
    assert term["taxonomy_id"] == taxonomy.ACCESS.id and term["name"]
    assert get_json(client, f"/api/oruk/taxonomies/{taxonomy.ACCESS.id}")["name"]


@pytest.mark.parametrize(
    ("query", "parameter"),
    [
        ("services?page=0", "page"),
        ("services?page=two", "page"),
        ("services?per_page=5000", "per_page"),
        ("services?taxonomy_term_id=not-a-term", "taxonomy_term_id"),
        ("services?taxonomy_id=not-a-taxonomy", "taxonomy_id"),
        ("services?day=someday", "day"),
        ("services?start_time=25:00", "start_time"),
        ("services?minimum_age=-3", "minimum_age"),
        ("services?search=" + "x" * 201, "search"),
        ("service_at_locations?postcode=OX28&proximity=-10", "proximity"),
        ("service_at_locations?postcode=NOTAPOSTCODE", "postcode"),
        ("service_at_locations?postcode=ZZ99", "postcode"),
        ("service_at_locations?proximity=100", "proximity"),
    ],
)
def test_bad_parameters_get_a_400_json_error_naming_them(client, directory, query, parameter):
    body = get_json(client, f"/api/oruk/{query}", status=400)
    assert body["code"] == 400 and body["parameter"] == parameter and body["message"]


def test_unknown_ids_are_404_json(client):
    for path in ("services", "taxonomies", "taxonomy_terms", "service_at_locations"):
        body = get_json(client, f"/api/oruk/{path}/{uuid.uuid4()}", status=404)
        assert body["code"] == 404


def test_an_empty_directory_is_an_empty_first_page(client):
    body = get_json(client, "/api/oruk/services")
    check_page(body, 1, 0)
    assert body["empty"] is True and body["total_pages"] == 0


def test_the_openapi_document_declares_the_paging_bounds(client):
    """Finding 9.18: page and per_page had no declared bounds, so a "valid" 0 was refused."""
    document = client.get("/api/oruk/openapi.json").get_json()
    parameters = document["components"]["parameters"]
    found = {name: parameters[name].get("schema", parameters[name]) for name in parameters}
    assert found["page"]["minimum"] == 1
    assert (found["per_page"]["minimum"], found["per_page"]["maximum"]) == (1, 200)
    assert client.get("/api/oruk/services?page=0").status_code == 400
    assert client.get("/api/oruk/services?per_page=201").status_code == 400
