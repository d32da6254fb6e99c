"""Settings from environment variables, with defaults that are safe in production.

`make run` turns on development conveniences (plain-HTTP cookies, the demo person)
by setting KEEPWELL_ENV=development; nothing else does.
"""

from __future__ import annotations

import os
import secrets
from datetime import timedelta
from pathlib import Path
from typing import Any


def env_flag(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_int(name: str, default: int) -> int:
    value = os.environ.get(name)
    return int(value) if value else default


def read_or_create_secret(instance_path: Path, filename: str) -> str:
    """A secret kept in the instance folder (never in the repository).

    One app server can rely on this; several must share SECRET_KEY from the environment.
    """
    instance_path.mkdir(parents=True, exist_ok=True)
    path = instance_path / filename
    if path.exists():
        return path.read_text().strip()
    value = secrets.token_urlsafe(48)
    path.write_text(value)
    path.chmod(0o600)
    return value


def env_list(name: str, default: list[str]) -> list[str]:
    value = os.environ.get(name)
    if value is None or not value.strip():
        return default
    return [part.strip() for part in value.split(",") if part.strip()]


def database_url(instance_path: Path) -> str:
    url = os.environ.get("DATABASE_URL", "").strip()
    if not url:
        instance_path.mkdir(parents=True, exist_ok=True)
        return f"sqlite:///{instance_path / 'keepwell.sqlite3'}"
    # Hosting platforms often hand out postgres:// URLs; SQLAlchemy needs the driver named.
    if url.startswith("postgres://"):
        url = "postgresql+psycopg://" + url[len("postgres://") :]
    elif url.startswith("postgresql://"):
        url = "postgresql+psycopg://" + url[len("postgresql://") :]
    return url


def build_config(instance_path: Path, overrides: dict[str, Any] | None = None) -> dict[str, Any]:
    development = os.environ.get("KEEPWELL_ENV", "production") == "development"
    overrides = overrides or {}
    instance = Path(overrides.get("INSTANCE_PATH", instance_path))
    config: dict[str, Any] = {
        "KEEPWELL_ENV": "development" if development else "production",
        "SECRET_KEY": os.environ.get("SECRET_KEY") or read_or_create_secret(instance, "secret_key"),
        "SQLALCHEMY_DATABASE_URI": database_url(instance),
        "SQLALCHEMY_ENGINE_OPTIONS": {"pool_pre_ping": True},
        # Sessions: Secure cookies unless explicitly serving plain HTTP (local development).
        "SESSION_COOKIE_SECURE": env_flag("KEEPWELL_SECURE_COOKIES", not development),
        "SESSION_COOKIE_HTTPONLY": True,
        "SESSION_COOKIE_SAMESITE": "Lax",
        "SESSION_COOKIE_NAME": "keepwell_session",
        # The cookie may live 30 days ("keep me signed in"); the device-session row in the
        # database decides the real idle timeout.
        "PERMANENT_SESSION_LIFETIME": timedelta(days=30),
        "IDLE_TIMEOUT": timedelta(minutes=env_int("KEEPWELL_IDLE_MINUTES", 30)),
        "REMEMBER_FOR": timedelta(days=30),
        # An offline copy of a person's pages older than this is removed from the device.
        "OFFLINE_DAYS": env_int("KEEPWELL_OFFLINE_DAYS", 30),
        "WTF_CSRF_TIME_LIMIT": None,  # tokens last as long as the session they belong to
        "WTF_CSRF_SSL_STRICT": env_flag("KEEPWELL_SECURE_COOKIES", not development),
        "MAX_CONTENT_LENGTH": 256 * 1024,
        "MAX_FORM_MEMORY_SIZE": 256 * 1024,
        "BABEL_DEFAULT_LOCALE": "en_GB",
        "BABEL_DEFAULT_TIMEZONE": "Europe/London",
        "BABEL_TRANSLATION_DIRECTORIES": str(
            Path(__file__).resolve().parent.parent / "translations"
        ),
        "RATELIMIT_STORAGE_URI": os.environ.get("RATELIMIT_STORAGE_URI", "memory://"),
        "RATELIMIT_HEADERS_ENABLED": True,
        "RATELIMIT_ENABLED": env_flag("KEEPWELL_RATELIMIT", True),
        "RP_ID": os.environ.get("KEEPWELL_RP_ID", ""),
        "RP_ORIGIN": os.environ.get("KEEPWELL_ORIGIN", ""),
        "RP_NAME": "Keepwell",
        "DEMO_MODE": env_flag("KEEPWELL_DEMO", development),
        "PROXY_FIX": env_flag("KEEPWELL_PROXY_FIX", False),
        "BENCH_ROUTES": env_flag("KEEPWELL_BENCH_ROUTES", False),
        "PLAN_REVIEW_INTERVAL_DAYS": env_int("KEEPWELL_PLAN_REVIEW_DAYS", 42),
        # `flask groups import` and the manager's import page fetch web addresses only if on.
        "GROUPS_IMPORT_FROM_URLS": env_flag("KEEPWELL_GROUPS_IMPORT_FROM_URLS", False),
        # The largest BSL video a service manager may upload (app/needs/bsl.py).
        "BSL_VIDEO_MAX_BYTES": env_int("KEEPWELL_BSL_VIDEO_MAX_MB", 50) * 1024 * 1024,
        "SEND_FILE_MAX_AGE_DEFAULT": timedelta(days=365),
        "COMPRESS_MIMETYPES": [
            "text/html",
            "text/css",
            "text/javascript",
            "application/javascript",
            "application/json",
            "application/manifest+json",
            "image/svg+xml",
            "text/calendar",
        ],
        # Off when the front proxy compresses (nginx gzip/brotli): it saves the app
        # servers' CPU (issue 16). On by default so a lone server still sends small pages.
        "COMPRESS_REGISTER": env_flag("KEEPWELL_COMPRESS", True),
        "COMPRESS_ALGORITHM": ["br", "gzip"],
        "COMPRESS_MIN_SIZE": 300,
        "COMPRESS_BR_LEVEL": 5,
        # My progress: which outcome tools this service uses (the first is the main one),
        # a folder of licensed tools it adds as JSON, and how often reviews come round.
        "OUTCOME_INSTRUMENTS": env_list("KEEPWELL_INSTRUMENTS", ["llr9"]),
        "OUTCOME_INSTRUMENTS_DIR": os.environ.get("KEEPWELL_INSTRUMENTS_DIR", ""),
        "OUTCOME_REVIEW_DAYS": env_int("KEEPWELL_OUTCOME_REVIEW_DAYS", 42),
        "OUTCOME_ONGOING_REVIEW_MONTHS": env_int("KEEPWELL_ONGOING_REVIEW_MONTHS", 6),
        # Reminders by web push. Without a key, one is made into instance/ on first use.
        "VAPID_PRIVATE_KEY": os.environ.get("KEEPWELL_VAPID_PRIVATE_KEY", ""),
        "VAPID_SUBJECT": os.environ.get("KEEPWELL_VAPID_SUBJECT", ""),
        # Plain-http push services allowed in development and tests only (never production).
        "PUSH_INSECURE_ORIGINS": env_list("KEEPWELL_PUSH_INSECURE_ORIGINS", []),
        # Where to report a vulnerability (/.well-known/security.txt): set your own.
        "SECURITY_CONTACT": os.environ.get(
            "KEEPWELL_SECURITY_CONTACT", "mailto:security@keepwell.example.org"
        ),
        "SECURITY_POLICY_URL": os.environ.get(
            "KEEPWELL_SECURITY_POLICY_URL",
            "https://keepwell.example.org/docs/security.md#reporting-a-vulnerability",
        ),
    }
    config.update(overrides)
    # A request about someone's data that never asked access.require fails loudly in
    # tests and development (app/access.py). Production trusts the tests that ran.
    config.setdefault("ACCESS_AUDIT", bool(config.get("TESTING")) or development)
    return config
