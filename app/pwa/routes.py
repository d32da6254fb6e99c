from __future__ import annotations

import json

from flask import abort, current_app, g, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user
from flask_wtf.csrf import generate_csrf
from werkzeug.wrappers import Response

from app import access
from app.access import Action, public, signed_in
from app.accessibility.languages import current_language
from app.accessibility.preferences import display_classes, read_display_preferences
from app.assets import asset_url, assets_version, script_url
from app.pwa import bp
from app.pwa import offline as copies

THEME_COLOUR = "#005eb8"

# The pages and files kept for offline use when the app is installed or first opened.
SHELL_ASSETS = ("css/keepwell.css", "icons/icon-192.png", "icons/icon.svg")
SHELL_SCRIPTS = (
    "js/main.js",
    "js/modules/error-summary.js",
    "js/modules/keep-draft.js",
    "js/modules/offline.js",
    "js/modules/queue.js",
)


def precache_urls() -> list[str]:
    pages = [url_for("help.help_now"), url_for("pwa.offline"), url_for("home.index")]
    return (
        pages
        + [asset_url(name) for name in SHELL_ASSETS]
        + [script_url(name) for name in SHELL_SCRIPTS]
    )


@bp.get("/manifest.webmanifest")
@public
def manifest() -> Response:
    # Discreet mode installs under a plain name that does not say what the app is for.
    discreet = request.args.get("discreet") == "1"
    body = {
        "name": _("Notes") if discreet else _("Keepwell: my recovery plan"),
        "short_name": _("Notes") if discreet else "Keepwell",
        "description": "" if discreet else _("Hold your own recovery plan, and get help fast."),
        "start_url": "/?source=installed",
        "scope": "/",
        "id": "/",
        "display": "standalone",
        "background_color": "#ffffff",
        "theme_color": THEME_COLOUR,
        "icons": [
            {"src": asset_url("icons/icon-192.png"), "sizes": "192x192", "type": "image/png"},
            {"src": asset_url("icons/icon-512.png"), "sizes": "512x512", "type": "image/png"},
            {
                "src": asset_url("icons/icon-maskable-512.png"),
                "sizes": "512x512",
                "type": "image/png",
                "purpose": "maskable",
            },
        ],
        "shortcuts": [
            {"name": _("Get help now"), "url": url_for("help.help_now")},
            {"name": _("My plan"), "url": url_for("plan.overview")},
        ],
    }
    response = current_app.response_class(
        json.dumps(body, ensure_ascii=False), mimetype="application/manifest+json"
    )
    response.headers["Cache-Control"] = "no-cache"
    return response


@bp.get("/sw.js")
@public
def service_worker() -> Response:
    body = render_template(
        "pwa/sw.js",
        version=assets_version(),
        precache=json.dumps(precache_urls()),
    )
    response = current_app.response_class(body, mimetype="text/javascript")
    response.headers["Cache-Control"] = "no-cache"
    response.headers["Service-Worker-Allowed"] = "/"
    return response


@bp.get("/offline")
@public
def offline() -> str:
    return render_template("pwa/offline.html")


# Offline copies (app/pwa/offline.py) ---------------------------------------------------


def _json(body: object) -> Response:
    response = current_app.response_class(json.dumps(body), mimetype="application/json")
    response.headers["Cache-Control"] = "no-store"
    return response


@bp.get("/offline/pages.json")
@signed_in
def offline_pages() -> Response:
    """The person's own pages to keep on this device, each with a tag that changes when
    the page would (language, display, a new release, a new version of the part)."""
    person = access.current_person()
    access.require(current_user, person.id, access.PLAN, Action.VIEW)
    if copies.on_shared_device():
        return _json({"pages": {}})
    tag = "-".join(
        (current_language().code, display_classes(read_display_preferences()), assets_version())
    )
    return _json({"pages": copies.own_pages(person.id, tag)})


@bp.get("/offline/token")
@signed_in
def offline_token() -> Response:
    """A fresh CSRF token for sending the changes made offline, once back online."""
    return _json({"token": generate_csrf()})


@bp.get("/offline/still-shared")
@signed_in
def still_shared() -> Response:
    """Which of these people still share with the signed-in member: the worker forgets
    every page it kept of anyone else."""
    asked = [int(part) for part in request.args.get("people", "").split(",") if part.isdigit()]
    return _json({"people": copies.people_still_shared(asked)})


@bp.get("/offline/whoami")
@public
def who_am_i() -> Response:
    """Who the server says is signed in on this device. A page that looks signed out may
    be an old copy shown while the network fails: the page forgets what it kept only
    once the server itself says so."""
    device = copies.this_device()
    if g.get("database_down"):
        abort(503)  # unknown: the page keeps everything until the server can say
    return _json({"viewer": device.viewer, "shared": device.shared})
