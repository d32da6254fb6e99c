"""My communication needs: the Accessible Information Standard's ask, record, flag,
share and review, with the needs recorded as NHS SNOMED CT codes (vocabulary.py)."""

from __future__ import annotations

from flask import Blueprint, Flask

bp = Blueprint("needs", __name__, template_folder="templates")


def init_app(app: Flask) -> None:
    from app.navigation import DashboardPanel, add_dashboard_panel
    from app.needs import bsl, easy_read, flag, review, routes  # noqa: F401  (views join bp)

    app.add_template_global(flag.needs_flag)
    app.add_template_global(easy_read.easy_read_on)
    app.add_template_global(bsl.bsl_for_page)
    app.add_template_global(review.needs_review_for_home)
    add_dashboard_panel(DashboardPanel("needs/_review_panel.html", order=25))

    app.register_blueprint(bp)
