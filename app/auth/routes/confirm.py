"""Confirm it's you: a passkey, the password, or (for someone with neither) a recovery
code, before the account actions app/auth/reauth.py guards."""

from __future__ import annotations

from flask import current_app, redirect, render_template, request
from flask_babel import gettext as _
from flask_login import current_user
from werkzeug.wrappers import Response

from app import access
from app.access import Action, signed_in
from app.auth import bp
from app.auth.forms import ConfirmPasskeyForm, ConfirmPasswordForm, ConfirmRecoveryCodeForm
from app.auth.pages import ACCOUNT_LIMIT, RECOVERY_LIMIT, SIGN_IN_LIMIT, account_signed_in
from app.auth.passkeys import PasskeyError, authentication_options, verify_passkey_sign_in
from app.auth.passwords import verify_password
from app.auth.sessions import this_device_session
from app.data.accounts.models import User
from app.data.accounts.queries import (
    count_unused_recovery_codes,
    list_passkeys,
    mark_reauthenticated,
    record_passkey_use,
    use_own_recovery_code,
)
from app.extensions import limiter
from app.urls import safe_next


def _me() -> User:
    person: User = access.current_person()
    access.require(current_user, person.id, access.ACCOUNT, Action.CHANGE)
    return person


def _next() -> str:
    return safe_next(request.args.get("next"), "/account")


def _page(person: User, status: int = 200, **forms: object) -> tuple[str, int]:
    has_passkeys = bool(list_passkeys(person))
    has_password = bool(person.password_hash)
    return render_template(
        "auth/confirm.html",
        next_path=_next(),
        has_passkeys=has_passkeys,
        has_password=has_password,
        # A recovery code only for someone with no passkey and no password.
        offer_code=not has_passkeys
        and not has_password
        and count_unused_recovery_codes(person) > 0,
        passkey_form=forms.get("passkey_form") or ConfirmPasskeyForm(formdata=None),
        password_form=forms.get("password_form") or ConfirmPasswordForm(formdata=None),
        code_form=forms.get("code_form") or ConfirmRecoveryCodeForm(formdata=None),
        passkey_error=forms.get("passkey_error"),
    ), status


def _confirmed() -> Response:
    device_session = this_device_session()
    if device_session is not None:
        mark_reauthenticated(device_session)
    return redirect(_next())


@bp.get("/confirm")
@signed_in
def confirm() -> tuple[str, int]:
    return _page(_me())


@bp.post("/confirm/password")
@signed_in
@limiter.limit(SIGN_IN_LIMIT)
@limiter.limit(ACCOUNT_LIMIT, key_func=account_signed_in)
def confirm_with_password() -> Response | tuple[str, int]:
    person = _me()
    form = ConfirmPasswordForm()
    if form.validate_on_submit():
        if verify_password(person.password_hash, form.password.data or ""):
            return _confirmed()
        form.password.errors.append(_("That is not your password. Check it and try again."))
    form.password.data = ""
    return _page(person, 400, password_form=form)


@bp.post("/confirm/passkey/options")
@signed_in
@limiter.limit(SIGN_IN_LIMIT)
def confirm_passkey_options() -> Response:
    person = _me()
    return current_app.response_class(
        authentication_options(list_passkeys(person)), mimetype="application/json"
    )


@bp.post("/confirm/passkey")
@signed_in
@limiter.limit(SIGN_IN_LIMIT)
def confirm_with_passkey() -> Response | tuple[str, int]:
    person = _me()
    form = ConfirmPasskeyForm()
    if not form.validate_on_submit():
        return _page(person, 400)
    try:
        result = verify_passkey_sign_in(form.credential.data or "")
    except PasskeyError as error:
        return _page(person, 400, passkey_error=error.message)
    if result.passkey.user_id != person.id:
        return _page(person, 400, passkey_error=_("That passkey is for another account."))
    record_passkey_use(result.passkey, result.new_sign_count, result.backed_up)
    return _confirmed()


@bp.post("/confirm/recovery-code")
@signed_in
@limiter.limit(RECOVERY_LIMIT)
@limiter.limit(RECOVERY_LIMIT, key_func=account_signed_in)
def confirm_with_recovery_code() -> Response | tuple[str, int]:
    person = _me()
    form = ConfirmRecoveryCodeForm()
    if form.validate_on_submit():
        if list_passkeys(person) or person.password_hash:
            return _page(person, 400)  # they have a better way: offered on the page
        if use_own_recovery_code(person, form.code.data or ""):
            return _confirmed()
        form.code.errors.append(
            _("That code is not right, or it was used before. Check it and try again.")
        )
    return _page(person, 400, code_form=form)
