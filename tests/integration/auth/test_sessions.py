"""Sessions: idle timeout, signing out, signing out everywhere."""

from __future__ import annotations

from datetime import timedelta

import pytest
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


def test_words_sent_after_the_idle_sign_out_are_shown_back_not_lost(app, client):
    person = make_person(app)
    sign_in(app, client, person)
    client.get("/plan/triggers")
    _age_sessions(app, 31)
    response = post_form(
        client,
        "/plan/triggers/triggers/add",
        {"text": "Crowded buses at rush hour", "base_version": "0", "entry_id": "e0123456789ab"},
        headers={"Referer": "http://localhost/plan/triggers/triggers/add"},
    )
    assert response.status_code == 401
    text = page_text(response)
    assert "You were signed out" in text
    assert "Crowded buses at rush hour" in text
    assert "e0123456789ab" not in text
    assert response.headers["Cache-Control"] == "no-store"
    assert 'href="/auth/sign-in?next=/plan/triggers/triggers/add"' in response.get_data(
        as_text=True
    )


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
    assert "e0123456789ab" not in text  # the hidden fields nobody typed
    assert response.headers["Cache-Control"] == "no-store"
    plan = client.get("/plan/triggers")
    assert "Words I do not want to lose" not in page_text(plan)


@pytest.mark.parametrize(
    ("path", "fields"),
    [
        ("/auth/sign-in/password", {"username": "ash", "password": "my secret words 42"}),
        ("/auth/sign-in/recovery-code", {"username": "ash", "code": "ab12-cd34-ef56"}),
        (
            "/auth/sign-up/password",
            {
                "username": "ash",
                "password": "my secret words 42",
                "password_again": "my secret words 42",
            },
        ),
        ("/account/password", {"current_password": "old words 1", "new_password": "new words 2"}),
        ("/circle/join", {"code": "ABCD-EFGH-JKLM"}),
    ],
)
def test_an_expired_form_never_shows_back_a_password_or_code(app, client, path, fields):
    """The expired page is kept by the browser, on a phone others may pick up."""
    response = client.post(path, data=fields)
    assert response.status_code == 400
    text = response.get_data(as_text=True)
    assert "This page had expired" in page_text(response)
    for key, value in fields.items():
        if key != "username":
            assert value not in text
