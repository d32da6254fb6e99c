"""Calendar files any phone can read, and push subscriptions checked before storing."""

from __future__ import annotations

import json
from datetime import UTC, date, datetime

import pytest

from app.outcomes.cache import LRUCache
from app.reminders.calendar import Event, calendar, escape_text, fold
from app.reminders.push import BadSubscription, Outcome, check_endpoint, parse_subscription

P256DH = "BNcRdreALRFXTkOOUHK1EtK2wtaz5Ry4YfYCA_0QTpQtUbVlUls0VJXg7A8u-Ts1XbjhazAkj7I99e8QcYP7DkM"
AUTH = "tBHItJI5svbpez7KI4CCXg"


def test_a_calendar_event_is_all_day_escaped_and_folded():
    event = Event(
        "progress-1@keepwell",
        date(2025, 4, 14),
        "Review; today, please",
        "Line one\nline two",
        "https://k.example/progress",
    )
    text = calendar([event], datetime(2025, 1, 1, 9, tzinfo=UTC))
    assert "DTSTART;VALUE=DATE:20250414\r\nDTEND;VALUE=DATE:20250415" in text
    assert "SUMMARY:Review\\; today\\, please" in text
    assert "DESCRIPTION:Line one\\nline two" in text
    assert "DTSTAMP:20250101T090000Z" in text


def test_long_lines_fold_at_75_octets_without_splitting_a_character():
    line = "DESCRIPTION:" + "ŵ" * 60
    folded = fold(line)
    assert all(len(part.encode()) <= 75 for part in folded.split("\r\n"))
    assert folded.replace("\r\n ", "") == line
    assert escape_text("a\\b") == "a\\\\b"


def good(**changes):
    return json.dumps(
        {
            "endpoint": "https://fcm.googleapis.com/fcm/send/abc",
            "keys": {"p256dh": P256DH, "auth": AUTH},
        }
        | changes
    )


def test_a_real_looking_subscription_is_accepted():
    found = parse_subscription(good())
    assert found.endpoint.startswith("https://fcm.googleapis.com/") and found.auth == AUTH


@pytest.mark.parametrize(
    "endpoint",
    [
        "http://push.example.org/x",
        "https://10.0.0.1/x",
        "https://[::1]/x",
        "ftp://x/y",
        "https://user:pw@push.example.org/x",
        "https://localhost/x",
        "https://a.localhost/x",
    ],
)
def test_only_public_https_push_services_are_accepted(endpoint):
    with pytest.raises(BadSubscription):
        check_endpoint(endpoint)


def test_a_plain_http_origin_is_allowed_only_when_named():
    check_endpoint("http://127.0.0.1:9000/push/x", ["http://127.0.0.1:9000"])
    with pytest.raises(BadSubscription):
        check_endpoint("http://127.0.0.1:9001/push/x", ["http://127.0.0.1:9000"])


def test_what_each_push_service_answer_means():
    assert Outcome(201).delivered and not Outcome(201).worth_retrying
    assert Outcome(410).gone and Outcome(404).gone
    assert (
        Outcome(429).worth_retrying and Outcome(503).worth_retrying and Outcome(None).worth_retrying
    )
    assert not Outcome(400).worth_retrying and not Outcome(400).gone


def test_the_progress_cache_keeps_the_newest_entries():
    cache = LRUCache(size=2)
    made = []
    for key in ["a", "b", "a", "c", "b"]:
        cache.get_or_make(key, lambda key=key: made.append(key) or key.upper())
    assert made == ["a", "b", "c", "b"]  # "b" was dropped when "c" came, "a" was kept warm
