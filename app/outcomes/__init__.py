"""My progress: self-scored recovery outcomes, reviews every 6 weeks, charts.

Links use blueprint-relative endpoints ('.progress'), so app/circle can mount the same
pages again under /people/<id>/progress for the people someone shares with."""

from __future__ import annotations

from flask import Blueprint, Flask
from flask_babel import lazy_gettext as _l

bp = Blueprint("outcomes", __name__, url_prefix="/progress", template_folder="templates")


def init_app(app: Flask) -> None:
    from app.navigation import DashboardPanel, NavItem, add_dashboard_panel, add_nav_item
    from app.outcomes import templating
    from app.outcomes.loading import init_instruments
    from app.outcomes.routes import filling, progress  # noqa: F401  (views join bp)

    init_instruments(app)
    app.add_template_filter(templating.one_decimal)
    app.add_template_filter(templating.plus_a_day)
    app.add_template_global(templating.progress_review_for_home)
    app.add_template_global(templating.group_type_label)
    add_nav_item(NavItem(_l("My progress"), "outcomes.progress", "outcomes", order=20))
    add_dashboard_panel(DashboardPanel("outcomes/_home_panel.html", order=20))
    app.register_blueprint(bp)
