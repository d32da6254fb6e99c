"""Two devices editing the same part never silently overwrite each other."""

from __future__ import annotations

import re

import pytest
from sqlalchemy import select

from app.data.database import db
from app.data.plans.models import PartDraft, PlanPart
from tests.support.helpers import make_person, page_text, post_form, sign_in

HIDDEN = re.compile(r'name="(base_version|entry_id)" value="([^"]*)"')


@pytest.fixture
def phone_and_laptop(app, client, other_client):
    person = make_person(app, "Jess")
    sign_in(app, client, person)
    sign_in(app, other_client, person)
    url = "/plan/triggers/triggers/add"
    state = dict(HIDDEN.findall(client.get(url).get_data(as_text=True)))
    post_form(client, url, {**state, "text": "Crowds"})
    with app.app_context():
        entry_id = db.session.scalar(select(PlanPart).where(PlanPart.part_key == "triggers"))
        entry_id = entry_id.content["triggers"][0]["id"]
    return client, other_client, f"/plan/triggers/triggers/{entry_id}"


def open_form(device, url):
    return dict(HIDDEN.findall(device.get(url).get_data(as_text=True)))


def test_a_save_from_an_older_version_shows_both_texts(app, phone_and_laptop):
    phone, laptop, url = phone_and_laptop
    phone_form = open_form(phone, url)
    laptop_form = open_form(laptop, url)
    post_form(phone, url, {**phone_form, "text": "Crowds on buses"})
    response = post_form(laptop, url, {**laptop_form, "text": "Crowds and queues"})
    assert response.status_code == 302 and "/conflicts/" in response.location
    page = page_text(laptop.get(response.location))
    assert "changed on another device" in page
    assert "Crowds on buses" in page and "Crowds and queues" in page
    assert "Crowds on buses" in page_text(laptop.get("/plan/triggers"))
    assert "not saved yet" in page_text(laptop.get("/plan/triggers"))


@pytest.mark.parametrize(
    ("choice", "expected", "absent"),
    [
        ("mine", ["Crowds and queues"], ["Crowds on buses"]),
        ("theirs", ["Crowds on buses"], ["Crowds and queues"]),
        ("both", ["Crowds on buses", "Crowds and queues"], []),
    ],
)
def test_the_person_keeps_either_or_both(app, phone_and_laptop, choice, expected, absent):
    phone, laptop, url = phone_and_laptop
    phone_form, laptop_form = open_form(phone, url), open_form(laptop, url)
    post_form(phone, url, {**phone_form, "text": "Crowds on buses"})
    conflict = post_form(laptop, url, {**laptop_form, "text": "Crowds and queues"}).location
    response = post_form(laptop, conflict, {"choice": choice})
    assert response.status_code == 302
    text = page_text(laptop.get("/plan/triggers"))
    for words in expected:
        assert words in text
    for words in absent:
        assert words not in text
    with app.app_context():
        assert db.session.scalar(select(PartDraft)) is None
        versions = db.session.scalar(
            select(PlanPart.version).where(PlanPart.part_key == "triggers")
        )
    # Keeping the other device's words is already the current version: nothing to add.
    assert versions == (2 if choice == "theirs" else 3)


def test_not_choosing_keeps_the_words_and_says_what_to_do(phone_and_laptop):
    phone, laptop, url = phone_and_laptop
    phone_form, laptop_form = open_form(phone, url), open_form(laptop, url)
    post_form(phone, url, {**phone_form, "text": "Crowds on buses"})
    conflict = post_form(laptop, url, {**laptop_form, "text": "Crowds and queues"}).location
    response = post_form(laptop, conflict, {})
    assert "Choose what to keep" in page_text(response)
    assert "Crowds and queues" in page_text(response)


def test_changes_to_different_entries_merge_without_asking(app, phone_and_laptop):
    phone, laptop, url = phone_and_laptop
    laptop_form = open_form(laptop, url)
    add_url = "/plan/triggers/actions/add"
    post_form(phone, add_url, {**open_form(phone, add_url), "text": "Breathe"})
    response = post_form(laptop, url, {**laptop_form, "text": "Big crowds"})
    assert response.status_code == 302 and "/conflicts/" not in response.location
    text = page_text(laptop.get("/plan/triggers"))
    assert "Big crowds" in text and "Breathe" in text


def test_an_entry_removed_on_one_device_and_changed_on_another_is_not_lost(phone_and_laptop):
    phone, laptop, url = phone_and_laptop
    laptop_form = open_form(laptop, url)
    post_form(phone, url + "/remove")
    conflict = post_form(laptop, url, {**laptop_form, "text": "Crowds, still"}).location
    assert "removed this entry" in page_text(laptop.get(conflict))
    post_form(laptop, conflict, {"choice": "mine"})
    assert "Crowds, still" in page_text(laptop.get("/plan/triggers"))


def test_nobody_else_can_open_or_settle_a_persons_conflict(app, phone_and_laptop):
    phone, laptop, url = phone_and_laptop
    phone_form, laptop_form = open_form(phone, url), open_form(laptop, url)
    post_form(phone, url, {**phone_form, "text": "A"})
    conflict = post_form(laptop, url, {**laptop_form, "text": "B"}).location
    stranger_client = app.test_client()
    sign_in(app, stranger_client, make_person(app, "Stranger"))
    assert stranger_client.get(conflict).status_code == 404
    assert post_form(stranger_client, conflict, {"choice": "mine"}).status_code == 404
