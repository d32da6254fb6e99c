"""Offline first, in a real browser with the service worker running: the whole plan kept
on the phone, changes made with no signal saved when it returns, nothing lost, and
nothing private left behind (issue: "Offline first")."""

from __future__ import annotations

import re
import time

from playwright.sync_api import BrowserContext, Page, expect
from sqlalchemy import select

from app.data.database import db
from app.data.plans.models import Plan, PlanPart
from tests.browser.pages import SignUpPage
from tests.browser.progress_pages import sign_in_as
from tests.browser.support import QUEUED, assert_no_axe_violations
from tests.support.circle import invite, join
from tests.support.helpers import make_person, sign_in

PRIVATE_PAGES = """async () => {
  if (!(await caches.has('kw-private'))) return [];
  const cache = await caches.open('kw-private');
  return (await cache.keys()).map((r) => new URL(r.url).pathname);
}"""
DRAFTS = "() => Object.keys(localStorage).filter((k) => k.startsWith('keepwell-draft:'))"


def ready_offline(page: Page, *paths: str) -> None:
    """The worker controls the page and the person's pages are kept on the phone."""
    page.wait_for_function("() => navigator.serviceWorker.ready.then((r) => !!r.active)")
    page.reload()
    page.wait_for_function("() => navigator.serviceWorker.controller !== null")
    wait_until(page, lambda: set(paths) <= set(page.evaluate(PRIVATE_PAGES)))


def wait_until(page: Page, condition, timeout: float = 20) -> None:
    """Poll `condition` (Playwright's wait_for_function does not wait on a promise)."""
    deadline = time.monotonic() + timeout
    while not condition():
        assert time.monotonic() < deadline, "timed out"
        page.wait_for_timeout(100)


def crisis_plan(live_server, person_id: int) -> dict:
    with live_server.app.app_context():
        plan_part = db.session.scalar(
            select(PlanPart)
            .join(Plan, Plan.id == PlanPart.plan_id)
            .where(PlanPart.part_key == "crisis_plan", Plan.owner_id == person_id)
        )
        assert plan_part is not None
        return dict(plan_part.content)


def person_with_allergies(live_server, name: str, *allergies: str):
    """A person with entries in their crisis plan, added the ordinary way."""
    app = live_server.app
    person = make_person(app, name)
    client = app.test_client()
    sign_in(app, client, person)
    from tests.integration.test_offline import add_allergy

    ids = [add_allergy(client, words) for words in allergies]
    return person, client, ids


def signed_in_page(new_context, live_server, person_id: int) -> tuple[BrowserContext, Page]:
    context = new_context()
    sign_in_as(context, live_server, person_id)
    page = context.new_page()
    page.goto("/")
    return context, page


def modules_started(page: Page) -> None:
    """Every module has started (main.js): a tap now does what the page says."""
    page.wait_for_selector("html[data-ready]", state="attached")


def change_offline(page: Page, entry_id: str, words: str) -> None:
    page.goto(f"/plan/crisis-plan/allergies/{entry_id}")
    modules_started(page)
    page.locator("textarea[name=text]").fill(words)
    page.get_by_role("button", name="Save").click()
    expect(page).to_have_url(re.compile(r"/plan/crisis-plan$"))


def test_three_changes_made_offline_survive_a_restart_and_are_saved_when_back(
    new_context, live_server
):
    person, _, ids = person_with_allergies(live_server, "Rae", "Nuts", "Latex", "Penicillin")
    context, page = signed_in_page(new_context, live_server, person.id)
    edit_pages = [f"/plan/crisis-plan/allergies/{i}" for i in ids]
    ready_offline(page, "/plan/crisis-plan", *edit_pages)

    context.set_offline(True)
    page.goto("/plan/crisis-plan")
    status = page.locator("[data-offline-status]")
    expect(status).to_contain_text(
        re.compile(r"Saved on this phone at \d\d:\d\d\. You are offline\.")
    )
    for entry_id, words in zip(ids, ["Peanuts", "Latex gloves", "Penicillin (rash)"], strict=True):
        change_offline(page, entry_id, words)
    expect(status).to_contain_text("Changes waiting to send: 3.")
    expect(status).to_contain_text("Penicillin (rash)")
    assert_no_axe_violations(page)

    # The phone is switched off and on, still with no signal: nothing is lost.
    page.close()
    page = context.new_page()
    page.goto("/plan/crisis-plan")
    expect(page.locator("[data-offline-status]")).to_contain_text("Changes waiting to send: 3.")
    assert crisis_plan(live_server, person.id)["allergies"][0]["text"] == "Nuts"

    context.set_offline(False)
    expect(page.locator("[data-offline-status]")).to_contain_text(
        "The changes you made offline are saved.", timeout=15000
    )
    texts = [e["text"] for e in crisis_plan(live_server, person.id)["allergies"]]
    assert texts == ["Peanuts", "Latex gloves", "Penicillin (rash)"]
    assert page.evaluate(QUEUED) == []
    page.reload()
    expect(page.locator("main")).to_contain_text("Latex gloves")


def test_two_phones_change_the_same_entry_offline_one_saves_one_is_asked(new_context, live_server):
    person, _, ids = person_with_allergies(live_server, "Kit", "Nuts", "Latex")
    first_context, first = signed_in_page(new_context, live_server, person.id)
    second_context, second = signed_in_page(new_context, live_server, person.id)
    for page in (first, second):
        ready_offline(page, *(f"/plan/crisis-plan/allergies/{i}" for i in ids))
        page.context.set_offline(True)
    change_offline(first, ids[0], "Peanuts and cashews")
    change_offline(second, ids[0], "Tree nuts")
    change_offline(second, ids[1], "Latex gloves")  # a different entry: merges

    first_context.set_offline(False)
    expect(first.locator("[data-offline-status]")).to_contain_text(
        "The changes you made offline are saved.", timeout=15000
    )
    second_context.set_offline(False)
    status = second.locator("[data-offline-status]")
    expect(status).to_contain_text("clashed with a change made somewhere else", timeout=15000)
    texts = [e["text"] for e in crisis_plan(live_server, person.id)["allergies"]]
    assert texts == ["Peanuts and cashews", "Latex gloves"]
    status.get_by_role("link", name="Choose what to keep").click()
    main = second.locator("main")
    expect(main).to_contain_text("Peanuts and cashews")
    expect(main).to_contain_text("Tree nuts")
    expect(second.get_by_label("Keep both, as two entries")).to_be_visible()


def test_a_withdrawn_carer_finds_nothing_and_keeps_the_words_they_queued(new_context, live_server):
    person, person_client, _ = person_with_allergies(live_server, "Mo", "Nuts")
    app = live_server.app
    carer = make_person(app, "Dee")
    carer_client = app.test_client()
    sign_in(app, carer_client, carer)
    join(carer_client, invite(person_client, preset="peer_mentor_everything")[0])

    context, page = signed_in_page(new_context, live_server, carer.id)
    crisis = f"/people/{person.id}/plan/crisis-plan"
    suggest = f"{crisis}/allergies/suggest"
    ready_offline(page)
    page.goto(crisis)
    page.goto(suggest)
    kept = page.evaluate(PRIVATE_PAGES)
    assert crisis in kept and suggest in kept

    context.set_offline(True)
    page.goto(suggest)
    modules_started(page)
    page.locator("textarea[name=text]").fill("Shellfish, she told me today")
    page.get_by_role("button", name=re.compile("Send")).click()
    expect(page.locator("[data-offline-status]")).to_contain_text("Changes waiting to send: 1.")

    # Mo ends Dee's access while Dee has no signal.
    from sqlalchemy import select as sql_select

    from app.data.circle.models import CircleMember
    from tests.support.helpers import post_form

    with app.app_context():
        row_id = db.session.scalar(sql_select(CircleMember.id))
    post_form(person_client, f"/circle/members/{row_id}/remove")

    context.set_offline(False)
    status = page.locator("[data-offline-status]")
    expect(status).to_contain_text("you can no longer change this", timeout=15000)
    expect(status).to_contain_text("Shellfish, she told me today")
    expect(status.get_by_role("button", name="Copy my words")).to_be_visible()
    page.goto("/people")
    wait_until(
        page,
        lambda: (
            not any(p.startswith(f"/people/{person.id}/") for p in page.evaluate(PRIVATE_PAGES))
        ),
    )
    context.set_offline(True)
    page.goto(crisis)
    expect(page.locator("main")).not_to_contain_text("Nuts")
    expect(page.get_by_role("heading", level=1)).to_have_text("You are offline")
    # Dee's own words stay on Dee's phone until Dee removes them.
    assert page.evaluate(QUEUED) == ["refused"]


def test_a_shared_phone_keeps_nothing(new_context, live_server):
    make_person(live_server.app, "Lou", username="lou", password="lamp lake lettuce")
    context = new_context()
    page = context.new_page()
    page.goto("/auth/sign-in")
    page.get_by_label("Username", exact=True).fill("lou")
    page.get_by_label("Password", exact=True).fill("lamp lake lettuce")
    page.locator("form:has(#password-heading), form").filter(
        has=page.get_by_label("Username", exact=True)
    ).get_by_label("This is a shared or borrowed phone or computer").check()
    page.get_by_role("button", name="Sign in", exact=True).click()
    expect(page.get_by_role("navigation").get_by_role("link", name="My plan")).to_be_visible()
    page.wait_for_function("() => navigator.serviceWorker.ready.then((r) => !!r.active)")
    page.reload()
    page.goto("/plan/crisis-plan")
    page.goto("/plan/crisis-plan/allergies/add")
    page.locator("textarea[name=text]").fill("Typed on a library computer")
    page.goto("/plan/crisis-plan")
    assert page.evaluate(PRIVATE_PAGES) == []
    assert page.evaluate(DRAFTS) == []
    assert page.evaluate(QUEUED) == []
    session = next(c for c in context.cookies() if c["name"] == "keepwell_session")
    assert session["expires"] == -1  # ends when the browser closes


def test_an_idle_timeout_forgets_everything_before_showing_a_private_page(new_context, live_server):
    person, _, ids = person_with_allergies(live_server, "Bo", "Nuts")
    context, page = signed_in_page(new_context, live_server, person.id)
    ready_offline(page, "/plan/crisis-plan")
    page.goto(f"/plan/crisis-plan/allergies/{ids[0]}")
    page.locator("textarea[name=text]").fill("Typed, never saved")
    assert page.evaluate(DRAFTS)
    context.set_offline(True)
    # 31 minutes pass: the worker and the page last saw the server half an hour ago.
    page.evaluate(
        """async () => {
          const cache = await caches.open('kw-meta');
          const device = await (await cache.match('/__device')).json();
          device.seen -= 31 * 60 * 1000;
          await cache.put('/__device', new Response(JSON.stringify(device)));
          const mine = JSON.parse(localStorage.getItem('keepwell-device'));
          mine.seen -= 31 * 60 * 1000;
          localStorage.setItem('keepwell-device', JSON.stringify(mine));
        }"""
    )
    page.goto("/plan/crisis-plan")
    expect(page.get_by_role("heading", level=1)).to_have_text("You are offline")
    expect(page.locator("main")).not_to_contain_text("Nuts")
    assert page.evaluate(PRIVATE_PAGES) == []
    wait_until(page, lambda: page.evaluate(DRAFTS) == [])


def test_signing_out_says_so_with_the_worker_running_and_forgets_the_copies(
    new_context, live_server
):
    person, _, _ = person_with_allergies(live_server, "Cy", "Nuts")
    context, page = signed_in_page(new_context, live_server, person.id)
    ready_offline(page, "/plan/crisis-plan")
    page.get_by_role("button", name="Sign out").click()
    expect(page.locator(".kw-notice--success")).to_have_text("You are signed out.")
    assert page.evaluate(PRIVATE_PAGES) == []
    context.set_offline(True)
    page.goto("/help")
    expect(page.locator("main")).not_to_contain_text("signed out")


def test_a_review_answered_offline_completes_when_sent(new_context, live_server):
    from tests.browser.progress_pages import AssessmentFlow

    person = make_person(live_server.app, "Ash")
    context, page = signed_in_page(new_context, live_server, person.id)
    ready_offline(page)
    flow = AssessmentFlow(page).start_from_progress("Start your baseline")
    check = re.search(r"/progress/assessments/(\d+)", page.url)
    assert check, page.url
    check_page = f"/progress/assessments/{check.group(1)}/check"
    ready_offline(page, check_page)
    flow.filled_in_with("On my own")
    context.set_offline(True)
    for _ in range(9):
        modules_started(page)
        before = page.url
        flow.answer("3")
        # Offline, Continue queues the answer, then goes on: wait for the next question,
        # or the next answer is given on the page that is going (and sent without it).
        page.wait_for_url(lambda url, before=before: url != before)
    expect(page.get_by_role("heading", level=1)).to_have_text("Check your answers")
    modules_started(page)
    flow.page.get_by_role("button", name="Save", exact=True).click()
    expect(page.locator("[data-offline-status]")).to_contain_text("Changes waiting to send: 10.")
    context.set_offline(False)
    expect(page.locator("[data-offline-status]")).to_contain_text(
        "The changes you made offline are saved.", timeout=20000
    )
    page.goto("/progress")
    expect(page.locator("main")).not_to_contain_text("Carry on")


def test_a_phone_that_cannot_store_says_so_and_keeps_the_words_in_the_form(
    new_context, live_server
):
    person, _, ids = person_with_allergies(live_server, "Di", "Nuts")
    context, page = signed_in_page(new_context, live_server, person.id)
    ready_offline(page, f"/plan/crisis-plan/allergies/{ids[0]}")
    # Storage full, or a private window that refuses it.
    context.add_init_script(
        "IDBFactory.prototype.open = () => { throw new Error('QuotaExceeded'); }"
    )
    context.set_offline(True)
    page.goto(f"/plan/crisis-plan/allergies/{ids[0]}")
    modules_started(page)
    page.locator("textarea[name=text]").fill("Nuts, all kinds")
    page.get_by_role("button", name="Save").click()
    expect(page.locator("[data-offline-status]")).to_contain_text(
        "Saving offline is off on this phone"
    )
    expect(page.locator("textarea[name=text]")).to_have_value("Nuts, all kinds")
    assert_no_axe_violations(page)


def test_deleting_the_account_says_so_and_leaves_nothing_on_the_phone(new_context):
    context = new_context()
    page = context.new_page()
    SignUpPage(page).open().create_with_password("leaving-offline", "lamp lake lettuce")
    ready_offline(page, "/plan/crisis-plan")
    page.goto("/account/delete")
    if "/auth/confirm" in page.url:
        page.get_by_label("Password", exact=True).fill("lamp lake lettuce")
        page.get_by_label("Password", exact=True).press("Enter")
    page.get_by_label(re.compile("I understand that my plan")).check()
    page.get_by_role("button", name="Continue").click()
    page.get_by_role("button", name="Yes, delete my account").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("deleted")
    wait_until(page, lambda: page.evaluate(PRIVATE_PAGES) == [])
    context.set_offline(True)
    page.goto("/plan/crisis-plan")
    expect(page.get_by_role("heading", level=1)).to_have_text("You are offline")


def test_signing_out_everywhere_clears_the_other_phone_when_it_is_next_online(
    new_context, live_server
):
    person, _, _ = person_with_allergies(live_server, "Ez", "Nuts")
    first_context, first = signed_in_page(new_context, live_server, person.id)
    ready_offline(first, "/plan/crisis-plan")
    _, second = signed_in_page(new_context, live_server, person.id)
    second.goto("/account")
    second.get_by_role("button", name="Sign out on every device").click()
    expect(second.locator(".kw-notice--success")).to_contain_text("signed out on every device")
    first.goto("/help")  # the first phone, online again: the server says no one is signed in
    wait_until(first, lambda: first.evaluate(PRIVATE_PAGES) == [])
    first_context.set_offline(True)
    first.goto("/plan/crisis-plan")
    expect(first.locator("main")).not_to_contain_text("Nuts")


def test_an_old_signed_out_copy_shown_on_a_failing_network_forgets_nothing(
    new_context, live_server
):
    """The phone thinks it is online but nothing gets through: the worker shows its
    signed-out offline page, and the changes waiting to send must not be forgotten on
    that old copy's word."""
    person, _, ids = person_with_allergies(live_server, "Fin", "Nuts")
    context, page = signed_in_page(new_context, live_server, person.id)
    ready_offline(page, f"/plan/crisis-plan/allergies/{ids[0]}")
    context.set_offline(True)
    change_offline(page, ids[0], "Nuts and seeds")
    assert page.evaluate(QUEUED) == ["waiting"]
    context.route("**/*", lambda route: route.abort("connectionfailed"))
    context.set_offline(False)
    page.goto("/plan/never-kept")  # the worker's own "You are offline" page, signed out
    expect(page.get_by_role("heading", level=1)).to_have_text("You are offline")
    page.wait_for_timeout(500)
    assert page.evaluate(QUEUED) == ["waiting"]
    context.unroute("**/*")
    page.goto("/plan/crisis-plan")
    expect(page.locator("[data-offline-status]")).to_contain_text(
        "The changes you made offline are saved.", timeout=15000
    )
    assert crisis_plan(live_server, person.id)["allergies"][0]["text"] == "Nuts and seeds"
