"""Signing in makes a device session: a random token in the (signed) Flask session, and
a row in the database that says when it was last used. The row is the truth, so signing
out everywhere, and the idle timeout, hold even for a copied cookie."""

from __future__ import annotations

from datetime import timedelta

from flask import Request, current_app, g, session
from flask_login import login_user, logout_user
from sqlalchemy.exc import SQLAlchemyError

from app.data.accounts.models import DeviceSession, User
from app.data.accounts.queries import (
    close_all_device_sessions,
    close_device_session,
    end_device_session,
    find_device_session,
    open_device_session,
    touch_device_session,
)
from app.data.base import utcnow
from app.data.circle.access_log import log_access
from app.data.circle.alerts import has_unseen_alerts
from app.data.circle.members import supports_anyone
from app.data.database import rollback_after_failure
from app.data.needs.records import needs_easy_read
from app.data.service.staff import is_staff_anywhere

SESSION_TOKEN_KEY = "sid"  # noqa: S105 - a session key name, not a secret
SHARED_DEVICE = "shared_device"  # signed in on a shared or borrowed device
TOUCH_EVERY = timedelta(seconds=60)


def start_session(
    user: User, *, remember: bool, method: str, user_agent: str, shared: bool = False
) -> None:
    """Sign in on this device with a brand-new session (no fixation). On a shared or
    borrowed device the cookie ends with the browser and nothing is kept offline
    (app/pwa/offline.py)."""
    session.clear()
    remember = remember and not shared
    token = open_device_session(user, remember=remember, method=method, user_agent=user_agent)
    session[SESSION_TOKEN_KEY] = token
    if shared:
        session[SHARED_DEVICE] = True
    session.permanent = remember
    login_user(user)
    # The person's own sign-ins appear beside who else looked, in My circle.
    log_access(user.id, user, "account", "sign_in", user_agent)


def end_session() -> None:
    token = session.get(SESSION_TOKEN_KEY)
    if token:
        close_device_session(token)
    logout_user()
    session.clear()


def this_device_session() -> DeviceSession | None:
    """The signed-in device this request came from (None when signed out)."""
    found: DeviceSession | None = g.get("device_session")
    return found


def end_all_sessions(user: User) -> int:
    closed = close_all_device_sessions(user)
    logout_user()
    session.clear()
    return closed


SHELL_HEADER = "Keepwell-Shell"  # the service worker's copy for anyone: drawn signed out


def load_user_from_request(request: Request) -> User | None:
    if request.headers.get(SHELL_HEADER) == "1":
        return None
    token = session.get(SESSION_TOKEN_KEY)
    if not token:
        return None
    # The menu shows People I support and Service view, a banner any unseen "I need help"
    # alert, and pages come in easy read for someone who needs it: asked with the session.
    try:
        found = find_device_session(
            token, supports_anyone, has_unseen_alerts, is_staff_anywhere, needs_easy_read
        )
    except SQLAlchemyError:
        # The database is down. Get help now must still work: carry on signed out for
        # this request (public pages only; app/web.py answers 503 for the rest).
        current_app.logger.exception("Could not check a session: the database did not answer")
        rollback_after_failure()
        g.database_down = True
        return None
    if found is None:
        session.pop(SESSION_TOKEN_KEY, None)
        g.session_ended = True
        return None
    device_session = found.device_session
    g.device_session = device_session
    g.supports_anyone, g.has_help_alerts, g.is_staff_anywhere, g.needs_easy_read = found.flags
    now = utcnow()
    limit = (
        current_app.config["REMEMBER_FOR"]
        if device_session.remember
        else current_app.config["IDLE_TIMEOUT"]
    )
    if now - device_session.last_seen_at_utc > limit:
        end_device_session(device_session)
        session.pop(SESSION_TOKEN_KEY, None)
        g.session_ended = True
        return None
    if now - device_session.last_seen_at_utc > TOUCH_EVERY:
        touch_device_session(device_session, now)
    return device_session.user
