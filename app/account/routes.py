"""Account settings: passkeys, password, recovery codes, devices, download, delete."""

from __future__ import annotations

import json

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
from flask_babel import ngettext
from flask_login import current_user
from werkzeug.wrappers import Response

from app import access
from app.access import Action, public, signed_in
from app.account import bp
from app.account.forms import AddPasskeyForm, DeleteAccountForm, PasskeyNameForm, SetPasswordForm
from app.account.holdings import what_is_held
from app.auth.accounts import delete_account
from app.auth.passkeys import (
    PasskeyError,
    default_passkey_name,
    registration_options,
    verify_new_passkey,
)
from app.auth.passwords import hash_password, verify_password
from app.auth.reauth import confirm_first, recently_confirmed
from app.auth.sessions import end_session, this_device_session
from app.data.accounts.models import User
from app.data.accounts.queries import (
    UsernameTaken,
    add_passkey,
    can_remove_sign_in_method,
    close_other_device_sessions,
    count_unused_recovery_codes,
    find_user_by_username,
    get_passkey_for_owner,
    list_device_sessions,
    list_passkeys,
    replace_recovery_codes,
    set_sign_in_password,
)
from app.data.accounts.queries import (
    remove_passkey as forget_passkey,
)
from app.data.accounts.queries import (
    rename_passkey as save_passkey_name,
)
from app.data.export import export_person
from app.extensions import limiter
from app.forms import ButtonForm


def me() -> User:
    user: User = access.current_person()
    access.require(current_user, user.id, access.ACCOUNT, Action.CHANGE)
    return user


def _settings_page(user: User, **extra: object) -> str:
    return render_template(
        "account/settings.html",
        confirmed=recently_confirmed(),
        passkeys=list_passkeys(user),
        sessions=list_device_sessions(user),
        codes_left=count_unused_recovery_codes(user),
        button_form=ButtonForm(formdata=None),
        add_form=extra.pop("add_form", None) or AddPasskeyForm(formdata=None),
        **extra,
    )


@bp.get("")
@signed_in
def settings() -> str:
    return _settings_page(me())


@bp.post("/passkeys/options")
@signed_in
@limiter.limit("20 per hour")
def passkey_options() -> Response:
    user = me()
    if not recently_confirmed():
        abort(403, description="confirm")
    return current_app.response_class(
        registration_options(user, user.name_to_show), mimetype="application/json"
    )


@bp.post("/passkeys")
@signed_in
def add_another_passkey() -> str | Response | tuple[str, int]:
    user = me()
    if (confirm := confirm_first(url_for("account.settings", _anchor="passkeys"))) is not None:
        return confirm
    form = AddPasskeyForm()
    if not form.validate_on_submit():
        abort(400)
    try:
        new = verify_new_passkey(form.credential.data or "")
    except PasskeyError as error:
        return _settings_page(user, add_form=form, passkey_error=error.message), 400
    if new.user_id != user.id:
        abort(400)
    passkey = add_passkey(
        user,
        credential_id=new.credential_id,
        public_key=new.public_key,
        sign_count=new.sign_count,
        transports=new.transports,
        backed_up=new.backed_up,
        device_type=new.device_type,
        name=default_passkey_name(request.headers.get("User-Agent", "")),
    )
    flash(_("Passkey added. You can give it a name you will recognise."), "success")
    return redirect(url_for("account.rename_passkey", passkey_id=passkey.id))


@bp.route("/passkeys/<int:passkey_id>/name", methods=["GET", "POST"])
@signed_in
def rename_passkey(passkey_id: int) -> str | Response:
    user = me()
    passkey = get_passkey_for_owner(user, passkey_id)
    if passkey is None:
        abort(404)
    form = PasskeyNameForm(data={"name": passkey.name} if request.method == "GET" else None)
    if form.validate_on_submit():
        save_passkey_name(passkey, form.name.data)
        flash(_("Passkey name saved."), "success")
        return redirect(url_for("account.settings", _anchor="passkeys"))
    return render_template("account/rename_passkey.html", form=form, passkey=passkey)


@bp.route("/passkeys/<int:passkey_id>/remove", methods=["GET", "POST"])
@signed_in
def remove_passkey(passkey_id: int) -> str | Response:
    user = me()
    passkey = get_passkey_for_owner(user, passkey_id)
    if passkey is None:
        abort(404)
    if (
        confirm := confirm_first(url_for("account.remove_passkey", passkey_id=passkey_id))
    ) is not None:
        return confirm
    allowed = can_remove_sign_in_method(user)
    form = ButtonForm()
    if request.method == "POST" and allowed:
        if not form.validate_on_submit():
            abort(400)
        forget_passkey(passkey)
        flash(_("Passkey removed. It will not work for Keepwell any more."), "success")
        return redirect(url_for("account.settings", _anchor="passkeys"))
    return render_template(
        "account/remove_passkey.html", form=form, passkey=passkey, allowed=allowed
    )


@bp.route("/password", methods=["GET", "POST"])
@signed_in
@limiter.limit("10 per hour", methods=["POST"])
def set_password() -> str | Response:
    user = me()
    if (confirm := confirm_first(url_for("account.set_password"))) is not None:
        return confirm
    form = SetPasswordForm(data={"username": user.username} if request.method == "GET" else None)
    if form.validate_on_submit():
        clash = find_user_by_username(form.username.data)
        if user.password_hash and not verify_password(
            user.password_hash, form.current_password.data or ""
        ):
            form.current_password.errors.append(_("Your current password is not right."))
        elif clash is not None and clash.id != user.id:
            form.username.errors.append(_("That username is taken. Try another one."))
        else:
            try:
                set_sign_in_password(
                    user,
                    username=form.username.data,
                    password_hash=hash_password(form.password.data),
                )
            except UsernameTaken:
                form.username.errors.append(_("That username is taken. Try another one."))
            else:
                return _password_saved(user)
    form.password.data = form.confirm.data = form.current_password.data = ""
    return render_template(
        "account/set_password.html", form=form, has_password=bool(user.password_hash)
    )


def _password_saved(user: User) -> Response:
    """A new password ends every other session: whoever knew the old one is signed out."""
    here = this_device_session()
    others = close_other_device_sessions(user, here) if here is not None else 0
    flash(_("Password saved."), "success")
    if others:
        flash(
            ngettext(
                "You are signed out on %(num)d other device, in case someone else knew your "
                "old password.",
                "You are signed out on %(num)d other devices, in case someone else knew your "
                "old password.",
                others,
            ),
            "info",
        )
    return redirect(url_for("account.settings"))


@bp.post("/recovery-codes")
@signed_in
def new_recovery_codes() -> str | Response:
    user = me()
    if not ButtonForm().validate_on_submit():
        abort(400)
    if (confirm := confirm_first(url_for("account.settings", _anchor="codes"))) is not None:
        return confirm
    codes = replace_recovery_codes(user)
    return render_template("auth/recovery_codes.html", codes=codes, new_account=False)


@bp.get("/download")
@signed_in
def download() -> Response:
    user = me()
    body = json.dumps(export_person(user), ensure_ascii=False, indent=2)
    response = current_app.response_class(body, mimetype="application/json")
    response.headers["Content-Disposition"] = 'attachment; filename="keepwell-my-data.json"'
    response.headers["Cache-Control"] = "no-store"
    return response


@bp.route("/delete", methods=["GET", "POST"])
@signed_in
def delete() -> str | Response:
    """Says what will go, asks twice (a tick, then a last check), then deletes and shows
    a confirmation that does not need an account (or the service worker) to be read."""
    user = me()
    if (confirm := confirm_first(url_for("account.delete"))) is not None:
        return confirm
    form = DeleteAccountForm()
    if form.validate_on_submit():
        if form.final.data != "yes":
            return render_template("account/delete_final.html", form=form, person=user)
        end_session()
        delete_account(user)
        return redirect(url_for("account.deleted"))
    return render_template(
        "account/delete.html", form=form, summary=what_is_held(export_person(user))
    )


@bp.get("/deleted")
@public
def deleted() -> str:
    return render_template("account/deleted.html")
