"""Installable and offline: the web app manifest, the service worker, the offline page."""

from __future__ import annotations

from flask import Blueprint, Flask

bp = Blueprint("pwa", __name__, template_folder="templates")


def init_app(app: Flask) -> None:
    from app.pwa import routes  # noqa: F401  (views join bp)
    from app.pwa.offline import offline_headers, this_device
    from app.replay import ForegroundSession, is_background

    app.register_blueprint(bp)
    app.session_interface = ForegroundSession()
    app.after_request(offline_headers)
    app.jinja_env.globals["offline_device"] = this_device
    app.jinja_env.globals["is_background"] = is_background
