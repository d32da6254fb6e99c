"""Reminders: web push to each of a person's devices, and calendar files."""

from __future__ import annotations

from flask import Blueprint, Flask

bp = Blueprint("reminders", __name__, url_prefix="/reminders", template_folder="templates")


def init_app(app: Flask) -> None:
    from app.reminders import routes  # noqa: F401  (views join bp)
    from app.reminders.cli import reminders_cli

    app.cli.add_command(reminders_cli)
    app.register_blueprint(bp)
