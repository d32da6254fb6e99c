"""Installable and offline: the web app manifest, the service worker, the offline page."""

from __future__ import annotations

from flask import Blueprint, Flask

bp = Blueprint("pwa", __name__, template_folder="templates")


def init_app(app: Flask) -> None:
    from app.pwa import routes  # noqa: F401  (views join bp)

    app.register_blueprint(bp)
