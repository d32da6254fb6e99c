"""A worker's list of people due a review: names and dates only, for people who joined
and still agree, every look in that person's Who looked, and for the service's staff
only."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from sqlalchemy import select

from app.data.accounts.models import User
from app.data.circle.models import AccessLogEntry
from app.data.database import db
from app.data.service.staff import get_provider, remove_staff
from tests.support.helpers import make_person, page_text, sign_in
from tests.support.progress import all_scores, make_assessment
from tests.support.service import add_member, add_staff, make_service

SECRET = "What would help 81d0"


@pytest.fixture
def setting(app):
    manager = make_person(app, "Morgan")
    provider_id, _ = make_service(app, "Riverside Recovery", manager)
    worker = make_person(app, "Wren")
    add_staff(app, provider_id, worker, "worker")
    today = date.today()
    due_soon = make_person(app, "Dana Due")
    add_member(app, provider_id, due_soon.id, today - timedelta(days=100))
    make_assessment(app, due_soon.id, today - timedelta(days=40), all_scores(5), kind="baseline")
    overdue = make_person(app, "Olu Overdue")
    add_member(app, provider_id, overdue.id, today - timedelta(days=100))
    make_assessment(app, overdue.id, today - timedelta(days=60), all_scores(5), kind="baseline")
    fresh = make_person(app, "Fran Fresh")  # reviewed last week: not due for 5 weeks
    add_member(app, provider_id, fresh.id, today - timedelta(days=100))
    make_assessment(app, fresh.id, today - timedelta(days=7), all_scores(5), kind="baseline")
    newcomer = make_person(app, "Nia New")  # no baseline yet: due now
    add_member(app, provider_id, newcomer.id, today)
    left = make_person(app, "Lee Left")
    add_member(app, provider_id, left.id, today - timedelta(days=100), today - timedelta(days=1))
    withdrawn = make_person(app, "Wyn Withdrawn")
    add_member(app, provider_id, withdrawn.id, today - timedelta(days=100), withdrawn=True)
    outsider = make_person(app, "Ola Outsider")
    make_assessment(app, outsider.id, today - timedelta(days=60), all_scores(5), kind="baseline")
    return {
        "provider_id": provider_id,
        "manager": manager,
        "worker": worker,
        "due_soon": due_soon,
        "overdue": overdue,
        "newcomer": newcomer,
    }


def test_a_worker_sees_who_is_due_by_name_and_date_only(app, client, setting):
    sign_in(app, client, setting["worker"])
    text = page_text(client.get(f"/services/{setting['provider_id']}/due"))
    for name in ("Dana Due", "Olu Overdue", "Nia New"):
        assert name in text
    for name in ("Fran Fresh", "Lee Left", "Wyn Withdrawn", "Ola Outsider"):
        assert name not in text
    assert text.index("Nia New") < text.index("Olu Overdue") < text.index("Dana Due")
    assert "(overdue)" in text
    assert SECRET not in text


def test_each_look_is_in_the_persons_who_looked(app, client, other_client, setting):
    sign_in(app, client, setting["worker"])
    client.get(f"/services/{setting['provider_id']}/due")
    with app.app_context():
        entries = db.session.scalars(
            select(AccessLogEntry).where(AccessLogEntry.owner_id == setting["due_soon"].id)
        ).all()
        assert [(e.actor_name, e.area) for e in entries] == [("Wren", "service_record")]
    sign_in(app, other_client, setting["due_soon"])
    who_looked = page_text(other_client.get("/circle/activity"))
    assert "Wren" in who_looked
    assert "review dates" in who_looked


def test_the_manager_sees_it_too_and_a_removed_worker_sees_nothing_next_time(
    app, client, other_client, setting
):
    sign_in(app, other_client, setting["manager"])
    assert other_client.get(f"/services/{setting['provider_id']}/due").status_code == 200
    sign_in(app, client, setting["worker"])
    assert "Your service" in page_text(client.get("/services/manage"))
    assert client.get(f"/services/{setting['provider_id']}/due").status_code == 200
    with app.app_context():
        remove_staff(
            get_provider(setting["provider_id"]), db.session.get(User, setting["worker"].id)
        )
        db.session.commit()
    response = client.get(f"/services/{setting['provider_id']}/due")
    assert response.status_code == 404
    assert "Dana Due" not in response.get_data(as_text=True)


def test_people_outside_the_service_get_not_found(app, client, setting):
    other_manager = make_person(app, "Other")
    make_service(app, "Hillside", other_manager)
    for person in (other_manager, setting["due_soon"], make_person(app, "Stranger")):
        sign_in(app, client, person)
        response = client.get(f"/services/{setting['provider_id']}/due")
        assert response.status_code == 404
        assert "Dana Due" not in response.get_data(as_text=True)


def test_a_person_sees_exactly_the_scores_their_service_can_count(app, client, setting):
    person = setting["due_soon"]
    sign_in(app, client, person)
    text = page_text(client.get("/services"))
    assert "What Riverside Recovery can count about you" in text
    assert "Baseline," in text and "Money 5" in text
    assert "Workers at the service also see your name" in text
