"""Accounts: passkeys first, a password if a phone cannot make one, recovery codes."""

from __future__ import annotations

from flask import Blueprint, Flask

bp = Blueprint("auth", __name__, url_prefix="/auth", template_folder="templates")


def init_app(app: Flask) -> None:
    from app.auth.routes import confirm, sign_in, sign_up  # noqa: F401  (views join bp)

    app.register_blueprint(bp)
