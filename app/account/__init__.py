"""Your account: passkeys, password, recovery codes, devices, download and delete."""

from __future__ import annotations

from flask import Blueprint, Flask

bp = Blueprint("account", __name__, url_prefix="/account", template_folder="templates")


def init_app(app: Flask) -> None:
    from app.account import routes  # noqa: F401  (views join bp)

    app.register_blueprint(bp)
