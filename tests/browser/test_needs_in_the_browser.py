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


def invite_mentor(page: Page) -> str:
    page.goto("/circle/invite")
    page.get_by_label("Who are you inviting?").fill("Priya")
    page.get_by_label("Peer mentor: everything, and review together").check()
    page.get_by_role("button", name="Continue").click()
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
        expect(page.locator(".kw-easy--intro")).to_be_visible()
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
