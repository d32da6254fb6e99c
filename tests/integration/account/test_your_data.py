"""Download everything, and delete everything."""

from __future__ import annotations

import json

from sqlalchemy import func, inspect, select

from app.data.accounts.models import User
from app.data.database import db
from app.data.db_setup import UNMODELLED_TABLE_PREFIXES
from app.data.export import EXPORTED_TABLES, PUBLIC_TABLES
from tests.support.helpers import delete_account, make_person, page_text, post_form, sign_in


def fill_plan(client):
    url = "/plan/triggers/triggers/add"
    html = client.get(url).get_data(as_text=True)
    import re

    state = dict(re.findall(r'name="(base_version|entry_id)" value="([^"]*)"', html))
    post_form(client, url, {**state, "text": "Thunderstorms"})


def test_a_person_downloads_all_their_data_as_json(app, client):
    person = make_person(app, "Jo", username="jo", password="jo likes long walks")
    sign_in(app, client, person)
    fill_plan(client)
    response = client.get("/account/download")
    assert response.mimetype == "application/json"
    assert "attachment" in response.headers["Content-Disposition"]
    data = json.loads(response.get_data(as_text=True))
    assert data["account"]["display_name"] == "Jo"
    assert data["account"]["has_password"] is True
    assert "password_hash" not in json.dumps(data)
    triggers = data["plan"]["parts"]["triggers"]
    assert triggers["content"]["triggers"][0]["text"] == "Thunderstorms"
    assert triggers["revisions"][0]["by_you"] is True


def test_the_download_covers_every_table_that_holds_a_persons_data(app):
    with app.app_context():
        tables = set(inspect(db.engine).get_table_names()) - {"alembic_version"}
    not_personal = {
        "webauthn_challenges",  # short-lived, deleted on use
        "replayed_changes",  # random ids of changes already sent: no words, no dates shown
    }
    # Search index tables repeat listing text, never a person's words.
    index_tables = {t for t in tables if t.startswith(tuple(UNMODELLED_TABLE_PREFIXES))}
    assert tables - not_personal - index_tables - PUBLIC_TABLES - EXPORTED_TABLES == set()


def test_deleting_an_account_asks_first(app, client):
    person = make_person(app)
    sign_in(app, client, person)
    response = post_form(client, "/account/delete", {})
    assert "Tick the box" in page_text(response)
    with app.app_context():
        assert db.session.get(User, person.id) is not None


def test_deleting_an_account_says_what_goes_and_asks_again(app, client):
    """Finding 9.6: deletion says what will be deleted, asks a second time, and shows its
    confirmation afterwards (a page of its own, not a message the next page may lose)."""
    person = make_person(app)
    sign_in(app, client, person)
    fill_plan(client)
    first = page_text(client.get("/account/delete"))
    assert "What will be deleted" in first and "part of your plan" in first
    ticked = post_form(client, "/account/delete", {"confirm": "y"})
    assert ticked.status_code == 200 and "Last check" in page_text(ticked)
    with app.app_context():
        assert db.session.get(User, person.id) is not None
    done = post_form(client, "/account/delete", {"confirm": "y", "final": "yes"})
    assert done.status_code == 302 and done.location.endswith("/account/deleted")
    assert "Your account has been deleted" in page_text(client.get(done.location))
    with app.app_context():
        assert db.session.get(User, person.id) is None


def test_deleting_an_account_removes_everything_of_theirs(app, client, other_client):
    keeper = make_person(app, "Keeper")
    sign_in(app, other_client, keeper)
    fill_plan(other_client)
    person = make_person(app, "Leaver", username="leaver", password="leaving for good now")
    sign_in(app, client, person)
    fill_plan(client)
    post_form(client, "/account/recovery-codes")
    with app.app_context():
        counts_before = _counts()
    response = delete_account(client, follow_redirects=True)
    assert "have been deleted" in page_text(response)
    assert client.get("/plan").status_code == 302
    with app.app_context():
        assert db.session.get(User, person.id) is None
        after = _counts()
        assert after["users"] == 1 and after["plans"] == 1
        assert after["part_revisions"] == counts_before["part_revisions"] // 2
        assert after["recovery_codes"] == 0
    assert "Thunderstorms" in page_text(other_client.get("/plan/triggers"))


def _counts():
    return {
        table.name: db.session.scalar(select(func.count()).select_from(table))
        for table in db.metadata.sorted_tables
    }
