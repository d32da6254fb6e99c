"""Service view in a browser: a person joins and leaves by keyboard, a manager reads the
report on a 320 px screen, every page axe-clean in every display mode and in Welsh, and
the whole journey works with JavaScript turned off."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from playwright.sync_api import Page, expect

from app.service.periods import last_full_quarter
from tests.browser.pages import SignInPage
from tests.browser.support import (
    STANDARD,
    assert_no_axe_violations_in_every_mode,
    assert_no_horizontal_scroll,
    assert_page_checks,
    scan_as_each_viewer,
    set_display,
    set_language,
)
from tests.support.helpers import make_person
from tests.support.progress import all_scores, make_assessment
from tests.support.service import add_member, make_service

PASSWORD = "lamp lake lettuce"


@pytest.fixture
def service(app):
    """A service whose manager can sign in, with 12 counted members who made progress in
    the last full quarter, and Sam, who can sign in and has not joined."""
    manager = make_person(app, "Morgan", username="morgan-manager", password=PASSWORD)
    provider_id, code = make_service(app, "Riverside Recovery", manager)
    quarter = last_full_quarter(date.today())
    for n in range(12):
        member = make_person(app, f"Member {n}")
        add_member(app, provider_id, member.id, quarter.start - timedelta(days=300))
        make_assessment(
            app, member.id, quarter.start - timedelta(days=290), all_scores(4), kind="baseline"
        )
        make_assessment(app, member.id, quarter.start + timedelta(days=10), all_scores(7))
    make_person(app, "Sam", username="sam-service", password=PASSWORD)
    return {"provider_id": provider_id, "code": code}


def sign_in(page: Page, username: str) -> None:
    SignInPage(page).open().with_password(username, PASSWORD)
    page.wait_for_url(lambda url: "/auth/sign-in" not in url)


def test_a_person_joins_and_leaves_by_keyboard(new_context, service):
    page = new_context().new_page()
    sign_in(page, "sam-service")
    page.goto("/services/join")
    page.get_by_label("Service code").fill(service["code"].lower())
    page.get_by_label("Service code").press("Enter")
    expect(page.get_by_role("heading", level=1)).to_have_text("Join Riverside Recovery?")
    expect(page.locator("main")).to_contain_text("What the service never sees")
    page.get_by_role("button", name="Join and agree to be counted").focus()
    page.keyboard.press("Enter")
    expect(page.locator(".kw-notice--success")).to_contain_text("You joined Riverside Recovery")
    page.get_by_role("link", name="Leave Riverside Recovery").focus()
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", level=1)).to_have_text("Leave Riverside Recovery")
    page.get_by_role("button", name="Leave").focus()
    page.keyboard.press("Enter")  # nothing chosen: told what to do, nothing changes
    expect(page.locator(".kw-error-summary")).to_contain_text("Choose what should happen")
    page.get_by_label("Leave, and take me out of all their reports").focus()
    page.keyboard.press("Space")
    page.get_by_role("button", name="Leave").focus()
    page.keyboard.press("Enter")
    expect(page.locator(".kw-notice--success")).to_contain_text("no longer counts anything")
    expect(page.locator("main")).to_contain_text("Nothing of yours is counted")


def test_the_manager_reads_the_report_on_a_small_screen(new_context, service):
    page = new_context(viewport={"width": 320, "height": 640}).new_page()
    sign_in(page, "morgan-manager")
    page.get_by_role("link", name="Your service").first.click()
    page.get_by_role("link", name="Report for Riverside Recovery").click()
    main = page.locator("main")
    expect(main).to_contain_text("the service supported 12 people")
    expect(page.get_by_role("row", name="6-week reviews done")).to_contain_text("12")
    expect(page.locator("svg.kw-chart--bars")).to_be_visible()
    assert_page_checks(page)
    assert_no_horizontal_scroll(page)
    page.get_by_label("From").fill("2025-03-31")
    page.get_by_label("To").fill("2025-01-01")
    page.get_by_role("button", name="Show the report").click()
    expect(page.locator(".kw-error-summary")).to_contain_text("The last day must be")
    assert_no_horizontal_scroll(page)


def test_service_pages_have_no_axe_violations_in_any_mode(new_context, live_server, service):
    person_context = new_context()
    person = person_context.new_page()
    sign_in(person, "sam-service")
    person.goto(f"/services/join?code={service['code']}")
    person.get_by_role("button", name="Join and agree to be counted").click()
    person.get_by_role("link", name="Answer them if you want to").click()
    equality_url = person.url
    person.get_by_label("25 to 34").check()
    person.get_by_label("The first part of your postcode").fill("not a postcode")
    person.get_by_role("button", name="Save my answers").click()
    expect(person.locator(".kw-error-summary")).to_contain_text("first part of a postcode")
    person.goto("/services")
    person.get_by_role("link", name="Leave Riverside Recovery").click()
    leave_url = person.url
    manager_context = new_context()
    manager = manager_context.new_page()
    sign_in(manager, "morgan-manager")
    report = f"/services/{service['provider_id']}/report"
    person_pages = [
        "/",  # the home page, with its way back to Your services
        "/services",
        "/services/join",
        "/services/join?code=NOT-A-CODE",
        f"/services/join?code={service['code']}",  # already a member: told so, on /services
        leave_url,
        equality_url,
    ]
    staff = f"/services/{service['provider_id']}/staff"
    # Sam's page at the service, with a signposting recorded, and the form's errors.
    people = f"/services/{service['provider_id']}/people"
    manager.goto(people)
    sam_page = manager.get_by_role("link", name="Sam").get_attribute("href")
    manager.goto(sam_page)
    manager.get_by_role("button", name="Record").click()  # nothing chosen
    expect(manager.locator(".kw-error-summary")).to_contain_text(
        "Choose what you signposted them to"
    )
    assert_no_axe_violations_in_every_mode(manager)
    manager.get_by_label("Housing").check()
    manager.get_by_role("button", name="Record").click()
    expect(manager.locator("main")).to_contain_text("Recorded: signposted to Housing")
    assert_no_horizontal_scroll(manager)
    manager_pages = [
        "/services/manage",
        people,
        sam_page,
        report,
        report + "?start=2025-03-31&end=2025-01-01",
        staff,
        "/services/staff/join",
        "/services/staff/join?code=NOPE1-NOPE2",
    ]
    scan_as_each_viewer(
        live_server.url,
        [(person_context, person, person_pages), (manager_context, manager, manager_pages)],
    )
    set_display(person_context, live_server.url, STANDARD)
    set_language(person_context, live_server.url, "en")
    person.goto(leave_url)
    person.get_by_role("button", name="Leave").click()  # the page with its error summary
    assert_no_axe_violations_in_every_mode(person)
    person.goto(equality_url)
    person.get_by_label("The first part of your postcode").fill("not a postcode")
    person.get_by_role("button", name="Save my answers").click()
    assert_no_axe_violations_in_every_mode(person)
    # A staff invite, as the manager sees it, and as the person invited sees it.
    set_display(manager_context, live_server.url, STANDARD)
    set_language(manager_context, live_server.url, "en")
    manager.goto(staff)
    manager.get_by_role("button", name="Make an invite code").click()  # nothing chosen
    expect(manager.locator(".kw-error-summary")).to_contain_text("Choose what they will do")
    assert_no_axe_violations_in_every_mode(manager)
    manager.get_by_label("Worker or peer mentor: sees who is due a review").check()
    manager.get_by_role("button", name="Make an invite code").click()
    expect(manager.get_by_role("heading", level=1)).to_have_text("Your staff invite is ready")
    assert_no_axe_violations_in_every_mode(manager)
    assert_no_horizontal_scroll(manager)
    code = manager.locator(".kw-invite__code code").inner_text()
    person.goto(f"/services/staff/join?code={code}")
    expect(person.get_by_role("heading", level=1)).to_have_text(
        "Join the staff of Riverside Recovery?"
    )
    assert_no_axe_violations_in_every_mode(person)
    # The consent page itself, for someone who has not joined yet.
    person.goto(leave_url)
    person.get_by_label("Leave, and let them keep counting the time I was with them").check()
    person.get_by_role("button", name="Leave").click()
    person.goto(f"/services/join?code={service['code']}")
    expect(person.get_by_role("heading", level=1)).to_have_text("Join Riverside Recovery?")
    assert_no_axe_violations_in_every_mode(person)


def test_joining_and_reading_a_report_need_no_javascript(new_context, service):
    # No axe or page.evaluate here: a context without JavaScript cannot run them.
    person = new_context(java_script_enabled=False).new_page()
    sign_in(person, "sam-service")
    person.goto("/services/join")
    person.get_by_label("Service code").fill(service["code"])
    person.get_by_role("button", name="Continue").click()
    person.get_by_role("button", name="Join and agree to be counted").click()
    expect(person.locator("main")).to_contain_text("You joined on")
    manager = new_context(java_script_enabled=False).new_page()
    sign_in(manager, "morgan-manager")
    manager.goto(f"/services/{service['provider_id']}/report")
    # Sam joined today, so the last full quarter still counts the 12 from before.
    expect(manager.get_by_role("row", name="People supported in the period")).to_contain_text("12")
    expect(manager.get_by_role("button", name="Print this report")).to_be_hidden()
    with manager.expect_download() as download:
        manager.get_by_role("link", name="Download this report as a spreadsheet (CSV)").click()
    assert download.value.suggested_filename.endswith(".csv")
