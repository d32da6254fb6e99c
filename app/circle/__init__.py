"""My circle: carers and peer mentors a person invites, what each may see or do, and
who looked. The rules themselves live in app/access.py."""

from __future__ import annotations

from flask import Blueprint, Flask
from flask_babel import lazy_gettext as _l

bp = Blueprint("circle", __name__, template_folder="templates")


def init_app(app: Flask) -> None:
    """After the plan and outcomes blueprints: their pages are mounted again here, under
    /people/<id>/..., for the people someone shares with."""
    from app import access
    from app.circle import mounting, templating
    from app.circle.routes import alerts, sharing, suggestions, supporting  # noqa: F401
    from app.navigation import NavItem, add_nav_item
    from app.outcomes import bp as outcomes_bp
    from app.plan import bp as plan_bp

    app.add_template_filter(templating.area_name)
    app.add_template_filter(templating.access_action)
    app.add_template_global(templating.help_alerts_for_me)
    app.add_template_global(templating.member_links)
    app.add_template_global(templating.may_see_crisis_plan)
    add_nav_item(
        NavItem(
            _l("My circle"),
            "circle.overview",
            "circle",
            order=35,
            current_on=(
                "circle.overview",
                "circle.invite",
                "circle.invite_custom",
                "circle.member",
                "circle.remove_member",
                "circle.activity",
            ),
        )
    )
    add_nav_item(
        NavItem(
            _l("People I support"),
            "circle.people",
            "circle",
            shown=templating.supports_anyone,
            order=40,
            current_on=("circle.people", "circle.person"),
        )
    )
    templating.add_member_link(
        templating.MemberLink(
            _l("%(name)s's progress"), "member_outcomes.progress", access.PROGRESS
        )
    )
    app.register_blueprint(bp)
    # The same pages, about someone who shares with you: /people/<id>/plan/... and
    # /people/<id>/progress/... (what each member may do there is up to app/access.py).
    mounting.mount_for_members(app, plan_bp, "/plan")
    mounting.mount_for_members(app, outcomes_bp, "/progress")
    mounting.init_app(app)
