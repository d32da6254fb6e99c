"""A service's staff: managers invite with a one-time code, remove at once; staff leave;
a service always keeps a manager; the command line sets up the first one."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from sqlalchemy import select, update

from app.data.base import utcnow
from app.data.database import db
from app.data.service.models import ServiceStaff, ServiceStaffInvite
from tests.support.helpers import make_person, page_text, post_form, sign_in
from tests.support.service import add_staff, make_service

CODE = re.compile(r"<code>([A-Z0-9]{5}-[A-Z0-9]{5})</code>")


@pytest.fixture
def manager(app):
    return make_person(app, "Morgan")


@pytest.fixture
def provider_id(app, manager):
    return make_service(app, "Riverside Recovery", manager)[0]


def make_invite(client, provider_id, role="worker"):
    response = post_form(client, f"/services/{provider_id}/staff/invite", {"role": role})
    assert response.status_code == 200
    match = CODE.search(response.get_data(as_text=True))
    assert match, "no code shown"
    return match.group(1)


def test_a_manager_invites_a_worker_who_joins_and_sees_the_due_list(
    app, client, other_client, manager, provider_id
):
    sign_in(app, client, manager)
    code = make_invite(client, provider_id)
    with app.app_context():
        stored = db.session.scalar(select(ServiceStaffInvite.code_hash))
    assert code not in stored and code.replace("-", "") not in stored  # only a hash is kept
    wren = make_person(app, "Wren")
    sign_in(app, other_client, wren)
    confirm = other_client.get(f"/services/staff/join?code={code.lower()}")
    assert "Join the staff of Riverside Recovery?" in page_text(confirm)
    assert other_client.get(f"/services/{provider_id}/due").status_code == 404  # not yet
    response = post_form(other_client, "/services/staff/join", {"code": code})
    assert response.status_code == 302
    assert other_client.get(f"/services/{provider_id}/due").status_code == 200
    assert other_client.get(f"/services/{provider_id}/report").status_code == 403
    assert "Wren" in page_text(client.get(f"/services/{provider_id}/staff"))


@pytest.mark.parametrize(
    ("problem", "message"),
    [
        ("unknown", "We could not find that code"),
        ("used", "That code has been used"),
        ("expired", "That code has expired"),
    ],
)
def test_a_code_that_cannot_be_used_says_why_and_keeps_what_was_typed(
    app, client, other_client, manager, provider_id, problem, message
):
    sign_in(app, client, manager)
    code = make_invite(client, provider_id) if problem != "unknown" else "ABCDE-FGHJK"
    with app.app_context():
        if problem == "used":
            first = make_person(app, "First")
            sign_in(app, other_client, first)
            post_form(other_client, "/services/staff/join", {"code": code})
        if problem == "expired":
            db.session.execute(
                update(ServiceStaffInvite).values(expires_at_utc=utcnow() - timedelta(minutes=1))
            )
            db.session.commit()
    late = make_person(app, "Late")
    sign_in(app, other_client, late)
    for response in (
        other_client.get(f"/services/staff/join?code={code}"),
        post_form(other_client, "/services/staff/join", {"code": code}),
    ):
        assert response.status_code == 400
        assert message in page_text(response)
        assert f'value="{code}"' in response.get_data(as_text=True)
    assert other_client.get(f"/services/{provider_id}/due").status_code == 404


def test_one_code_cannot_let_two_people_in(app, manager, provider_id, client):
    from app.circle.codes import code_hash
    from app.data.accounts.models import User
    from app.data.service.staff import InviteProblem, accept_staff_invite, usable_staff_invite

    sign_in(app, client, manager)
    code = make_invite(client, provider_id)
    first, second = make_person(app, "First"), make_person(app, "Second")
    with app.app_context():
        # Both read the invite as usable before either used it, as two requests at once.
        invite_a = usable_staff_invite(code_hash(code))
        invite_b = usable_staff_invite(code_hash(code))
        accept_staff_invite(invite_a, db.session.get(User, first.id))
        with pytest.raises(InviteProblem):
            accept_staff_invite(invite_b, db.session.get(User, second.id))
        db.session.commit()
        staff = db.session.scalars(select(ServiceStaff.user_id)).all()
    assert second.id not in staff and first.id in staff


def test_a_removed_worker_is_refused_on_their_next_click(
    app, client, other_client, manager, provider_id
):
    wren = make_person(app, "Wren")
    add_staff(app, provider_id, wren, "worker")
    sign_in(app, other_client, wren)
    assert other_client.get(f"/services/{provider_id}/due").status_code == 200
    sign_in(app, client, manager)
    with app.app_context():
        staff_id = db.session.scalar(select(ServiceStaff.id).where(ServiceStaff.user_id == wren.id))
    response = post_form(
        client, f"/services/{provider_id}/staff/{staff_id}/remove", follow_redirects=True
    )
    assert "Wren is no longer on the staff of Riverside Recovery" in page_text(response)
    assert other_client.get(f"/services/{provider_id}/due").status_code == 404
    assert "You are not on the staff of a service" in page_text(
        other_client.get("/services/manage")
    )


def test_staff_may_leave_but_the_last_manager_stays(
    app, client, other_client, manager, provider_id
):
    sign_in(app, client, manager)
    response = post_form(client, f"/services/{provider_id}/staff/leave", follow_redirects=True)
    assert "A service needs at least one manager" in page_text(response)
    assert client.get(f"/services/{provider_id}/report").status_code == 200
    second = make_person(app, "Second manager")
    add_staff(app, provider_id, second, "manager")
    post_form(client, f"/services/{provider_id}/staff/leave")
    assert client.get(f"/services/{provider_id}/report").status_code == 404
    sign_in(app, other_client, second)
    assert other_client.get(f"/services/{provider_id}/report").status_code == 200


def test_only_its_managers_manage_a_services_staff(app, client, provider_id):
    wren = make_person(app, "Wren")
    add_staff(app, provider_id, wren, "worker")
    other = make_person(app, "Other manager")
    make_service(app, "Hillside", other)
    with app.app_context():
        staff_id = db.session.scalar(select(ServiceStaff.id).where(ServiceStaff.user_id == wren.id))
    for person, status in ((wren, 403), (other, 404), (make_person(app, "Stranger"), 404)):
        sign_in(app, client, person)
        assert client.get(f"/services/{provider_id}/staff").status_code == status
        assert (
            post_form(
                client, f"/services/{provider_id}/staff/invite", {"role": "manager"}
            ).status_code
            == status
        )
        assert (
            post_form(client, f"/services/{provider_id}/staff/{staff_id}/remove").status_code
            == status
        )
    with app.app_context():
        assert db.session.scalar(select(ServiceStaffInvite.id)) is None
        assert db.session.get(ServiceStaff, staff_id) is not None


def test_the_command_line_sets_up_a_service_and_its_staff(app):
    runner = app.test_cli_runner()
    make_person(app, "Mo", username="mo_manager")
    make_person(app, "Wyn", username="wyn_worker")
    result = runner.invoke(args=["service", "create", "Canal Side", "mo_manager"])
    assert result.exit_code == 0, result.output
    assert "People join with code" in result.output
    assert runner.invoke(args=["service", "create", "Canal Side", "mo_manager"]).exit_code != 0
    result = runner.invoke(args=["service", "add-staff", "Canal Side", "wyn_worker"])
    assert "wyn_worker is now a worker of 'Canal Side'" in result.output
    result = runner.invoke(args=["service", "remove-staff", "Canal Side", "wyn_worker"])
    assert "wyn_worker is no longer staff" in result.output
    assert runner.invoke(args=["service", "add-staff", "Nowhere", "wyn_worker"]).exit_code != 0
    assert runner.invoke(args=["service", "add-staff", "Canal Side", "nobody"]).exit_code != 0
