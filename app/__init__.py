"""Keepwell: hold your own recovery plan."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from flask import Flask
from werkzeug.middleware.proxy_fix import ProxyFix

from app.config import build_config


def create_app(overrides: dict[str, Any] | None = None) -> Flask:
    app = Flask(__name__, instance_relative_config=True)
    instance = Path((overrides or {}).get("INSTANCE_PATH", app.instance_path))
    app.config.from_mapping(build_config(instance, overrides))
    if app.config["PROXY_FIX"]:
        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=1, x_proto=1, x_host=1)  # type: ignore[method-assign]

    _init_extensions(app)
    _register_blueprints(app)

    from app import web

    web.init_app(app)

    from app.cli import register_cli

    register_cli(app)
    if app.config["BENCH_ROUTES"]:
        _add_bench_routes(app)
    return app


def _add_bench_routes(app: Flask) -> None:
    """A bare route to compare real pages against, in the same server (`make bench`)."""
    from app.access import public

    @public
    def hello() -> str:
        return "hello"

    app.add_url_rule("/bench/hello", "bench_hello", hello)


def _init_extensions(app: Flask) -> None:
    from app.accessibility.preferences import select_locale, select_timezone
    from app.auth.sessions import load_user_from_request
    from app.data.db_setup import configure_engine_events
    from app.extensions import babel, compress, csrf, db, limiter, login_manager, migrate
    from app.i18n import use_request_cached_domain

    db.init_app(app)
    with app.app_context():
        configure_engine_events(db.engine)
    migrate.init_app(
        app,
        db,
        directory=str(Path(__file__).resolve().parent.parent / "migrations"),
        render_as_batch=True,
        compare_type=True,
    )
    csrf.init_app(app)
    babel.init_app(app, locale_selector=select_locale, timezone_selector=select_timezone)
    use_request_cached_domain(babel)
    limiter.init_app(app)
    compress.init_app(app)
    login_manager.init_app(app)
    login_manager.request_loader(load_user_from_request)
    login_manager.login_view = "auth.sign_in"
    login_manager.session_protection = None  # device sessions do this job


def _register_blueprints(app: Flask) -> None:
    from app.accessibility.routes import bp as accessibility_bp
    from app.account.routes import bp as account_bp
    from app.auth.routes import bp as auth_bp
    from app.circle import mounting
    from app.circle.routes import bp as circle_bp
    from app.groups.api import bp as groups_api_bp
    from app.groups.routes import bp as groups_bp
    from app.help.routes import bp as help_bp
    from app.home.routes import bp as home_bp
    from app.outcomes.routes import bp as outcomes_bp
    from app.plan.routes import bp as plan_bp
    from app.pwa.routes import bp as pwa_bp
    from app.reminders.routes import bp as reminders_bp

    for blueprint in (
        home_bp,
        auth_bp,
        account_bp,
        plan_bp,
        help_bp,
        accessibility_bp,
        pwa_bp,
        circle_bp,
        groups_bp,
        groups_api_bp,
        outcomes_bp,
        reminders_bp,
    ):
        app.register_blueprint(blueprint)
    # The same pages, about someone who shares with you: /people/<id>/plan/... and
    # /people/<id>/progress/... (what each member may do there is up to app/access.py).
    mounting.mount_for_members(app, plan_bp, "/plan")
    mounting.mount_for_members(app, outcomes_bp, "/progress")
    mounting.init_app(app)
