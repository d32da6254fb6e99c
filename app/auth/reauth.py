"""Asking again before the account actions that could take it over or erase it.

Adding a passkey, setting a password, making new recovery codes and deleting the
account need proof, made in the last few minutes on this device, that the person
holding the phone is the person whose account it is: a passkey or their password, or a
recovery code for someone with neither. Signing in counts. Anyone holding a borrowed,
still-signed-in phone is stopped here (ASVS 5.0, 7.5.1)."""

from __future__ import annotations

from datetime import timedelta

from flask import redirect, request, url_for
from werkzeug.wrappers import Response

from app.auth.sessions import this_device_session
from app.data.base import utcnow
from app.urls import safe_next

RECENT = timedelta(minutes=5)


def recently_confirmed() -> bool:
    device_session = this_device_session()
    if device_session is None or device_session.reauthenticated_at_utc is None:
        return False
    return utcnow() - device_session.reauthenticated_at_utc <= RECENT


def confirm_first(return_to: str | None = None) -> Response | None:
    """A redirect to "Confirm it's you", or None when recently confirmed. Afterwards the
    person comes back to this page (a GET), or to `return_to`: a button's POST that
    arrived too late is never replayed, they press it again."""
    if recently_confirmed():
        return None
    back = return_to or (request.full_path.rstrip("?") if request.method == "GET" else "/account")
    return redirect(url_for("auth.confirm", next=safe_next(back, "/account")))
