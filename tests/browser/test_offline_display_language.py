"""Offline help, large print on the first paint, printing, and Welsh."""

from __future__ import annotations

from playwright.sync_api import Page, expect

from tests.browser.pages import PlanPartPage, SignUpPage
from tests.browser.support import assert_no_horizontal_scroll


def wait_for_service_worker(page: Page) -> None:
    page.wait_for_function(
        "async () => { const r = await navigator.serviceWorker.ready; return !!r.active; }"
    )
    page.reload()  # the page is now controlled by the worker
    page.wait_for_function("() => navigator.serviceWorker.controller !== null")


def test_help_opens_offline_once_the_app_has_been_visited(new_context):
    context = new_context()
    page = context.new_page()
    page.goto("/")
    wait_for_service_worker(page)
    context.set_offline(True)
    page.goto("/help")
    expect(page.get_by_role("heading", level=1)).to_have_text("Get help now")
    expect(page.locator("a[href='tel:999']")).to_be_visible()
    page.goto("/plan/never-opened")
    expect(page.get_by_role("heading", level=1)).to_have_text("You are offline")
    expect(page.locator("a[href='tel:116123']")).to_be_visible()


def test_offline_help_shows_the_persons_own_supporters_and_forgets_them_at_sign_out(new_context):
    context = new_context()
    page = context.new_page()
    SignUpPage(page).open().create_with_password("offline-help", "lamp lake lettuce")
    wait_for_service_worker(page)
    page.goto("/plan/crisis-plan/supporters/add")
    page.get_by_label("Name", exact=True).fill("Jo")
    page.get_by_label("Phone number").fill("07700 900461")
    page.get_by_role("button", name="Save").click()
    page.goto("/help")
    context.set_offline(True)
    page.goto("/help")
    expect(page.get_by_role("link", name="Call Jo")).to_have_attribute("href", "tel:07700900461")
    context.set_offline(False)
    page.get_by_role("button", name="Sign out").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Sign in")
    context.set_offline(True)
    page.goto("/help")
    expect(page.get_by_role("heading", level=1)).to_have_text("Get help now")
    expect(page.get_by_role("link", name="Call Jo")).to_have_count(0)
    page.goto("/plan/crisis-plan")
    expect(page.locator("main")).not_to_contain_text("07700 900461")


def test_large_print_applies_on_the_very_first_paint_of_every_page(page):
    page.goto("/display")
    page.get_by_label("Extra large").check()
    page.get_by_label("High contrast").check()
    page.get_by_role("button", name="Save settings").click()
    seen = []
    page.on("response", lambda r: seen.append(r) if r.url.endswith("/help") else None)
    response = page.goto("/help")
    assert 'class="kw-text-xlarge kw-high-contrast"' in response.text()
    size = page.evaluate("() => parseFloat(getComputedStyle(document.body).fontSize)")
    assert size >= 26  # 1.125rem at 150%
    background = page.evaluate("() => getComputedStyle(document.body).backgroundColor")
    assert background == "rgb(0, 0, 0)"


def test_large_print_plan_prints_at_18_point_or_more(page):
    SignUpPage(page).open().create_with_password("printer", "lamp lake lettuce")
    PlanPartPage(page, "crisis-plan").open().add("Add a sign you are better", "Sleeping well")
    page.goto("/plan/print?part=crisis-plan&size=large")
    page.emulate_media(media="print")
    entry = page.locator(".kw-entry .kw-preserve").first
    points = entry.evaluate("e => parseFloat(getComputedStyle(e).fontSize) * 0.75")
    assert points >= 18
    style = entry.evaluate(
        """e => {
            const s = getComputedStyle(e);
            return [s.fontFamily, s.textAlign, parseFloat(s.lineHeight) / parseFloat(s.fontSize)];
        }"""
    )
    assert "sans-serif" in style[0] and style[1] in ("start", "left")
    assert style[2] >= 1.5
    expect(page.locator(".kw-header")).to_be_hidden()


def test_a_person_switches_to_welsh_from_any_page_and_back(page):
    page.goto("/plan/crisis-plan")
    page.locator(".kw-footer").get_by_role("button", name="Cymraeg").click()
    expect(page.locator("html")).to_have_attribute("lang", "cy")
    expect(page.get_by_role("heading", level=1)).to_have_text("Mewngofnodi")
    expect(page.get_by_role("link", name="Cael help nawr").first).to_be_visible()
    page.locator(".kw-footer").get_by_role("button", name="English").click()
    expect(page.locator("html")).to_have_attribute("lang", "en-GB")


def test_changing_language_brings_the_offline_pages_in_the_new_language(new_context):
    context = new_context()
    page = context.new_page()
    page.goto("/")
    wait_for_service_worker(page)
    page.goto("/help")
    page.locator(".kw-footer").get_by_role("button", name="Polski").click()
    expect(page.locator("html")).to_have_attribute("lang", "pl")
    expect(page.locator(".kw-notice")).to_be_visible()  # the worker took nothing meant for it
    page.wait_for_function(
        """async () => { const r = await caches.match('/offline');
                         return r && (await r.text()).includes('lang="pl"'); }"""
    )
    context.set_offline(True)
    for path in ["/help", "/plan/never-opened"]:
        page.goto(path)
        expect(page.locator("html")).to_have_attribute("lang", "pl")
        expect(page.locator("a[href='tel:999']").first).to_be_visible()


def test_a_right_to_left_language_mirrors_the_layout(page):
    SignUpPage(page).open().create_with_password("rtl-reader", "lamp lake lettuce")
    PlanPartPage(page, "triggers").open().add("Add a trigger", "Noise")
    page.goto("/language")
    page.locator("main button[value='ur']").click()
    expect(page.locator("html")).to_have_attribute("dir", "rtl")
    page.goto("/plan/triggers")
    entry = page.locator(".kw-entry").first
    widths = entry.evaluate(
        "e => [getComputedStyle(e).borderRightWidth, getComputedStyle(e).borderLeftWidth]"
    )
    assert widths[0] == "6px" and widths[1] == "1px"  # the accent stripe moves to the right
    back = page.locator(".kw-back-link__link").bounding_box()
    assert back["x"] + back["width"] > 360 / 2  # the back link starts on the right
    align = page.locator("main p").first.evaluate("e => getComputedStyle(e).textAlign")
    assert align in ("start", "right")
    assert_no_horizontal_scroll(page)
