"""A person and their carer, in two browsers: invite by code, the carer sees only the
crisis plan, then loses it."""

from __future__ import annotations

import re

from playwright.sync_api import Page, expect

from tests.browser.pages import PlanPartPage, SignUpPage
from tests.browser.support import (
    STANDARD,
    assert_no_axe_violations,
    assert_no_horizontal_scroll,
    assert_page_checks,
    scan_as_each_viewer,
    set_display,
    set_language,
)


def make_invite(page: Page, preset_label: str = "Carer: crisis plan only") -> str:
    page.goto("/circle")
    page.get_by_role("link", name="Invite someone").click()
    page.get_by_label("Who are you inviting?").fill("Mum")
    page.get_by_label(preset_label).check()
    page.get_by_role("button", name="Continue").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Your invite is ready")
    return page.locator(".kw-invite__code code").inner_text()


def test_a_carer_joins_by_code_sees_only_the_crisis_plan_then_loses_it(new_context, axe):
    person = new_context().new_page()
    SignUpPage(person).open().create_with_password("sam-circle", "lamp lake lettuce")
    PlanPartPage(person, "crisis-plan").open().add("Add an allergy", "Penicillin")
    PlanPartPage(person, "triggers").open().add("Add a trigger", "Loud rooms")
    code = make_invite(person)
    axe(person)

    carer = new_context().new_page()
    SignUpPage(carer).open().create_with_password("mum-carer", "lamp lake lettuce")
    carer.goto("/circle/join")
    carer.get_by_label("Invite code").fill(code.lower())
    carer.get_by_role("button", name="Continue").click()
    expect(carer.get_by_role("heading", level=1)).to_contain_text("has invited you")
    axe(carer)
    carer.get_by_role("button", name="Yes, join their circle").click()
    expect(carer.get_by_role("heading", level=1)).to_have_text("sam-circle")
    carer.get_by_role("link", name="sam-circle's plan").click()
    expect(carer.locator("main")).to_contain_text("Crisis plan")
    expect(carer.locator("main")).not_to_contain_text("Triggers")
    carer.get_by_role("link", name="Crisis plan", exact=True).click()
    expect(carer.locator("main")).to_contain_text("Penicillin")
    expect(carer.locator(".kw-viewing")).to_contain_text("not your own")
    assert_page_checks(carer)
    assert_no_horizontal_scroll(carer)
    axe(carer)
    crisis_url = carer.url
    carer.goto(crisis_url.replace("crisis-plan", "triggers"))
    expect(carer.get_by_role("heading", level=1)).to_have_text("You cannot see this page")

    person.goto("/circle")
    person.get_by_role("link", name="Remove Mum").click()
    person.get_by_role("button", name="Yes, remove them").click()
    carer.goto(crisis_url)
    expect(carer.get_by_role("heading", level=1)).to_have_text("Access ended")
    expect(carer.locator("main")).not_to_contain_text("Penicillin")


def test_circle_pages_have_no_axe_violations_in_any_mode(new_context, live_server):
    owner_context = new_context()
    owner = owner_context.new_page()
    SignUpPage(owner).open().create_with_password("axe-owner", "lamp lake lettuce")
    code = make_invite(owner, "Peer mentor: everything, and review together")
    owner.goto("/account/communication-needs/formats")
    owner.get_by_label("Easy read").check()
    owner.get_by_role("button", name="Save").click()

    mentor_context = new_context()
    mentor = mentor_context.new_page()
    SignUpPage(mentor).open().create_with_password("axe-mentor", "lamp lake lettuce")
    mentor.goto(f"/circle/join/{code}")
    mentor.get_by_role("button", name="Yes, join their circle").click()
    mentor.wait_for_url(re.compile(r"/people/\d+$"))
    person_url = mentor.url
    suggest_url = re.sub(
        r"/people/(\d+)$", r"/people/\1/plan/crisis-plan/allergies/suggest", person_url
    )

    owner_pages = [
        "/circle",
        "/circle/invite",
        "/circle/activity",
        "/account/communication-needs",
        "/circle/join",
    ]
    mentor_pages = [
        "/people",
        "/people?name=nobody",  # the name search, with nobody found
        person_url,
        person_url + "/plan",
        person_url + "/plan/crisis-plan",
        suggest_url,
    ]
    scan_as_each_viewer(
        live_server.url,
        [(owner_context, owner, owner_pages), (mentor_context, mentor, mentor_pages)],
    )
    set_display(owner_context, live_server.url, STANDARD)
    set_language(owner_context, live_server.url, "en")
    # The standard invite pages (the owner's recorded easy-read need is switched off on
    # this device; the easy-read ones are scanned in test_needs_in_the_browser.py).
    owner_context.add_cookies([{"name": "kw_easy_read", "value": "0", "url": live_server.url}])
    owner.goto("/circle/invite")
    owner.get_by_label("Let me choose each thing").check()
    owner.get_by_label("Who are you inviting?").fill("Custom")
    owner.get_by_role("button", name="Continue").click()
    assert_no_axe_violations(owner)
    owner.get_by_role("button", name="Make the invite").click()
    assert_no_axe_violations(owner)
