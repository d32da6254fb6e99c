"""Signing in (passkey, password, recovery code, the demo) and signing out."""

from __future__ import annotations

from flask import (
    abort,
    current_app,
    flash,
    redirect,
    render_template,
    request,
    url_for,
)
from flask_babel import gettext as _
from flask_login import current_user
from werkzeug.wrappers import Response

from app import access
from app.access import public, signed_in
from app.auth import bp
from app.auth.forms import (
    PasskeySignInForm,
    PasswordSignInForm,
    RecoveryCodeForm,
)
from app.auth.pages import (
    ACCOUNT_LIMIT,
    RECOVERY_LIMIT,
    SIGN_IN_LIMIT,
    account_tried,
    after_sign_in,
    sign_in_page,
    user_agent,
)
from app.auth.passkeys import (
    PasskeyError,
    authentication_options,
    verify_passkey_sign_in,
)
from app.auth.passwords import hash_password, needs_rehash, verify_password
from app.auth.sessions import end_all_sessions, end_session, start_session
from app.data.accounts.queries import (
    count_unused_recovery_codes,
    find_demo_mentor,
    find_demo_person,
    find_user_by_username,
    record_passkey_use,
    rehash_password,
    use_recovery_code,
)
from app.extensions import limiter
from app.forms import ButtonForm


@bp.get("/sign-in")
@public
def sign_in() -> str | Response:
    if current_user.is_authenticated:
        return redirect("/")
    return sign_in_page()


@bp.post("/sign-in/password")
@public
@limiter.limit(SIGN_IN_LIMIT)
@limiter.limit(ACCOUNT_LIMIT, key_func=account_tried)
def sign_in_with_password() -> str | Response:
    form = PasswordSignInForm()
    if not form.validate_on_submit():
        return sign_in_page(password_form=form)
    user = find_user_by_username(form.username.data)
    if not verify_password(user.password_hash if user else None, form.password.data):
        form.password.errors.append(
            _("The username or password is not right. Check them and try again.")
        )
        form.password.data = ""
        return sign_in_page(password_form=form)
    assert user is not None
    if user.password_hash and needs_rehash(user.password_hash):
        rehash_password(user, hash_password(form.password.data))
    start_session(
        user,
        remember=form.remember_here(),
        shared=form.shared_device.data,
        method="password",
        user_agent=user_agent(),
    )
    return after_sign_in()


@bp.post("/passkey/sign-in/options")
@public
@limiter.limit(SIGN_IN_LIMIT)
def passkey_sign_in_options() -> Response:
    return current_app.response_class(authentication_options(), mimetype="application/json")


@bp.post("/sign-in/passkey")
@public
@limiter.limit(SIGN_IN_LIMIT)
def sign_in_with_passkey() -> str | Response:
    form = PasskeySignInForm(prefix="passkey")
    if not form.validate_on_submit():
        return sign_in_page(passkey_form=form)
    try:
        result = verify_passkey_sign_in(form.credential.data or "")
    except PasskeyError as error:
        return sign_in_page(passkey_form=form, passkey_error=error.message), 400  # type: ignore[return-value]
    record_passkey_use(result.passkey, result.new_sign_count, result.backed_up)
    start_session(
        result.passkey.user,
        remember=form.remember_here(),
        shared=form.shared_device.data,
        method="passkey",
        user_agent=user_agent(),
    )
    return after_sign_in()


@bp.route("/sign-in/recovery-code", methods=["GET", "POST"])
@public
@limiter.limit(RECOVERY_LIMIT, methods=["POST"])
def sign_in_with_recovery_code() -> str | Response:
    form = RecoveryCodeForm()
    if form.validate_on_submit():
        user = use_recovery_code(form.code.data)
        if user is not None:
            start_session(
                user,
                remember=form.remember_here(),
                shared=form.shared_device.data,
                method="recovery_code",
                user_agent=user_agent(),
            )
            remaining = count_unused_recovery_codes(user)
            flash(
                _(
                    "You are signed in. That code cannot be used again. "
                    "You have %(count)s codes left. Add a passkey or make new codes now.",
                    count=remaining,
                ),
                "success",
            )
            return redirect(url_for("account.settings"))
        form.code.errors.append(
            _("That code is not right, or it was used before. Check it and try again.")
        )
    return render_template("auth/recovery_code.html", form=form)


@bp.post("/demo")
@public
def sign_in_as_demo() -> Response:
    if not current_app.config["DEMO_MODE"]:
        abort(404)
    if not ButtonForm().validate_on_submit():
        abort(400)
    as_mentor = request.form.get("who") == "mentor"
    person = find_demo_mentor() if as_mentor else find_demo_person()
    if person is None:
        flash(_("The demo is not loaded. Run 'flask demo load' first."), "error")
        return redirect(url_for("auth.sign_in"))
    start_session(person, remember=False, method="demo", user_agent=user_agent())
    return redirect(url_for("circle.people") if as_mentor else "/")


@bp.post("/sign-out")
@public
def sign_out() -> Response:
    if not ButtonForm().validate_on_submit():
        abort(400)
    if current_user.is_authenticated:
        end_session()
    flash(_("You are signed out."), "success")
    return _signed_out_redirect()


@bp.post("/sign-out-everywhere")
@signed_in
def sign_out_everywhere() -> Response:
    if not ButtonForm().validate_on_submit():
        abort(400)
    count = end_all_sessions(access.current_person())
    flash(
        _("You are signed out on every device (%(count)s in all).", count=count),
        "success",
    )
    return _signed_out_redirect()


def _signed_out_redirect() -> Response:
    # The service worker sees this POST and forgets the pages it kept offline (sw.js).
    return redirect(url_for("auth.sign_in"))
