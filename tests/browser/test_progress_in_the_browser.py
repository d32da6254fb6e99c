"""My progress in the browser: a baseline then a review on a phone, every new page axe-
clean in every display mode and in Welsh, and the charts right-to-left."""

from __future__ import annotations

import re
from datetime import date, timedelta

import pytest
from playwright.sync_api import Page, expect

from tests.browser.conftest import PHONE
from tests.browser.pages import SignUpPage
from tests.browser.progress_pages import AssessmentFlow, sign_in_as
from tests.browser.support import (
    SERVED_IN,
    assert_no_axe_violations,
    assert_no_axe_violations_in_every_mode,
    assert_no_horizontal_scroll,
    assert_page_checks,
    set_display,
    set_language,
)
from tests.support.helpers import make_person
from tests.support.progress import LLR_KEYS, make_assessment

STEPS = {
    "emotional": "4",
    "physical": "5",
    "home": "6",
    "money": "3",
    "safety": "7",
    "risks": "5",
    "relationships": "6",
    "community": "2",
}


def checked(page: Page) -> None:
    assert_page_checks(page)
    assert_no_axe_violations_in_every_mode(page)


def test_a_baseline_then_a_review_on_a_phone(page: Page):
    SignUpPage(page).open().create_with_password("progress-phone", "lamp lake lettuce")
    page.goto("/progress")
    checked(page)
    flow = AssessmentFlow(page).start_from_progress("Start your baseline")
    checked(page)
    flow.filled_in_with("With a peer mentor", "Priya")
    for key in LLR_KEYS:
        checked(page)
        assert_no_horizontal_scroll(page)
        if key == "work":
            flow.answer("Not for me right now")
        else:
            flow.answer(STEPS[key], "Ask Citizens Advice" if key == "money" else "")
    checked(page)
    flow.save(taken_on=date.today() - timedelta(days=44))
    checked(page)
    page.locator("#area-money").get_by_role(
        "button", name=re.compile("Add to my wellness toolbox")
    ).click()
    expect(page.locator(".kw-notice--success")).to_contain_text("Added to Wellness toolbox.")

    page.goto("/progress")
    expect(page.locator(".kw-review")).to_contain_text("Your progress review is due")
    flow.start_from_progress("Start your review")
    flow.filled_in_with("On my own")
    for key in LLR_KEYS:
        flow.answer(
            "8"
            if key in ("emotional", "money")
            else ("1" if key == "safety" else STEPS.get(key, "3"))
        )
    flow.save()
    page.goto("/progress")
    checked(page)
    assert_no_horizontal_scroll(page)
    expect(page.locator(".kw-lede")).to_have_text(
        "Since you started, 2 areas went up, 1 area went down and 5 areas stayed the same."
    )
    expect(page.locator("svg.kw-chart--radar")).to_have_attribute("role", "img")
    expect(page.locator("svg.kw-chart--line")).to_have_count(len(LLR_KEYS))
    row = page.locator("tr", has=page.get_by_role("rowheader", name="Money"))
    expect(row.locator("td")).to_have_text(["3", "8", "▲ 5Up 5"])


@pytest.fixture
def person_with_history(live_server):
    app = live_server.app
    person = make_person(app, "Robin")
    start = date.today() - timedelta(days=42 * 3)
    for n in range(4):
        scores = {key: min(10, 3 + n + i % 3) for i, key in enumerate(LLR_KEYS)}
        if n == 0:
            scores["work"] = None
        make_assessment(
            app,
            person.id,
            start + timedelta(days=42 * n),
            scores,
            kind="baseline" if n == 0 else "review",
        )
    return person


@pytest.mark.parametrize(("language", "served_mode"), SERVED_IN)
def test_every_progress_page_has_no_axe_violations_in_every_mode(
    new_context, live_server, person_with_history, language, served_mode
):
    context = new_context()
    set_display(context, live_server.url, served_mode)
    set_language(context, live_server.url, language)
    sign_in_as(context, live_server, person_with_history.id)
    page = context.new_page()
    for path in ["/progress", "/progress/llr9/start", "/reminders", "/"]:
        page.goto(path)
        checked(page)
    page.goto("/progress")
    page.locator(".kw-summary a").first.click()
    page.wait_for_url(re.compile(r"/assessments/\d+$"))
    checked(page)
    page.goto("/progress/llr9/start")
    page.locator("form[action$='/start'] button").click()
    page.wait_for_url(re.compile(r"/with$"))
    checked(page)  # who is with you
    page.locator("main form button[type=submit]").click()
    expect(page.locator(".kw-error-summary")).to_be_visible()
    checked(page)  # the same page, with an error summary
    page.locator("#completed_with-1").check()
    page.locator("main form button[type=submit]").click()
    page.wait_for_url(re.compile(r"/areas/emotional$"))
    checked(page)  # the first area
    page.locator("button[value=continue]").click()
    expect(page.locator(".kw-error-summary")).to_be_visible()
    checked(page)  # an area with an error
    check_url = page.url.rsplit("/areas/", 1)[0] + "/check"
    page.goto(check_url)
    page.locator("main form[action$='/check'] button[type=submit]").click()
    expect(page.locator(".kw-error-summary")).to_be_visible()
    checked(page)  # check your answers, with the missing areas listed
    page.goto(check_url.replace("/check", "/discard"))
    checked(page)
    page.goto("/reminders")
    page.locator("#send_at").fill("23:00")
    page.locator("form[action='/reminders'] button[type=submit]").click()
    expect(page.locator(".kw-error-summary")).to_be_visible()
    checked(page)


def test_the_progress_page_in_large_print_and_welsh(new_context, live_server, person_with_history):
    context = new_context()
    set_display(context, live_server.url, "extra_large")
    set_language(context, live_server.url, "cy")
    sign_in_as(context, live_server, person_with_history.id)
    page = context.new_page()
    page.goto("/progress")
    expect(page.get_by_role("heading", level=1)).to_have_text("Fy nghynnydd")
    expect(page.locator("html")).to_have_attribute("lang", "cy")
    size = page.evaluate(
        "() => parseFloat(getComputedStyle(document.querySelector('.kw-lede')).fontSize)"
    )
    assert size >= 30  # 1.25rem at 150%
    expect(page.locator("svg.kw-chart--radar title")).to_have_text(
        "Siart seren: eich sgoriau cyntaf a'ch sgoriau diweddaraf"
    )
    checked(page)
    assert_no_horizontal_scroll(page)


def test_charts_and_table_read_right_to_left(new_context, live_server, person_with_history):
    context = new_context()
    sign_in_as(context, live_server, person_with_history.id)
    page = context.new_page()
    page.goto("/progress")
    first_point_ltr = (
        page.locator("svg.kw-chart--line").first.locator("circle").first.bounding_box()
    )
    page.evaluate("() => { document.documentElement.dir = 'rtl'; }")
    chart = page.locator("svg.kw-chart--line").first
    points = chart.locator("circle")
    first, last = points.first.bounding_box(), points.last.bounding_box()
    assert first["x"] > last["x"], "time runs from the right"
    assert first["x"] > first_point_ltr["x"]
    # Only the right-to-left copy of the axis labels shows, and it stays inside the chart.
    expect(chart.locator(".kw-chart__ltr").first).to_be_hidden()
    expect(chart.locator(".kw-chart__rtl").first).to_be_visible()
    box = chart.bounding_box()
    for label in chart.locator(".kw-chart__rtl").all():
        inside = label.bounding_box()
        assert (
            box["x"] - 1 <= inside["x"]
            and inside["x"] + inside["width"] <= box["x"] + box["width"] + 1
        )
    # The star's labels stay outside the star and inside the page.
    radar = page.locator("svg.kw-chart--radar")
    radar_box = radar.bounding_box()
    centre = radar_box["x"] + radar_box["width"] / 2
    for side, outside in (
        (".kw-chart__label--left", lambda b: b["x"] + b["width"] <= centre),
        (".kw-chart__label--right", lambda b: b["x"] >= centre),
    ):
        for label in radar.locator(side).all():
            b = label.bounding_box()
            assert outside(b), side
            assert b["x"] >= 0 and b["x"] + b["width"] <= page.viewport_size["width"]
    # On a phone each row of the table stacks (the area on its own line, then its
    # numbers); right to left, the numbers start from the right edge, under the area.
    header = page.get_by_role("rowheader", name="Money").bounding_box()
    number = (
        page.locator("tr", has=page.get_by_role("rowheader", name="Money"))
        .locator("td")
        .first.bounding_box()
    )
    assert number["y"] > header["y"], "the numbers come under the area"
    assert number["x"] > page.viewport_size["width"] / 2
    assert abs((number["x"] + number["width"]) - (header["x"] + header["width"])) <= 2
    # On a wide screen it is a table again, and its first column (the area) is on the right.
    page.set_viewport_size({"width": 1024, "height": 800})
    header = page.get_by_role("rowheader", name="Money").bounding_box()
    number = (
        page.locator("tr", has=page.get_by_role("rowheader", name="Money"))
        .locator("td")
        .first.bounding_box()
    )
    assert header["x"] > number["x"] and abs(header["y"] - number["y"]) <= 2
    page.set_viewport_size(PHONE)
    assert_no_horizontal_scroll(page)
    assert_no_axe_violations(page)
