"""Listen: the page read aloud with the browser's own speech synthesis, stubbed here in
the page so the test can see exactly what text is handed to it, in which language."""

from __future__ import annotations

import json

from playwright.sync_api import BrowserContext, Page, expect

from app.accessibility.languages import LANGUAGES
from tests.browser.support import (
    SERVED_IN,
    assert_no_axe_violations_in_every_mode,
    set_display,
    set_language,
)

STUB = """
(() => {
  const voices = %s;
  window.__spoken = []; window.__cancelled = 0; window.__paused = 0; window.__resumed = 0;
  window.SpeechSynthesisUtterance = class {
    constructor(text) { this.text = text; this.lang = ""; this.voice = null; this.onend = null; }
  };
  const synth = {
    getVoices: () => voices,
    speak(utterance) {
      window.__spoken.push({ text: utterance.text, lang: utterance.lang,
                             voice: utterance.voice && utterance.voice.name });
      window.__current = utterance;
    },
    cancel() { window.__cancelled += 1; window.__current = null; },
    pause() { window.__paused += 1; },
    resume() { window.__resumed += 1; },
    addEventListener() {},
  };
  Object.defineProperty(window, "speechSynthesis", { value: synth, configurable: true });
  // The test says when a sentence has been spoken.
  window.__finish = () => {
    const u = window.__current;
    window.__current = null;
    if (u && u.onend) u.onend();
  };
})();
"""
ENGLISH_AND_WELSH = (
    '[{"lang": "en-GB", "name": "Stub English"}, {"lang": "cy-GB", "name": "Stub Welsh"}]'
)


# A voice for each language Keepwell speaks, as a phone with them all would list them.
EVERY_LANGUAGE = json.dumps(
    [
        {"lang": language.tag, "name": f"Stub {language.english_name}"}
        for language in LANGUAGES.values()
    ]
)


def stubbed(context: BrowserContext, voices: str = ENGLISH_AND_WELSH) -> Page:
    context.add_init_script(STUB % voices)
    return context.new_page()


def spoken(page: Page) -> list[dict[str, str]]:
    return page.evaluate("() => window.__spoken")


def test_listen_reads_the_main_content_sentence_by_sentence_and_stops(new_context):
    page = stubbed(new_context())
    page.goto("/help")
    listen = page.get_by_role("button", name="Listen")
    expect(listen).to_be_visible()
    listen.click()
    first = spoken(page)
    assert first == [{"text": "Get help now", "lang": "en-gb", "voice": "Stub English"}]
    expect(page.locator("main h1")).to_have_class("kw-listen-current")
    page.evaluate("() => window.__finish()")
    assert spoken(page)[1]["text"] == "If your life or someone else's is in danger"
    expect(page.locator("main h1")).not_to_have_class("kw-listen-current")
    # Two sentences in one paragraph are handed over one at a time.
    page.evaluate("() => { for (let i = 0; i < 5; i++) window.__finish(); }")
    texts = [item["text"] for item in spoken(page)]
    assert "Urgent mental health help, any time." in texts
    assert "Call 111 and choose option 2." not in texts  # not reached yet

    pause = page.get_by_role("button", name="Pause")
    pause.click()
    assert page.evaluate("() => window.__paused") == 1
    resume = page.get_by_role("button", name="Resume")
    expect(resume).to_have_attribute("aria-pressed", "true")
    resume.click()
    assert page.evaluate("() => window.__resumed") == 1

    page.get_by_role("button", name="Stop").click()
    assert page.evaluate("() => window.__cancelled") >= 2
    expect(listen).to_be_visible()
    expect(listen).to_be_focused()
    expect(page.get_by_role("button", name="Stop")).to_be_hidden()
    expect(page.locator(".kw-listen-current")).to_have_count(0)
    said = len(spoken(page))
    page.evaluate("() => window.__finish()")  # a late end after Stop reads nothing more
    assert len(spoken(page)) == said


def test_the_controls_are_never_read_and_hidden_text_is_not_read(new_context):
    page = stubbed(new_context())
    page.goto("/help")
    page.get_by_role("button", name="Listen").click()
    page.evaluate("() => { for (let i = 0; i < 60; i++) window.__finish(); }")
    texts = " ".join(item["text"] for item in spoken(page))
    assert "Listen" not in texts and "Pause" not in texts
    assert "Call 999" in texts


def test_welsh_pages_are_read_in_welsh(new_context, live_server):
    context = new_context()
    set_language(context, live_server.url, "cy")
    page = stubbed(context)
    page.goto("/help")
    page.get_by_role("button", name="Gwrando").click()
    assert spoken(page)[0]["voice"] == "Stub Welsh"
    assert spoken(page)[0]["lang"].startswith("cy")


def test_hidden_where_the_browser_cannot_speak_the_pages_language(new_context, live_server):
    context = new_context()
    set_language(context, live_server.url, "cy")
    page = stubbed(context, '[{"lang": "en-GB", "name": "Stub English"}]')
    page.goto("/help")
    expect(page.locator(".kw-listen")).to_be_hidden()
    english = stubbed(new_context(), "[]")
    english.goto("/help")
    expect(english.locator(".kw-listen")).to_be_hidden()


def test_without_speech_or_without_javascript_the_page_is_unchanged(new_context):
    page = new_context().new_page()
    page.add_init_script("delete window.speechSynthesis; delete window.SpeechSynthesisUtterance;")
    page.goto("/help")
    expect(page.locator(".kw-listen")).to_be_hidden()
    plain = new_context(java_script_enabled=False).new_page()
    plain.goto("/help")
    expect(plain.get_by_role("heading", level=1)).to_have_text("Get help now")
    expect(plain.locator(".kw-listen")).to_be_hidden()


def test_listen_has_no_axe_violations_in_every_mode_while_reading(new_context, live_server):
    for language, served_mode in SERVED_IN:
        context = new_context()
        set_display(context, live_server.url, served_mode)
        set_language(context, live_server.url, language)
        page = stubbed(context, EVERY_LANGUAGE)
        page.goto("/accessibility-statement")
        assert_no_axe_violations_in_every_mode(page)
        page.locator("[data-listen=listen]").click()
        page.evaluate("() => { for (let i = 0; i < 4; i++) window.__finish(); }")
        expect(page.locator(".kw-listen-current")).to_have_count(1)
        assert_no_axe_violations_in_every_mode(page)
