"""My communication needs in the browser: asked once after signing up, one question per
page; the flag a peer mentor sees before a review together; the passport printed in
large print; the accessibility statement. Every page scanned with axe in every mode."""

from __future__ import annotations

import re

from playwright.sync_api import Page, expect

from tests.browser.pages import SignInPage, SignUpPage
from tests.browser.support import (
    SERVED_IN,
    STANDARD,
    assert_no_axe_violations_in_every_mode,
    assert_no_horizontal_scroll,
    assert_page_checks,
    scan_as_each_viewer,
    set_display,
    set_language,
)
from tests.support.helpers import make_person

PASSWORD = "lamp lake lettuce"
FLAG = "Needs a BSL interpreter · Easy read"


def start_a_review(page: Page) -> str:
    """Start a progress review on my own; the URL of its first question."""
    page.goto("/progress/llr9/start")
    page.get_by_role("button", name="Start").click()
    page.locator("input[name=completed_with][value=alone]").check()
    page.get_by_role("button", name="Continue").click()
    page.wait_for_url(re.compile(r"/areas/"))
    return page.url.removeprefix(page.url.split("/progress/")[0])


def make_an_invite(page: Page, preset: str, label: str = "Jo") -> None:
    page.goto("/circle/invite")
    page.locator("#label").fill(label)
    page.locator(f"input[name=preset][value={preset}]").check()
    page.locator("main form[action$='/circle/invite'] button[type=submit]").click()


def invite_mentor(page: Page) -> str:
    """By the form's names and values: someone who needs easy read gets the easy-read
    invite page, whose choices have other words."""
    make_an_invite(page, "peer_mentor_everything", "Priya")
    return page.locator(".kw-invite__code code").inner_text()


def answer_the_questions(page: Page) -> None:
    """The issue's person: BSL, easy read, large print and a BSL interpreter."""
    expect(page.get_by_role("heading", level=1)).to_have_text("How do you like to get information?")
    page.get_by_role("link", name="Start").click()
    expect(page.get_by_text("Question 1 of 5")).to_be_visible()
    page.get_by_label("British Sign Language (BSL)", exact=True).check()
    page.get_by_role("button", name="Save and continue").click()
    page.get_by_label("Easy read").check()
    page.get_by_label("Large print (20 point or bigger)").check()
    page.get_by_role("button", name="Save and continue").click()
    # Large print in the needs: Keepwell offers to make its own text large.
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Make the text large in Keepwell too?"
    )
    page.get_by_role("button", name="Yes, please").click()
    page.get_by_label("A British Sign Language (BSL) interpreter").check()
    page.get_by_role("button", name="Save and continue").click()
    page.get_by_role("link", name="Skip this question").click()  # how to contact
    page.get_by_role("button", name="Save and continue").click()  # anything else: empty
    expect(page.get_by_role("heading", level=1)).to_have_text("My communication needs")


def test_asked_once_recorded_flagged_and_the_passport_prints_large(new_context, live_server):
    person_context = new_context()
    person = person_context.new_page()
    SignUpPage(person).create_with_password("needs-person", PASSWORD)
    person.get_by_role("link", name="I have saved my codes").click()
    answer_the_questions(person)
    main = person.locator("main")
    # From then on: large print, and easy read where a page has it (the "done").
    expect(person.locator("html")).to_have_class("kw-text-large")
    person.goto("/help")
    expect(person.get_by_text("Are you in danger now?")).to_be_visible()
    person.goto("/account/communication-needs")
    expect(main).to_contain_text("British Sign Language (BSL)")
    expect(main).to_contain_text("A British Sign Language (BSL) interpreter")
    code = invite_mentor(person)

    mentor_user = make_person(live_server.app, "Priya", username="needs-mentor", password=PASSWORD)
    mentor = new_context().new_page()
    SignInPage(mentor).open().with_password(mentor_user.username, PASSWORD)
    mentor.goto(f"/circle/join/{code}")
    mentor.get_by_role("button", name="Yes, join their circle").click()
    mentor.wait_for_url(re.compile(r"/people/\d+$"))
    person_url = mentor.url
    expect(mentor.locator("main .kw-needs-flag")).to_contain_text(FLAG)

    mentor.goto("/people")
    expect(mentor.locator(".kw-card").first).to_contain_text(FLAG)
    mentor.goto(person_url + "/progress/llr9/start")
    flag = mentor.locator("main .kw-needs-flag")
    expect(flag).to_contain_text(FLAG)
    # The flag comes before the page's heading: seen first, before the review starts.
    assert mentor.evaluate(
        """() => {
          const flag = document.querySelector('main .kw-needs-flag');
          const heading = document.querySelector('main h1');
          return !!(flag.compareDocumentPosition(heading) & Node.DOCUMENT_POSITION_FOLLOWING);
        }"""
    )

    person.goto("/account/communication-passport")
    person.get_by_role("link", name="Switch to large print").click()
    expect(person.locator("main")).to_contain_text("204331000000107")
    expect(person.locator("main")).to_contain_text("Priya (peer mentor)")
    expect(person.get_by_role("button", name="Print this page")).to_be_visible()
    person.emulate_media(media="print")
    size = person.evaluate(
        "() => parseFloat(getComputedStyle(document.querySelector('.kw-passport dd')).fontSize)"
    )
    assert size >= 20 * 96 / 72 - 0.5, f"printed at {size}px, under 20 point"
    person.emulate_media(media="screen")


def test_every_new_page_has_no_axe_violations_in_every_mode(new_context, live_server):
    app = live_server.app
    owner_user = make_person(app, "Sam", username="needs-axe-owner", password=PASSWORD)
    owner_context = new_context()
    owner = owner_context.new_page()
    SignInPage(owner).open().with_password(owner_user.username, PASSWORD)
    owner.goto("/account/communication-needs/formats")
    owner.get_by_label("Easy read").check()
    owner.get_by_role("button", name="Save").click()
    owner.goto("/account/communication-needs/support")
    owner.get_by_label("A British Sign Language (BSL) interpreter").check()
    owner.get_by_role("button", name="Save").click()
    code = invite_mentor(owner)
    mentor_user = make_person(app, "Priya", username="needs-axe-mentor", password=PASSWORD)
    mentor_context = new_context()
    mentor = mentor_context.new_page()
    SignInPage(mentor).open().with_password(mentor_user.username, PASSWORD)
    mentor.goto(f"/circle/join/{code}")
    mentor.get_by_role("button", name="Yes, join their circle").click()
    mentor.wait_for_url(re.compile(r"/people/\d+$"))
    person_url = mentor.url

    owner_pages = [
        "/account/communication-needs",
        "/account/communication-needs/ask",
        "/account/communication-needs/language?asking=1",
        "/account/communication-needs/formats",
        "/account/communication-needs/support?asking=1",
        "/account/communication-needs/contact",
        "/account/communication-needs/other?asking=1",
        "/account/communication-passport",
        "/account/communication-passport?size=large",
        "/account/communication-needs/apply/large-print",
        "/accessibility-statement",
        "/help",  # the routes for Deaf people
    ]
    mentor_pages = ["/people", person_url, person_url + "/plan"]
    scan_as_each_viewer(
        live_server.url,
        [(owner_context, owner, owner_pages), (mentor_context, mentor, mentor_pages)],
    )
    # A question answered wrongly: the error summary and message, scanned too.
    set_display(owner_context, live_server.url, STANDARD)
    set_language(owner_context, live_server.url, "en")
    owner.goto("/account/communication-needs/language")
    owner.get_by_role("radio", name="Another language").check()
    owner.get_by_role("button", name="Save").click()
    expect(owner.locator(".kw-error-summary")).to_contain_text("Say which language you prefer")
    assert_no_axe_violations_in_every_mode(owner)


def test_the_new_pages_fit_320_pixels_and_work_by_keyboard(new_context, live_server):
    app = live_server.app
    user = make_person(app, "Sam", username="needs-narrow", password=PASSWORD)
    page = new_context(viewport={"width": 320, "height": 640}).new_page()
    SignInPage(page).open().with_password(user.username, PASSWORD)
    for path in (
        "/account/communication-needs/support",
        "/account/communication-passport?size=large",
        "/accessibility-statement",
        "/help",
    ):
        page.goto(path)
        assert_no_horizontal_scroll(page)
    page.goto("/account/communication-needs/formats")
    page.get_by_label("Easy read").focus()
    page.keyboard.press("Space")
    own_words = page.get_by_label("Something else (optional)")
    own_words.focus()
    page.keyboard.type("Pictures help me")
    page.keyboard.press("Enter")  # submits the form from a text field
    expect(page.get_by_role("heading", level=1)).to_have_text("My communication needs")
    expect(page.locator("main")).to_contain_text("Pictures help me")
    expect(page.locator("main")).to_contain_text("Easy read")


def test_easy_read_on_and_off_with_no_axe_violations_in_every_mode(new_context, live_server):
    app = live_server.app
    user = make_person(app, "Sam", username="needs-easy", password=PASSWORD)
    for language, served_mode in SERVED_IN:
        context = new_context()
        set_display(context, live_server.url, served_mode)
        set_language(context, live_server.url, language)
        page = context.new_page()
        page.goto("/")
        assert_no_axe_violations_in_every_mode(page)
        page.locator(".kw-easy__switch button").click()  # "Easy read version"
        expect(page.locator(".kw-easy")).to_be_visible()
        assert_page_checks(page)
        assert_no_axe_violations_in_every_mode(page)
        assert_no_horizontal_scroll(page)
        page.goto("/auth/sign-up")
        expect(page.locator(".kw-easy__point").first).to_be_visible()
        assert_no_axe_violations_in_every_mode(page)
        page.goto("/help")
        expect(page.locator(".kw-easy__point").first).to_be_visible()
        assert_no_axe_violations_in_every_mode(page)
        # At least 14 point (18.67 px) however the page is displayed.
        size = page.evaluate(
            "() => parseFloat(getComputedStyle(document.querySelector('.kw-easy p')).fontSize)"
        )
        assert size >= 14 * 96 / 72 - 0.5
        page.locator(".kw-easy__switch button").click()  # "Standard version"
        expect(page.locator(".kw-easy")).to_have_count(0)
        assert_no_axe_violations_in_every_mode(page)
    # A signed-in person who needs easy read gets it without switching anything.
    page = new_context().new_page()
    SignInPage(page).open().with_password(user.username, PASSWORD)
    page.goto("/account/communication-needs/formats")
    page.get_by_label("Easy read").check()
    page.get_by_role("button", name="Save").click()
    page.goto("/help")
    expect(page.get_by_text("Are you in danger now?")).to_be_visible()
    page.goto("/plan/crisis-plan")
    expect(
        page.get_by_text("This plan is for when you cannot look after yourself.")
    ).to_be_visible()
    assert_no_axe_violations_in_every_mode(page)


# Every text in an easy-read page's main content at least 14 point (18.67 px), the
# visually hidden words for screen readers aside.
SMALL_EASY_TEXT = """() => [...document.querySelectorAll('main .kw-easy *')]
  .filter((el) => [...el.childNodes].some((n) => n.nodeType === 3 && n.textContent.trim()))
  .filter((el) => !el.closest('.kw-visually-hidden, [hidden], noscript'))
  .filter((el) => parseFloat(getComputedStyle(el).fontSize) < 14 * 96 / 72 - 0.5)
  .map((el) => `${el.tagName} ${getComputedStyle(el).fontSize}: ${el.textContent.trim()}`)"""


def test_the_easy_read_pages_have_no_axe_violations_in_every_mode(new_context, live_server):
    """Sign-up, a progress question, the circle invite (made and opened) and the reminder
    settings in easy read: every language, every mode, at least 14 point."""
    from app.extensions import limiter

    app = live_server.app
    owner_user = make_person(app, "Sam", username="easy-axe-owner", password=PASSWORD)
    owner_context = new_context()
    owner = owner_context.new_page()
    SignInPage(owner).open().with_password(owner_user.username, PASSWORD)
    owner.goto("/account/communication-needs/formats")  # easy read from the needs
    owner.get_by_label("Easy read").check()
    owner.get_by_role("button", name="Save").click()
    question = start_a_review(owner)
    make_an_invite(owner, "peer_mentor_everything")
    code = owner.locator(".kw-invite__code code").inner_text()
    newcomer_context = new_context()  # no account: easy read from this device's switch
    newcomer_context.add_cookies([{"name": "kw_easy_read", "value": "1", "url": live_server.url}])
    newcomer = newcomer_context.new_page()
    mentor_user = make_person(app, "Priya", username="easy-axe-mentor", password=PASSWORD)
    mentor_context = new_context()
    mentor_context.add_cookies([{"name": "kw_easy_read", "value": "1", "url": live_server.url}])
    mentor = mentor_context.new_page()
    SignInPage(mentor).open().with_password(mentor_user.username, PASSWORD)

    owner_pages = [question, "/circle/invite", "/reminders"]
    newcomer_pages = ["/auth/sign-up", "/auth/sign-up/password"]
    for page, path in [(owner, p) for p in owner_pages] + [(newcomer, p) for p in newcomer_pages]:
        page.goto(path)
        expect(page.locator("main .kw-easy__point").first).to_be_visible()
        assert page.evaluate(SMALL_EASY_TEXT) == [], path
    scan_as_each_viewer(
        live_server.url,
        [(owner_context, owner, owner_pages), (newcomer_context, newcomer, newcomer_pages)],
    )
    # Opening the invite, with and without an account (a link tried at most 10 times in
    # 15 minutes from one address: the limit starts again for each).
    for context, page in ((newcomer_context, newcomer), (mentor_context, mentor)):
        limiter.reset()
        page.goto(f"/circle/join/{code}")
        expect(page.locator("main .kw-easy__point").first).to_be_visible()
        assert page.evaluate(SMALL_EASY_TEXT) == []
        scan_as_each_viewer(live_server.url, [(context, page, [f"/circle/join/{code}"])])
    # The pages that answer a form: choosing each thing, and the invite made.
    for language, served_mode in SERVED_IN:
        set_display(owner_context, live_server.url, served_mode)
        set_language(owner_context, live_server.url, language)
        make_an_invite(owner, "custom")
        expect(owner.locator("main .kw-easy__point").first).to_be_visible()
        assert_page_checks(owner)
        assert_no_axe_violations_in_every_mode(owner)
        owner.locator("input[name=role][value=carer]").check()
        owner.locator("main form[action$='/circle/invite/custom'] button[type=submit]").click()
        expect(owner.locator(".kw-invite__code code")).to_be_visible()
        assert_page_checks(owner)
        assert_no_axe_violations_in_every_mode(owner)
    # An answer missing: the error summary on the easy-read page, scanned too.
    set_display(owner_context, live_server.url, STANDARD)
    set_language(owner_context, live_server.url, "en")
    owner.goto(question)
    owner.get_by_role("button", name="Continue").click()
    expect(owner.locator(".kw-error-summary")).to_be_visible()
    assert_no_axe_violations_in_every_mode(owner)


def test_the_easy_read_pages_fit_320_pixels_and_work_by_keyboard(new_context, live_server):
    app = live_server.app
    user = make_person(app, "Sam", username="easy-narrow", password=PASSWORD)
    context = new_context(viewport={"width": 320, "height": 640})
    context.add_cookies([{"name": "kw_easy_read", "value": "1", "url": live_server.url}])
    page = context.new_page()
    for path in ("/auth/sign-up", "/auth/sign-up/password"):
        page.goto(path)
        assert_no_horizontal_scroll(page)
    SignInPage(page).open().with_password(user.username, PASSWORD)
    question = start_a_review(page)
    for path in (question, "/circle/invite", "/reminders"):
        page.goto(path)
        assert_no_horizontal_scroll(page)
    # By keyboard: a step chosen with the arrow keys, the form sent with Enter.
    page.goto(question)
    expect(page.get_by_text("I feel well, and I can cope with ups and downs.")).to_be_visible()
    page.get_by_label("10 I feel well, and I can cope with ups and downs.").focus()
    page.keyboard.press("ArrowDown")  # to step 9
    expect(page.get_by_label("9 I feel in charge of my feelings most of the time.")).to_be_checked()
    page.get_by_role("button", name="Continue").focus()
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"/areas/physical$"))
    page.go_back()
    page.reload()
    expect(page.get_by_label("9 I feel in charge of my feelings most of the time.")).to_be_checked()
    page.goto("/circle/invite")
    page.get_by_label("Who are you inviting?").focus()
    page.keyboard.type("Jo")
    page.get_by_label("A carer. They see your crisis plan only.").focus()
    page.keyboard.press("Space")
    page.keyboard.press("Tab")
    expect(page.get_by_role("button", name="Continue")).to_be_focused()
    page.keyboard.press("Enter")
    expect(page.locator(".kw-invite__code code")).to_be_visible()
    assert_no_horizontal_scroll(page)


def test_easy_read_sign_up_makes_a_passkey_and_works_without_javascript(new_context, live_server):
    from tests.browser.support import add_virtual_authenticator

    context = new_context()
    context.add_cookies([{"name": "kw_easy_read", "value": "1", "url": live_server.url}])
    page = context.new_page()
    add_virtual_authenticator(page)
    page.goto("/auth/sign-up")
    page.get_by_label("What should we call you?").fill("Kit")
    page.get_by_role("button", name="Create account with a passkey").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Save your recovery codes")
    # Without JavaScript: no passkey, the way to a password instead, and the forms work.
    plain = new_context(java_script_enabled=False)
    plain.add_cookies([{"name": "kw_easy_read", "value": "1", "url": live_server.url}])
    page = plain.new_page()
    page.goto("/auth/sign-up")
    # (Playwright's switch leaves the parser scripting, so <noscript> is not shown here.)
    expect(page.get_by_role("button", name="Create account with a passkey")).to_be_hidden()
    page.get_by_role("link", name="Create an account with a password").click()
    page.get_by_label("Choose a username").fill("easy-no-js")
    page.get_by_label("Choose a password").fill(PASSWORD)
    page.get_by_label("Type the password again").fill(PASSWORD)
    page.get_by_role("button", name="Create account").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Save your recovery codes")
    page.goto("/reminders")
    expect(page.locator("main .kw-easy__point").first).to_be_visible()
    page.get_by_label("Every day, to look at my daily plan").check()
    page.get_by_role("button", name="Save settings").click()
    expect(page.get_by_text("Reminder settings saved.")).to_be_visible()
    expect(page.get_by_label("Every day, to look at my daily plan")).to_be_checked()


# A real, tiny clip made in the browser itself: two seconds of a canvas, recorded as
# WebM by MediaRecorder, handed back as base64.
MAKE_CLIP = """async () => {
  const canvas = document.createElement("canvas");
  canvas.width = 64; canvas.height = 48;
  const context = canvas.getContext("2d");
  const stream = canvas.captureStream(10);
  const recorder = new MediaRecorder(stream, { mimeType: "video/webm" });
  const chunks = [];
  recorder.ondataavailable = (event) => chunks.push(event.data);
  let frame = 0;
  const timer = setInterval(() => {
    context.fillStyle = frame++ % 2 ? "#005eb8" : "#ffeb3b";
    context.fillRect(0, 0, 64, 48);
  }, 100);
  recorder.start();
  await new Promise((done) => setTimeout(done, 1500));
  recorder.stop();
  await new Promise((done) => { recorder.onstop = done; });
  clearInterval(timer);
  const bytes = new Uint8Array(await new Blob(chunks, { type: "video/webm" }).arrayBuffer());
  let text = "";
  for (const byte of bytes) text += String.fromCharCode(byte);
  return btoa(text);
}"""
CAPTIONS = b"WEBVTT\n\n00:00.000 --> 00:01.400\nHello. This is Get help now in BSL.\n"


def test_a_bsl_video_with_captions_and_transcript(new_context, live_server):
    import base64

    from app.data.accounts.models import User
    from app.data.database import db
    from app.data.groups.people import grant_manager

    app = live_server.app
    manager_user = make_person(app, "Morgan", username="needs-bsl-manager", password=PASSWORD)
    with app.app_context():
        grant_manager(db.session.get(User, manager_user.id))
        db.session.commit()
    manager = new_context().new_page()
    SignInPage(manager).open().with_password(manager_user.username, PASSWORD)
    manager.goto("/manage/bsl-videos")
    assert_no_axe_violations_in_every_mode(manager)
    clip = base64.b64decode(manager.evaluate(MAKE_CLIP))
    assert clip[:4] == b"\x1a\x45\xdf\xa3" and len(clip) > 100
    manager.goto("/manage/bsl-videos/help")
    assert_no_axe_violations_in_every_mode(manager)
    manager.get_by_label("The BSL video").set_input_files(
        {"name": "help.webm", "mimeType": "video/webm", "buffer": clip}
    )
    manager.get_by_label("Captions").set_input_files(
        {"name": "help.vtt", "mimeType": "text/vtt", "buffer": CAPTIONS}
    )
    manager.get_by_label("Written transcript").fill("Hello. This is Get help now in BSL.")
    manager.get_by_role("button", name="Save").click()
    expect(manager.locator(".kw-notice--success")).to_contain_text("The BSL video is on the page")

    for language, served_mode in SERVED_IN:
        context = new_context()
        set_display(context, live_server.url, served_mode)
        set_language(context, live_server.url, language)
        page = context.new_page()
        requests: list[str] = []
        page.on("request", lambda request, seen=requests: seen.append(request.url))
        page.goto("/help")
        assert not any("/bsl/help/" in url for url in requests), requests
        # The captions switch on when the video is opened (bsl-video.js): open it once
        # the page's modules have started, as a slow phone's first tap may come sooner.
        page.wait_for_selector("html[data-ready]", state="attached")
        page.locator(".kw-bsl__summary").click()
        video = page.locator("video.kw-bsl__video")
        expect(video).to_be_visible()
        page.locator(".kw-bsl__transcript summary").click()
        expect(page.locator(".kw-bsl__transcript")).to_contain_text("Get help now in BSL")
        page.evaluate("() => document.querySelector('video.kw-bsl__video').play()")
        page.wait_for_function(
            """() => {
              const track = document.querySelector('video.kw-bsl__video').textTracks[0];
              return track && track.mode === 'showing' && track.cues && track.cues.length === 1;
            }"""
        )
        cue = page.evaluate(
            "() => document.querySelector('video.kw-bsl__video').textTracks[0].cues[0].text"
        )
        assert cue == "Hello. This is Get help now in BSL."
        assert_no_axe_violations_in_every_mode(page)
        assert_no_horizontal_scroll(page)


def test_the_yearly_review_on_the_home_page(new_context, live_server):
    from datetime import timedelta

    from sqlalchemy import update

    from app.data.base import utcnow
    from app.data.database import db
    from app.data.needs.models import CommunicationNeeds

    app = live_server.app
    user = make_person(app, "Sam", username="needs-review", password=PASSWORD)
    page = new_context().new_page()
    SignInPage(page).open().with_password(user.username, PASSWORD)
    page.goto("/account/communication-needs/formats")
    page.get_by_label("Easy read").check()
    page.get_by_role("button", name="Save").click()
    with app.app_context():
        db.session.execute(
            update(CommunicationNeeds)
            .where(CommunicationNeeds.owner_id == user.id)
            .values(checked_at_utc=utcnow() - timedelta(days=400))
        )
        db.session.commit()
    page.goto("/")
    panel = page.locator("#needs-review-title")
    expect(panel).to_have_text("Are your communication needs still right?")
    assert_no_axe_violations_in_every_mode(page)
    page.get_by_role("button", name="Yes, they are still right").click()
    expect(page.locator(".kw-notice--success")).to_contain_text("still right")
    expect(page.locator("#needs-review-title")).to_have_count(0)
