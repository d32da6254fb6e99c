"""Turning reminders on for a device, choosing when, and a calendar file instead."""

from __future__ import annotations

import json
from datetime import date, time, timedelta

import pytest
from sqlalchemy import func, select

from app.data.database import db
from app.data.reminders.models import PushSubscription, ReminderSettings
from app.reminders.dispatcher import insecure_origins
from tests.support.helpers import make_person, page_text, post_form, sign_in
from tests.support.progress import all_scores, make_assessment, visible_text


def subscribe(client, subscription: str):
    return post_form(
        client,
        "/reminders/devices",
        {"subscription": subscription},
        headers={
            "Accept": "application/json",
            "User-Agent": "Mozilla/5.0 (Linux; Android 14) Chrome/126.0",
        },
    )


def test_the_settings_page_explains_and_offers_a_calendar_without_javascript(app, client):
    sign_in(app, client, make_person(app))
    response = client.get("/reminders")
    html = response.get_data(as_text=True)
    assert 'data-module="push"' in html and "data-vapid-key=" in html
    assert "Turning on reminders needs JavaScript" in html
    assert 'href="/reminders/next-review.ics"' in html
    assert "Keepwell: you have a reminder" in visible_text(response)


def test_a_device_subscribes_once_and_is_listed(app, client, push_service):
    person = make_person(app)
    sign_in(app, client, person)
    device = push_service.new_device()
    first = subscribe(client, device.subscription_json())
    again = subscribe(client, device.subscription_json())
    assert first.status_code == again.status_code == 201
    assert first.get_json() == {"ok": True}
    with app.app_context():
        assert db.session.scalar(select(func.count()).select_from(PushSubscription)) == 1
        settings = db.session.scalar(select(ReminderSettings))
        assert settings.review_due and settings.plan_review and not settings.check_in
        assert not settings.show_detail
    text = visible_text(client.get("/reminders"))
    assert "Reminders are on for this device." in text
    assert "Android phone, Chrome" in text


@pytest.mark.parametrize(
    "subscription",
    [
        "",
        "not json",
        "[]",
        json.dumps({"endpoint": "https://push.example.org/x"}),
        json.dumps({"endpoint": "http://push.example.org/x", "keys": {"p256dh": "x", "auth": "y"}}),
        json.dumps({"endpoint": "https://127.0.0.1/x", "keys": {"p256dh": "x", "auth": "y"}}),
        json.dumps({"endpoint": "https://localhost/x", "keys": {"p256dh": "x", "auth": "y"}}),
        json.dumps({"endpoint": "https://push.example.org/" + "x" * 1100, "keys": {}}),
        json.dumps(
            {"endpoint": "https://push.example.org/x", "keys": {"p256dh": "AAAA", "auth": "AAAA"}}
        ),
        json.dumps(
            {"endpoint": "https://push.example.org/x", "keys": {"p256dh": ["a"], "auth": 1}}
        ),
        "x" * 5000,
    ],
)
def test_a_malformed_or_oversized_subscription_is_refused_with_a_400(app, client, subscription):
    sign_in(app, client, make_person(app))
    response = subscribe(client, subscription)
    assert response.status_code == 400
    assert "could not be used" in response.get_json()["error"]
    with app.app_context():
        assert db.session.scalar(select(func.count()).select_from(PushSubscription)) == 0


def test_a_good_subscription_at_a_wrong_origin_is_refused(app, client, push_service):
    sign_in(app, client, make_person(app))
    good = push_service.new_device().subscription()
    good["endpoint"] = good["endpoint"].replace("127.0.0.1", "127.0.0.2")
    assert subscribe(client, json.dumps(good)).status_code == 400


def test_production_never_allows_plain_http_push_services(app):
    class Production:
        config = {
            "TESTING": False,
            "KEEPWELL_ENV": "production",
            "PUSH_INSECURE_ORIGINS": ["http://127.0.0.1:9"],
        }

    assert insecure_origins(Production()) == []
    Production.config["KEEPWELL_ENV"] = "development"
    assert insecure_origins(Production()) == ["http://127.0.0.1:9"]


def test_a_device_is_removed_without_javascript_and_forgotten_by_javascript(
    app, client, push_service
):
    person = make_person(app)
    sign_in(app, client, person)
    one, two = push_service.new_device(), push_service.new_device()
    subscribe(client, one.subscription_json())
    subscribe(client, two.subscription_json())
    with app.app_context():
        first_id = db.session.scalar(
            select(PushSubscription.id).where(PushSubscription.endpoint == one.endpoint)
        )
    response = post_form(client, f"/reminders/devices/{first_id}/remove", {}, follow_redirects=True)
    assert "will not get reminders any more" in page_text(response)
    response = post_form(client, "/reminders/devices/forget", {"endpoint": two.endpoint})
    assert response.status_code == 200
    with app.app_context():
        assert db.session.scalar(select(func.count()).select_from(PushSubscription)) == 0


def test_settings_are_saved_and_a_time_inside_quiet_hours_is_refused(app, client):
    person = make_person(app)
    sign_in(app, client, person)
    data = {
        "review_due": "y",
        "check_in": "y",
        "send_at": "22:30",
        "quiet_start": "21:00",
        "quiet_end": "08:00",
        "timezone": "Europe/London",
    }
    response = post_form(client, "/reminders", data)
    assert "That time is in your quiet hours" in page_text(response)
    response = post_form(client, "/reminders", data | {"send_at": "18:30"}, follow_redirects=True)
    assert "Reminder settings saved." in page_text(response)
    with app.app_context():
        settings = db.session.scalar(select(ReminderSettings))
        assert settings.send_at == time(18, 30) and settings.check_in and not settings.plan_review


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"send_at": "25:00"}, "Enter a time using the 24-hour clock"),
        ({"quiet_end": ""}, "Enter a time using the 24-hour clock"),
        ({"timezone": "Mars/Olympus"}, "Choose your time zone from the list"),
    ],
)
def test_bad_settings_say_what_to_do(app, client, change, message):
    sign_in(app, client, make_person(app))
    data = {
        "send_at": "10:00",
        "quiet_start": "21:00",
        "quiet_end": "08:00",
        "timezone": "Europe/London",
    }
    response = post_form(client, "/reminders", data | change)
    assert response.status_code == 200
    assert message in page_text(response)


def test_the_calendar_file_has_the_next_review_without_detail_by_default(app, client):
    person = make_person(app)
    sign_in(app, client, person)
    make_assessment(app, person.id, date(2025, 3, 3), all_scores(5), kind="baseline")
    response = client.get("/reminders/next-review.ics")
    assert response.mimetype == "text/calendar"
    assert "attachment" in response.headers["Content-Disposition"]
    body = response.get_data(as_text=True)
    assert body.startswith("BEGIN:VCALENDAR\r\n") and body.endswith("END:VCALENDAR\r\n")
    assert "DTSTART;VALUE=DATE:20250414" in body
    assert "SUMMARY:Keepwell reminder" in body and "Progress review" not in body
    assert "URL:http://localhost/progress/llr9/start" in body
    assert all(len(line.encode()) <= 75 for line in body.split("\r\n"))
    today = date.today()
    assert (
        f"DTSTART;VALUE=DATE:{(today + timedelta(days=42)).strftime('%Y%m%d')}" in body
    )  # the plan review
