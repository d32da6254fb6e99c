"""Find groups: a local directory of groups and services that follows Open Referral UK,
searched by people (`/groups`) and read by other systems (`/api/oruk`)."""

from __future__ import annotations

from flask import Blueprint, Flask, Response, request
from flask_babel import lazy_gettext as _l

bp = Blueprint("groups", __name__, url_prefix="/groups", template_folder="templates")
oruk_bp = Blueprint("oruk", __name__, url_prefix="/api/oruk")


def init_app(app: Flask) -> None:
    from app.groups import templating
    from app.groups.cli import groups_cli
    from app.groups.routes import api, manage, rating, search  # noqa: F401  (views join bp)
    from app.navigation import NavItem, add_nav_item

    app.add_template_global(templating.search_url)
    # The language the directory's listings are written in (their publishers' words are
    # not translated), marked on them so screen readers read them right on any page.
    app.jinja_env.globals["listing_language"] = app.config.get("DIRECTORY_LANGUAGE", "en-GB")
    add_nav_item(
        NavItem(_l("Find groups"), "groups.search", "groups", shown=lambda: True, order=30)
    )
    app.cli.add_command(groups_cli)
    app.register_blueprint(bp)
    app.register_blueprint(oruk_bp)
    app.after_request(allow_any_origin)


def allow_any_origin(response: Response) -> Response:
    """Every answer under /api/oruk, a 404 or a 400 too, may be read from any site (an
    ORUK compliance rule); registered on the app so errors no view answered get it."""
    if request.path == "/api/oruk" or request.path.startswith("/api/oruk/"):
        response.headers["Access-Control-Allow-Origin"] = "*"
        response.headers.setdefault("Cache-Control", "public, max-age=300")
    return response
