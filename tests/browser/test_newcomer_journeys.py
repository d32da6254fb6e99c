"""What newcomers stumbled on (issue 10), each as the story of one person on a 360 px
phone: a first baseline with no false error, progress from the baseline alone, results
before the search form, a carer reading about the person (not to them), joining from an
invite link, and "I need help" asked once and taken back. Plus forced colours (Windows
High Contrast), where a chosen radio button and checkbox must still show."""

from __future__ import annotations

import io
import re

import pytest
from PIL import Image
from playwright.sync_api import Page, expect

from app.demo.listings import load_demo_directory
from tests.browser.pages import PlanPartPage, SignUpPage
from tests.browser.progress_pages import AssessmentFlow
from tests.browser.support import (
    assert_no_axe_violations,
    assert_no_axe_violations_in_every_mode,
    assert_no_horizontal_scroll,
    assert_page_checks,
    set_display,
    set_language,
)
from tests.support.progress import LLR_KEYS

PASSWORD = "lamp lake lettuce"


def checked(page: Page) -> None:
    assert_page_checks(page)
    assert_no_horizontal_scroll(page)
    assert_no_axe_violations_in_every_mode(page)


def invite_link(page: Page, label: str, preset: str = "Carer: crisis plan only") -> str:
    page.goto("/circle")
    page.get_by_role("link", name="Invite someone").click()
    page.get_by_label("Who are you inviting?").fill(label)
    page.get_by_label(preset).check()
    page.get_by_role("button", name="Continue").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Your invite is ready")
    return page.locator(".kw-invite__link a").inner_text()


def join_by_link(page: Page, link: str, username: str) -> None:
    """A newcomer with no account follows the link and signs up from it."""
    page.goto(link)
    page.get_by_role("link", name="Create an account").first.click()
    page.get_by_role("link", name="Create an account with a password").click()
    page.get_by_label("Choose a username").fill(username)
    page.get_by_label("Choose a password").fill(PASSWORD)
    page.get_by_label("Type the password again").fill(PASSWORD)
    page.get_by_role("button", name="Create account").click()
    page.get_by_role("link", name="I have saved my codes").click()
    page.get_by_role("button", name="Yes, join their circle").click()
    page.wait_for_url(re.compile(r"/people/\d+$"))


def test_a_first_baseline_shows_no_error_until_the_person_tries_to_go_on_without_answering(
    page: Page,
):
    SignUpPage(page).open().create_with_password("first-baseline", PASSWORD)
    AssessmentFlow(page).start_from_progress("Start your baseline").filled_in_with("On my own")
    expect(page.locator(".kw-ladder")).to_be_visible()
    expect(page.locator(".kw-error-summary")).to_have_count(0)
    expect(page.locator(".kw-error-message")).to_have_count(0)
    expect(page.locator("main")).not_to_contain_text("There is a problem")
    checked(page)

    page.get_by_role("button", name="Continue").click()
    expect(page.locator(".kw-error-summary")).to_contain_text("There is a problem")
    expect(page.locator(".kw-error-summary")).to_be_focused()
    checked(page)

    # The next question, reached by answering this one, opens clean again.
    page.locator(".kw-ladder input[value='5']").check()
    page.get_by_role("button", name="Continue").click()
    expect(page.locator(".kw-ladder")).to_be_visible()
    expect(page.locator(".kw-error-summary")).to_have_count(0)


def test_after_a_baseline_the_star_shows_the_table_fits_320px_and_a_low_score_offers_help(
    new_context,
):
    context = new_context(viewport={"width": 320, "height": 640})
    page = context.new_page()
    SignUpPage(page).open().create_with_password("star-from-baseline", PASSWORD)
    flow = AssessmentFlow(page).start_from_progress("Start your baseline")
    flow.filled_in_with("On my own")
    for key in LLR_KEYS:
        flow.answer("2" if key == "money" else "6")
    flow.save()

    page.goto("/progress")
    expect(page.locator("svg.kw-chart--radar")).to_be_visible()
    expect(page.locator("svg.kw-chart--radar .kw-chart__baseline")).to_have_count(1)
    table = page.locator("table", has=page.get_by_role("rowheader", name="Money"))
    expect(table).to_be_visible()
    sideways = table.evaluate("(t) => t.scrollWidth - t.parentElement.clientWidth")
    assert sideways <= 0, f"the scores table is {sideways}px wider than its box"
    checked(page)

    low = page.locator(".kw-low-scores")
    expect(low).to_contain_text("Money: 2 out of 10")
    expect(low.get_by_role("link", name="Get help now")).to_have_attribute("href", "/help")
    low.get_by_role("link", name=re.compile("Find groups near you for")).click()
    expect(page.get_by_role("heading", level=1)).to_be_visible()
    assert "types=" in page.url


@pytest.fixture
def directory(live_server):
    with live_server.app.app_context():
        load_demo_directory()


def test_a_search_opens_at_its_results_and_the_group_page_leads_back_to_them(
    new_context, live_server, directory
):
    page = new_context().new_page()
    SignUpPage(page).open().create_with_password("results-first", PASSWORD)
    page.goto("/groups")
    page.get_by_label("Town or postcode").fill("Witney")
    page.get_by_label("How far you can travel").select_option("25")
    page.get_by_role("button", name="Search").click()

    heading = page.get_by_role("heading", level=1)
    expect(heading).to_have_text(re.compile(r"^\d+ groups? near Witney"))
    expect(page).to_have_title(re.compile(r"groups? near Witney"))
    summary = heading.inner_text()
    results_url = page.url
    first_card = page.locator(".kw-group-card").first
    box = first_card.bounding_box()
    assert box is not None and box["y"] < 740, "the first result is below the first screen"
    # The form is folded behind "Change your search".
    expect(page.get_by_label("Town or postcode")).to_be_hidden()
    page.get_by_text("Change your search").click()
    expect(page.get_by_label("Town or postcode")).to_have_value("Witney")
    # Group names sit one level under the results summary.
    expect(first_card.get_by_role("heading", level=2)).to_have_count(1)
    checked(page)

    name = first_card.get_by_role("heading", level=2).inner_text()
    first_card.get_by_role("link").first.click()
    expect(page.get_by_role("heading", level=1)).to_have_text(name)
    page.get_by_role("link", name="Back to your search").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(summary)

    # Saved to the plan, a group keeps when it meets and how to reach it, not just a name.
    page.locator(".kw-group-card").first.get_by_role("link").first.click()
    page.get_by_label("Things I might do (daily plan)").check()
    page.get_by_role("button", name="Save to my plan").click()
    expect(page.locator(".kw-notice--success")).to_contain_text("Saved to your plan")
    saved = page.locator("#section-might_do .kw-entry", has_text=name)
    expect(saved).to_have_count(1)
    expect(saved).to_contain_text(re.compile(r"Meets: |Next: "))
    expect(saved.get_by_role("link", name=name, exact=True)).to_have_count(1)

    # Without JavaScript, "Change your search" still opens the form.
    plain = new_context(java_script_enabled=False).new_page()
    plain.goto(results_url)
    expect(plain.get_by_role("heading", level=1)).to_have_text(summary)
    expect(plain.get_by_label("Town or postcode")).to_be_hidden()
    plain.get_by_text("Change your search").click()
    expect(plain.get_by_label("Town or postcode")).to_have_value("Witney")


def test_a_carer_reads_about_the_person_and_is_offered_only_what_they_may_do(new_context):
    alex = new_context().new_page()
    SignUpPage(alex).open().create_with_password("Alex", PASSWORD)
    PlanPartPage(alex, "crisis-plan").open().add("Add an allergy", "Penicillin")
    PlanPartPage(alex, "crisis-plan").open().change("Penicillin", "Penicillin and latex")
    link = invite_link(alex, "Mum")

    carer = new_context().new_page()
    join_by_link(carer, link, "alex-mum")
    main = carer.locator("main")
    expect(main).to_contain_text("Get Alex's 'I need help' alerts")
    expect(main).not_to_contain_text("Get my 'I need help' alerts")
    checked(carer)

    # Home lists the people they support.
    carer.goto("/")
    expect(carer.get_by_role("heading", name="People you support")).to_be_visible()
    carer.get_by_role("link", name="Alex", exact=True).click()
    carer.get_by_role("link", name="Alex's plan").click()
    carer.get_by_role("link", name="Crisis plan", exact=True).click()
    expect(main).to_contain_text("Penicillin and latex")
    expect(main).to_contain_text(re.compile(r"What Alex wants|Alex's"))
    expect(main).not_to_contain_text("What you want")
    expect(main).not_to_contain_text("Nothing written yet")
    folded = carer.locator(".kw-empty-sections__summary")
    expect(folded).to_have_text(re.compile(r"^Alex has not written \d+ sections yet$"))
    # May suggest, may not change: no history, no "Put this version back".
    expect(carer.get_by_role("link", name=re.compile("history", re.I))).to_have_count(0)
    expect(carer.get_by_role("button", name="Put this version back")).to_have_count(0)
    checked(carer)
    history = carer.url + "/history"
    response = carer.goto(history)
    assert response is not None and response.status in (403, 404)

    # Alex removes the entry: the carer's copy and any history never show its words.
    alex.goto("/plan/crisis-plan")
    PlanPartPage(alex, "crisis-plan").open_entry("Penicillin and latex")
    alex.get_by_role("link", name=re.compile("Remove")).click()
    alex.get_by_role("button", name=re.compile("Yes, remove")).click()
    carer.goto(history.removesuffix("/history"))
    expect(main).not_to_contain_text("Penicillin")


def test_an_invite_link_says_who_invited_them_and_keeps_the_invite_through_signing_up(
    new_context,
):
    sam = new_context().new_page()
    SignUpPage(sam).open().create_with_password("Sam", PASSWORD)
    link = invite_link(sam, "Rae")

    newcomer = new_context().new_page()
    newcomer.goto(link)
    expect(newcomer.get_by_role("heading", level=1)).to_have_text("Sam has invited you")
    expect(newcomer.locator("main")).to_contain_text("See in Sam's plan: Crisis plan")
    # "Create an account" comes first, before signing in.
    actions = newcomer.locator("main a").all_inner_texts()
    assert actions.index("Create an account") < actions.index("Sign in to say yes")
    checked(newcomer)
    # The header's own "Create an account" keeps the invite too.
    header_link = newcomer.locator("header").get_by_role("link", name="Create an account")
    assert "next=" in (header_link.get_attribute("href") or "")

    join_by_link(newcomer, link, "rae-newcomer")
    expect(newcomer.get_by_role("heading", level=1)).to_have_text("Sam")
    expect(newcomer.locator(".kw-notice--success")).to_contain_text("You have joined the circle.")


def test_i_need_help_asks_once_names_who_is_told_and_can_be_taken_back(new_context):
    jo = new_context().new_page()
    SignUpPage(jo).open().create_with_password("Jodie", PASSWORD)
    PlanPartPage(jo, "crisis-plan").open().add("Add an allergy", "Penicillin")
    link = invite_link(jo, "Kim")
    kim = new_context().new_page()
    join_by_link(kim, link, "kim-carer")

    jo.goto("/help")
    jo.get_by_role("link", name="I need help").click()
    expect(jo.get_by_role("heading", level=1)).to_have_text("Send an 'I need help' alert to Kim?")
    expect(jo.locator("main")).to_contain_text("when they next open Keepwell")
    checked(jo)
    # Nothing is sent by opening the page: Kim has no alert yet.
    kim.goto("/")
    expect(kim.locator(".kw-alert")).to_have_count(0)

    jo.get_by_label(re.compile("number")).fill("07700 900123")
    jo.get_by_role("button", name="Yes, send it").click()
    expect(jo.get_by_role("heading", level=1)).to_have_text("We have told your circle")
    checked(jo)

    kim.goto("/")
    alert = kim.locator(".kw-alert")
    expect(alert).to_contain_text("Jodie asked for help")
    expect(alert.get_by_role("link", name=re.compile("^Call Jodie"))).to_have_attribute(
        "href", "tel:07700900123"
    )
    expect(alert.get_by_role("link", name="Call 999")).to_have_attribute("href", "tel:999")
    expect(alert).to_be_focused()
    checked(kim)
    alert.get_by_role("link", name="See Jodie's crisis plan").click()
    expect(kim.locator("main")).to_contain_text("Penicillin")

    jo.get_by_role("button", name="I'm OK now").click()
    expect(jo.locator(".kw-notice--success")).to_contain_text("We have told them you are OK now.")
    kim.goto("/")
    expect(kim.locator(".kw-alert")).to_contain_text("Jodie says they are OK now")
    expect(
        kim.locator(".kw-alert").get_by_role("link", name=re.compile("^Call Jodie"))
    ).to_have_count(0)


def _changed_pixels_when_chosen(page: Page, choice) -> int:  # noqa: ANN001
    """How many pixels of a radio button or checkbox change when it is chosen (focus
    taken away again, so only the choice itself is compared): 0 means invisible."""
    box = choice.bounding_box()
    assert box is not None

    def picture() -> Image.Image:
        return Image.open(io.BytesIO(page.screenshot(clip=box))).convert("RGB")

    before = picture()
    choice.check()
    page.evaluate("() => document.activeElement && document.activeElement.blur()")
    after = picture()
    return sum(
        1
        for a, b in zip(before.get_flattened_data(), after.get_flattened_data(), strict=True)
        if a != b
    )


@pytest.mark.parametrize("language", ["en", "cy"])
def test_in_forced_colours_the_chosen_radio_and_checkbox_still_show(
    new_context, live_server, language
):
    context = new_context(forced_colors="active")
    set_language(context, live_server.url, language)
    page = context.new_page()
    page.goto("/display")
    assert page.evaluate("() => matchMedia('(forced-colors: active)').matches")
    radio = page.locator(".kw-radios__input").nth(1)
    checkbox = page.locator(".kw-checkboxes__input").first
    assert not radio.is_checked() and not checkbox.is_checked()
    # A 20 px dot is about 300 pixels; the tick about 100.
    assert _changed_pixels_when_chosen(page, radio) > 150
    assert _changed_pixels_when_chosen(page, checkbox) > 50
    assert_no_axe_violations(page)
    # "Call 999" keeps its button outline.
    page.goto("/help")
    call = page.get_by_role("link", name=re.compile("999")).first
    assert call.evaluate("(a) => getComputedStyle(a).borderTopStyle") == "solid"
    assert call.evaluate("(a) => parseFloat(getComputedStyle(a).borderTopWidth)") >= 2


# WCAG 1.4.12's text-spacing test: what a reader's own style sheet may ask for.
TEXT_SPACING = """
* { line-height: 1.5 !important; letter-spacing: 0.12em !important;
    word-spacing: 0.16em !important; }
p { margin-bottom: 2em !important; }
"""


@pytest.mark.parametrize("media", ["screen", "print"])
def test_the_large_print_plan_keeps_inside_the_page_with_wider_text_spacing(
    new_context, live_server, media
):
    # bypass_csp: the reader's style sheet is theirs, not an inline style of ours.
    context = new_context(viewport={"width": 320, "height": 640}, bypass_csp=True)
    set_display(context, live_server.url, "extra_large")
    page = context.new_page()
    SignUpPage(page).open().create_with_password("spacing-reader", PASSWORD)
    PlanPartPage(page, "crisis-plan").open().add(
        "Add an allergy", "Penicillin, and plasters with latex in them"
    )
    PlanPartPage(page, "triggers").open().add(  # long words and an address do not spill
        "Add a trigger",
        "Gwasanaethaucymorthiechydmeddwl https://www.example.org/a-very-long-address-indeed",
    )
    page.goto("/plan/print?size=large")
    page.emulate_media(media=media)
    page.add_style_tag(content=TEXT_SPACING)
    assert_no_horizontal_scroll(page)
    spilled = page.evaluate(
        """() => [...document.querySelectorAll("main *")]
            .filter((e) => e.scrollWidth > e.clientWidth + 1
                && getComputedStyle(e).overflowX === "visible" && e.clientWidth > 0)
            .map((e) => e.tagName + "." + e.className + " " + (e.scrollWidth - e.clientWidth))"""
    )
    assert spilled == [], f"words spill out of their boxes: {spilled}"
