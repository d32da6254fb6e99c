"""Find groups on a phone: searching, saving to a plan, rating, and a manager editing a
listing. Every page opened gets an axe scan; the search and group pages in every
display mode, in Welsh, right to left and at 320 px."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from app.data.accounts.models import User
from app.data.database import db
from app.data.groups.people import grant_manager
from app.demo.listings import load_demo_directory
from tests.browser.pages import SignUpPage
from tests.browser.support import (
    SERVED_IN,
    assert_no_axe_violations,
    assert_no_axe_violations_in_every_mode,
    assert_no_horizontal_scroll,
    assert_page_checks,
    set_display,
    set_language,
)


@pytest.fixture
def directory(live_server):
    with live_server.app.app_context():
        load_demo_directory()


def check(page: Page) -> None:
    assert_page_checks(page)
    assert_no_horizontal_scroll(page)
    assert_no_axe_violations_in_every_mode(page)


def search_from_the_form(page: Page, words: str, place: str) -> None:
    page.goto("/groups")
    page.get_by_label("Search words").fill(words)
    page.get_by_label("Town or postcode").fill(place)
    page.get_by_label("How far you can travel").select_option("25")
    page.get_by_text("More choices: type, day, access, language").click()
    page.get_by_label("Wednesday").check()
    page.get_by_role("button", name="Search").click()


def test_a_person_finds_a_group_near_a_town_on_a_phone(page, directory):
    search_from_the_form(page, "women garden", "Witney")
    expect(page.get_by_role("heading", level=1)).to_have_text("1 group near Witney, Oxfordshire")
    expect(page.locator(".kw-lede")).to_have_text("Matching “women garden”. You chose: Wednesday.")
    expect(page.locator(".kw-group-card")).to_contain_text("Demo listing")
    expect(page.locator(".kw-group-card")).to_contain_text("miles away")
    check(page)
    page.get_by_role("link", name="Bridewell women's garden day").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Bridewell women's garden day")
    expect(page.locator(".kw-access")).to_contain_text("Women only")
    check(page)
    page.goto("/groups?place=Witnee")
    page.get_by_role("link", name="Witney, Oxfordshire").click()
    expect(page.get_by_role("heading", level=1, name="groups near Witney")).to_be_visible()
    page.goto("/groups?q=zzzz")
    expect(page.get_by_role("heading", name="No groups found")).to_be_visible()
    check(page)


@pytest.mark.parametrize(("language", "served_mode"), SERVED_IN)
def test_find_groups_pages_pass_axe_in_every_mode(
    new_context, live_server, directory, language, served_mode
):
    context = new_context()
    set_display(context, live_server.url, served_mode)
    set_language(context, live_server.url, language)
    page = context.new_page()
    page.goto("/groups?place=Oxford&distance=25&types=peer-support&when=evenings")
    check(page)
    page.locator(".kw-group-card a").first.click()
    check(page)
    page.goto("/groups?place=Oxford&distance=-1")
    check(page)


def test_right_to_left_and_320_px_lay_out_without_sideways_scrolling(new_context, directory):
    page = new_context(viewport={"width": 320, "height": 640}).new_page()
    for path in ("/groups?place=Oxford&distance=25", "/groups?q=safe+haven"):
        page.goto(path)
        page.evaluate("() => document.documentElement.setAttribute('dir', 'rtl')")
        assert_no_horizontal_scroll(page)
        card = page.locator(".kw-group-card").first
        border = card.evaluate("e => getComputedStyle(e).borderRightWidth")
        assert border == "6px"  # the accent border follows the start of the line
        assert_no_axe_violations(page)


def test_near_me_fills_in_where_the_phone_is_and_searches(new_context, live_server, directory):
    context = new_context(
        geolocation={"latitude": 51.787, "longitude": -1.486}, permissions=["geolocation"]
    )
    page = context.new_page()
    page.goto("/groups")
    page.get_by_role("button", name="Use where I am now").click()
    expect(page.get_by_text("Nearest to where you are first.")).to_be_visible()
    expect(page.locator(".kw-group-card").first).to_contain_text("Bridewell")


def test_a_person_saves_a_group_to_their_plan_and_rates_it(page, directory):
    SignUpPage(page).open().create_with_password("finder", "lamp lake lettuce")
    page.goto("/groups?q=survivors")
    page.get_by_role("link", name="Oxford Survivors evening group").click()
    check(page)
    page.get_by_label("Things I might do (daily plan)").check()
    page.get_by_role("button", name="Save to my plan").click()
    expect(page.locator(".kw-notice--success")).to_contain_text("Saved to your plan")
    expect(page.locator("#section-might_do")).to_contain_text("Oxford Survivors evening group")
    page.locator("#section-might_do").get_by_role(
        "link", name="Oxford Survivors evening group", exact=True
    ).click()
    page.get_by_role("link", name="Rate this group").click()
    check(page)
    page.get_by_role("button", name="Save my rating").click()
    expect(page.locator(".kw-error-summary")).to_contain_text("Choose a rating from 1 to 5 stars")
    assert_no_axe_violations(page)
    page.get_by_label("4 stars – good").check()
    page.get_by_label("Anything you would like to say? (optional)").fill("Friendly and welcoming.")
    page.get_by_role("button", name="Save my rating").click()
    expect(page.locator("#ratings")).to_contain_text("4.0 out of 5, from 1 rating")
    check(page)


def test_a_manager_edits_a_listing_in_the_browser(page, live_server, directory):
    SignUpPage(page).open().create_with_password("manager", "lamp lake lettuce")
    with live_server.app.app_context():
        user = db.session.scalar(db.select(User).where(User.username == "manager"))
        grant_manager(user)
        db.session.commit()
    page.goto("/groups/manage")
    expect(page.locator(".kw-manage-list__item--stale")).to_have_count(1)
    check(page)
    page.get_by_role("link", name="Edit Henley peer support group").click()
    check(page)
    page.get_by_label("Name of the group").fill("Henley Wednesday peer support")
    page.get_by_label("Ends at").fill("20:30")
    page.get_by_role("button", name="Save listing").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Henley Wednesday peer support")
    expect(page.locator("main")).to_contain_text("18:30 to 20:30")
    page.goto("/groups/manage/comments")
    check(page)
    page.goto("/groups/manage/import")
    check(page)
