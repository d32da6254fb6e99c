"""Keepwell: hold your own recovery plan."""

from __future__ import annotations

import gc
from pathlib import Path
from typing import Any

from flask import Flask
from werkzeug.middleware.proxy_fix import ProxyFix

from app import (
    accessibility,
    account,
    auth,
    circle,
    cli,
    demo,
    groups,
    help,
    home,
    needs,
    outcomes,
    plan,
    pwa,
    reminders,
    service,
    web,
)
from app.config import build_config


def create_app(overrides: dict[str, Any] | None = None) -> Flask:
    app = Flask(__name__, instance_relative_config=True)
    instance = Path((overrides or {}).get("INSTANCE_PATH", app.instance_path))
    app.config.from_mapping(build_config(instance, overrides))
    if app.config["PROXY_FIX"]:
        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=1, x_proto=1, x_host=1)  # type: ignore[method-assign]

    _init_extensions(app)
    web.init_app(app)
    home.init_app(app)
    auth.init_app(app)
    account.init_app(app)
    plan.init_app(app)
    help.init_app(app)
    accessibility.init_app(app)
    pwa.init_app(app)
    groups.init_app(app)
    outcomes.init_app(app)
    reminders.init_app(app)
    needs.init_app(app)
    circle.init_app(app)  # after plan and outcomes: it mounts their pages for members
    service.init_app(app)
    demo.init_app(app)  # after groups: it adds `flask groups demo`
    cli.init_app(app)
    if app.config["BENCH_ROUTES"]:
        _add_bench_routes(app)
    # Everything made so far lives as long as the app: keep it out of the garbage
    # collector's full passes, which otherwise walk some 200,000 objects (tens of ms,
    # a stall every few thousand requests) for nothing (issue 16).
    gc.freeze()
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
    from app.data.database import db
    from app.data.db_setup import configure_engine_events
    from app.extensions import babel, compress, csrf, limiter, login_manager, migrate
    from app.i18n import (
        per_language,
        use_request_cached_domain,
        use_request_cached_template_strings,
    )

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
    use_request_cached_template_strings(app)
    app.add_template_global(per_language)
    limiter.init_app(app)
    compress.init_app(app)
    login_manager.init_app(app)
    login_manager.request_loader(load_user_from_request)
    login_manager.login_view = "auth.sign_in"
    login_manager.session_protection = None  # device sessions do this job
