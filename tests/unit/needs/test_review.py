"""When to ask "Are your communication needs still right?"."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from app.needs.summary import CIRCLE, YEAR, review_reason

NOW = datetime(2026, 11, 29, 12, 0, tzinfo=UTC)


def test_once_a_year():
    assert review_reason(NOW - timedelta(days=364), NOW, circle_changed=False) is None
    assert review_reason(NOW - timedelta(days=365), NOW, circle_changed=False) == YEAR


def test_when_the_circle_changed_since_they_last_checked():
    assert review_reason(NOW - timedelta(days=3), NOW, circle_changed=True) == CIRCLE
    assert review_reason(NOW - timedelta(days=400), NOW, circle_changed=True) == YEAR


def test_never_before_anything_was_recorded():
    assert review_reason(None, NOW, circle_changed=True) is None
