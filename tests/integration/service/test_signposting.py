"""A worker records what they signposted a member to, on the person's page at the
service; the person sees it and downloads it; the manager's report and CSV count it;
nobody else gets near it; bad input is told and loses nothing."""

from __future__ import annotations

import csv
import io
import json
import re
from datetime import date

import pytest
from sqlalchemy import func, select

from app.data.accounts.models import User
from app.data.circle.models import AccessLogEntry
from app.data.database import db
from app.data.groups.listings import ListingValues, save_listing
from app.data.groups.models import GroupSave
from app.data.service.models import Signpost
from app.data.service.staff import get_provider, remove_staff
from tests.support.helpers import delete_account, make_person, page_text, post_form, sign_in
from tests.support.service import add_member, add_staff, make_service

SECRET = "What Sam wrote in the plan 0c41"


@pytest.fixture
def setting(app):
    manager = make_person(app, "Morgan")
    provider_id, _ = make_service(app, "Riverside Recovery", manager)
    worker = make_person(app, "Wren")
    add_staff(app, provider_id, worker, "worker")
    sam = make_person(app, "Sam")
    add_member(app, provider_id, sam.id, date(2024, 6, 1))
    with app.app_context():
        listing = save_listing(
            ListingValues(
                name="Witney housing advice",
                organization_name="Shelter Oxfordshire",
                description="Housing advice",
                type_codes=["housing"],
                town="Witney",
                latitude=51.78,
                longitude=-1.48,
            )
        )
        db.session.commit()
        listing_id = listing.id
    return {
        "provider_id": provider_id,
        "manager": manager,
        "worker": worker,
        "sam": sam,
        "listing_id": listing_id,
        "page": f"/services/{provider_id}/people/{sam.id}",
    }


def _signposts(app):
    with app.app_context():
        return db.session.scalars(select(Signpost).order_by(Signpost.id)).all()


def _record(client, setting, person=None, **fields):
    person_id = (person or setting["sam"]).id
    url = f"/services/{setting['provider_id']}/people/{person_id}/signposts"
    return post_form(client, url, fields)


def test_a_worker_records_signposting_for_a_member(app, client, setting):
    sign_in(app, client, setting["worker"])
    people = page_text(client.get(f"/services/{setting['provider_id']}/people"))
    assert "Sam" in people
    page = client.get(setting["page"])
    assert page.status_code == 200
    assert "Sam at Riverside Recovery" in page_text(page)
    response = _record(client, setting, signposted_to="housing", listing=setting["listing_id"])
    assert response.status_code == 302
    _record(client, setting, signposted_to="talking_therapies", listing="")
    rows = _signposts(app)
    assert [(r.kind, r.listing_id, r.recorded_by_id) for r in rows] == [
        ("housing", setting["listing_id"], setting["worker"].id),
        ("talking_therapies", None, setting["worker"].id),
    ]
    assert rows[0].recorded_on == date.today()
    text = page_text(client.get(setting["page"]))
    assert "Witney housing advice" in text and "Talking therapies" in text and "Wren" in text


def test_a_get_never_records_anything(app, client, setting):
    sign_in(app, client, setting["worker"])
    url = f"{setting['page']}/signposts?signposted_to=housing"
    assert client.get(url).status_code == 405
    assert _signposts(app) == []


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"signposted_to": "astrology"}, "Choose one of the kinds of help listed"),
        ({}, "Choose what you signposted them to"),
        (
            {"signposted_to": "housing", "listing": "no-such-listing"},
            "We could not find that group or service in Find groups",
        ),
    ],
)
def test_bad_input_is_told_and_records_nothing(app, client, setting, fields, message):
    sign_in(app, client, setting["worker"])
    response = _record(client, setting, **fields)
    assert response.status_code == 400
    assert message in page_text(response)
    assert _signposts(app) == []
    if fields.get("signposted_to") == "housing":
        # What was chosen is kept for the next try.
        assert re.search(r'value="housing" checked', response.get_data(as_text=True))


def test_a_retired_listing_cannot_be_chosen(app, client, setting):
    with app.app_context():
        from app.data.groups.listings import get_service, set_status

        set_status(get_service(setting["listing_id"]), "inactive")
        db.session.commit()
    sign_in(app, client, setting["worker"])
    response = _record(client, setting, signposted_to="housing", listing=setting["listing_id"])
    assert response.status_code == 400
    assert _signposts(app) == []


def _refused(app, client, setting, person, expected=404):
    url = f"/services/{setting['provider_id']}/people/{person.id}"
    assert client.get(url).status_code == expected, url
    assert _record(client, setting, person, signposted_to="housing").status_code == expected
    assert _signposts(app) == []


def test_only_for_a_current_member_who_agreed(app, client, setting):
    provider_id = setting["provider_id"]
    stranger = make_person(app, "Never joined")
    left = make_person(app, "Left")
    add_member(app, provider_id, left.id, date(2024, 6, 1), date(2024, 12, 1))
    withdrawn = make_person(app, "Withdrawn")
    add_member(app, provider_id, withdrawn.id, date(2024, 6, 1), withdrawn=True)
    sign_in(app, client, setting["worker"])
    for person in (stranger, left, withdrawn):
        _refused(app, client, setting, person)
    people = page_text(client.get(f"/services/{provider_id}/people"))
    assert "Sam" in people
    assert "Left" not in people and "Withdrawn" not in people


def test_only_the_services_own_staff(app, client, setting):
    elsewhere = make_person(app, "Other worker")
    other_id, _ = make_service(app, "Elsewhere", make_person(app, "Other manager"))
    add_staff(app, other_id, elsewhere, "worker")
    for person in (elsewhere, make_person(app, "Stranger"), setting["sam"]):
        sign_in(app, client, person)
        _refused(app, client, setting, setting["sam"])
        assert client.get(f"/services/{setting['provider_id']}/people").status_code == 404
    # A worker removed from the staff is refused on their next request.
    sign_in(app, client, setting["worker"])
    assert client.get(setting["page"]).status_code == 200
    with app.app_context():
        remove_staff(
            get_provider(setting["provider_id"]), db.session.get(User, setting["worker"].id)
        )
        db.session.commit()
    _refused(app, client, setting, setting["sam"])
    # The manager is staff too, and may record.
    sign_in(app, client, setting["manager"])
    assert _record(client, setting, signposted_to="money_advice").status_code == 302


def test_each_look_is_in_the_persons_who_looked(app, client, other_client, setting):
    sign_in(app, client, setting["worker"])
    client.get(f"/services/{setting['provider_id']}/people")
    client.get(setting["page"])
    with app.app_context():
        areas = db.session.scalars(
            select(AccessLogEntry.area).where(AccessLogEntry.owner_id == setting["sam"].id)
        ).all()
    assert sorted(areas) == ["service_people", "service_person"]
    sign_in(app, other_client, setting["sam"])
    who_looked = page_text(other_client.get("/circle/activity"))
    assert "Wren" in who_looked
    assert "what you were signposted to" in who_looked


def test_the_person_sees_it_downloads_it_and_it_goes_with_their_account(
    app, client, other_client, setting
):
    sign_in(app, client, setting["worker"])
    _record(client, setting, signposted_to="housing", listing=setting["listing_id"])
    sign_in(app, other_client, setting["sam"])
    mine = page_text(other_client.get("/services"))
    assert "What Riverside Recovery counts you were signposted to" in mine
    assert "Housing" in mine and "Witney housing advice" in mine and "recorded by Wren" in mine
    download = json.loads(other_client.get("/account/download").get_data(as_text=True))
    assert download["services"]["signposted_to"] == [
        {
            "service": "Riverside Recovery",
            "kind": "housing",
            "group": "Witney housing advice",
            "group_id": setting["listing_id"],
            "recorded_on": date.today().isoformat(),
            "recorded_by": "Wren",
        }
    ]
    delete_account(other_client)
    with app.app_context():
        assert db.session.scalar(select(func.count(Signpost.id))) == 0


def test_a_group_saved_to_the_plan_is_counted_by_type_and_shown(app, client, setting):
    sam = setting["sam"]
    sign_in(app, client, sam)
    group = client.get(f"/groups/{setting['listing_id']}").get_data(as_text=True)
    entry_id = re.search(r'name="entry_id" value="(e[0-9a-f]{12})"', group).group(1)
    response = post_form(
        client,
        f"/groups/{setting['listing_id']}/save",
        {"entry_id": entry_id, "where": "might_do"},
    )
    assert response.status_code == 302
    with app.app_context():
        saves = db.session.scalars(select(GroupSave)).all()
        assert [(s.user_id, s.service_id) for s in saves] == [(sam.id, setting["listing_id"])]
    mine = page_text(client.get("/services"))
    assert "you saved Witney housing advice to your plan" in mine
    download = json.loads(client.get("/account/download").get_data(as_text=True))
    assert download["groups_saved_to_plan"] == [
        {
            "group": "Witney housing advice",
            "group_id": setting["listing_id"],
            "saved_on": date.today().isoformat(),
        }
    ]


def _csv(client, provider_id, query):
    response = client.get(f"/services/{provider_id}/report.csv{query}")
    assert response.status_code == 200
    return {row[0]: row[1] for row in csv.reader(io.StringIO(response.get_data(as_text=True)))}


def test_the_report_and_csv_count_people_signposted(app, client, setting):
    provider_id = setting["provider_id"]
    people = [setting["sam"]]
    for n in range(11):
        person = make_person(app, f"Member {n}")
        add_member(app, provider_id, person.id, date(2024, 6, 1))
        people.append(person)
    sign_in(app, client, setting["worker"])
    for person in people[:6]:  # 6 people to housing, one of them twice
        _record(client, setting, person, signposted_to="housing")
    _record(client, setting, people[0], signposted_to="housing")
    for person in people[6:8]:  # 2 people to money advice: fewer than 5
        _record(client, setting, person, signposted_to="money_advice")
    for person in people:  # everyone (12) to physical activity
        _record(client, setting, person, signposted_to="physical_activity")
    for person in people[:10]:  # 10 of 12 to talking therapies: 2 left out, hidden
        _record(client, setting, person, signposted_to="talking_therapies")
    sign_in(app, client, setting["manager"])
    today = date.today()
    query = f"?start={today.replace(day=1).isoformat()}&end={today.isoformat()}"
    page = client.get(f"/services/{provider_id}/report{query}")
    assert page.status_code == 200
    text = page_text(page)
    assert "Advice and navigation" in text
    rows = _csv(client, provider_id, query)
    assert rows["People supported in the period"] == "12"
    assert rows["People signposted to: Housing"] == "6"
    assert rows["People signposted to: Money advice"] == "fewer than 5"
    assert rows["People signposted to: Physical activity"] == "12"
    assert rows["People signposted to: Talking therapies"] == "not shown, to protect small numbers"
    assert rows["People signposted to: Stop smoking and healthy lifestyle"] == "0"
    assert SECRET not in page.get_data(as_text=True)
    for name in ("Sam", "Wren", "Member 1"):
        assert name not in "".join(rows.values())
