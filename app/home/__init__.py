"""The front door: what Keepwell is, or (signed in) what needs a look today."""

from __future__ import annotations

from flask import Blueprint, Flask

bp = Blueprint("home", __name__, template_folder="templates")


def init_app(app: Flask) -> None:
    from app.home import routes  # noqa: F401  (views join bp)

    app.register_blueprint(bp)
