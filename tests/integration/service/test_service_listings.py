"""A service's own listings in Find groups: linked from the command line or added by its
manager, edited by its managers and nobody else but the directory's own managers; and
the report's peer support networks and reviews due, on screen and in the CSV."""

from __future__ import annotations

import csv
import io
from datetime import UTC, date, datetime

import pytest
from sqlalchemy import select

from app.data.database import db
from app.data.groups.listings import ListingValues, get_service, save_listing
from app.data.service.listings import link_listing, listings_of
from app.data.service.staff import get_provider
from tests.support.helpers import make_person, page_text, post_form, sign_in
from tests.support.progress import all_scores, make_assessment
from tests.support.service import add_member, add_staff, make_service

LISTING = {
    "name": "Thame peer support",
    "organization_name": "Riverside Recovery",
    "description": "A peer support group.",
    "types": ["peer-support"],
    "town": "Thame",
    "postcode": "OX9",
    "days": ["WE"],
    "opens_at": "14:00",
    "closes_at": "16:00",
}


def _listing(name, types=("peer-support",)):
    return save_listing(
        ListingValues(
            name=name,
            organization_name="Org",
            description="A group",
            type_codes=list(types),
            town="Witney",
            latitude=51.78,
            longitude=-1.48,
        )
    )


@pytest.fixture
def setting(app):
    manager = make_person(app, "Morgan", username="morgan")
    provider_id, _ = make_service(app, "Riverside Recovery", manager)
    worker = make_person(app, "Wren")
    add_staff(app, provider_id, worker, "worker")
    other_manager = make_person(app, "Olu")
    other_id, _ = make_service(app, "Elsewhere", other_manager)
    with app.app_context():
        own = _listing("Riverside peer group")
        theirs = _listing("Elsewhere peer group")
        link_listing(get_provider(provider_id), own.id)
        link_listing(get_provider(other_id), theirs.id)
        db.session.commit()
        own_id, theirs_id = own.id, theirs.id
    return {
        "provider_id": provider_id,
        "other_id": other_id,
        "manager": manager,
        "worker": worker,
        "other_manager": other_manager,
        "own": own_id,
        "theirs": theirs_id,
    }


def _edit(listing_id):
    return f"/groups/manage/{listing_id}/edit"


def test_a_manager_edits_their_own_listing(app, client, setting):
    sign_in(app, client, setting["manager"])
    manage = client.get("/services/manage")
    text = page_text(manage)
    assert "Your service's listings" in text and "Riverside peer group" in text
    assert "Elsewhere peer group" not in text
    assert _edit(setting["own"]) in manage.get_data(as_text=True)
    assert "Edit this listing" in page_text(client.get(f"/groups/{setting['own']}"))
    form = client.get(_edit(setting["own"]))
    assert form.status_code == 200
    assert "Your service" in page_text(form)  # the way back is their own page
    response = post_form(client, _edit(setting["own"]), {**LISTING, "name": "Riverside walk"})
    assert response.status_code == 302
    with app.app_context():
        assert get_service(setting["own"]).name == "Riverside walk"


def test_nobody_else_edits_a_services_listing(app, client, setting):
    stranger = make_person(app, "Stranger")
    for person, listing in (
        (setting["manager"], setting["theirs"]),  # a manager of another service
        (setting["other_manager"], setting["own"]),
        (setting["worker"], setting["own"]),  # a worker of the service itself
        (stranger, setting["own"]),
    ):
        sign_in(app, client, person)
        assert client.get(_edit(listing)).status_code == 403
        response = post_form(client, _edit(listing), {**LISTING, "name": "Hijacked"})
        assert response.status_code == 403
        assert "Edit this listing" not in page_text(client.get(f"/groups/{listing}"))
    with app.app_context():
        assert get_service(setting["own"]).name == "Riverside peer group"
        assert get_service(setting["theirs"]).name == "Elsewhere peer group"
    # Nor does a service's manager reach the directory's own screens.
    sign_in(app, client, setting["manager"])
    assert client.get("/groups/manage").status_code == 403
    assert client.get("/groups/manage/new").status_code == 403


def test_a_manager_adds_a_listing_linked_to_their_service(app, client, setting):
    url = f"/groups/manage/for/{setting['provider_id']}/new"
    sign_in(app, client, setting["worker"])
    assert client.get(url).status_code == 403
    sign_in(app, client, setting["other_manager"])
    assert client.get(url).status_code == 404
    sign_in(app, client, setting["manager"])
    assert client.get(url).status_code == 200
    bad = post_form(client, url, {**LISTING, "name": ""})
    assert bad.status_code == 200 and "kw-error" in bad.get_data(as_text=True)
    response = post_form(client, url, LISTING)
    assert response.status_code == 302
    with app.app_context():
        names = [s.name for s in listings_of(setting["provider_id"])]
    assert names == ["Riverside peer group", "Thame peer support"]


def test_a_listing_from_a_feed_is_left_to_its_publisher(app, client, setting):
    with app.app_context():
        get_service(setting["own"]).publisher = "county-feed"
        db.session.commit()
    sign_in(app, client, setting["manager"])
    response = client.get(_edit(setting["own"]))
    assert response.status_code == 302 and response.location.endswith("/services/manage")
    assert "from the feed county-feed" in page_text(client.get("/services/manage"))


def test_linking_from_the_command_line(app, setting):
    runner = app.test_cli_runner()
    with app.app_context():
        spare = _listing("Spare group").id
        db.session.commit()
    result = runner.invoke(args=["service", "link-listing", "Riverside Recovery", spare])
    assert result.exit_code == 0 and "now linked" in result.output
    result = runner.invoke(args=["service", "link-listing", "Riverside Recovery", spare])
    assert "already linked" in result.output
    result = runner.invoke(args=["service", "link-listing", "Elsewhere", spare])
    assert result.exit_code != 0 and "linked to Riverside Recovery" in result.output
    result = runner.invoke(args=["service", "link-listing", "Elsewhere", "no-such-id"])
    assert result.exit_code != 0 and "no listing" in result.output
    result = runner.invoke(args=["service", "unlink-listing", "Riverside Recovery", spare])
    assert result.exit_code == 0 and "is no longer linked" in result.output
    with app.app_context():
        assert spare not in [s.id for s in listings_of(setting["provider_id"])]


def _csv(client, provider_id, query):
    response = client.get(f"/services/{provider_id}/report.csv{query}")
    assert response.status_code == 200
    return {row[0]: row[1] for row in csv.reader(io.StringIO(response.get_data(as_text=True)))}


def test_the_report_shows_peer_support_networks_and_reviews_due(app, client, setting):
    provider_id = setting["provider_id"]
    with app.app_context():
        new = _listing("New peer group")
        new.created_at_utc = datetime(2025, 2, 1, tzinfo=UTC)
        link_listing(get_provider(provider_id), new.id)
        art = _listing("Art group", ["creative"])
        link_listing(get_provider(provider_id), art.id)
        db.session.commit()
    # 6 people with a baseline on 1 December: a 6-week review due on 12 January each,
    # done by 5 of them (late, on 20 January); the sixth's is still due.
    for n in range(6):
        person = make_person(app, f"Member {n}")
        add_member(app, provider_id, person.id, date(2024, 6, 1))
        make_assessment(app, person.id, date(2024, 12, 1), all_scores(5), kind="baseline")
        if n < 5:
            make_assessment(app, person.id, date(2025, 1, 20), all_scores(6), kind="review")
    sign_in(app, client, setting["manager"])
    query = "?start=2025-01-01&end=2025-01-31"
    rows = _csv(client, provider_id, query)
    assert rows["6-week reviews due"] == "6"
    assert rows["6-week reviews done"] == "5"
    assert rows["6-month reviews of ongoing support due"] == "0"
    peer = "Peer support networks the service runs (its listings in Find groups)"
    assert rows[peer] == "2"  # its own peer group and the new one; not the art group
    assert rows["New peer support networks (listed in the period)"] == "0"
    assert (
        _csv(client, provider_id, "?start=2025-02-01&end=2025-02-28")[
            "New peer support networks (listed in the period)"
        ]
        == "1"
    )
    text = page_text(client.get(f"/services/{provider_id}/report{query}"))
    assert "6 6-week reviews fell due and 5 were done" in text
    assert "Peer support networks" in text and "6-week reviews due" in text


def test_a_period_longer_than_three_years_is_refused_with_words_not_a_crash(app, client, setting):
    sign_in(app, client, setting["manager"])
    query = "?start=2020-01-01&end=2024-12-31"
    page = client.get(f"/services/{setting['provider_id']}/report{query}")
    assert page.status_code == 400
    assert "Choose a period of 3 years or less" in page_text(page)
    assert 'value="2020-01-01"' in page.get_data(as_text=True)
    assert client.get(f"/services/{setting['provider_id']}/report.csv{query}").status_code == 400


def test_listings_stay_when_a_service_goes(app, setting):
    with app.app_context():
        from app.data.service.models import ServiceProvider

        db.session.delete(db.session.get(ServiceProvider, setting["provider_id"]))
        db.session.commit()
        assert get_service(setting["own"]) is not None
        assert db.session.scalar(
            select(ServiceProvider.id).where(ServiceProvider.name == "Elsewhere")
        )
