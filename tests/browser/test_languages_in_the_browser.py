"""Each shipped language in Chromium: the browser's language picks it, the language page
and the footer change it without JavaScript's help, Urdu and Arabic are laid out right
to left for real (menu, back link, error summary, charts, phone numbers), and no page
scrolls sideways at 320 px in any language. Debian's Noto fonts draw the scripts."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from app.accessibility.languages import LANGUAGES
from app.demo.people import load_demo
from tests.browser.support import (
    assert_no_axe_violations,
    assert_no_horizontal_scroll,
    set_display,
    set_language,
)

RIGHT_TO_LEFT = ["ur", "ar"]


def demo_sign_in(page: Page, live_server) -> None:
    with live_server.app.app_context():
        load_demo()
    page.goto("/auth/sign-in")
    page.locator("form[action='/auth/demo'] button").first.click()
    page.wait_for_url(f"{live_server.url}/")


def box(page: Page, selector: str) -> dict[str, float]:
    found = page.locator(selector).first.bounding_box()
    assert found is not None, selector
    return found


def test_a_browser_that_asks_for_urdu_lands_in_urdu(new_context):
    context = new_context(locale="ur-PK")
    page = context.new_page()
    page.goto("/")
    expect(page.locator("html")).to_have_attribute("lang", "ur")
    expect(page.locator("html")).to_have_attribute("dir", "rtl")
    assert page.locator(".kw-help-now").inner_text() != "Get help now"
    assert_no_axe_violations(page)


def test_the_language_page_changes_the_language_from_the_header(new_context):
    page = new_context().new_page()
    page.goto("/help")
    page.locator(".kw-nav__language").click()
    expect(page).to_have_url("/language?next=/help")
    page.locator("main button[value='pl']").click()
    expect(page).to_have_url("/help")
    expect(page.locator("html")).to_have_attribute("lang", "pl")
    expect(page.locator(".kw-notice")).to_be_visible()
    assert_no_axe_violations(page)


def test_the_footer_changes_the_language_by_keyboard_without_javascript(new_context):
    page = new_context(java_script_enabled=False).new_page()
    page.goto("/help")
    footer = page.locator(".kw-footer button[value='zh_Hant']")
    footer.focus()
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert page.url.endswith("/help")
    assert page.locator("html").get_attribute("lang") == "zh-Hant"
    # The current language is shown, not offered again.
    assert page.locator(".kw-footer button[value='zh_Hant']").count() == 0


@pytest.mark.parametrize("code", RIGHT_TO_LEFT)
def test_right_to_left_languages_are_mirrored(new_context, live_server, code):
    context = new_context()
    set_language(context, live_server.url, code)
    page = context.new_page()
    demo_sign_in(page, live_server)
    width = page.viewport_size["width"]

    # The header: the name on the right, Get help now on the left.
    page.goto("/plan")
    logo, help_now = box(page, ".kw-header__logo"), box(page, ".kw-help-now")
    assert abs(logo["y"] - help_now["y"]) < logo["height"], "on one line"
    assert logo["x"] > width / 2 > help_now["x"]
    # The menu starts on the right.
    links = page.locator(".kw-nav__link")
    first, second = links.nth(0).bounding_box(), links.nth(1).bounding_box()
    assert first and second and first["x"] > second["x"]

    # A back link's arrow points right, before the words (on their right).
    page.goto("/plan/crisis-plan/supporters/add")
    back = page.locator(".kw-back-link__link")
    arrow = back.evaluate("a => getComputedStyle(a, '::before').content")
    assert arrow in ('"‹"', '"›"')
    back_box = back.bounding_box()
    text_right = back.evaluate(
        """a => { const r = document.createRange(); r.selectNodeContents(a);
                  const rects = [...r.getClientRects()];
                  return Math.max(...rects.map(x => x.right)); }"""
    )
    assert back_box and back_box["x"] + back_box["width"] - text_right >= 8

    # The error summary and the fields' error borders sit on the right.
    page.locator("main form button[type=submit]").last.click()
    summary = page.locator(".kw-error-summary")
    expect(summary).to_be_visible()
    title = box(page, ".kw-error-summary__title")
    summary_box = box(page, ".kw-error-summary")
    assert (summary_box["x"] + summary_box["width"]) - (title["x"] + title["width"]) < 40
    error_group = page.locator(".kw-form-group--error").first
    right, left = error_group.evaluate(
        "g => [getComputedStyle(g).borderRightWidth, getComputedStyle(g).borderLeftWidth]"
    )
    assert float(right.rstrip("px")) > float(left.rstrip("px"))
    assert_no_axe_violations(page)

    # Phone numbers read left to right inside right-to-left sentences.
    page.goto("/help")
    order = page.evaluate(
        """() => {
          const span = [...document.querySelectorAll('.kw-call span[dir=ltr]')]
            .find(s => s.textContent === '116 123');
          const text = span.firstChild, r = document.createRange();
          r.setStart(text, 0); r.setEnd(text, 3); const first = r.getBoundingClientRect().x;
          r.setStart(text, 4); r.setEnd(text, 7); const second = r.getBoundingClientRect().x;
          return [first, second];
        }"""
    )
    assert order[0] < order[1], "116 comes before 123"
    assert_no_horizontal_scroll(page)


@pytest.mark.parametrize("code", RIGHT_TO_LEFT)
def test_printed_plans_are_right_to_left_too(new_context, live_server, code):
    context = new_context()
    set_language(context, live_server.url, code)
    page = context.new_page()
    demo_sign_in(page, live_server)
    page.goto("/plan/print?part=crisis-plan&size=large")
    page.emulate_media(media="print")
    heading = box(page, "main h1")
    main = box(page, "main")
    assert (main["x"] + main["width"]) - (heading["x"] + heading["width"]) < 24
    assert_no_horizontal_scroll(page)


@pytest.mark.parametrize("code", [code for code in LANGUAGES if code != "en"])
def test_no_page_scrolls_sideways_at_320px_in_any_language(new_context, live_server, code):
    context = new_context(viewport={"width": 320, "height": 640})
    set_language(context, live_server.url, code)
    set_display(context, live_server.url, "extra_large")
    page = context.new_page()
    for path in ["/", "/help", "/language", "/auth/sign-up", "/display"]:
        page.goto(path)
        assert_no_horizontal_scroll(page)
    demo_sign_in(page, live_server)
    for path in [
        "/",
        "/plan",
        "/plan/crisis-plan",
        "/plan/crisis-plan/supporters/add",
        "/progress",
        "/groups?q=walking",
        "/circle",
        "/reminders",
        "/account",
    ]:
        page.goto(path)
        assert_no_horizontal_scroll(page)
