"""Equality questions: optional, the person's own to give, change and see, and counted
only as suppressed groups in the report."""

from __future__ import annotations

import csv
import io
from datetime import date

import pytest
from sqlalchemy import select

from app.data.database import db
from app.data.service.models import ServiceMembership
from tests.support.helpers import make_person, page_text, post_form, sign_in
from tests.support.service import add_member, make_service

Q = "?start=2025-01-01&end=2025-03-31"


@pytest.fixture
def manager(app):
    return make_person(app, "Morgan")


@pytest.fixture
def service(app, manager):
    return make_service(app, "Riverside Recovery", manager)


def _answers(app, membership_id):
    with app.app_context():
        return db.session.get(ServiceMembership, membership_id).equality_answers


def test_joining_never_asks_the_equality_questions(app, client, service):
    _provider_id, code = service
    sign_in(app, client, make_person(app, "Sam"))
    page = client.get(f"/services/join?code={code}").get_data(as_text=True)
    assert "They are optional, and never needed to join" in page
    assert 'name="age_band"' not in page
    assert post_form(client, "/services/join", {"code": code}).status_code == 302


def test_a_person_answers_some_changes_them_and_sees_them(app, client, service):
    provider_id, _ = service
    sam = make_person(app, "Sam")
    membership_id = add_member(app, provider_id, sam.id, date(2024, 6, 1))
    sign_in(app, client, sam)
    form = client.get(f"/services/{membership_id}/equality")
    assert form.status_code == 200
    assert "Every question is optional" in page_text(form)
    response = post_form(
        client,
        f"/services/{membership_id}/equality",
        {
            "age_band": "25_34",
            "ethnicity": "black_caribbean",
            "religion": "prefer_not",
            "postcode_district": "ox28 4ab",
        },
    )
    assert response.status_code == 302
    assert _answers(app, membership_id) == {
        "age_band": "25_34",
        "ethnicity": "black_caribbean",
        "religion": "prefer_not",
        "postcode_district": "OX28",  # only the first part is kept
    }
    assert "You answered 4 of the optional equality questions" in page_text(client.get("/services"))
    again = client.get(f"/services/{membership_id}/equality").get_data(as_text=True)
    assert 'value="25_34" checked' in again
    post_form(client, f"/services/{membership_id}/equality", {"age_band": "35_44"})
    assert _answers(app, membership_id) == {"age_band": "35_44"}
    with app.app_context():
        from app.data.accounts.models import User
        from app.data.export import export_person

        data = export_person(db.session.get(User, sam.id))
    assert data["services"]["memberships"][0]["equality_answers"] == {"age_band": "35_44"}


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"postcode_district": "not a postcode"}, "Enter only the first part of a postcode"),
        ({"postcode_district": "=1+1"}, "Enter only the first part of a postcode"),
        ({"age_band": "999"}, "Not a valid choice"),
    ],
)
def test_a_bad_answer_is_told_keeps_the_rest_and_saves_nothing(app, client, service, data, message):
    provider_id, _ = service
    sam = make_person(app, "Sam")
    membership_id = add_member(app, provider_id, sam.id, date(2024, 6, 1))
    sign_in(app, client, sam)
    response = post_form(client, f"/services/{membership_id}/equality", {"sex": "female", **data})
    assert response.status_code == 400
    assert message in page_text(response)
    assert 'value="female" checked' in response.get_data(as_text=True)
    assert _answers(app, membership_id) == {}


def test_after_leaving_the_answers_cannot_be_changed(app, client, service):
    provider_id, _ = service
    sam = make_person(app, "Sam")
    membership_id = add_member(app, provider_id, sam.id, date(2024, 6, 1), date(2025, 1, 1))
    sign_in(app, client, sam)
    response = post_form(client, f"/services/{membership_id}/equality", {"sex": "male"})
    assert response.status_code == 302
    assert _answers(app, membership_id) == {}


def test_nobody_else_may_see_or_change_a_persons_answers(app, client, service, manager):
    provider_id, _ = service
    sam = make_person(app, "Sam")
    membership_id = add_member(app, provider_id, sam.id, date(2024, 6, 1))
    for person in (manager, make_person(app, "Stranger")):
        sign_in(app, client, person)
        assert client.get(f"/services/{membership_id}/equality").status_code == 404
        post_form(client, f"/services/{membership_id}/equality", {"sex": "male"})
    assert _answers(app, membership_id) == {}


def test_the_report_breaks_down_by_answer_with_small_groups_hidden(app, client, service, manager):
    provider_id, _ = service
    for n in range(12):
        person = make_person(app, f"Member {n}")
        membership_id = add_member(app, provider_id, person.id, date(2024, 6, 1))
        with app.app_context():
            row = db.session.get(ServiceMembership, membership_id)
            row.equality_answers = {"sex": "female" if n < 9 else "male"}
            db.session.commit()
    sign_in(app, client, manager)
    response = client.get(f"/services/{provider_id}/report.csv{Q}")
    rows = dict(csv.reader(io.StringIO(response.get_data(as_text=True))))
    assert rows["Sex, Male: people supported"] == "fewer than 5"
    # 12 - 9 = 3: the female row must not stand alone beside the total.
    assert rows["Sex, Female: people supported"] == "not shown, to protect small numbers"
    assert rows["Sex, Not answered: people supported"] == "0"
    assert rows["Age band, Not answered: people supported"] == "12"
    page = page_text(client.get(f"/services/{provider_id}/report{Q}"))
    assert "Equality monitoring" in page
    with app.app_context():
        assert db.session.scalar(select(ServiceMembership.id).limit(1)) is not None
