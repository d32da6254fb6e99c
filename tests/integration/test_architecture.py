"""The joins between the layers: one transaction per request, and an access check no view
can forget without its tests failing."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select

from app import access
from app.data.circle.access_log import AccessLogEntry
from app.data.database import db
from app.data.plans.models import PartRevision, PlanPart
from app.plan.routes import parts
from tests.support.circle import invite, join
from tests.support.helpers import make_person, post_form, sign_in


def _saved_words(app):
    with app.app_context():
        part = db.session.scalar(select(PlanPart).where(PlanPart.part_key == "triggers"))
        revisions = db.session.scalar(select(func.count()).select_from(PartRevision))
        return part.version, part.content, revisions


def test_a_request_that_fails_after_a_save_was_flushed_saves_nothing(app, client, monkeypatch):
    """The save (a guarded UPDATE and a new revision) is flushed; then the view fails.
    The error page rolls back: no half-written plan, no orphan revision."""
    person = make_person(app, "Robin")
    sign_in(app, client, person)
    before = _saved_words(app)

    def fail_after_the_save(_key):
        raise RuntimeError("the disk is full")

    monkeypatch.setattr(parts, "note_saved_draft", fail_after_the_save)
    page = client.get("/plan/triggers/triggers/add").get_data(as_text=True)
    entry_id = page.split('name="entry_id" value="')[1].split('"')[0]
    response = post_form(
        client,
        "/plan/triggers/triggers/add",
        {"text": "Loud crowds", "entry_id": entry_id, "base_version": "0"},
    )
    assert response.status_code == 500
    assert _saved_words(app) == before == (0, {}, 0)


def test_a_members_look_is_logged_only_with_the_page_that_showed_it(app, client, other_client):
    """The view by a carer is logged inside the request's transaction: a page that then
    fails (here: an entry that does not exist, after the part was opened) logs nothing.
    (The communication needs flag on a page is a look of its own, counted apart.)"""
    NOT_THE_FLAG = AccessLogEntry.area != "communication_needs"
    owner = make_person(app, "Sam")
    carer = make_person(app, "Jo")
    sign_in(app, client, owner)
    sign_in(app, other_client, carer)
    code, _response = invite(client, "peer_mentor_everything")
    join(other_client, code)
    with app.app_context():
        logged = db.session.scalar(select(func.count()).select_from(AccessLogEntry))
    missing = other_client.get(f"/people/{owner.id}/plan/crisis-plan/history/99")
    assert missing.status_code == 404
    with app.app_context():
        assert db.session.scalar(select(func.count()).select_from(AccessLogEntry)) == logged
    shown = other_client.get(f"/people/{owner.id}/plan/crisis-plan")
    assert shown.status_code == 200
    with app.app_context():
        assert (
            db.session.scalar(select(func.count()).select_from(AccessLogEntry).where(NOT_THE_FLAG))
            == logged + 1
        )


def test_a_view_that_never_asks_the_access_policy_fails_its_tests(app, client, monkeypatch):
    """Forgetting access.require cannot pass unnoticed: a request that looked up whose
    data it is about but never asked the policy fails in tests and development."""
    person = make_person(app, "Ash")
    sign_in(app, client, person)
    monkeypatch.setattr(access, "require", lambda *args, **kwargs: None)
    with pytest.raises(AssertionError, match="never asked access.require"):
        client.get("/plan/crisis-plan")


def test_the_same_page_with_the_access_policy_asked_passes(app, client):
    person = make_person(app, "Ash")
    sign_in(app, client, person)
    assert client.get("/plan/crisis-plan").status_code == 200
