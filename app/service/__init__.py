"""Service view: a provider's staff, the people who joined it and agreed to be counted,
and the report its managers give commissioners (counts only, small numbers suppressed)."""

from __future__ import annotations

from flask import Blueprint, Flask
from flask_babel import lazy_gettext as _l

bp = Blueprint("service", __name__, url_prefix="/services", template_folder="templates")


def init_app(app: Flask) -> None:
    from app.navigation import DashboardPanel, NavItem, add_dashboard_panel, add_nav_item
    from app.service.cli import service_cli
    from app.service.routes import (  # noqa: F401  (views join bp)
        membership,
        people,
        reports,
        staff,
    )
    from app.service.routes.membership import has_joined_a_service
    from app.service.routes.reports import is_service_staff

    app.cli.add_command(service_cli)
    app.register_blueprint(bp)
    add_dashboard_panel(
        DashboardPanel("service/_home_panel.html", shown=has_joined_a_service, order=80)
    )
    add_nav_item(
        NavItem(
            _l("Your service"),
            "service.manage",
            "service",
            shown=is_service_staff,
            order=90,
            current_on=(
                "service.manage",
                "service.report",
                "service.due",
                "service.people",
                "service.person",
            ),
        )
    )
