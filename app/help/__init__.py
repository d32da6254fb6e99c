"""Get help now: national crisis lines for everyone, and a person's own supporters."""

from __future__ import annotations

from flask import Blueprint, Flask

bp = Blueprint("help", __name__, template_folder="templates")


def init_app(app: Flask) -> None:
    from app.help import routes  # noqa: F401  (views join bp)

    app.register_blueprint(bp)
