"""A fake push service for reminder tests, allowed as a plain-http push origin."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest

from app.reminders.vapid import vapid_keys
from tests.support.fake_push import FakePushService


@pytest.fixture
def push_service(app) -> Iterator[FakePushService]:
    with app.app_context():
        public_key = vapid_keys().public_key
    service = FakePushService(public_key).start()
    saved = app.config["PUSH_INSECURE_ORIGINS"]
    app.config["PUSH_INSECURE_ORIGINS"] = [service.origin]
    yield service
    app.config["PUSH_INSECURE_ORIGINS"] = saved
    service.stop()
    assert service.errors == [], "the push service refused a request"


def london_today() -> date:
    return datetime.now(ZoneInfo("Europe/London")).date()
