"""Sessions: idle timeout, signing out, signing out everywhere."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import func, select, update

from app.data.accounts.models import DeviceSession
from app.data.base import utcnow
from app.data.database import db
from tests.support.helpers import make_person, page_text, post_form, sign_in


def _age_sessions(app, minutes):
    with app.app_context():
        db.session.execute(
            update(DeviceSession).values(last_seen_at_utc=utcnow() - timedelta(minutes=minutes))
        )
        db.session.commit()


def test_a_session_ends_after_30_idle_minutes(app, client):
    person = make_person(app)
    sign_in(app, client, person)
    _age_sessions(app, 29)
    assert client.get("/plan").status_code == 200
    _age_sessions(app, 31)
    response = client.get("/plan")
    assert response.status_code == 302 and "/auth/sign-in" in response.location
    with app.app_context():
        assert db.session.scalar(select(func.count()).select_from(DeviceSession)) == 0


def test_keep_me_signed_in_lasts_30_days_not_30_minutes(app, client):
    person = make_person(app)
    sign_in(app, client, person, remember=True)
    _age_sessions(app, 60 * 24 * 29)
    assert client.get("/plan").status_code == 200
    _age_sessions(app, 60 * 24 * 31)
    assert client.get("/plan").status_code == 302


def test_signing_out_ends_this_session_only(app, client, other_client):
    person = make_person(app)
    sign_in(app, client, person)
    sign_in(app, other_client, person)
    response = post_form(client, "/auth/sign-out")
    assert response.status_code == 302
    assert client.get("/plan").status_code == 302
    assert other_client.get("/plan").status_code == 200


def test_signing_out_everywhere_ends_every_session(app, client, other_client):
    person = make_person(app)
    sign_in(app, client, person)
    sign_in(app, other_client, person)
    response = post_form(client, "/auth/sign-out-everywhere", follow_redirects=True)
    assert "signed out on every device (2 in all)" in page_text(response)
    assert other_client.get("/plan").status_code == 302


def test_a_copied_session_cookie_stops_working_after_sign_out(app, client, other_client):
    person = make_person(app)
    sign_in(app, client, person)
    with client.session_transaction() as session:
        copied = dict(session)
    post_form(client, "/auth/sign-out")
    with other_client.session_transaction() as session:
        session.update(copied)
    assert other_client.get("/plan").status_code == 302


def test_display_settings_survive_signing_out(app, client):
    person = make_person(app)
    sign_in(app, client, person)
    post_form(client, "/display", {"text_size": "extra_large", "high_contrast": "y"})
    post_form(client, "/auth/sign-out")
    html = client.get("/").get_data(as_text=True)
    assert 'class="kw-text-xlarge kw-high-contrast"' in html


def test_forms_without_a_csrf_token_are_refused_and_show_what_was_typed(app, client):
    person = make_person(app)
    sign_in(app, client, person)
    response = client.post(
        "/plan/triggers/triggers/add",
        data={
            "text": "Words I do not want to lose",
            "base_version": "0",
            "entry_id": "e0123456789ab",
        },
    )
    assert response.status_code == 400
    text = page_text(response)
    assert "This page had expired" in text
    assert "Words I do not want to lose" in text
    plan = client.get("/plan/triggers")
    assert "Words I do not want to lose" not in page_text(plan)
