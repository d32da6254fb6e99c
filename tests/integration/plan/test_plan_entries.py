"""A person builds their plan: add, change, move and remove entries, one part per page."""

from __future__ import annotations

import re

import pytest
from sqlalchemy import select

from app.data.database import db
from app.data.plans.models import PartRevision, PlanPart
from app.plan.parts import PARTS
from tests.support.helpers import make_person, page_text, post_form, sign_in

HIDDEN = re.compile(r'name="(base_version|entry_id)" value="([^"]*)"')


@pytest.fixture
def person(app, client):
    someone = make_person(app, "Jess")
    sign_in(app, client, someone)
    return someone


def form_state(client, url):
    return dict(HIDDEN.findall(client.get(url).get_data(as_text=True)))


def add(client, slug, section, **values):
    url = f"/plan/{slug}/{section}/add"
    return post_form(client, url, {**form_state(client, url), **values})


def entry_ids(app, person, part_key, section):
    with app.app_context():
        part = db.session.scalar(select(PlanPart).where(PlanPart.part_key == part_key))
        return [entry["id"] for entry in part.content.get(section, [])]


@pytest.mark.parametrize("part", PARTS, ids=lambda p: p.key)
def test_every_part_of_the_plan_has_its_own_page_with_every_section(client, person, part):
    response = client.get(f"/plan/{part.slug}")
    assert response.status_code == 200
    text = page_text(response)
    for section in part.sections:
        assert str(section.title) in text
        assert client.get(f"/plan/{part.slug}/{section.key}/add").status_code == 200


def test_the_crisis_plan_has_all_nine_parts(person):
    keys = [s.key for s in next(p for p in PARTS if p.key == "crisis_plan").sections]
    for expected in [
        "when_well",
        "take_over_signs",
        "supporters",
        "not_involved",
        "medicines",
        "allergies",
        "treatments_help",
        "treatments_avoid",
        "care_at_home",
        "places_prefer",
        "places_avoid",
        "want_from_supporters",
        "dont_want_from_supporters",
        "no_longer_needed",
    ]:
        assert expected in keys


def test_adding_an_entry_shows_it_on_the_part_page(client, person):
    response = add(client, "triggers", "triggers", text="Loud parties")
    assert response.status_code == 302
    page = client.get(response.location)
    assert "Loud parties" in page_text(page)
    assert "Added to Triggers" in page_text(page)


def test_a_double_tapped_add_saves_one_entry(app, client, person):
    url = "/plan/triggers/triggers/add"
    state = form_state(client, url)
    post_form(client, url, {**state, "text": "Crowds"})
    post_form(client, url, {**state, "text": "Crowds"})
    assert len(entry_ids(app, person, "triggers", "triggers")) == 1


def test_a_supporter_has_a_name_relationship_phone_and_what_they_help_with(client, person):
    add(
        client,
        "crisis-plan",
        "supporters",
        name="Dee",
        relationship="Friend",
        phone="07700 900555",
        helps_with="Stays over",
    )
    html = client.get("/plan/crisis-plan").get_data(as_text=True)
    assert 'href="tel:07700900555"' in html
    assert "Friend" in html and "Stays over" in html


def test_a_medicine_has_a_dose_and_what_it_is_for(client, person):
    add(client, "crisis-plan", "medicines", name="Lithium", dose="400 mg", what_for="Mood")
    text = page_text(client.get("/plan/crisis-plan"))
    assert "Lithium" in text and "400 mg" in text and "Mood" in text


def test_changing_an_entry_keeps_the_old_words_in_the_history(app, client, person):
    add(client, "wellness-toolbox", "tools", text="Walks")
    [entry_id] = entry_ids(app, person, "wellness_toolbox", "tools")
    url = f"/plan/wellness-toolbox/tools/{entry_id}"
    response = post_form(client, url, {**form_state(client, url), "text": "Long walks"})
    assert response.status_code == 302
    assert "Long walks" in page_text(client.get("/plan/wellness-toolbox"))
    history = page_text(client.get("/plan/wellness-toolbox/history"))
    assert "Version 2" in history and "Version 1" in history and "By you" in history
    assert "Walks" in page_text(client.get("/plan/wellness-toolbox/history/1"))


def test_entries_move_up_and_down(app, client, person):
    for text in ("First", "Second", "Third"):
        add(client, "triggers", "actions", text=text)
    ids = entry_ids(app, person, "triggers", "actions")
    response = post_form(
        client, f"/plan/triggers/actions/{ids[2]}/move", {"direction": "up", "base_version": "3"}
    )
    assert response.status_code == 302
    assert entry_ids(app, person, "triggers", "actions") == [ids[0], ids[2], ids[1]]
    post_form(client, f"/plan/triggers/actions/{ids[0]}/move", {"direction": "down"})
    assert entry_ids(app, person, "triggers", "actions") == [ids[2], ids[0], ids[1]]


def test_removing_an_entry_asks_first_and_can_be_undone(app, client, person):
    add(client, "triggers", "triggers", text="Bills")
    [entry_id] = entry_ids(app, person, "triggers", "triggers")
    confirm = client.get(f"/plan/triggers/triggers/{entry_id}/remove")
    assert "Remove this from your plan?" in page_text(confirm)
    response = post_form(client, f"/plan/triggers/triggers/{entry_id}/remove")
    page = client.get(response.location)
    assert "Entry removed" in page_text(page) and "Bills" not in page_text(page)
    undo = re.search(r'action="(/plan/triggers/history/\d+/restore)"', page.get_data(as_text=True))
    post_form(client, undo.group(1))
    assert "Bills" in page_text(client.get("/plan/triggers"))


def test_an_empty_entry_says_what_to_do_and_saves_nothing(app, client, person):
    response = add(client, "triggers", "triggers", text="   ")
    assert response.status_code == 200
    assert "Write something here" in page_text(response)
    assert entry_ids(app, person, "triggers", "triggers") == []


def test_an_entry_over_5000_characters_is_refused_but_kept_on_screen(app, client, person):
    long_text = "word " * 1001
    response = add(client, "triggers", "triggers", text=long_text)
    text = page_text(response)
    assert "5,000 characters or fewer" in text
    assert long_text.strip()[:200] in response.get_data(as_text=True)
    assert entry_ids(app, person, "triggers", "triggers") == []


def test_a_bad_phone_number_is_explained(client, person):
    response = add(client, "crisis-plan", "supporters", name="Dee", phone="call me maybe")
    assert "phone number using only numbers" in page_text(response)
    assert 'value="Dee"' in response.get_data(as_text=True)


def test_unknown_parts_sections_and_entries_are_not_found(client, person):
    assert client.get("/plan/nope").status_code == 404
    assert client.get("/plan/triggers/nope/add").status_code == 404
    assert client.get("/plan/triggers/triggers/e000000000000").status_code == 404
    assert client.get("/plan/triggers/triggers/e000000000000/remove").status_code == 404


def test_a_forged_version_is_refused_and_nothing_changes(app, client, person):
    add(client, "triggers", "triggers", text="Noise")
    [entry_id] = entry_ids(app, person, "triggers", "triggers")
    url = f"/plan/triggers/triggers/{entry_id}"
    for version in ("99", "-1", "abc", ""):
        response = post_form(client, url, {"base_version": version, "text": "Changed"})
        assert response.status_code == 400
    assert "Noise" in page_text(client.get("/plan/triggers"))


def test_every_change_is_a_numbered_revision(app, client, person):
    add(client, "triggers", "triggers", text="One")
    add(client, "triggers", "triggers", text="Two")
    with app.app_context():
        revisions = db.session.scalars(select(PartRevision).order_by(PartRevision.version)).all()
        assert [(r.version, r.change) for r in revisions] == [(1, "add"), (2, "add")]
        assert [e["text"] for e in revisions[0].content["triggers"]] == ["One"]


def test_restoring_an_old_version_keeps_the_newer_one_too(app, client, person):
    add(client, "triggers", "triggers", text="One")
    add(client, "triggers", "triggers", text="Two")
    response = post_form(client, "/plan/triggers/history/1/restore")
    assert response.status_code == 302
    text = page_text(client.get("/plan/triggers"))
    assert "One" in text and "Two" not in text
    assert "Two" in page_text(client.get("/plan/triggers/history/2"))
    assert "Version 3" in page_text(client.get("/plan/triggers/history"))
