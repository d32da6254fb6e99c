"""Issue 12's "done when": a person whose browser asks for Urdu lands on Keepwell in Urdu,
laid out right to left, signs up, fills in their crisis plan, scores their progress and
finds a group, without meeting a sentence of untranslated English outside the
directory's own listings (which say they are English)."""

from __future__ import annotations

from pathlib import Path

from babel.messages.pofile import read_po
from playwright.sync_api import Page, expect

from app.demo.listings import load_demo_directory
from tests.browser.support import assert_no_axe_violations, assert_no_horizontal_scroll

CATALOG = Path(__file__).resolve().parents[2] / "translations/ur/LC_MESSAGES/messages.po"


def english_sentences() -> set[str]:
    """Every English message of a few words that Urdu says differently: if one shows on a
    page, something was left untranslated."""
    with CATALOG.open("rb") as handle:
        catalog = read_po(handle)
    found = set()
    for message in catalog:
        text = message.id if isinstance(message.id, str) else message.id[0]
        translated = message.string if isinstance(message.string, str) else message.string[0]
        sentence = text and "%" not in text and "<" not in text and len(text.split()) >= 3
        if sentence and translated and translated != text:
            found.add(text)
    return found


ENGLISH = english_sentences()


def untranslated(page: Page) -> list[str]:
    """English sentences on the page, leaving out what is marked as English on purpose
    (the directory's listings, the word "Language" in the menu)."""
    text = page.evaluate(
        """() => {
          const copy = document.body.cloneNode(true);
          copy.querySelectorAll('[lang^="en"], script, [hidden]').forEach((e) => e.remove());
          return copy.innerText;
        }"""
    )
    return sorted(sentence for sentence in ENGLISH if sentence in text)


def checked(page: Page) -> None:
    expect(page.locator("html")).to_have_attribute("dir", "rtl")
    assert untranslated(page) == [], page.url
    assert_no_horizontal_scroll(page)


def test_an_urdu_reader_signs_up_plans_scores_and_finds_a_group(new_context, live_server):
    with live_server.app.app_context():
        load_demo_directory()
    page = new_context(locale="ur-PK").new_page()

    page.goto("/")
    expect(page.locator("html")).to_have_attribute("lang", "ur")
    checked(page)

    # Sign up with a username and password.
    page.goto("/auth/sign-up/password")
    checked(page)
    page.locator("input[name=username]").fill("urdu-reader")
    page.locator("input[name=password]").fill("lamp lake lettuce")
    page.locator("input[name=confirm]").fill("lamp lake lettuce")
    page.locator("main form button[type=submit]").last.click()
    expect(page.locator("#recovery-codes")).to_be_visible()
    checked(page)
    page.locator("main a.kw-button").last.click()

    # The crisis plan: add a supporter.
    page.goto("/plan/crisis-plan/supporters/add")
    checked(page)
    page.locator("main input[name=name]").fill("Jo")
    page.locator("main input[type=tel]").first.fill("07700 900461")
    page.locator("main form button[type=submit]").last.click()
    expect(page.locator(".kw-notice--success")).to_be_visible()
    checked(page)
    assert_no_axe_violations(page)

    # Progress: a first self-assessment, every area answered.
    page.goto("/progress/llr9/start")
    checked(page)
    page.locator("main form button[type=submit]").first.click()
    page.locator("main input[type=radio]").first.check()
    page.locator("main form button[type=submit]").last.click()
    for _area in range(9):
        checked(page)
        page.locator(".kw-ladder input[value='6']").check()
        page.locator("main form button[type=submit]").first.click()  # not "finish later"
    checked(page)
    page.locator("main form button[type=submit]").last.click()
    expect(page.locator(".kw-notice--success")).to_be_visible()
    page.goto("/progress")
    checked(page)

    # Find a group: results in Urdu, the listings marked as English.
    page.goto("/groups?q=walking")
    checked(page)
    expect(page.locator(".kw-group-card__name a[lang='en-GB']").first).to_be_visible()
    page.locator(".kw-group-card__name a").first.click()
    checked(page)
    assert_no_axe_violations(page)

    # Get help now.
    page.goto("/help")
    checked(page)
    expect(page.locator("a[href='tel:999']").first).to_be_visible()
