"""Saving from elsewhere in the app, and saving while someone else saves."""

from __future__ import annotations

import re

from sqlalchemy import select, update

from app.data.accounts.models import User
from app.data.database import db
from app.data.plans.models import PartRevision, PlanPart
from app.data.plans.queries import change_part, get_part, get_plan_for_owner
from app.plan.content import add_entry
from app.plan.editing import add_to_plan
from tests.support.helpers import make_person, page_text, post_form, sign_in


def test_another_capability_adds_to_the_plan_with_a_link_back(app, client):
    person = make_person(app)
    with app.app_context():
        owner = db.session.get(User, person.id)
        values = {
            "text": "Walk with the group",
            "link_href": "/groups/7",
            "link_label": "Canal walkers",
        }
        first = add_to_plan(
            owner.id, "wellness_toolbox", "tools", values, author=owner, change="from_groups"
        )
        again = add_to_plan(
            owner.id,
            "wellness_toolbox",
            "tools",
            values,
            author=owner,
            change="from_groups",
            entry_id=first,
        )
        assert first == again
        part = get_part(get_plan_for_owner(owner.id), "wellness_toolbox")
        assert len(part.content["tools"]) == 1 and part.version == 1
        db.session.commit()
    sign_in(app, client, person)
    html = client.get("/plan/wellness-toolbox").get_data(as_text=True)
    assert 'href="/groups/7"' in html and "Canal walkers" in html
    assert "Added from Find groups" in page_text(client.get("/plan/wellness-toolbox/history"))

    url = f"/plan/wellness-toolbox/tools/{first}"
    state = dict(
        re.findall(
            r'name="(base_version|entry_id)" value="([^"]*)"',
            client.get(url).get_data(as_text=True),
        )
    )
    post_form(client, url, {**state, "text": "Walk with the canal group"})
    html = client.get("/plan/wellness-toolbox").get_data(as_text=True)
    assert "Walk with the canal group" in html and 'href="/groups/7"' in html


def test_a_link_back_must_stay_on_this_site(app, client):
    person = make_person(app)
    with app.app_context():
        owner = db.session.get(User, person.id)
        add_to_plan(
            owner.id,
            "wellness_toolbox",
            "tools",
            {"text": "x", "link_href": "//evil.example.org"},
            author=owner,
            change="edit",
        )
    sign_in(app, client, person)
    assert "evil.example.org" not in client.get("/plan/wellness-toolbox").get_data(as_text=True)


def test_a_save_that_loses_a_race_reads_again_and_keeps_both_changes(app):
    person = make_person(app)
    with app.app_context():
        owner = db.session.get(User, person.id)
        part = get_part(get_plan_for_owner(owner.id), "triggers")
        calls = []

        def add_mine(current):
            calls.append(dict(current))
            if len(calls) == 1:  # someone else saves between our read and our write
                other = {"triggers": [{"id": "e00000000000a", "text": "Theirs"}]}
                with db.engine.begin() as connection:
                    connection.execute(
                        update(PlanPart)
                        .where(PlanPart.id == part.id)
                        .values(version=1, content=other)
                    )
            return add_entry(current, "triggers", {"text": "Mine"})

        assert change_part(part, add_mine, author=owner, change="add") is True
        assert len(calls) == 2 and calls[1]["triggers"][0]["text"] == "Theirs"
        texts = [
            e["text"]
            for e in get_part(get_plan_for_owner(owner.id), "triggers").content["triggers"]
        ]
        assert texts == ["Theirs", "Mine"]
        assert db.session.scalar(select(PartRevision.version)) == 2
