"""Ask and record: one question per page after signing up (skippable) and from Account;
each need stored with its NHS SNOMED CT code, or in the person's words; in the download."""

from __future__ import annotations

import re

from sqlalchemy import select

from app.data.database import db
from app.data.needs.models import CommunicationNeed, CommunicationNeeds
from tests.support.helpers import csrf_token, page_text, post_form

NEEDS = "/account/communication-needs"


def items(app, owner_id):
    with app.app_context():
        rows = db.session.scalars(
            select(CommunicationNeed)
            .where(CommunicationNeed.owner_id == owner_id)
            .order_by(CommunicationNeed.id)
        )
        return [(r.kind, r.key, r.snomed_id, r.snomed_term, r.own_words) for r in rows]


def record(app, owner_id):
    with app.app_context():
        return db.session.scalar(
            select(CommunicationNeeds).where(CommunicationNeeds.owner_id == owner_id)
        )


def test_a_new_account_is_asked_once_and_can_say_not_now(app, client):
    token = csrf_token(client, "/auth/sign-up/password")
    response = client.post(
        "/auth/sign-up/password",
        data={
            "csrf_token": token,
            "username": "asked-once",
            "password": "lamp lake lettuce",
            "confirm": "lamp lake lettuce",
        },
    )
    assert f'href="{NEEDS}/ask"' in response.get_data(as_text=True)
    ask = client.get(f"{NEEDS}/ask")
    assert "How do you like to get information?" in page_text(ask)
    assert "change your answers any time" in page_text(ask)
    skipped = post_form(client, f"{NEEDS}/not-now")
    assert skipped.status_code == 302 and skipped.location.endswith("/plan")
    with app.app_context():
        row = db.session.scalar(select(CommunicationNeeds))
        assert row is not None and row.asked_at_utc is not None
        assert row.checked_at_utc is None  # skipping is not saying they are right


def test_asking_goes_one_question_per_page_and_each_can_be_skipped(app, client, sam):
    first = client.get(f"{NEEDS}/language?asking=1")
    assert "Question 1 of 5" in page_text(first)
    assert f'href="{NEEDS}/formats?asking=1"' in first.get_data(as_text=True)  # skip
    answered = post_form(client, f"{NEEDS}/language", {"language": "bsl", "asking": "1"})
    assert answered.location.endswith(f"{NEEDS}/formats?asking=1")
    answered = post_form(client, f"{NEEDS}/formats", {"needs": ["easy_read"], "asking": "1"})
    assert answered.location.endswith(f"{NEEDS}/support?asking=1")
    last = post_form(client, f"{NEEDS}/other", {"notes": "", "asking": "1"})
    assert last.location.endswith(NEEDS)
    assert record(app, sam.id).asked_at_utc is not None


def test_each_need_is_recorded_with_its_nhs_code(app, client, sam):
    post_form(client, f"{NEEDS}/formats", {"needs": ["easy_read", "large_print"]})
    post_form(client, f"{NEEDS}/support", {"needs": ["bsl_interpreter", "quiet_place"]})
    post_form(client, f"{NEEDS}/contact", {"needs": ["contact_text", "no_phone_calls"]})
    assert items(app, sam.id) == [
        ("format", "easy_read", "796161000000101", "Requires information in Easyread", ""),
        ("format", "large_print", "957331000000109",
         "Requires written information in at least 20 point sans serif font", ""),
        ("support", "bsl_interpreter", "204331000000107",
         "British Sign Language interpreter needed", ""),
        ("support", "quiet_place", "1325391000000106", "Requires low noise environment", ""),
        ("contact", "contact_text", "936701000000103",
         "Requires contact by short message service text message", ""),
        ("contact", "no_phone_calls", None, "", ""),  # no NHS concept: no guessed code
    ]  # fmt: skip
    summary = page_text(client.get(NEEDS))
    assert "Easy read" in summary and "A British Sign Language (BSL) interpreter" in summary


def test_a_need_with_no_code_is_kept_in_the_persons_words(app, client, sam):
    post_form(client, f"{NEEDS}/support", {"needs": [], "own_words": "My sister explains letters"})
    assert items(app, sam.id) == [("support", "", None, "", "My sister explains letters")]
    assert "My sister explains letters" in page_text(client.get(NEEDS))


def test_an_interpreter_is_coded_for_the_persons_language(app, client, sam):
    post_form(client, f"{NEEDS}/support", {"needs": ["interpreter"]})
    assert items(app, sam.id)[0][2:4] == ("315594003", "Interpreter needed")
    post_form(client, f"{NEEDS}/language", {"language": "pl"})
    assert items(app, sam.id)[0][2:4] == ("203901000000102", "Polish language interpreter needed")
    post_form(client, f"{NEEDS}/language", {"language": "other", "other_language": "Tigrinya"})
    assert items(app, sam.id)[0][2:4] == ("315594003", "Interpreter needed")
    assert record(app, sam.id).language == "Tigrinya"
    assert "Tigrinya" in page_text(client.get(NEEDS))


def test_bad_answers_get_a_clear_message_and_keep_what_was_typed(app, client, sam):
    other = post_form(client, f"{NEEDS}/language", {"language": "other", "other_language": ""})
    assert other.status_code == 200 and "Say which language you prefer" in page_text(other)
    both = post_form(
        client,
        f"{NEEDS}/contact",
        {"needs": ["no_phone_calls", "contact_phone_only"], "own_words": "Mornings only"},
    )
    assert "Choose either 'No phone calls' or 'Phone calls only'" in page_text(both)
    assert 'value="Mornings only"' in both.get_data(as_text=True)
    forged_language = post_form(client, f"{NEEDS}/language", {"language": "<b>xx</b>"})
    assert forged_language.status_code == 200 and "There is a problem" in page_text(forged_language)
    assert "<b>xx</b>" not in forged_language.get_data(as_text=True)
    forged = post_form(client, f"{NEEDS}/formats", {"needs": ["<script>"]})
    assert forged.status_code == 200 and "There is a problem" in page_text(forged)
    too_long = post_form(client, f"{NEEDS}/other", {"notes": "x" * 1001})
    assert too_long.status_code == 200 and "x" * 1001 in too_long.get_data(as_text=True)
    assert items(app, sam.id) == []
    assert client.get(f"{NEEDS}/nonsense").status_code == 404


def test_saying_they_are_still_right_is_the_review(app, client, sam):
    post_form(client, f"{NEEDS}/formats", {"needs": ["easy_read"]})
    before = record(app, sam.id).checked_at_utc
    response = post_form(client, f"{NEEDS}/still-right", follow_redirects=True)
    assert "still right" in page_text(response) and "Last checked" in page_text(response)
    assert record(app, sam.id).checked_at_utc >= before


def test_the_download_includes_the_codes(app, client, sam):
    post_form(client, f"{NEEDS}/language", {"language": "bsl"})
    post_form(client, f"{NEEDS}/support", {"needs": ["bsl_interpreter"], "own_words": "Slowly"})
    data = client.get("/account/download").get_json()["communication_needs"]
    assert data["language"] == "bsl"
    assert data["needs"][0]["snomed_ct"] == {
        "system": "http://snomed.info/sct",
        "id": "204331000000107",
        "term": "British Sign Language interpreter needed",
    }
    assert data["needs"][1] == {
        "kind": "support",
        "key": None,
        "snomed_ct": None,
        "in_my_words": "Slowly",
        "since_utc": data["needs"][1]["since_utc"],
    }
    assert data["last_checked_at_utc"] is not None


def test_someone_else_cannot_change_or_read_my_needs_form(app, client, other_client, sam, jo):
    post_form(client, f"{NEEDS}/other", {"notes": "Sam's private words"})
    # Every needs URL is about the signed-in person: Jo only ever reaches Jo's own.
    page = other_client.get(NEEDS)
    assert "Sam's private words" not in page.get_data(as_text=True)
    post_form(other_client, f"{NEEDS}/other", {"notes": "Jo's words"})
    assert record(app, sam.id).notes == "Sam's private words"


def test_answers_still_save_when_two_tabs_answer_at_once(app, client, sam):
    token = csrf_token(client)
    for needs in (["easy_read"], ["audio"]):
        client.post(f"{NEEDS}/formats", data={"csrf_token": token, "needs": needs})
    assert [row[1] for row in items(app, sam.id)] == ["audio"]


def test_signed_out_people_are_sent_to_sign_in(client):
    for path in (NEEDS, f"{NEEDS}/ask", f"{NEEDS}/language"):
        response = client.get(path)
        assert response.status_code == 302 and "/auth/sign-in" in response.location
    response = post_form(client, f"{NEEDS}/not-now")
    assert response.status_code == 302 and re.search("/auth/sign-in", response.location)
