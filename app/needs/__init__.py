"""My communication needs: the Accessible Information Standard's ask, record, flag,
share and review, with the needs recorded as NHS SNOMED CT codes (vocabulary.py)."""

from __future__ import annotations

from flask import Blueprint, Flask

bp = Blueprint("needs", __name__, template_folder="templates")


def init_app(app: Flask) -> None:
    from app.needs import easy_read, flag, routes  # noqa: F401  (views join bp)

    app.add_template_global(flag.needs_flag)
    app.add_template_global(easy_read.easy_read_on)

    app.register_blueprint(bp)
