"""Helpers for reminder tests (the fake push service fixture is in tests/conftest.py)."""

from __future__ import annotations

from datetime import date, datetime
from zoneinfo import ZoneInfo


def london_today() -> date:
    return datetime.now(ZoneInfo("Europe/London")).date()
