"""Sign up, sign in and sign out."""

from __future__ import annotations

from flask import (
    abort,
    current_app,
    flash,
    jsonify,
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
from app.auth.accounts import create_account
from app.auth.forms import (
    PasskeySignInForm,
    PasskeySignUpForm,
    PasswordSignInForm,
    PasswordSignUpForm,
    RecoveryCodeForm,
)
from app.auth.passkeys import (
    PasskeyError,
    authentication_options,
    default_passkey_name,
    registration_options,
    verify_new_passkey,
    verify_passkey_sign_in,
)
from app.auth.passwords import hash_password, needs_rehash, verify_password
from app.auth.sessions import end_all_sessions, end_session, start_session
from app.data.accounts.models import User
from app.data.accounts.queries import (
    add_passkey,
    count_unused_recovery_codes,
    find_demo_mentor,
    find_demo_person,
    find_user_by_username,
    record_passkey_use,
    rehash_password,
    replace_recovery_codes,
    use_recovery_code,
    username_taken,
)
from app.extensions import limiter
from app.forms import ButtonForm
from app.urls import safe_next

SIGN_IN_LIMIT = "10 per minute;60 per hour"
SIGN_UP_LIMIT = "10 per hour"
RECOVERY_LIMIT = "5 per 15 minutes"


def _user_agent() -> str:
    return request.headers.get("User-Agent", "")[:200]


def _after_sign_in() -> Response:
    return redirect(safe_next(request.args.get("next") or request.form.get("next"), "/"))


def _sign_in_page(**forms: object) -> str:
    return render_template(
        "auth/sign_in.html",
        passkey_form=forms.get("passkey_form")
        or PasskeySignInForm(formdata=None, prefix="passkey"),
        password_form=forms.get("password_form") or PasswordSignInForm(formdata=None),
        next_path=_next_path(),
        passkey_error=forms.get("passkey_error"),
        demo_form=ButtonForm(formdata=None),
    )


@bp.get("/sign-in")
@public
def sign_in() -> str | Response:
    if current_user.is_authenticated:
        return redirect("/")
    return _sign_in_page()


@bp.post("/sign-in/password")
@public
@limiter.limit(SIGN_IN_LIMIT)
def sign_in_with_password() -> str | Response:
    form = PasswordSignInForm()
    if not form.validate_on_submit():
        return _sign_in_page(password_form=form)
    user = find_user_by_username(form.username.data)
    if not verify_password(user.password_hash if user else None, form.password.data):
        form.password.errors.append(
            _("The username or password is not right. Check them and try again.")
        )
        form.password.data = ""
        return _sign_in_page(password_form=form)
    assert user is not None
    if user.password_hash and needs_rehash(user.password_hash):
        rehash_password(user, hash_password(form.password.data))
    start_session(
        user, remember=form.keep_signed_in.data, method="password", user_agent=_user_agent()
    )
    return _after_sign_in()


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
        return _sign_in_page(passkey_form=form)
    try:
        result = verify_passkey_sign_in(form.credential.data or "")
    except PasskeyError as error:
        return _sign_in_page(passkey_form=form, passkey_error=error.message), 400  # type: ignore[return-value]
    record_passkey_use(result.passkey, result.new_sign_count, result.backed_up)
    start_session(
        result.passkey.user,
        remember=form.keep_signed_in.data,
        method="passkey",
        user_agent=_user_agent(),
    )
    return _after_sign_in()


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
                remember=form.keep_signed_in.data,
                method="recovery_code",
                user_agent=_user_agent(),
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


@bp.get("/sign-up")
@public
def sign_up() -> str | Response:
    if current_user.is_authenticated:
        return redirect("/")
    return render_template(
        "auth/sign_up.html", form=PasskeySignUpForm(formdata=None), next_path=_next_path()
    )


@bp.post("/passkey/sign-up/options")
@public
@limiter.limit(SIGN_UP_LIMIT)
def passkey_sign_up_options() -> Response | tuple[Response, int]:
    form = PasskeySignUpForm()
    if not form.validate():
        return jsonify(errors=form.errors), 400
    return current_app.response_class(
        registration_options(None, form.display_name.data or ""), mimetype="application/json"
    )


@bp.post("/sign-up/passkey")
@public
@limiter.limit(SIGN_UP_LIMIT)
def sign_up_with_passkey() -> str | Response | tuple[str, int]:
    form = PasskeySignUpForm()
    if not form.validate_on_submit():
        return render_template("auth/sign_up.html", form=form, next_path=_next_path()), 400
    try:
        new = verify_new_passkey(form.credential.data or "")
    except PasskeyError as error:
        return render_template(
            "auth/sign_up.html", form=form, passkey_error=error.message, next_path=_next_path()
        ), 400
    if new.user_id is not None or not new.user_handle:
        abort(400)
    user = create_account(
        display_name=new.display_name or form.display_name.data or "",
        user_handle=new.user_handle,
        locale=_current_locale_code(),
    )
    add_passkey(
        user,
        credential_id=new.credential_id,
        public_key=new.public_key,
        sign_count=new.sign_count,
        transports=new.transports,
        backed_up=new.backed_up,
        device_type=new.device_type,
        name=default_passkey_name(_user_agent()),
    )
    return _welcome(user, method="passkey")


@bp.route("/sign-up/password", methods=["GET", "POST"])
@public
@limiter.limit(SIGN_UP_LIMIT, methods=["POST"])
def sign_up_with_password() -> str | Response:
    if current_user.is_authenticated and request.method == "GET":
        return redirect("/")
    form = PasswordSignUpForm()
    if form.validate_on_submit():
        if username_taken(form.username.data):
            form.username.errors.append(_("That username is taken. Try another one."))
        else:
            user = create_account(
                display_name=form.display_name.data or "",
                username=form.username.data,
                password_hash=hash_password(form.password.data),
                locale=_current_locale_code(),
            )
            return _welcome(user, method="password")
    form.password.data = form.confirm.data = ""
    return render_template("auth/sign_up_password.html", form=form, next_path=_next_path())


def _welcome(user: User, *, method: str) -> str:
    """Show the recovery codes once, in the response itself: they are never stored.
    Then carry on to where the person was going (an invite link, say)."""
    codes = replace_recovery_codes(user)
    continue_to = _next_path()
    start_session(user, remember=False, method=method, user_agent=_user_agent())
    return render_template(
        "auth/recovery_codes.html", codes=codes, new_account=True, continue_to=continue_to
    )


def _next_path() -> str:
    return safe_next(request.args.get("next") or request.form.get("next"), "")


def _current_locale_code() -> str | None:
    from app.accessibility.languages import current_language

    return current_language().code


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
    start_session(person, remember=False, method="demo", user_agent=_user_agent())
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
