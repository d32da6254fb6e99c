"""Push reminders in the browser: the service worker shows a notification for a push
(delivered by Chromium's CDP), tapping it opens the review page; turning reminders on
asks only after a tap; a phone that cannot get push is told what to do instead."""

from __future__ import annotations

import json
import re
from datetime import date, timedelta

import pytest
from playwright.sync_api import Page, expect
from playwright.sync_api import TimeoutError as PlaywrightTimeoutError

from app.reminders.vapid import vapid_keys
from tests.browser.progress_pages import RemindersPage, sign_in_as
from tests.browser.support import assert_no_axe_violations
from tests.support.fake_push import FakePushService
from tests.support.helpers import make_person
from tests.support.progress import all_scores, make_assessment

IPHONE = (
    "Mozilla/5.0 (iPhone; CPU iPhone OS 17_4 like Mac OS X) AppleWebKit/605.1.15 "
    "(KHTML, like Gecko) Version/17.4 Mobile/15E148 Safari/604.1"
)


def controlled_by_service_worker(page: Page) -> None:
    page.wait_for_function("async () => !!(await navigator.serviceWorker.ready).active")
    page.reload()
    page.wait_for_function("() => navigator.serviceWorker.controller !== null")


def first_notification(page: Page, timeout: float = 10000) -> dict:
    """Wait for the service worker's notification (async predicates do not wait)."""
    page.evaluate(
        """() => {
            window.__shown = null;
            const look = async () => {
                const [n] = await (await navigator.serviceWorker.ready).getNotifications();
                if (n) window.__shown = {title: n.title, body: n.body, tag: n.tag, url: n.data.url};
                else setTimeout(look, 50);
            };
            look();
        }"""
    )
    return page.wait_for_function("() => window.__shown", timeout=timeout).json_value()


def push_and_see(page: Page, context, origin: str, payload: dict) -> dict:
    """Deliver a push through CDP and return the notification the worker shows.

    Chromium drops a CDP-delivered push when it arrives while the worker is being
    restarted or re-checked (it fetches /sw.js again just after a reload), so the push
    is delivered again, at most three times, if nothing is shown within 3 seconds.
    Whatever is shown is still asserted by the caller.
    """
    session = context.new_cdp_session(page)
    registration = registration_id(page, session)

    def deliver() -> None:
        session.send(
            "ServiceWorker.deliverPushMessage",
            {"origin": origin, "registrationId": registration, "data": json.dumps(payload)},
        )

    for _ in range(2):
        deliver()
        try:
            return first_notification(page, timeout=3000)
        except PlaywrightTimeoutError:
            pass
    deliver()
    return first_notification(page)


def registration_id(page: Page, session) -> str:
    found: list[str] = []
    session.on(
        "ServiceWorker.workerRegistrationUpdated",
        lambda event: found.extend(
            r["registrationId"] for r in event["registrations"] if not r["isDeleted"]
        ),
    )
    session.send("ServiceWorker.enable")
    while not found:
        page.wait_for_timeout(50)
    return found[0]


@pytest.fixture
def signed_in_page(new_context, live_server):
    person = make_person(live_server.app, "Kit")
    make_assessment(
        live_server.app,
        person.id,
        date.today() - timedelta(days=42),
        all_scores(5),
        kind="baseline",
    )
    context = new_context()
    context.grant_permissions(["notifications"], origin=live_server.url)
    sign_in_as(context, live_server, person.id)
    page = context.new_page()
    return page, context, person


def test_a_push_shows_a_private_notification_and_tapping_it_opens_the_review(
    signed_in_page, live_server
):
    page, context, _person = signed_in_page
    page.goto("/")
    controlled_by_service_worker(page)
    shown = push_and_see(
        page, context, live_server.url, {"url": "/progress/llr9/start", "kind": "review_due"}
    )
    assert shown == {
        "title": "Keepwell: you have a reminder",
        "body": "",
        "tag": "keepwell-review_due",
        "url": "/progress/llr9/start",
    }
    [worker] = context.service_workers
    worker.evaluate(
        """async () => {
            const [notification] = await self.registration.getNotifications();
            self.dispatchEvent(new NotificationEvent("notificationclick", { notification }));
        }"""
    )
    page.wait_for_url(re.compile(r"/progress/llr9/start$"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Start your review")


def test_a_push_from_someone_else_cannot_send_the_person_off_the_site(signed_in_page, live_server):
    page, context, _person = signed_in_page
    page.goto("/")
    controlled_by_service_worker(page)
    shown = push_and_see(
        page,
        context,
        live_server.url,
        {"url": "https://evil.example/", "kind": "x", "title": "Chosen detail"},
    )
    assert (shown["title"], shown["url"]) == ("Chosen detail", "/")


def test_turning_reminders_on_asks_after_the_tap_and_registers_this_device(
    signed_in_page, live_server
):
    page, context, person = signed_in_page
    with live_server.app.app_context():
        public_key = vapid_keys().public_key
    service = FakePushService(public_key).start()
    saved = live_server.app.config["PUSH_INSECURE_ORIGINS"]
    live_server.app.config["PUSH_INSECURE_ORIGINS"] = [service.origin]
    try:
        device = service.new_device()
        # Chromium cannot reach a real push service here: stand in for it, and record
        # when permission is asked and with which server key the page subscribes.
        page.add_init_script(
            """(() => {
                const subscription = SUBSCRIPTION;
                const count = () => Number(sessionStorage.getItem("asked") || 0);
                const realAsk = Notification.requestPermission.bind(Notification);
                Notification.requestPermission = () => {
                    sessionStorage.setItem("asked", count() + 1);
                    return realAsk();
                };
                PushManager.prototype.subscribe = async function (options) {
                    const bytes = new Uint8Array(options.applicationServerKey);
                    const key = btoa(String.fromCharCode(...bytes)).replace(/\\+/g, "-")
                        .replace(/\\//g, "_").replace(/=+$/, "");
                    sessionStorage.setItem("key", key);
                    return { endpoint: subscription.endpoint, toJSON: () => subscription };
                };
                PushManager.prototype.getSubscription = async () => null;
            })();""".replace("SUBSCRIPTION", json.dumps(device.subscription()))
        )
        reminders = RemindersPage(page).open()
        expect(page.get_by_role("button", name="Turn on reminders on this device")).to_be_visible()
        assert page.evaluate("() => sessionStorage.getItem('asked')") is None, "asked before a tap"
        assert_no_axe_violations(page)
        reminders.turn_on_for_this_device()
        expect(page.locator(".kw-notice--success")).to_contain_text(
            "Reminders are on for this device."
        )
        expect(page.locator("#devices")).to_contain_text("Chrome")
        assert page.evaluate("() => sessionStorage.getItem('asked')") == "1"
        assert page.evaluate("() => sessionStorage.getItem('key')") == public_key
    finally:
        live_server.app.config["PUSH_INSECURE_ORIGINS"] = saved
        service.stop()


def test_an_iphone_outside_the_home_screen_is_told_how_to_get_reminders(new_context, live_server):
    person = make_person(live_server.app, "Ash")
    context = new_context(user_agent=IPHONE)
    sign_in_as(context, live_server, person.id)
    page = context.new_page()
    page.add_init_script("delete window.PushManager;")
    RemindersPage(page).open()
    expect(page.locator("[data-push-status]")).to_contain_text("Add to Home Screen")
    expect(page.get_by_role("button", name="Turn on reminders on this device")).to_be_hidden()
    expect(page.get_by_role("link", name="Add your next reviews to your calendar")).to_be_visible()
    assert_no_axe_violations(page)
