from __future__ import annotations

import json

from flask import current_app, render_template, request, url_for
from flask_babel import gettext as _
from werkzeug.wrappers import Response

from app.access import public
from app.assets import asset_url, assets_version, script_url
from app.pwa import bp

THEME_COLOUR = "#005eb8"

# The pages and files kept for offline use when the app is installed or first opened.
SHELL_ASSETS = ("css/keepwell.css", "icons/icon-192.png", "icons/icon.svg")
SHELL_SCRIPTS = ("js/main.js", "js/modules/error-summary.js", "js/modules/keep-draft.js")


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
