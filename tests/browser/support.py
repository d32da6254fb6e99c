"""What browser tests share: axe scans, display modes, page checks, passkeys."""

from __future__ import annotations

import zlib
from typing import Any
from urllib.parse import urlsplit

from axe_playwright_python.base import AxeResults
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import BrowserContext, Page

from app.accessibility.preferences import DisplayPreferences, display_classes
from tests.support.html_checks import check_page

AXE_OPTIONS = {
    "runOnly": {
        "type": "tag",
        "values": [
            "wcag2a",
            "wcag2aa",
            "wcag21a",
            "wcag21aa",
            "wcag22a",
            "wcag22aa",
            "best-practice",
        ],
    },
    "rules": {"target-size": {"enabled": True}, "region": {"enabled": True}},
    "resultTypes": ["violations"],
}
# Display modes change only CSS (a class on <html>); the DOM is the same in every mode.
# So a page gets every rule once in standard mode, and in the other modes only the rules
# whose answer can depend on CSS: colours, sizes, spacing and overflow.
CSS_DEPENDENT_RULES = [
    "color-contrast",
    "link-in-text-block",
    "target-size",
    "scrollable-region-focusable",
    "css-orientation-lock",
    "meta-viewport",
]
CSS_ONLY_OPTIONS = {
    "runOnly": {"type": "rule", "values": CSS_DEPENDENT_RULES},
    "resultTypes": ["violations"],
}
FORCED_COLOURS_OPTIONS = {
    "runOnly": {
        "type": "rule",
        "values": [
            r for r in CSS_DEPENDENT_RULES if r not in ("color-contrast", "link-in-text-block")
        ],
    },
    "resultTypes": ["violations"],
}
# The labels of chosen radio buttons and checkboxes whose mark (the ::after dot or tick)
# would not be painted: hidden, see-through, or drawn only with a background, which
# forced colours removes. The mark must be a border in a colour other than the box's.
UNSEEN_CHOICES = """() => [...document.querySelectorAll(
    ".kw-radios__input:checked + label, .kw-checkboxes__input:checked + label")]
  .filter((label) => {
    const mark = getComputedStyle(label, "::after");
    const box = getComputedStyle(label, "::before");
    return mark.display === "none" || mark.visibility === "hidden" || mark.opacity !== "1"
      || parseFloat(mark.borderLeftWidth) + parseFloat(mark.borderBottomWidth) === 0
      || mark.borderBottomColor === box.backgroundColor;
  })
  .map((label) => label.textContent.trim())"""
_axe = Axe()

STANDARD = "standard"
DISPLAY_MODES = {
    "standard": "text=standard&contrast=standard&motion=standard",
    "large": "text=large&contrast=standard&motion=standard",
    "extra_large": "text=extra_large&contrast=standard&motion=standard",
    "high_contrast": "text=standard&contrast=high&motion=reduced",
    "large_high_contrast": "text=extra_large&contrast=high&motion=reduced",
}


# The classes the server puts on <html> for each mode, from the app's own function.
MODE_CLASSES = {
    mode: display_classes(DisplayPreferences.from_cookie(cookie) or DisplayPreferences())
    for mode, cookie in DISPLAY_MODES.items()
}


# How pages are served for the every-mode scans: each language once, each in a
# different mode so the server's own rendering of every mode is scanned too (the scan
# then switches every page through all the other modes).
SERVED_IN = [
    ("en", STANDARD),
    ("cy", "large_high_contrast"),
    ("ur", "extra_large"),
    ("ar", "high_contrast"),
    ("pl", "large"),
    ("pa", STANDARD),
    ("zh_Hant", "large_high_contrast"),
]


def assert_no_axe_violations(page: Page, *, css_only: bool = False) -> None:
    page.wait_for_load_state()  # a click's navigation has begun; scan the page it loads
    results = _axe.run(page, options=CSS_ONLY_OPTIONS if css_only else AXE_OPTIONS)
    assert results.violations_count == 0, f"{page.url}\n{results.generate_report()}"


# Languages a page is also switched through every other mode and forced colours in:
# English, Welsh, and Urdu (right to left, with the tallest lines), one of them per
# page, chosen by the page's address so it is the same in every run. Every language
# still scans every page with every rule in the mode it is served in (a different mode
# each, see SERVED_IN). Switching every page in all three took CI past 26 of its 30
# minutes once offline, easy read and the service view had added their pages.
EVERY_MODE_LANGUAGES = ("en", "cy", "ur")


def every_mode_language(url: str) -> str:
    path = urlsplit(url).path
    return EVERY_MODE_LANGUAGES[zlib.crc32(path.encode()) % len(EVERY_MODE_LANGUAGES)]


def assert_no_axe_violations_in_every_mode(page: Page, *, every_mode: bool | None = None) -> None:
    """Every rule on the page as served, then the CSS-dependent rules in every other
    display mode, switched by putting that mode's classes on <html> exactly as the
    server would (the DOM is otherwise the same), without loading the page again, and
    in Chromium's forced-colours mode. The page is left in the mode it was served in.
    Other modes only in the page's turn (`every_mode_language`), unless `every_mode`
    says otherwise."""
    served = page.evaluate("() => document.documentElement.className")
    assert_no_axe_violations(page)  # also loads axe into the page
    language = (page.locator("html").get_attribute("lang") or "en").split("-")[0]
    if not (language == every_mode_language(page.url) if every_mode is None else every_mode):
        return
    try:
        for mode, classes in MODE_CLASSES.items():
            if classes == served:
                continue
            page.evaluate("(c) => { document.documentElement.className = c; }", classes)
            response = page.evaluate("(options) => axe.run(document, options)", CSS_ONLY_OPTIONS)
            results = AxeResults(response)
            assert results.violations_count == 0, (
                f"{page.url} in {mode} mode\n{results.generate_report()}"
            )
        # Forced colours (Windows High Contrast): the system's colours replace ours, so
        # axe's colour rules (which read our colours) do not apply; sizes and spacing do,
        # and every chosen radio button and checkbox must still show it is chosen.
        page.evaluate("(c) => { document.documentElement.className = c; }", served)
        page.emulate_media(forced_colors="active")
        response = page.evaluate("(options) => axe.run(document, options)", FORCED_COLOURS_OPTIONS)
        results = AxeResults(response)
        assert results.violations_count == 0, (
            f"{page.url} in forced colours\n{results.generate_report()}"
        )
        unseen = page.evaluate(UNSEEN_CHOICES)
        assert unseen == [], f"{page.url}: chosen but not shown in forced colours: {unseen}"
    finally:
        page.emulate_media(forced_colors="none")
        page.evaluate("(c) => { document.documentElement.className = c; }", served)


def assert_page_checks(page: Page) -> None:
    # After a click, Playwright waits for the navigation to begin, not for the new page
    # to be parsed: read it once it has loaded (CI once read an empty document here).
    page.wait_for_load_state()
    check_page(page.content(), page.url)


def assert_no_horizontal_scroll(page: Page) -> None:
    overflow = page.evaluate(
        "() => document.documentElement.scrollWidth - document.documentElement.clientWidth"
    )
    assert overflow <= 0, f"{page.url} scrolls sideways by {overflow}px"


def set_display(context: BrowserContext, base_url: str, mode: str) -> None:
    context.add_cookies([{"name": "kw_display", "value": DISPLAY_MODES[mode], "url": base_url}])


def set_language(context: BrowserContext, base_url: str, code: str) -> None:
    context.add_cookies([{"name": "kw_lang", "value": code, "url": base_url}])


def add_virtual_authenticator(page: Page, *, user_verified: bool = True) -> tuple[Any, str]:
    """Chromium's virtual authenticator: a platform passkey with a fingerprint reader."""
    session = page.context.new_cdp_session(page)
    session.send("WebAuthn.enable")
    result = session.send(
        "WebAuthn.addVirtualAuthenticator",
        {
            "options": {
                "protocol": "ctap2",
                "transport": "internal",
                "hasResidentKey": True,
                "hasUserVerification": True,
                "isUserVerified": user_verified,
                "automaticPresenceSimulation": True,
            }
        },
    )
    return session, result["authenticatorId"]


def scan_as_each_viewer(
    base_url: str, viewers: list[tuple[BrowserContext, Page, list[str]]]
) -> None:
    """Each viewer (a browser context signed in as someone, its page, the pages they
    reach) opens each of their pages in every language and its served mode, with the
    page checks and the axe scans (every mode in the page's turn)."""
    for language, served_mode in SERVED_IN:
        for context, page, paths in viewers:
            set_display(context, base_url, served_mode)
            set_language(context, base_url, language)
            for path in paths:
                page.goto(path)
                assert_page_checks(page)
                assert_no_axe_violations_in_every_mode(page)


# The states of the changes waiting on this device (static/js/modules/queue.js), in
# order: read by the offline tests and `python -m bench offline`.
QUEUED = """() => new Promise((resolve) => {
  const opening = indexedDB.open('keepwell', 1);
  opening.onupgradeneeded = () =>
    opening.result.createObjectStore('queue', { keyPath: 'seq', autoIncrement: true });
  opening.onsuccess = () => {
    const db = opening.result;
    const all = db.transaction('queue').objectStore('queue').getAll();
    all.onsuccess = () => { db.close(); resolve(all.result.map((c) => c.state)); };
  };
})"""
