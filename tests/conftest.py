"""Fixtures for the whole suite.

The schema is built by running the real Alembic migrations, once per run, on SQLite by
default or on PostgreSQL when KEEPWELL_TEST_DATABASE_URL is set (`make test-postgres`,
and CI runs both). Each test starts with empty tables."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import create_engine, text

from app.reminders.vapid import vapid_keys
from tests.support.fake_push import FakePushService
from tests.support.html_checks import check_page

TEST_DATABASE_URL = os.environ.get("KEEPWELL_TEST_DATABASE_URL", "")


class CheckedClient(FlaskClient):
    """A test client that checks the HTML of every page it fetches."""

    def open(self, *args, **kwargs):  # type: ignore[no-untyped-def]
        check_html = kwargs.pop("check_html", True)
        response = super().open(*args, **kwargs)
        if (
            check_html
            and response.mimetype == "text/html"
            and response.status_code != 302
            and response.direct_passthrough is False
        ):
            path = args[0] if args and isinstance(args[0], str) else kwargs.get("path", "")
            check_page(response.get_data(as_text=True), str(path))
        return response


def _reset_postgres(url: str) -> None:
    engine = create_engine(url)
    with engine.begin() as connection:
        connection.execute(text("DROP SCHEMA IF EXISTS public CASCADE"))
        connection.execute(text("CREATE SCHEMA public"))
    engine.dispose()


@pytest.fixture(scope="session")
def instance_path() -> Iterator[Path]:
    with tempfile.TemporaryDirectory(prefix="keepwell-test-") as directory:
        yield Path(directory)


@pytest.fixture(scope="session")
def database_url(instance_path: Path) -> str:
    if TEST_DATABASE_URL:
        _reset_postgres(TEST_DATABASE_URL)
        return TEST_DATABASE_URL
    return f"sqlite:///{instance_path / 'test.sqlite3'}"


@pytest.fixture(scope="session")
def app(database_url: str, instance_path: Path) -> Iterator[Flask]:
    from flask_migrate import upgrade

    from app import create_app

    application = create_app(
        {
            "TESTING": True,
            "INSTANCE_PATH": instance_path,
            "SQLALCHEMY_DATABASE_URI": database_url,
            "SECRET_KEY": "test-secret-key-not-for-production",
            "SESSION_COOKIE_SECURE": False,
            "WTF_CSRF_SSL_STRICT": False,
            "DEMO_MODE": True,
            "SERVER_NAME": None,
        }
    )
    application.test_client_class = CheckedClient
    with application.app_context():
        upgrade()
    yield application


@pytest.fixture(autouse=True)
def clean_database(request: pytest.FixtureRequest) -> Iterator[None]:
    yield
    if "app" not in request.fixturenames:
        return
    application: Flask = request.getfixturevalue("app")
    from app.data.database import db
    from app.extensions import limiter

    with application.app_context():
        db.session.remove()
        with db.engine.begin() as connection:
            for table in reversed(db.metadata.sorted_tables):
                connection.execute(table.delete())
        limiter.reset()


@pytest.fixture
def client(app: Flask) -> FlaskClient:
    return app.test_client()


@pytest.fixture
def other_client(app: Flask) -> FlaskClient:
    return app.test_client()


@pytest.fixture
def push_service(app: Flask) -> Iterator[FakePushService]:
    """A fake web push service on 127.0.0.1, allowed as a plain-http push origin."""
    with app.app_context():
        public_key = vapid_keys().public_key
    service = FakePushService(public_key).start()
    saved = app.config["PUSH_INSECURE_ORIGINS"]
    app.config["PUSH_INSECURE_ORIGINS"] = [service.origin]
    yield service
    app.config["PUSH_INSECURE_ORIGINS"] = saved
    service.stop()
    assert service.errors == [], "the push service refused a request"


@pytest.fixture
def app_context(app: Flask) -> Iterator[None]:
    with app.test_request_context():
        yield
