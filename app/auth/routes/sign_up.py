"""Creating an account: with a passkey, or a username and password; recovery codes."""

from __future__ import annotations

from flask import (
    abort,
    current_app,
    jsonify,
    redirect,
    render_template,
    request,
    url_for,
)
from flask_babel import gettext as _
from flask_login import current_user
from werkzeug.wrappers import Response

from app.access import public
from app.auth import bp
from app.auth.accounts import create_account
from app.auth.forms import (
    PasskeySignUpForm,
    PasswordSignUpForm,
)
from app.auth.pages import (
    SIGN_UP_LIMIT,
    current_locale_code,
    next_path,
    user_agent,
)
from app.auth.passkeys import (
    PasskeyError,
    default_passkey_name,
    registration_options,
    verify_new_passkey,
)
from app.auth.passwords import hash_password
from app.auth.sessions import start_session
from app.data.accounts.models import User
from app.data.accounts.queries import (
    UsernameTaken,
    add_passkey,
    replace_recovery_codes,
    username_taken,
)
from app.extensions import limiter
from app.needs import easy_read


@bp.get("/sign-up")
@public
def sign_up() -> str | Response:
    if current_user.is_authenticated:
        return redirect("/")
    return render_template(
        easy_read.page("auth/sign_up.html"),
        form=PasskeySignUpForm(formdata=None),
        next_path=next_path(),
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
        return render_template(
            easy_read.page("auth/sign_up.html"), form=form, next_path=next_path()
        ), 400
    try:
        new = verify_new_passkey(form.credential.data or "")
    except PasskeyError as error:
        return render_template(
            easy_read.page("auth/sign_up.html"),
            form=form,
            passkey_error=error.message,
            next_path=next_path(),
        ), 400
    if new.user_id is not None or not new.user_handle:
        abort(400)
    user = create_account(
        display_name=new.display_name or form.display_name.data or "",
        user_handle=new.user_handle,
        locale=current_locale_code(),
    )
    add_passkey(
        user,
        credential_id=new.credential_id,
        public_key=new.public_key,
        sign_count=new.sign_count,
        transports=new.transports,
        backed_up=new.backed_up,
        device_type=new.device_type,
        name=default_passkey_name(user_agent()),
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
        try:
            if username_taken(form.username.data):
                raise UsernameTaken(form.username.data)
            user = create_account(
                display_name=form.display_name.data or "",
                username=form.username.data,
                password_hash=hash_password(form.password.data),
                locale=current_locale_code(),
            )
        except UsernameTaken:
            form.username.errors.append(_("That username is taken. Try another one."))
        else:
            return _welcome(user, method="password")
    form.password.data = form.confirm.data = ""
    return render_template(
        easy_read.page("auth/sign_up_password.html"), form=form, next_path=next_path()
    )


def _welcome(user: User, *, method: str) -> str:
    """Show the recovery codes once, in the response itself: they are never stored.
    Then carry on to where the person was going (an invite link, say)."""
    codes = replace_recovery_codes(user)
    # With somewhere to go (an invite link), go there; otherwise ask once, skippably,
    # how they like to get information (the Accessible Information Standard).
    continue_to = next_path() or url_for("needs.ask")
    start_session(user, remember=False, method=method, user_agent=user_agent())
    return render_template(
        "auth/recovery_codes.html", codes=codes, new_account=True, continue_to=continue_to
    )
