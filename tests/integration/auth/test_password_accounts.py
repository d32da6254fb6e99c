"""Creating an account with a password, and signing in with it."""

from __future__ import annotations

import re

from sqlalchemy import func, select

from app.data.accounts.models import DeviceSession, RecoveryCode, User
from app.data.database import db
from tests.support.helpers import csrf_token, make_person, page_text, post_form

CODE = re.compile(r"<code[^>]*>([A-Z0-9-]{19})</code>")


def sign_up(client, username="river", password="correct horse battery", **extra):
    data = {"username": username, "password": password, "confirm": password, **extra}
    return post_form(client, "/auth/sign-up/password", data)


def test_a_person_signs_up_with_a_password_and_sees_ten_recovery_codes_once(app, client):
    response = sign_up(client, display_name="River")
    assert response.status_code == 200
    codes = CODE.findall(response.get_data(as_text=True))
    assert len(codes) == 10 and len(set(codes)) == 10
    assert "only show these codes once" in page_text(response)
    with app.app_context():
        user = db.session.scalar(select(User).where(User.username == "river"))
        assert user.display_name == "River"
        assert user.password_hash.startswith("$argon2id$")
        stored = db.session.scalars(select(RecoveryCode.code_hash)).all()
        assert len(stored) == 10
        assert not any(code.replace("-", "") in h for h in stored for code in codes)
    assert client.get("/").status_code == 200
    assert "Hello, River" in page_text(client.get("/"))


def test_a_weak_password_is_refused_and_the_username_is_kept(client):
    response = sign_up(client, username="keepme", password="password1")
    text = page_text(response)
    assert "too common" in text
    assert 'value="keepme"' in response.get_data(as_text=True)
    assert "<title>Error: " in response.get_data(as_text=True)


def test_short_long_and_mismatched_passwords_each_say_what_to_do(client):
    assert "at least 8 characters" in page_text(sign_up(client, password="abc12"))
    assert "128 characters or fewer" in page_text(sign_up(client, password="x" * 129))
    response = post_form(
        client,
        "/auth/sign-up/password",
        {"username": "sam", "password": "a long enough phrase", "confirm": "different phrase"},
    )
    assert "do not match" in page_text(response)


def test_a_taken_username_is_refused_whatever_its_case(app, client):
    make_person(app, username="Taken")
    assert "That username is taken" in page_text(sign_up(client, username="taken"))


def test_sign_in_with_the_wrong_password_gives_one_message_for_both_mistakes(app, client):
    make_person(app, username="ash", password="purple monkey dishwasher")
    wrong_password = post_form(
        client, "/auth/sign-in/password", {"username": "ash", "password": "nope nope nope"}
    )
    wrong_name = post_form(
        client, "/auth/sign-in/password", {"username": "nobody", "password": "nope nope nope"}
    )
    for response in (wrong_password, wrong_name):
        assert "username or password is not right" in page_text(response)
    assert 'value="ash"' in wrong_password.get_data(as_text=True)


def test_sign_in_starts_a_new_session_and_returns_to_the_page_asked_for(app, client):
    make_person(app, username="ash", password="purple monkey dishwasher")
    before = client.get("/plan")
    assert before.status_code == 302 and "/auth/sign-in?next=/plan" in before.location
    with client.session_transaction() as session:
        session["planted"] = "by an attacker"
    response = post_form(
        client,
        "/auth/sign-in/password?next=/plan",
        {"username": "ash", "password": "purple monkey dishwasher"},
    )
    assert response.status_code == 302 and response.location == "/plan"
    with client.session_transaction() as session:
        assert "planted" not in session
    assert client.get("/plan").status_code == 200


def test_next_never_sends_a_person_to_another_site(app, client):
    make_person(app, username="ash", password="purple monkey dishwasher")
    response = post_form(
        client,
        "/auth/sign-in/password?next=//evil.example.org/",
        {"username": "ash", "password": "purple monkey dishwasher"},
    )
    assert response.location == "/"


def test_keep_me_signed_in_makes_a_lasting_cookie_and_a_remembered_session(app, client):
    make_person(app, username="ash", password="purple monkey dishwasher")
    response = post_form(
        client,
        "/auth/sign-in/password",
        {"username": "ash", "password": "purple monkey dishwasher", "keep_signed_in": "y"},
    )
    cookie = response.headers["Set-Cookie"]
    assert "keepwell_session=" in cookie and "Expires=" in cookie
    assert "HttpOnly" in cookie and "SameSite=Lax" in cookie
    with app.app_context():
        assert db.session.scalar(select(DeviceSession.remember)) is True


def test_cookies_are_secure_when_served_over_https(app, client):
    make_person(app, username="ash", password="purple monkey dishwasher")
    app.config["SESSION_COOKIE_SECURE"] = True
    try:
        token = csrf_token(client)
        response = client.post(
            "/auth/sign-in/password",
            data={"csrf_token": token, "username": "ash", "password": "purple monkey dishwasher"},
            base_url="https://localhost",
        )
        assert "Secure" in response.headers["Set-Cookie"]
    finally:
        app.config["SESSION_COOKIE_SECURE"] = False


def test_sign_in_is_rate_limited_with_a_clear_message(app, client):
    for _ in range(10):
        post_form(client, "/auth/sign-in/password", {"username": "x", "password": "y" * 8})
    response = post_form(client, "/auth/sign-in/password", {"username": "x", "password": "y" * 8})
    assert response.status_code == 429
    assert "Please wait before trying again" in page_text(response)
    # 10 a minute: the page says a minute, from the limit that was met, not "15 minutes".
    assert "You can try again in 1 minute." in page_text(response)
    assert 'href="/help"' in response.get_data(as_text=True)
    # Like every error page, it gives the crisis numbers themselves (finding 9.3).
    for number in ("999", "111", "116 123", "85258"):
        assert number in page_text(response)


def test_account_creation_is_rate_limited(app, client):
    for number in range(10):
        sign_up(client, username=f"person{number}", password="abc")
    refused = sign_up(client, username="one-more", password="abc")
    assert refused.status_code == 429
    # The sign-up limit is per hour, and the page says so.
    assert "You can try again in 60 minutes." in page_text(refused)
    with app.app_context():
        assert db.session.scalar(select(func.count()).select_from(User)) == 0


def test_creating_an_account_from_an_invite_link_comes_back_to_the_invite(client):
    sign_in_page = client.get("/auth/sign-in?next=/circle/join/ABCDE-FGHJK")
    assert 'href="/auth/sign-up?next=/circle/join/ABCDE-FGHJK"' in sign_in_page.get_data(
        as_text=True
    )
    response = post_form(
        client,
        "/auth/sign-up/password?next=/circle/join/ABCDE-FGHJK",
        {"username": "newcomer", "password": "lamp lake lettuce", "confirm": "lamp lake lettuce"},
    )
    assert 'href="/circle/join/ABCDE-FGHJK"' in response.get_data(as_text=True)
