"""Saving a group to your plan, rating it, and what service managers can do."""

from __future__ import annotations

import json
import re

import pytest
from sqlalchemy import func, select

from app.data.accounts.models import User
from app.data.database import db
from app.data.groups.models import DirectoryManager, GroupRating, Service
from app.data.groups.people import grant_manager
from app.data.plans.queries import get_part, get_plan_for_owner
from tests.support.helpers import (
    csrf_token,
    delete_account,
    make_person,
    page_text,
    post_form,
    sign_in,
)


def group_url(client, words):
    html = client.get(f"/groups?q={words}").get_data(as_text=True)
    return re.search(r'href="(/groups/[0-9a-f-]{36})[?"]', html).group(1)


def test_saving_a_group_adds_one_linked_entry_even_if_tapped_twice(app, client, directory):
    person = make_person(app, "Sam")
    sign_in(app, client, person)
    url = group_url(client, "survivors")
    entry_id = re.search(
        r'name="entry_id" value="(e[0-9a-f]{12})"', client.get(url).get_data(as_text=True)
    ).group(1)
    for _tap in range(2):
        response = post_form(client, url + "/save", {"entry_id": entry_id, "where": "might_do"})
        assert response.status_code == 302
    assert "/plan/daily-plan#entry-" in response.location
    with app.app_context():
        part = get_part(get_plan_for_owner(person.id), "daily_maintenance")
        entries = part.content["might_do"]
        assert len(entries) == 1
        # Issue 10: the saved entry keeps when the group meets and how to reach it, not
        # only its name, so it still helps with no signal.
        name, *details = entries[0]["text"].splitlines()
        assert name == "Oxford Survivors evening group"
        assert any(line.startswith("Meets: ") for line in details)
        assert any(line.startswith(("Phone: ", "Email: ")) for line in details)
        assert entries[0]["link_href"] == url and entries[0]["link_label"] == name
    page = client.get("/plan/daily-plan").get_data(as_text=True)
    assert f'href="{url}"' in page
    history = page_text(client.get("/plan/daily-plan/history"))
    assert "Added from Find groups" in history


def test_saving_needs_a_valid_choice(app, client, directory):
    sign_in(app, client, make_person(app))
    url = group_url(client, "survivors")
    response = post_form(
        client, url + "/save", {"entry_id": "nonsense", "where": "toolbox"}, follow_redirects=True
    )
    assert "Choose where in your plan to save it" in page_text(response)


def test_one_rating_per_person_which_they_can_change_and_comments_wait(
    app, client, other_client, directory
):
    alex = make_person(app, "Alex")
    sign_in(app, client, alex)
    url = group_url(client, "bicester")
    response = post_form(
        client, url + "/rate", {"stars": "4", "comment": "Lovely people."}, follow_redirects=True
    )
    assert "Your rating has been saved" in page_text(response)
    assert "4.0 out of 5, from 1 rating" in page_text(response)
    assert "Lovely people." not in page_text(client.get(url))  # not until a manager reads it
    response = post_form(
        client, url + "/rate", {"stars": "2", "comment": "Lovely people."}, follow_redirects=True
    )
    assert "Your rating has been changed" in page_text(response)
    with app.app_context():
        assert db.session.scalar(select(func.count()).select_from(GroupRating)) == 1
    assert 'value="2" checked' in client.get(url + "/rate").get_data(as_text=True)

    jo = make_person(app, "Jo")
    sign_in(app, other_client, jo)
    post_form(other_client, url + "/rate", {"stars": "5"})
    assert "3.5 out of 5, from 2 ratings" in page_text(other_client.get(url))


def test_bad_ratings_are_explained(app, client, directory):
    sign_in(app, client, make_person(app))
    url = group_url(client, "bicester")
    for stars, message in (
        ("0", "Choose a rating from 1 to 5 stars"),
        ("6", "from 1 to 5"),
        ("", "Choose a rating from 1 to 5 stars"),
    ):
        assert message in page_text(post_form(client, url + "/rate", {"stars": stars}))
    long = post_form(client, url + "/rate", {"stars": "3", "comment": "x" * 1001})
    assert "must be 1,000 characters or fewer" in page_text(long)
    with app.app_context():
        assert db.session.scalar(select(func.count()).select_from(GroupRating)) == 0


def test_managers_approve_or_reject_comments(app, client, other_client, directory):
    writer = make_person(app, "Writer")
    sign_in(app, client, writer)
    url = group_url(client, "carterton")
    post_form(client, url + "/rate", {"stars": "5", "comment": "Best walk of my week."})
    manager = make_person(app, "Manager", username="manager")
    with app.app_context():
        grant_manager(db.session.get(User, manager.id))
        db.session.commit()
        rating_id = db.session.scalar(select(GroupRating.id))
    sign_in(app, other_client, manager)
    assert "Best walk of my week." in page_text(other_client.get("/groups/manage/comments"))
    token = csrf_token(other_client)
    other_client.post(
        "/groups/manage/comments",
        data={"csrf_token": token, "rating_id": rating_id, "decision": "approve"},
    )
    assert "Best walk of my week." in page_text(client.get(url))
    again = other_client.post(
        "/groups/manage/comments",
        follow_redirects=True,
        data={"csrf_token": token, "rating_id": rating_id, "decision": "reject"},
    )
    assert "already been dealt with" in page_text(again)


def test_only_service_managers_reach_the_manager_screens(app, client, directory):
    sign_in(app, client, make_person(app, "Not a manager"))
    for path in (
        "/groups/manage",
        "/groups/manage/new",
        "/groups/manage/comments",
        "/groups/manage/import",
    ):
        assert client.get(path).status_code == 403
    with app.app_context():
        service_id = db.session.scalar(select(Service.id).limit(1))
    assert post_form(client, f"/groups/manage/{service_id}/retire").status_code == 403


def test_the_role_is_granted_and_revoked_on_the_command_line(app):
    make_person(app, "Pat", username="pat")
    runner = app.test_cli_runner()
    assert (
        "now a service manager" in runner.invoke(app.cli, ["groups", "grant-manager", "pat"]).output
    )
    assert "already" in runner.invoke(app.cli, ["groups", "grant-manager", "PAT"]).output
    assert "no longer" in runner.invoke(app.cli, ["groups", "revoke-manager", "pat"]).output
    missing = runner.invoke(app.cli, ["groups", "grant-manager", "nobody"])
    assert missing.exit_code != 0 and "No account" in missing.output


def manager_client(app, client):
    person = make_person(app, "Manager", username="boss")
    with app.app_context():
        grant_manager(db.session.get(User, person.id))
        db.session.commit()
    sign_in(app, client, person)
    return person


LISTING = {
    "name": "Thame knitting circle",
    "organization_name": "Oxfordshire Mind",
    "description": "Knit and natter.",
    "types": ["creative"],
    "access": ["wheelchair"],
    "self_referral": "y",
    "town": "Thame",
    "postcode": "OX9",
    "days": ["WE"],
    "opens_at": "14:00",
    "closes_at": "16:00",
    "phone": "01632 960999",
}


def test_a_manager_adds_edits_retires_and_checks_a_listing(app, client, directory):
    manager_client(app, client)
    response = post_form(client, "/groups/manage/new", LISTING)
    assert response.status_code == 302
    url = response.location
    text = page_text(client.get(url))
    assert "Thame knitting circle" in text and "Every Wednesday, 14:00 to 16:00" in text
    assert "Thame knitting circle" in page_text(client.get("/groups?q=knitting&place=Thame"))
    edit = url.replace("/groups/", "/groups/manage/") + "/edit"
    form = client.get(edit).get_data(as_text=True)
    assert 'value="Thame knitting circle"' in form
    post_form(client, edit, {**LISTING, "name": "Thame knit and natter", "closes_at": "17:00"})
    assert "Every Wednesday, 14:00 to 17:00" in page_text(client.get(url))
    assert "knit and natter" in page_text(client.get("/groups?q=natter"))
    service_id = url.rsplit("/", 1)[1]
    post_form(client, f"/groups/manage/{service_id}/retire")
    assert "Thame knit" not in page_text(client.get("/groups?q=natter"))
    assert "Needs checking" in page_text(client.get("/groups/manage"))  # a demo listing is old
    post_form(client, f"/groups/manage/{service_id}/retire")
    assert "Thame knit" in page_text(client.get("/groups?q=natter"))


def test_listing_form_problems_are_explained(app, client, directory):
    manager_client(app, client)
    bad = {**LISTING, "name": "", "opens_at": "2pm", "town": "Nowhereville", "postcode": ""}
    text = page_text(post_form(client, "/groups/manage/new", bad))
    assert "Enter the name of the group" in text and "Enter a time like 09:30" in text
    unknown = page_text(
        post_form(client, "/groups/manage/new", {**LISTING, "town": "Nowhereville", "postcode": ""})
    )
    assert "We could not find that town or postcode" in unknown
    later = page_text(post_form(client, "/groups/manage/new", {**LISTING, "closes_at": "13:00"}))
    assert "The end time must be after the start time" in later


def test_a_manager_imports_a_feed_file_in_the_browser(app, client):
    from io import BytesIO

    from app.demo.listings import demo_records

    manager_client(app, client)
    feed = json.dumps(demo_records()[:2] + [{"id": "broken-1", "name": "No org"}]).encode()
    response = client.post(
        "/groups/manage/import",
        data={"csrf_token": csrf_token(client), "feed": (BytesIO(feed), "feed.json")},
        content_type="multipart/form-data",
    )
    text = page_text(response)
    assert "2 added, 0 updated, 0 unchanged, 1 skipped." in text and "broken-1" in text
    bad = client.post(
        "/groups/manage/import",
        data={"csrf_token": csrf_token(client), "feed": (BytesIO(b"nope"), "feed.json")},
        content_type="multipart/form-data",
    )
    assert "Nothing was imported" in page_text(bad)


def test_ratings_are_in_the_download_and_go_with_the_account(app, client, directory):
    person = make_person(app, "Leaver")
    sign_in(app, client, person)
    url = group_url(client, "bicester")
    post_form(client, url + "/rate", {"stars": "5", "comment": "Good."})
    with app.app_context():
        grant_manager(db.session.get(User, person.id))
        db.session.commit()
    data = json.loads(client.get("/account/download").get_data(as_text=True))
    assert data["group_ratings"][0]["stars"] == 5 and data["group_ratings"][0]["comment"] == "Good."
    assert data["service_manager"]["granted_at_utc"]
    delete_account(client)
    with app.app_context():
        assert db.session.scalar(select(func.count()).select_from(GroupRating)) == 0
        assert db.session.scalar(select(func.count()).select_from(DirectoryManager)) == 0


@pytest.mark.parametrize(
    "address", ["/etc/passwd", "file:///etc/passwd", "instance/secret_key", "/dev/zero"]
)
def test_the_import_page_never_reads_a_file_on_the_server(app, client, address):
    """Finding 9.2: a "web address" that was not http(s) was opened as a local file."""
    manager_client(app, client)
    response = post_form(client, "/groups/manage/import", {"url": address})
    text = page_text(response)
    assert "Enter a web address starting with https://" in text
    assert "root:" not in text and "No such file" not in text and "cannot read" not in text


def test_importing_by_address_refuses_a_path_before_opening_anything(app):
    """Finding 9.2, one layer down: even past the form, a path is refused unread."""
    from app.groups.feed_files import FeedError
    from app.groups.importer import import_web_address

    with app.test_request_context(), pytest.raises(FeedError, match="web address"):
        import_web_address("/etc/passwd", allow_urls=True)


def test_a_feeds_website_address_must_be_a_web_address(app, client):
    """Finding 9.14: a javascript: website address was stored and rendered as a link."""
    from io import BytesIO

    from app.demo.listings import demo_records

    manager_client(app, client)
    sneaky = "0b7a64d2-6f3e-4c55-9a51-3c1f2b8e9d01"
    record = demo_records()[0] | {"id": sneaky, "url": "javascript:alert(1)"}
    response = client.post(
        "/groups/manage/import",
        data={
            "csrf_token": csrf_token(client),
            "feed": (BytesIO(json.dumps([record]).encode()), "feed.json"),
        },
        content_type="multipart/form-data",
    )
    text = page_text(response)
    assert "0 added" in text and sneaky in text
    assert "must be a web address starting with https://" in text
    assert "javascript:" not in client.get("/groups?q=" + record["name"].split()[0]).get_data(
        as_text=True
    )


def test_a_bare_carriage_return_never_starts_a_calendar_line(app):
    """Finding 9.14: a bare carriage return from a feed passed into .ics SUMMARY lines."""
    from app.groups.calendar import _escape

    escaped = _escape("Walk\rX-INJECTED:1\r\nand\nmore")
    assert "\r" not in escaped and "\n" not in escaped
    assert escaped == "Walk\\nX-INJECTED:1\\nand\\nmore"
