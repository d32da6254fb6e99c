"""Display preferences (text size, contrast, motion) and language."""

from __future__ import annotations

from flask import Blueprint, Flask

bp = Blueprint("accessibility", __name__, template_folder="templates")


def init_app(app: Flask) -> None:
    from app.accessibility import routes  # noqa: F401  (views join bp)

    app.register_blueprint(bp)
