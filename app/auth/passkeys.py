"""Passkeys (WebAuthn) with py_webauthn: discoverable credentials, user verification
required, no attestation. Challenges live in the database and die when used."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta
from typing import Any

from flask import current_app, request, session
from flask_babel import lazy_gettext as _l
from flask_babel.speaklater import LazyString
from webauthn import (
    generate_authentication_options,
    generate_registration_options,
    options_to_json,
    verify_authentication_response,
    verify_registration_response,
)
from webauthn.helpers import parse_authentication_credential_json
from webauthn.helpers.exceptions import (
    InvalidAuthenticationResponse,
    InvalidCBORData,
    InvalidJSONStructure,
    InvalidRegistrationResponse,
)
from webauthn.helpers.structs import (
    AttestationConveyancePreference,
    AuthenticatorSelectionCriteria,
    PublicKeyCredentialDescriptor,
    ResidentKeyRequirement,
    UserVerificationRequirement,
)

from app.data.accounts.challenges import store_challenge, take_challenge
from app.data.accounts.models import Passkey, User, WebAuthnChallenge
from app.data.accounts.queries import (
    find_passkey_by_credential_id,
    list_passkeys,
    new_user_handle,
)
from app.data.base import utcnow
from app.untrusted import load_json

CHALLENGE_LIFETIME = timedelta(minutes=5)
CHALLENGE_SESSION_KEY = "webauthn_challenge"
MAX_CREDENTIAL_JSON = 64 * 1024

WEBAUTHN_ERRORS = (
    InvalidRegistrationResponse,
    InvalidAuthenticationResponse,
    InvalidCBORData,
    InvalidJSONStructure,
    ValueError,
    KeyError,
    TypeError,
)


class PasskeyError(Exception):
    def __init__(self, message: LazyString | str) -> None:
        super().__init__(str(message))
        self.message = message


EXPIRED = _l("That took too long, or the page was already used. Please try again.")
NOT_VERIFIED = _l(
    "Your device did not confirm it was you. Use your fingerprint, face or screen lock "
    "when it asks, then try again."
)
UNREADABLE = _l("Something went wrong with the passkey. Please try again.")
UNKNOWN_PASSKEY = _l(
    "We do not recognise that passkey. It may have been removed. Try another way to sign in."
)
COUNTER_WENT_BACK = _l(
    "That passkey could not be trusted, so we did not sign you in. "
    "Try another passkey or a recovery code."
)


def relying_party_id() -> str:
    return current_app.config["RP_ID"] or (request.host.split(":")[0])


def expected_origin() -> str:
    return current_app.config["RP_ORIGIN"] or request.host_url.rstrip("/")


def _store_challenge(
    purpose: str,
    challenge: bytes,
    user: User | None = None,
    pending_user_handle: bytes | None = None,
    pending_display_name: str = "",
) -> None:
    session[CHALLENGE_SESSION_KEY] = store_challenge(
        purpose,
        challenge,
        lifetime=CHALLENGE_LIFETIME,
        user_id=user.id if user else None,
        pending_user_handle=pending_user_handle,
        pending_display_name=pending_display_name,
    )


def _take_challenge(purpose: str) -> WebAuthnChallenge:
    """The challenge this browser was given, deleted as it is read: one use only."""
    token = session.pop(CHALLENGE_SESSION_KEY, None)
    row = take_challenge(token, purpose) if token else None
    if row is None:
        raise PasskeyError(EXPIRED)
    if utcnow() - row.created_at_utc > CHALLENGE_LIFETIME:
        raise PasskeyError(EXPIRED)
    return row


def _selection() -> AuthenticatorSelectionCriteria:
    return AuthenticatorSelectionCriteria(
        resident_key=ResidentKeyRequirement.REQUIRED,
        user_verification=UserVerificationRequirement.REQUIRED,
    )


def registration_options(user: User | None, display_name: str) -> str:
    """Options for navigator.credentials.create(), as JSON.

    With no user this is a sign-up: the handle is made now and the account only when the
    passkey comes back verified.
    """
    handle = user.user_handle if user else new_user_handle()
    name = (user.name_to_show if user else display_name) or str(_l("Keepwell account"))
    options = generate_registration_options(
        rp_id=relying_party_id(),
        rp_name=current_app.config["RP_NAME"],
        user_id=handle,
        user_name=name,
        user_display_name=name,
        attestation=AttestationConveyancePreference.NONE,
        authenticator_selection=_selection(),
        exclude_credentials=[
            PublicKeyCredentialDescriptor(id=passkey.credential_id)
            for passkey in (list_passkeys(user) if user else [])
        ],
        timeout=120000,
    )
    _store_challenge(
        "register",
        options.challenge,
        user=user,
        pending_user_handle=None if user else handle,
        pending_display_name=display_name,
    )
    return options_to_json(options)


@dataclass
class NewPasskey:
    user_handle: bytes
    display_name: str
    user_id: int | None
    credential_id: bytes
    public_key: bytes
    sign_count: int
    transports: list[str]
    backed_up: bool
    device_type: str


def _load_credential(credential_json: str) -> dict[str, Any]:
    if not credential_json:
        raise PasskeyError(UNREADABLE)
    try:
        data = load_json(credential_json, MAX_CREDENTIAL_JSON)
    except ValueError as error:
        raise PasskeyError(UNREADABLE) from error
    if not isinstance(data, dict):
        raise PasskeyError(UNREADABLE)
    if data.get("error") == "not_verified":
        raise PasskeyError(NOT_VERIFIED)
    return data


def verify_new_passkey(credential_json: str) -> NewPasskey:
    data = _load_credential(credential_json)
    challenge = _take_challenge("register")
    try:
        verified = verify_registration_response(
            credential=data,
            expected_challenge=challenge.challenge,
            expected_rp_id=relying_party_id(),
            expected_origin=expected_origin(),
            require_user_verification=True,
        )
    except InvalidRegistrationResponse as error:
        if "verif" in str(error).lower():
            raise PasskeyError(NOT_VERIFIED) from error
        raise PasskeyError(UNREADABLE) from error
    except WEBAUTHN_ERRORS as error:
        raise PasskeyError(UNREADABLE) from error
    transports = data.get("response", {}).get("transports") or []
    return NewPasskey(
        user_handle=challenge.pending_user_handle or b"",
        display_name=challenge.pending_display_name,
        user_id=challenge.user_id,
        credential_id=verified.credential_id,
        public_key=verified.credential_public_key,
        sign_count=verified.sign_count,
        transports=[str(t)[:20] for t in transports if isinstance(t, str)][:8],
        backed_up=verified.credential_backed_up,
        device_type=str(verified.credential_device_type.value),
    )


def authentication_options(only: list[Passkey] | None = None) -> str:
    """For signing in, no allowCredentials: the device offers its own passkeys, so no
    username is typed. To confirm it is you, `only` this person's passkeys."""
    options = generate_authentication_options(
        rp_id=relying_party_id(),
        user_verification=UserVerificationRequirement.REQUIRED,
        allow_credentials=[
            PublicKeyCredentialDescriptor(id=passkey.credential_id) for passkey in only or []
        ],
        timeout=120000,
    )
    _store_challenge("authenticate", options.challenge)
    return options_to_json(options)


@dataclass
class PasskeySignIn:
    passkey: Passkey
    new_sign_count: int
    backed_up: bool


def verify_passkey_sign_in(credential_json: str) -> PasskeySignIn:
    data = _load_credential(credential_json)
    challenge = _take_challenge("authenticate")
    try:
        credential = parse_authentication_credential_json(data)
    except WEBAUTHN_ERRORS as error:
        raise PasskeyError(UNREADABLE) from error
    passkey = find_passkey_by_credential_id(credential.raw_id)
    if passkey is None:
        raise PasskeyError(UNKNOWN_PASSKEY)
    user_handle = credential.response.user_handle
    if user_handle is not None and user_handle != passkey.user.user_handle:
        raise PasskeyError(UNKNOWN_PASSKEY)
    try:
        verified = verify_authentication_response(
            credential=credential,
            expected_challenge=challenge.challenge,
            expected_rp_id=relying_party_id(),
            expected_origin=expected_origin(),
            credential_public_key=passkey.public_key,
            credential_current_sign_count=passkey.sign_count,
            require_user_verification=True,
        )
    except InvalidAuthenticationResponse as error:
        message = str(error).lower()
        if "sign count" in message:
            current_app.logger.warning("Passkey %s sign count went backwards", passkey.id)
            raise PasskeyError(COUNTER_WENT_BACK) from error
        if "verif" in message:
            raise PasskeyError(NOT_VERIFIED) from error
        raise PasskeyError(UNREADABLE) from error
    except WEBAUTHN_ERRORS as error:
        raise PasskeyError(UNREADABLE) from error
    return PasskeySignIn(passkey, verified.new_sign_count, verified.credential_backed_up)


def default_passkey_name(user_agent: str) -> str:
    """A first guess the person can change: 'Android phone', 'iPhone', 'Windows computer'."""
    ua = user_agent.lower()
    if "iphone" in ua:
        return str(_l("iPhone"))
    if "ipad" in ua:
        return str(_l("iPad"))
    if "android" in ua:
        return str(_l("Android phone"))
    if "windows" in ua:
        return str(_l("Windows computer"))
    if "mac os" in ua or "macintosh" in ua:
        return str(_l("Mac"))
    if "cros" in ua:
        return str(_l("Chromebook"))
    if "linux" in ua:
        return str(_l("Linux computer"))
    return str(_l("My passkey"))
