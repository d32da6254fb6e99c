"""My plan: the parts of a Wellness Recovery Action Plan, and changing them safely.

The blueprint's links are blueprint-relative ('.show_part'), so app/circle can mount the
same pages again under /people/<id>/plan for the people someone shares with."""

from __future__ import annotations

from flask import Blueprint, Flask

bp = Blueprint("plan", __name__, url_prefix="/plan", template_folder="templates")


def init_app(app: Flask) -> None:
    from app.plan import fragments
    from app.plan.routes import history, parts, printing  # noqa: F401  (views join bp)

    app.register_blueprint(bp)
    app.add_template_global(fragments.sections_html)
