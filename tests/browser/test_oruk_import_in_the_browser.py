"""A service manager imports a publisher's ORUK feed in the browser: the report says what
was added, skipped (and why) and left out; the listing says who checked it and when; the
feed's listings are not edited here. Every page passes axe in every mode, in Welsh too."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from app.data.accounts.models import User
from app.data.database import db
from app.data.groups.people import grant_manager
from tests.browser.pages import SignUpPage
from tests.browser.support import (
    assert_no_axe_violations_in_every_mode,
    assert_no_horizontal_scroll,
    assert_page_checks,
    set_language,
)

EXAMPLE = Path(__file__).parents[1] / "integration/groups/oruk_examples/hsds/service_full.json"


def check(page: Page) -> None:
    assert_page_checks(page)
    assert_no_horizontal_scroll(page)
    assert_no_axe_violations_in_every_mode(page)


@pytest.fixture
def feed_file(tmp_path: Path) -> Path:
    record = json.loads(EXAMPLE.read_text())  # its latitude of 100 is not on Earth
    broken = {"id": "not-a-uuid", "name": "Broken", "status": "active"}
    path = tmp_path / "council-feed.json"
    path.write_text(json.dumps([record, broken]))
    return path


def test_a_manager_imports_a_feed_and_sees_what_came_in_and_what_did_not(
    page, live_server, feed_file
):
    SignUpPage(page).open().create_with_password("manager", "lamp lake lettuce")
    with live_server.app.app_context():
        grant_manager(db.session.scalar(db.select(User).where(User.username == "manager")))
        db.session.commit()
    page.goto("/groups/manage/import")
    page.get_by_label("Whose feed is this? (optional)").fill("Oxfordshire County Council")
    page.get_by_label("ORUK feed file (JSON)").set_input_files(str(feed_file))
    page.get_by_role("button", name="Import").click()
    status = page.get_by_role("status")
    expect(status).to_contain_text("1 added, 0 updated, 0 unchanged, 1 skipped.")
    main = page.locator("main")
    expect(main).to_contain_text('id: "not-a-uuid" is not a UUID.')
    expect(main).to_contain_text("is not a coordinate on Earth")
    # What was typed is kept after the import.
    expect(page.get_by_label("Whose feed is this? (optional)")).to_have_value(
        "Oxfordshire County Council"
    )
    check(page)

    page.goto("/groups/manage")
    item = page.locator(".kw-manage-list__item", has_text="From the feed Oxfordshire")
    expect(item).to_have_count(1)
    expect(item.get_by_role("link", name="Edit")).to_have_count(0)
    check(page)
    item.get_by_role("link").first.click()
    expect(page.locator("main")).to_contain_text("by Oxfordshire County Council")
    check(page)

    set_language(page.context, live_server.url, "cy")
    page.goto("/groups/manage/import")
    page.get_by_label("Ffrwd pwy yw hon? (dewisol)").fill("Oxfordshire County Council")
    page.locator("#feed").set_input_files(str(feed_file))
    page.locator("main form button[type=submit]").click()
    expect(page.locator("main")).to_contain_text('id: nid yw "not-a-uuid" yn UUID.')
    check(page)
