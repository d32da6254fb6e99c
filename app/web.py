"""What every request and response shares: route rules, security headers, error pages,
and the values every template needs."""

from __future__ import annotations

import time
from typing import Any
from urllib.parse import urlsplit

from flask import (
    Flask,
    Response,
    abort,
    current_app,
    flash,
    g,
    redirect,
    render_template,
    request,
    url_for,
)
from flask_babel import gettext as _
from flask_login import current_user
from flask_wtf.csrf import CSRFError
from werkzeug.exceptions import HTTPException
from werkzeug.routing import IntegerConverter, Map
from werkzeug.wrappers import Response as BaseResponse

from app import access
from app.accessibility.languages import LANGUAGES, current_language
from app.accessibility.preferences import display_classes, read_display_preferences
from app.assets import asset_url, init_assets, script_url
from app.data.database import db, rollback_after_failure
from app.untrusted import MAX_ID
from app.urls import is_safe_local_path

CONTENT_SECURITY_POLICY = "; ".join(
    [
        "default-src 'self'",
        "script-src 'self'",
        "style-src 'self'",
        "img-src 'self' data:",
        "media-src 'self'",
        "font-src 'self'",
        "connect-src 'self'",
        "manifest-src 'self'",
        "worker-src 'self'",
        "form-action 'self'",
        "object-src 'none'",
        "base-uri 'none'",
        "frame-ancestors 'none'",
    ]
)

ERROR_TEMPLATES = {
    400: "errors/400.html",
    403: "errors/403.html",
    404: "errors/404.html",
    405: "errors/405.html",
    413: "errors/413.html",
    429: "errors/429.html",
    503: "errors/503.html",
}


class DatabaseId(IntegerConverter):
    """Every `<int:...>` in a URL: a whole number the database's integer columns can hold.
    A larger one is "not found", never a 500 (finding 9.10). Set before any blueprint
    adds its routes."""

    def __init__(self, url_map: Map, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("max", MAX_ID)
        super().__init__(url_map, *args, **kwargs)


def init_app(app: Flask) -> None:
    app.url_map.converters["int"] = DatabaseId
    init_assets(app)
    app.before_request(refuse_nul_bytes)
    app.before_request(enforce_route_rule)
    app.after_request(finish_transaction)
    app.after_request(add_security_headers)
    app.context_processor(template_globals)
    app.register_error_handler(CSRFError, csrf_error)
    app.register_error_handler(HTTPException, http_error)
    app.register_error_handler(Exception, unexpected_error)
    from app import template_filters

    template_filters.register(app)


def refuse_nul_bytes() -> None:
    """A NUL byte is never part of anything Keepwell stores or looks up, and PostgreSQL
    refuses it outright: a request carrying one in its path, query or form is a 400 here,
    before any data function sees it (finding 9.8)."""
    if (
        "\x00" in request.path
        or any("\x00" in value for value in request.args.values())
        or (request.form and any("\x00" in value for value in request.form.values()))
    ):
        abort(400)


def enforce_route_rule() -> BaseResponse | None:
    if request.endpoint in (None, "static"):  # error pages and static files are for everyone
        return None
    view = current_app.view_functions.get(request.endpoint)
    if access.rule_for(view) == access.PUBLIC:
        return None
    if current_user.is_authenticated:
        return None
    if g.get("database_down"):
        abort(503)  # not "please sign in": they are signed in, we cannot check it just now
    if request.method == "POST" and (typed := typed_back()):
        # Signed out while writing (the idle time-out, or signed out on another device):
        # show back what they typed rather than lose it on the way to the sign-in page.
        rollback_after_failure()
        g.error_page = True
        back = request.referrer or ""
        back_path = urlsplit(back).path if back.startswith(request.host_url) else "/"
        html = render_template(
            "errors/csrf.html",
            typed=typed,
            signed_out=True,
            sign_in_next=back_path if is_safe_local_path(back_path) else "/",
        )
        return Response(html, 401, {"Cache-Control": "no-store"})
    flash(_("Please sign in to carry on."), "info")
    next_path = request.full_path if request.method == "GET" else request.path
    if not is_safe_local_path(next_path):
        next_path = "/"
    return redirect(url_for("auth.sign_in", next=next_path.rstrip("?")))


def finish_transaction(response: Response) -> Response:
    """The one place a request's changes are saved: once, after the view has returned its
    answer. Data functions only flush. When a view raises instead (an abort, a crash),
    the error handlers below roll everything back before drawing the error page, so a
    request that fails half-way leaves nothing half-written; this commit then has
    nothing to save. A view by someone in the circle (logged by access.require) is
    saved with the page that showed it."""
    if current_app.config["ACCESS_AUDIT"] and not g.get("error_page"):
        access.check_require_was_asked()
    db.session.commit()
    return response


def add_security_headers(response: Response) -> Response:
    headers = response.headers
    headers.setdefault("Content-Security-Policy", CONTENT_SECURITY_POLICY)
    headers["X-Content-Type-Options"] = "nosniff"
    headers["Referrer-Policy"] = "same-origin"
    headers["X-Frame-Options"] = "DENY"
    headers["Cross-Origin-Opener-Policy"] = "same-origin"
    headers["Permissions-Policy"] = "camera=(), microphone=(), geolocation=(self), payment=()"
    if request.is_secure:
        headers["Strict-Transport-Security"] = "max-age=31536000"
    if response.mimetype == "text/html" and "Cache-Control" not in headers:
        # A person's plan must not sit in a shared device's HTTP cache. The service
        # worker keeps its own offline copy, which sign-out clears.
        private = current_user.is_authenticated if _has_user() else False
        headers["Cache-Control"] = "no-store" if private else "no-cache"
    headers.add("Vary", "Cookie")
    return response


def _has_user() -> bool:
    try:
        return current_user is not None
    except Exception:  # noqa: BLE001 - no user context outside a request
        return False


def template_globals() -> dict[str, Any]:
    preferences = read_display_preferences()
    return {
        "asset_url": asset_url,
        "script_url": script_url,
        "display": preferences,
        "display_classes": display_classes(preferences),
        "language": current_language(),
        "languages": LANGUAGES.values(),
        "demo_mode": bool(_config("DEMO_MODE")),
    }


def _config(key: str) -> Any:
    return current_app.config.get(key)


# Parts of a field's name: secrets, never shown back...
NEVER_SHOWN_BACK = ("password", "code", "credential", "token", "secret")
# ...and the hidden fields pages carry, which nobody typed.
NOT_TYPED = frozenset(
    {
        "base_version",
        "entry_id",
        "rating_id",
        "item_key",
        "direction",
        "final",
        "target",
        "endpoint",
        "subscription",
        "lat",
        "lon",
        "next",
        "who",
        "answer",
    }
)


def csrf_error(error: CSRFError) -> tuple[str, int, dict[str, str]]:
    rollback_after_failure()
    g.error_page = True
    # Show back what the person typed so an expired page never costs them their words;
    # never a password, a one-time code or a passkey's answer (a page the browser may
    # keep, on a phone others may pick up), and not kept in the browser's cache.
    return (
        render_template("errors/csrf.html", typed=typed_back()),
        400,
        {"Cache-Control": "no-store"},
    )


def typed_back() -> list[str]:
    """What the person wrote in the form just sent, to show back when it could not be
    saved; never a secret, and not the hidden fields nobody typed."""
    return [
        value
        for key, value in request.form.items()
        if key not in NOT_TYPED
        and not any(secret in key.lower() for secret in NEVER_SHOWN_BACK)
        and len(value.strip()) > 1
    ][:20]


def http_error(error: HTTPException) -> BaseResponse | tuple[str, int]:
    if error.code is None or error.code < 400:
        return error.get_response()
    rollback_after_failure()
    g.error_page = True
    if request.path.startswith("/api/") or request.accept_mimetypes.best == "application/json":
        response = error.get_response()
        response.data = _json_error(error)
        response.mimetype = "application/json"
        return response
    template = ERROR_TEMPLATES.get(error.code)
    if template is None:
        template = "errors/400.html" if error.code < 500 else "errors/500.html"
    return render_template(template, error=error, wait_minutes=_minutes_to_wait()), error.code


def _minutes_to_wait() -> int | None:
    """When a rate limit lets them try again, to the nearest minute: the "too many
    tries" page says what the limit they met says, not a fixed "15 minutes"."""
    from app.extensions import limiter

    try:
        hit = limiter.current_limit
        if hit is None or not hit.breached:
            return None
        return max(1, round((hit.reset_at - time.time()) / 60))
    except Exception:  # noqa: BLE001 - the limiter's store may be down: say nothing
        return None


def _json_error(error: HTTPException) -> bytes:
    import json

    return json.dumps({"error": error.name, "code": error.code}).encode()


def unexpected_error(error: Exception) -> tuple[str, int]:
    rollback_after_failure()
    g.error_page = True
    current_app.logger.exception("Unhandled error", exc_info=error)
    return render_template("errors/500.html"), 500


__all__ = ["init_app", "is_safe_local_path"]
