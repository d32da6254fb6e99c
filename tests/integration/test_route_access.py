"""Every route declares who may use it, and no route lets one person read or change
another person's data, whatever identifiers are put in the URL."""

from __future__ import annotations

import json
import re
from datetime import date

import pytest
from sqlalchemy import select

from app import access
from app.data.export import export_person
from app.data.models import PartDraft, PartRevision, Passkey, PlanPart, User
from app.data.outcomes import Assessment
from app.data.reminders import PushSubscription
from app.extensions import db
from tests.support.helpers import csrf_token, make_person, page_text, sign_in
from tests.support.progress import make_assessment

SECRET = "Alice's private words 7f3a"


def endpoints(app):
    for rule in app.url_map.iter_rules():
        if rule.endpoint != "static":
            yield rule


def test_every_route_declares_who_may_use_it(app):
    undeclared = [
        rule.endpoint
        for rule in endpoints(app)
        if not hasattr(app.view_functions[rule.endpoint], "access_rule")
    ]
    assert undeclared == []


def _url(rule, values):
    from werkzeug.routing import BuildError

    arguments = {name: values.get(name, "x") for name in rule.arguments}
    try:
        return rule.build(arguments, append_unknown=False)[1]
    except BuildError:  # pragma: no cover - shape mismatch means a test bug
        raise


def test_signed_in_routes_send_signed_out_people_to_sign_in(app, client):
    values = {
        "slug": "triggers",
        "section_key": "triggers",
        "entry_id": "e000000000000",
        "version": 1,
        "draft_id": 1,
        "passkey_id": 1,
        "code": "en",
        "assessment_id": 1,
        "instrument_key": "llr9",
        "item_key": "money",
        "subscription_id": 1,
    }
    token = csrf_token(client)
    for rule in endpoints(app):
        view = app.view_functions[rule.endpoint]
        if access.rule_for(view) != access.SIGNED_IN:
            continue
        url = _url(rule, values)
        method = "GET" if "GET" in rule.methods else "POST"
        response = client.open(url, method=method, data={"csrf_token": token})
        assert response.status_code == 302, f"{method} {url}"
        assert "/auth/sign-in" in response.location, f"{method} {url}"


@pytest.fixture
def alice(app):
    person = make_person(app, "Alice", username="alice", password="alice secret words")
    with app.app_context():
        from app.data.plans import get_part, get_plan_for_owner, keep_draft, save_part

        user = db.session.get(User, person.id)
        plan = get_plan_for_owner(user.id)
        for part in plan.parts:
            content = {
                "tools" if part.part_key == "wellness_toolbox" else "triggers": [
                    {"id": "e1234567890ab", "text": SECRET}
                ]
            }
            if part.part_key == "crisis_plan":
                content = {
                    "supporters": [{"id": "e1234567890ab", "name": SECRET, "phone": "07700900001"}]
                }
            save_part(part, content, author=user, change="edit", expected_version=0)
        part = get_part(plan, "triggers")
        keep_draft(part, user, "triggers", "e1234567890ab", 0, {"text": SECRET})
        db.session.add(
            Passkey(
                user_id=user.id,
                credential_id=b"alice-key",
                public_key=b"k",
                name=SECRET,
                transports=[],
            )
        )
        db.session.add(
            PushSubscription(
                owner_id=user.id,
                endpoint="https://push.example.org/alice",
                p256dh=SECRET,
                auth="x",
                device=SECRET,
            )
        )
        db.session.commit()
    assessment_id = make_assessment(app, person.id, date(2025, 1, 6), {"money": 4}, kind="baseline")
    with app.app_context():
        assessment = db.session.get(Assessment, assessment_id)
        assessment.answers = {"money": {"score": 4, "status": "scored", "help": SECRET}}
        assessment.with_name = SECRET
        db.session.commit()
        return {
            "user_id": person.id,
            "draft_id": db.session.scalar(select(PartDraft.id)),
            "passkey_id": db.session.scalar(select(Passkey.id)),
            "assessment_id": assessment_id,
            "subscription_id": db.session.scalar(select(PushSubscription.id)),
        }


def _snapshot(app, user_id):
    with app.app_context():
        data = export_person(db.session.get(User, user_id))
        data.pop("exported_at_utc")
        data["account"].pop("signed_in_devices")
        return json.dumps(data, sort_keys=True)


FORM_DATA = {
    "text": "Mallory was here",
    "name": "Mallory",
    "choice": "mine",
    "direction": "up",
    "base_version": "1",
    "confirm": "y",
    "entry_id": "e1234567890ab",
    "credential": "{}",
    "text_size": "large",
    "username": "mallory",
    "password": "mallory passphrase",
    "current_password": "x",
    "answer": "1",
    "completed_with": "alone",
    "with_name": "Mallory",
    "taken_on": "2025-01-07",
    "version": "1",
    "item_key": "money",
    "target": "toolbox",
    "subscription": '{"endpoint": "https://push.example.org/alice", "keys": {}}',
    "endpoint": "https://push.example.org/alice",
    "client_token": "ab" * 16,
}


def test_no_route_lets_another_person_read_or_change_alices_data(app, client, alice):
    before = _snapshot(app, alice["user_id"])
    mallory = make_person(app, "Mallory")
    sign_in(app, client, mallory)
    values = {
        "slug": "triggers",
        "section_key": "triggers",
        "entry_id": "e1234567890ab",
        "version": 1,
        "draft_id": alice["draft_id"],
        "passkey_id": alice["passkey_id"],
        "code": "en",
        "assessment_id": alice["assessment_id"],
        "instrument_key": "llr9",
        "item_key": "money",
        "subscription_id": alice["subscription_id"],
    }
    skip = {"auth.sign_out", "auth.sign_out_everywhere", "account.delete"}
    for rule in endpoints(app):
        if rule.endpoint in skip:
            continue
        url = _url(rule, values)
        for method in sorted(rule.methods - {"HEAD", "OPTIONS"}):
            data = {"csrf_token": csrf_token(client), **FORM_DATA} if method == "POST" else None
            response = client.open(url, method=method, data=data, check_html=False)
            assert response.status_code != 500, f"{method} {url}"
            assert SECRET not in response.get_data(as_text=True), f"{method} {url} leaked"
            assert re.sub(r"\s+", " ", SECRET) not in page_text(response)
    assert _snapshot(app, alice["user_id"]) == before
    with app.app_context():
        # Mallory's own plan may have changed (her data, her right), but never with Alice's words.
        for part in db.session.scalars(select(PlanPart)):
            if part.plan.owner_id != alice["user_id"]:
                assert SECRET not in json.dumps(part.content)
        for revision in db.session.scalars(
            select(PartRevision).where(PartRevision.author_id == mallory.id)
        ):
            assert SECRET not in json.dumps(revision.content)
