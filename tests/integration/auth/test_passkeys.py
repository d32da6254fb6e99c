"""Passkeys end to end through the server, with a software authenticator."""

from __future__ import annotations

import json

from sqlalchemy import func, select

from app.data.accounts.models import Passkey, User, WebAuthnChallenge
from app.data.database import db
from tests.support.helpers import csrf_token, make_person, page_text, post_form, sign_in
from tests.support.soft_authenticator import (
    SoftPasskey,
    authentication_response,
    registration_response,
)


def sign_up_options(client, display_name="Kit"):
    response = client.post(
        "/auth/passkey/sign-up/options",
        data={"csrf_token": csrf_token(client, "/auth/sign-up"), "display_name": display_name},
    )
    assert response.status_code == 200, response.data
    return response.get_json()


def sign_up_with_passkey(client, **kwargs):
    options = sign_up_options(client)
    passkey, credential = registration_response(options, **kwargs)
    response = post_form(
        client, "/auth/sign-up/passkey", {"credential": credential, "display_name": "Kit"}
    )
    return passkey, response


def sign_in_options(client):
    response = client.post(
        "/auth/passkey/sign-in/options", data={"csrf_token": csrf_token(client, "/auth/sign-in")}
    )
    assert response.status_code == 200
    return response.get_json()


def sign_in_with(client, credential, keep=False):
    data = {"passkey-credential": credential}
    if keep:
        data["passkey-keep_signed_in"] = "y"
    return post_form(client, "/auth/sign-in/passkey", data)


def test_registration_options_require_a_discoverable_user_verified_passkey(client):
    options = sign_up_options(client)
    selection = options["authenticatorSelection"]
    assert selection["residentKey"] == "required"
    assert selection["userVerification"] == "required"
    assert options["attestation"] == "none"
    assert options["rp"]["id"] == "localhost"


def test_a_person_signs_up_with_a_passkey_and_gets_recovery_codes(app, client):
    passkey, response = sign_up_with_passkey(client)
    assert response.status_code == 200
    assert "Save your recovery codes" in page_text(response)
    with app.app_context():
        user = db.session.scalar(select(User))
        assert user.username is None and user.password_hash is None
        assert user.display_name == "Kit"
        assert user.user_handle == passkey.user_handle
        assert user.user_handle != str(user.id).encode()
        stored = db.session.scalar(select(Passkey))
        assert stored.credential_id == passkey.credential_id
        assert stored.transports == ["internal", "hybrid"]
        assert stored.backed_up is True
        assert stored.name


def test_sign_in_with_a_passkey_needs_no_username(app, client, other_client):
    passkey, _ = sign_up_with_passkey(client)
    options = sign_in_options(other_client)
    assert "allowCredentials" not in options or options["allowCredentials"] == []
    assert options["userVerification"] == "required"
    response = sign_in_with(other_client, authentication_response(options, passkey))
    assert response.status_code == 302
    assert "Hello, Kit" in page_text(other_client.get("/"))
    with app.app_context():
        stored = db.session.scalar(select(Passkey))
        assert stored.sign_count == passkey.sign_count
        assert stored.last_used_at_utc is not None


def test_a_passkey_made_without_user_verification_is_refused(app, client):
    _, response = sign_up_with_passkey(client, user_verified=False)
    assert response.status_code == 400
    assert "did not confirm it was you" in page_text(response)
    with app.app_context():
        assert db.session.scalar(select(func.count()).select_from(User)) == 0


def test_sign_in_without_user_verification_is_refused(client, other_client):
    passkey, _ = sign_up_with_passkey(client)
    options = sign_in_options(other_client)
    response = sign_in_with(
        other_client, authentication_response(options, passkey, user_verified=False)
    )
    assert response.status_code == 400
    assert "did not confirm it was you" in page_text(response)
    assert other_client.get("/plan").status_code == 302


def test_a_sign_count_that_goes_backwards_is_refused(client, other_client):
    passkey, _ = sign_up_with_passkey(client)
    options = sign_in_options(other_client)
    first = sign_in_with(other_client, authentication_response(options, passkey, sign_count=5))
    assert first.status_code == 302
    post_form(other_client, "/auth/sign-out")
    options = sign_in_options(other_client)
    response = sign_in_with(other_client, authentication_response(options, passkey, sign_count=3))
    assert response.status_code == 400
    assert "could not be trusted" in page_text(response)


def test_a_replayed_sign_in_response_is_refused(client, other_client):
    passkey, _ = sign_up_with_passkey(client)
    options = sign_in_options(other_client)
    credential = authentication_response(options, passkey)
    assert sign_in_with(other_client, credential).status_code == 302
    post_form(other_client, "/auth/sign-out")
    sign_in_options(other_client)  # a fresh challenge in this browser
    replay = sign_in_with(other_client, credential)
    assert replay.status_code == 400
    assert other_client.get("/plan").status_code == 302


def test_a_challenge_works_once_even_for_a_new_response(app, client):
    options = sign_up_options(client)
    _, first = registration_response(options)
    _, second = registration_response(options)
    assert post_form(client, "/auth/sign-up/passkey", {"credential": first}).status_code == 200
    post_form(client, "/auth/sign-out")
    response = post_form(client, "/auth/sign-up/passkey", {"credential": second})
    assert response.status_code == 400
    assert "took too long, or the page was already used" in page_text(response)
    with app.app_context():
        assert db.session.scalar(select(func.count()).select_from(User)) == 1
        assert db.session.scalar(select(func.count()).select_from(WebAuthnChallenge)) == 0


def test_malformed_passkey_responses_get_a_clear_message_not_an_error(client):
    for credential in ["", "not json", "[]", json.dumps({"id": "x"}), "{" * 70000]:
        sign_up_options(client)
        response = post_form(client, "/auth/sign-up/passkey", {"credential": credential})
        assert response.status_code in (400, 413)
        assert "went wrong on our side" not in page_text(response)


def test_an_unknown_passkey_cannot_sign_in(client):
    options = sign_in_options(client)
    stranger = SoftPasskey(user_handle=b"x" * 32)
    response = sign_in_with(client, authentication_response(options, stranger))
    assert response.status_code == 400
    assert "do not recognise that passkey" in page_text(response)


def test_a_person_adds_renames_and_removes_a_second_passkey(app, client):
    first, _ = sign_up_with_passkey(client)
    response = client.post(
        "/account/passkeys/options", data={"csrf_token": csrf_token(client, "/account")}
    )
    options = response.get_json()
    assert [c["id"] for c in options["excludeCredentials"]]
    assert options["user"]["id"]
    second, credential = registration_response(options)
    assert second.user_handle == first.user_handle
    response = post_form(client, "/account/passkeys", {"credential": credential})
    assert response.status_code == 302 and "/name" in response.location
    rename = post_form(client, response.location, {"name": "Work laptop"})
    assert rename.status_code == 302
    assert "Work laptop" in page_text(client.get("/account"))
    with app.app_context():
        laptop = db.session.scalar(select(Passkey).where(Passkey.name == "Work laptop"))
        laptop_id = laptop.id
    assert post_form(client, f"/account/passkeys/{laptop_id}/remove").status_code == 302
    assert "Work laptop" not in page_text(client.get("/account"))


def test_the_last_way_to_sign_in_cannot_be_removed(app, client):
    sign_up_with_passkey(client)
    with app.app_context():
        from app.data.accounts.models import RecoveryCode

        db.session.execute(RecoveryCode.__table__.delete())
        db.session.commit()
        passkey_id = db.session.scalar(select(Passkey.id))
    response = post_form(client, f"/account/passkeys/{passkey_id}/remove")
    assert response.status_code == 200
    assert "only way to sign in" in page_text(response)
    with app.app_context():
        assert db.session.scalar(select(func.count()).select_from(Passkey)) == 1


def test_nobody_can_rename_or_remove_another_persons_passkey(app, client, other_client):
    sign_up_with_passkey(client)
    with app.app_context():
        passkey_id = db.session.scalar(select(Passkey.id))
    intruder = make_person(app, "Intruder")
    sign_in(app, other_client, intruder)
    assert other_client.get(f"/account/passkeys/{passkey_id}/name").status_code == 404
    assert post_form(other_client, f"/account/passkeys/{passkey_id}/remove").status_code == 404
    with app.app_context():
        assert db.session.scalar(select(func.count()).select_from(Passkey)) == 1
