"""What the sign-in and sign-up pages share: where the person is going next, their
browser's name for the device list, and the rate limits."""

from __future__ import annotations

from flask import redirect, render_template, request
from werkzeug.wrappers import Response

from app.accessibility.languages import current_language
from app.auth.forms import PasskeySignInForm, PasswordSignInForm
from app.forms import ButtonForm
from app.urls import safe_next

SIGN_IN_LIMIT = "10 per minute;60 per hour"
SIGN_UP_LIMIT = "10 per hour"
RECOVERY_LIMIT = "5 per 15 minutes"
# Per account, wherever the tries come from (finding 9.13): a password guessed from many
# addresses slows down too. Someone locked out this way can still use a passkey or a
# recovery code.
ACCOUNT_LIMIT = "5 per minute;20 per hour"


def account_tried() -> str:
    """The account a password sign-in is trying, for the per-account limit."""
    return "account:" + (request.form.get("username") or "").strip().lower()[:40]


def account_signed_in() -> str:
    """The signed-in account, for the limits on confirming it is you."""
    from flask_login import current_user

    return f"account:{current_user.get_id()}"


def user_agent() -> str:
    return request.headers.get("User-Agent", "")[:200]


def after_sign_in() -> Response:
    return redirect(safe_next(request.args.get("next") or request.form.get("next"), "/"))


def sign_in_page(**forms: object) -> str:
    return render_template(
        "auth/sign_in.html",
        passkey_form=forms.get("passkey_form")
        or PasskeySignInForm(formdata=None, prefix="passkey"),
        password_form=forms.get("password_form") or PasswordSignInForm(formdata=None),
        next_path=next_path(),
        passkey_error=forms.get("passkey_error"),
        demo_form=ButtonForm(formdata=None),
    )


def next_path() -> str:
    return safe_next(request.args.get("next") or request.form.get("next"), "")


def current_locale_code() -> str | None:
    return current_language().code
