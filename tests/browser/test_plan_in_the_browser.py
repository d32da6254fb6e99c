"""Building a plan on a phone-sized screen, and two devices editing at once."""

from __future__ import annotations

from playwright.sync_api import expect

from tests.browser.pages import PlanPartPage, SignInPage, SignUpPage
from tests.browser.support import assert_no_horizontal_scroll, assert_page_checks


def test_a_person_adds_changes_and_reorders_entries_on_a_phone(page, axe):
    SignUpPage(page).open().create_with_password("builder", "lamp lake lettuce")
    triggers = PlanPartPage(page, "triggers").open()
    triggers.add("Add a trigger", "Money worries")
    triggers.add("Add a trigger", "Loud arguments")
    assert triggers.entries("triggers") == ["Money worries", "Loud arguments"]
    triggers.move_up("Loud arguments")
    assert triggers.entries("triggers") == ["Loud arguments", "Money worries"]
    triggers.change("Money worries", "Brown envelopes")
    expect(page.locator("#section-triggers")).to_contain_text("Brown envelopes")
    assert_page_checks(page)
    assert_no_horizontal_scroll(page)
    axe(page)
    page.get_by_role("link", name="See earlier versions of Triggers").click()
    expect(page.locator(".kw-history__item")).to_have_count(4)


def test_two_devices_editing_the_same_entry_keep_both_texts(new_context, live_server):
    phone = new_context().new_page()
    SignUpPage(phone).open().create_with_password("twodevices", "lamp lake lettuce")
    PlanPartPage(phone, "wellness-toolbox").open().add("Add something that helps", "Walks")

    laptop = new_context(viewport={"width": 1280, "height": 800}).new_page()
    SignInPage(laptop).open().with_password("twodevices", "lamp lake lettuce")

    phone.goto("/plan/wellness-toolbox")
    PlanPartPage(phone, "wellness-toolbox").open_entry("Walks")
    laptop.goto("/plan/wellness-toolbox")
    PlanPartPage(laptop, "wellness-toolbox").open_entry("Walks")

    phone.locator("textarea[name=text]").fill("Walks by the canal")
    phone.get_by_role("button", name="Save").click()
    laptop.locator("textarea[name=text]").fill("Walks with the dog")
    laptop.get_by_role("button", name="Save").click()

    expect(laptop.get_by_role("heading", level=1)).to_have_text(
        "This was changed on another device"
    )
    expect(laptop.locator("main")).to_contain_text("Walks by the canal")
    expect(laptop.locator("main")).to_contain_text("Walks with the dog")
    laptop.get_by_label("Keep both, as two entries").check()
    laptop.get_by_role("button", name="Save my choice").click()
    part = PlanPartPage(laptop, "wellness-toolbox")
    assert part.entries("tools") == ["Walks by the canal", "Walks with the dog"]


def test_what_was_typed_survives_a_lost_connection(new_context, live_server):
    """The signal drops as Save is pressed while the phone still thinks it is online
    (with no signal at all, the change is queued instead: test_offline_in_the_browser)."""
    context = new_context()
    page = context.new_page()
    SignUpPage(page).open().create_with_password("offline-typist", "lamp lake lettuce")
    page.goto("/plan/triggers/triggers/add")
    page.locator("textarea[name=text]").fill("Words typed on a bus")
    page.route(
        "**/plan/triggers/triggers/add",
        lambda route: (
            route.abort("internetdisconnected")
            if route.request.method == "POST"
            else route.continue_()
        ),
    )
    page.get_by_role("button", name="Save").click()
    page.wait_for_load_state()
    page.unroute("**/plan/triggers/triggers/add")
    page.goto("/plan/triggers/triggers/add")
    page.get_by_role("button", name="Put back what I typed").click()
    expect(page.locator("textarea[name=text]")).to_have_value("Words typed on a bus")
    page.get_by_role("button", name="Save").click()
    expect(page.locator("#section-triggers")).to_contain_text("Words typed on a bus")
    page.goto("/plan/triggers/triggers/add")
    expect(page.get_by_role("button", name="Put back what I typed")).to_have_count(0)
