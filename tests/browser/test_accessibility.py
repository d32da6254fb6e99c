"""Every page: zero axe-core violations (WCAG 2.2 A and AA, target-size on) in every
display mode and language; no sideways scrolling at 320 px; keyboard reachable."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect

from app.accessibility.languages import LANGUAGES
from app.demo.people import load_demo
from tests.browser.support import (
    SERVED_IN,
    assert_no_axe_violations,
    assert_no_axe_violations_in_every_mode,
    assert_no_horizontal_scroll,
    assert_page_checks,
    set_display,
    set_language,
)

SIGNED_OUT_PAGES = [
    "/",
    "/help",
    "/auth/sign-in",
    "/auth/sign-up",
    "/auth/sign-up/password",
    "/auth/sign-in/recovery-code",
    "/display",
    "/offline",
    "/no-such-page",
    "/account/deleted",
]

SIGNED_IN_PAGES = [
    "/",
    "/help",
    "/plan",
    "/plan/wellness-toolbox",
    "/plan/daily-plan",
    "/plan/triggers",
    "/plan/early-warning-signs",
    "/plan/when-things-are-breaking-down",
    "/plan/crisis-plan",
    "/plan/after-a-crisis",
    "/plan/triggers/triggers/add",
    "/plan/crisis-plan/supporters/add",
    "/plan/crisis-plan/medicines/add",
    "/plan/crisis-plan/history",
    "/plan/crisis-plan/history/1",
    "/plan/print",
    "/plan/print?part=crisis-plan&size=large",
    "/account",
    "/account/password",
    "/account/delete",
    "/auth/confirm?next=/account",
    "/circle",
    "/display",
]


def demo_sign_in(page: Page, live_server) -> None:
    with live_server.app.app_context():
        load_demo()
    page.goto("/auth/sign-in")
    page.locator("form[action='/auth/demo'] button").first.click()
    page.wait_for_url(f"{live_server.url}/")


def scan(page: Page, path: str) -> None:
    page.goto(path)
    assert_page_checks(page)
    assert_no_axe_violations_in_every_mode(page)


def first_entry_edit_links(page: Page) -> list[str]:
    page.goto("/plan/crisis-plan")
    entry = page.locator(".kw-entry__actions a").first.get_attribute("href")
    return [entry, entry + "/remove"]


@pytest.mark.parametrize(("language", "served_mode"), SERVED_IN)
def test_every_page_has_no_axe_violations_in_every_mode(
    new_context, live_server, language, served_mode
):
    context = new_context()
    set_display(context, live_server.url, served_mode)
    set_language(context, live_server.url, language)
    page = context.new_page()
    for path in SIGNED_OUT_PAGES:
        scan(page, path)
    page.goto("/auth/sign-up/password")
    page.locator("form[action='/auth/sign-up/password'] button").click()
    expect(page.locator(".kw-error-summary")).to_be_visible()
    assert_no_axe_violations_in_every_mode(page)

    demo_sign_in(page, live_server)
    for path in SIGNED_IN_PAGES + first_entry_edit_links(page):
        scan(page, path)
    page.goto("/plan/triggers/triggers/add")
    page.locator("form.kw-button-form, main form").last.locator("button[type=submit]").click()
    expect(page.locator(".kw-error-summary")).to_be_visible()
    assert_no_axe_violations_in_every_mode(page)


@pytest.mark.parametrize("width", [320, 360])
def test_pages_do_not_scroll_sideways_on_narrow_screens(new_context, live_server, width):
    context = new_context(viewport={"width": width, "height": 640})
    set_display(context, live_server.url, "extra_large")
    page = context.new_page()
    for path in SIGNED_OUT_PAGES:
        page.goto(path)
        assert_no_horizontal_scroll(page)
    demo_sign_in(page, live_server)
    for path in SIGNED_IN_PAGES:
        page.goto(path)
        assert_no_horizontal_scroll(page)


def test_pages_reflow_at_400_percent_zoom(new_context, live_server):
    # 400% zoom of a 1280 px wide desktop window is a 320 CSS px viewport at scale 4.
    context = new_context(viewport={"width": 320, "height": 256}, device_scale_factor=4)
    page = context.new_page()
    demo_sign_in(page, live_server)
    for path in ["/", "/plan", "/plan/crisis-plan", "/help", "/plan/triggers/triggers/add"]:
        page.goto(path)
        assert_no_horizontal_scroll(page)


def test_the_first_tab_goes_to_a_skip_link_that_reaches_the_content(page):
    page.goto("/help")
    page.keyboard.press("Tab")
    focused = page.evaluate("() => document.activeElement.textContent.trim()")
    assert focused == "Skip to main content"
    page.keyboard.press("Enter")
    assert page.evaluate("() => document.activeElement.id") == "maincontent"


def test_a_person_can_add_to_their_plan_with_the_keyboard_alone(page, live_server):
    demo_sign_in(page, live_server)
    page.goto("/plan/triggers")
    add = page.get_by_role("link", name="Add a trigger")
    add.focus()
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"/add$"))
    page.keyboard.press("Tab")
    while page.evaluate("() => document.activeElement.tagName") != "TEXTAREA":
        page.keyboard.press("Tab")
    page.keyboard.type("Typed without a mouse")
    page.keyboard.press("Tab")
    page.keyboard.press("Enter")
    expect(page.locator("#section-triggers")).to_contain_text("Typed without a mouse")


def test_the_css_only_scan_still_catches_poor_contrast(page):
    page.goto("/help")
    page.evaluate(
        """() => {
            const p = document.createElement("p");
            p.textContent = "Pale words";
            p.setAttribute("class", "kw-muted");
            document.querySelector("main").append(p);
            document.documentElement.style.setProperty("--kw-secondary-text", "#dddddd");
        }"""
    )
    with pytest.raises(AssertionError, match="color-contrast"):
        assert_no_axe_violations(page, css_only=True)


def test_the_every_mode_scan_catches_a_fault_only_one_mode_has(page):
    """Switching classes really restyles the page: a contrast fault that only the
    extra large text mode has is found, and named with its mode."""
    page.goto("/help")
    page.evaluate(
        """() => {
            // CSSOM, because the Content-Security-Policy refuses a new <style>.
            const sheet = document.styleSheets[0];
            sheet.insertRule(
                ".kw-text-xlarge:not(.kw-high-contrast) main p { color: #dddddd; }",
                sheet.cssRules.length,
            );
        }"""
    )
    with pytest.raises(AssertionError, match=r"in extra_large mode[\s\S]*color-contrast"):
        assert_no_axe_violations_in_every_mode(page, every_mode=True)
    assert page.evaluate("() => document.documentElement.className") == ""


def test_the_forced_colours_check_catches_a_choice_drawn_only_with_a_background(page):
    """In forced colours a background is not painted: a radio button's dot drawn that
    way (as it once was) leaves the chosen option looking like the others."""
    page.goto("/display")
    page.evaluate(
        """() => {
            const sheet = document.styleSheets[0];
            sheet.insertRule(
                ".kw-radios__label::after { border-width: 0 !important; background: #000; }",
                sheet.cssRules.length,
            );
        }"""
    )
    with pytest.raises(AssertionError, match="chosen but not shown in forced colours"):
        assert_no_axe_violations_in_every_mode(page, every_mode=True)


def test_the_every_mode_scans_serve_every_language():
    assert {language for language, _mode in SERVED_IN} == set(LANGUAGES)
