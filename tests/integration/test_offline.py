"""Offline copies and changes made offline, as the server sees them (app/pwa/offline.py,
app/replay.py). The browser side is in tests/browser/test_offline_in_the_browser.py."""

from __future__ import annotations

import re
import threading

from sqlalchemy import func, select

from app.data.accounts.models import ReplayedChange
from app.data.circle.models import CircleMember
from app.data.database import db
from app.data.plans.models import PartRevision, PlanPart
from tests.support.circle import invite, join
from tests.support.helpers import csrf_token, make_person, page_text, post_form, sign_in

HIDDEN = re.compile(r'name="(base_version|entry_id)" value="([^"]*)"')
BACKGROUND = {"Keepwell-Background": "1"}


def add_allergy(client, words="Penicillin"):
    url = "/plan/crisis-plan/allergies/add"
    state = dict(HIDDEN.findall(client.get(url).get_data(as_text=True)))
    post_form(client, url, {**state, "text": words})
    return state["entry_id"]


def crisis_plan(app):
    with app.app_context():
        part = db.session.scalar(select(PlanPart).where(PlanPart.part_key == "crisis_plan"))
        return part.version, part.content


def revisions(app):
    with app.app_context():
        return db.session.scalar(select(func.count(PartRevision.id)))


# What the worker is told ----------------------------------------------------------------


def test_own_plan_pages_may_be_kept_and_say_who_is_signed_in(client, sam):
    response = client.get("/plan/crisis-plan")
    assert response.headers["Keepwell-Keep"] == "1"
    viewer = response.headers["Keepwell-Viewer"]
    assert re.fullmatch(r"[0-9a-f]{24}", viewer) and str(sam.id) != viewer
    assert response.headers["Keepwell-Idle"] == "1800"
    assert response.headers["Keepwell-Offline-Days"] == "30"
    assert f'data-viewer="{viewer}"' in response.get_data(as_text=True)
    # Private, but not kept: account settings are never on the device.
    settings = client.get("/account")
    assert "Keepwell-Keep" not in settings.headers
    assert settings.headers["Cache-Control"] == "no-store"


def test_signed_out_pages_say_no_one_is_signed_in(client):
    response = client.get("/help")
    assert response.headers["Keepwell-Viewer"] == "none"
    assert "Keepwell-Keep" not in response.headers
    assert 'data-viewer=""' in response.get_data(as_text=True)


def test_two_people_have_different_viewer_keys(app, client, other_client, sam, jo):
    assert (
        client.get("/").headers["Keepwell-Viewer"]
        != other_client.get("/").headers["Keepwell-Viewer"]
    )


def test_a_page_showing_a_one_off_message_is_not_kept(client, sam):
    add_allergy(client)
    shown = client.get("/plan/crisis-plan")
    assert "Added to" in page_text(shown)
    assert "Keepwell-Keep" not in shown.headers
    assert client.get("/plan/crisis-plan").headers["Keepwell-Keep"] == "1"


def test_the_shell_copy_is_drawn_as_for_someone_signed_out(client, sam):
    """The worker's own copy of Get help now must not carry anyone's supporters."""
    response = client.get("/help", headers={"Keepwell-Shell": "1"})
    assert response.headers["Keepwell-Viewer"] == "none"
    assert "Sign out" not in page_text(response)


def test_background_requests_leave_messages_for_the_page_the_person_sees(client, sam):
    add_allergy(client)  # "Added to Crisis plan." waits for the next page
    background = client.get("/plan/crisis-plan", headers=BACKGROUND)
    assert "Added to" not in page_text(background)
    assert "Added to" in page_text(client.get("/plan/crisis-plan"))


def test_signed_out_message_survives_the_workers_fetch_of_help(client, sam):
    post_form(client, "/auth/sign-out")
    client.get("/help", headers={"Keepwell-Background": "1", "Keepwell-Shell": "1"})
    assert "You are signed out." in page_text(client.get("/auth/sign-in"))


def test_the_list_of_pages_to_keep_covers_the_whole_plan(client, sam):
    entry = add_allergy(client)
    pages = client.get("/offline/pages.json").get_json()["pages"]
    for url in (
        "/",
        "/help",
        "/plan",
        "/plan/crisis-plan",
        "/plan/crisis-plan/allergies/add",
        f"/plan/crisis-plan/allergies/{entry}",
        f"/plan/crisis-plan/allergies/{entry}/remove",
        "/progress",
        "/account/communication-passport",
    ):
        assert url in pages, url
    for url in pages:
        response = client.get(url, headers=BACKGROUND)
        assert response.status_code == 200, url
        assert response.headers.get("Keepwell-Keep") == "1", url
    # A change to the crisis plan changes its pages' tags, and only the plan's.
    before = dict(pages)
    add_allergy(client, "Latex")
    after = client.get("/offline/pages.json").get_json()["pages"]
    assert after["/plan/crisis-plan"] != before["/plan/crisis-plan"]
    assert after["/plan/wellness-toolbox"] == before["/plan/wellness-toolbox"]


def test_a_started_review_can_be_answered_offline(client, sam):
    from tests.support.progress import assessment_id_from, start

    assessment_id = assessment_id_from(start(client))
    pages = client.get("/offline/pages.json").get_json()["pages"]
    assert any(url.startswith(f"/progress/assessments/{assessment_id}/areas/") for url in pages)
    assert f"/progress/assessments/{assessment_id}/check" in pages


def test_offline_endpoints_need_a_sign_in(client):
    for url in ("/offline/pages.json", "/offline/token", "/offline/still-shared?people=1"):
        assert client.get(url).status_code == 302, url


def test_a_fresh_token_sends_a_change_made_offline(client, sam):
    token = client.get("/offline/token").get_json()["token"]
    entry = add_allergy(client)
    version, _ = crisis_plan(client.application)
    response = client.post(
        f"/plan/crisis-plan/allergies/{entry}",
        data={
            "csrf_token": token,
            "base_version": str(version),
            "entry_id": entry,
            "text": "Penicillin and amoxicillin",
            "change_id": "8d1c0a4e-6d0f-4a51-9a0f-1a2b3c4d5e6f",
        },
        headers=BACKGROUND,
    )
    assert response.status_code == 302
    assert crisis_plan(client.application)[1]["allergies"][0]["text"] == (
        "Penicillin and amoxicillin"
    )


# Sent twice, applied once -----------------------------------------------------------------


def edit_offline(client, entry, version, words, change_id):
    return post_form(
        client,
        f"/plan/crisis-plan/allergies/{entry}",
        {"base_version": str(version), "entry_id": entry, "text": words, "change_id": change_id},
        headers=BACKGROUND,
    )


def test_an_edit_sent_twice_is_applied_once(app, client, sam):
    entry = add_allergy(client)
    version, _ = crisis_plan(app)
    edit_offline(client, entry, version, "Penicillin (rash)", "change-0001-aaaa")
    # Meanwhile, on the phone, an edit made online to the same entry:
    post_form(
        client,
        f"/plan/crisis-plan/allergies/{entry}",
        {"base_version": str(version + 1), "entry_id": entry, "text": "Penicillin (bad rash)"},
    )
    count = revisions(app)
    again = edit_offline(client, entry, version, "Penicillin (rash)", "change-0001-aaaa")
    assert again.status_code == 302 and "/conflicts/" not in again.location
    assert revisions(app) == count
    assert crisis_plan(app)[1]["allergies"][0]["text"] == "Penicillin (bad rash)"


def test_a_move_sent_twice_moves_once(app, client, sam):
    first = add_allergy(client, "One")
    add_allergy(client, "Two")
    add_allergy(client, "Three")
    version, _ = crisis_plan(app)
    for _ in range(2):
        post_form(
            client,
            f"/plan/crisis-plan/allergies/{first}/move",
            {"base_version": str(version), "direction": "down", "change_id": "move-0001-bbbb"},
            headers=BACKGROUND,
        )
    assert [e["text"] for e in crisis_plan(app)[1]["allergies"]] == ["Two", "One", "Three"]


def test_an_addition_removed_since_is_not_brought_back(app, client, sam):
    url = "/plan/crisis-plan/allergies/add"
    state = dict(HIDDEN.findall(client.get(url).get_data(as_text=True)))
    data = {**state, "text": "Nuts", "change_id": "add-0001-cccc"}
    post_form(client, url, data, headers=BACKGROUND)
    post_form(client, f"/plan/crisis-plan/allergies/{state['entry_id']}/remove")
    assert crisis_plan(app)[1]["allergies"] == []
    post_form(client, url, data, headers=BACKGROUND)
    assert crisis_plan(app)[1]["allergies"] == []


def test_a_change_id_that_is_not_an_id_is_refused(client, sam):
    entry = add_allergy(client)
    version, _ = crisis_plan(client.application)
    response = edit_offline(client, entry, version, "x", "../../etc/passwd")
    assert response.status_code == 400


def test_the_same_change_sent_at_once_from_two_tabs_is_applied_once(app, sam):
    """Two requests race with one change id: one applies it, the other finds it taken."""
    first, second = app.test_client(), app.test_client()
    sign_in(app, first, sam)
    sign_in(app, second, sam)
    entry = add_allergy(first, "One")
    version, _ = crisis_plan(app)
    tokens = [csrf_token(c) for c in (first, second)]
    start = threading.Barrier(2)
    answers: list[int] = []

    def send(client, token):
        start.wait()
        response = client.post(
            f"/plan/crisis-plan/allergies/{entry}/move",
            data={"csrf_token": token, "base_version": str(version), "direction": "down"}
            | {"change_id": "race-0001-dddd"},
            headers=BACKGROUND,
        )
        answers.append(response.status_code)

    add_allergy(first, "Two")
    add_allergy(first, "Three")
    pairs = zip((first, second), tokens, strict=True)
    threads = [threading.Thread(target=send, args=pair) for pair in pairs]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert answers == [302, 302]
    assert [e["text"] for e in crisis_plan(app)[1]["allergies"]] == ["Two", "One", "Three"]
    with app.app_context():
        assert db.session.scalar(select(func.count(ReplayedChange.change_id))) == 1


def test_change_ids_go_with_the_account(app, client, sam):
    entry = add_allergy(client)
    version, _ = crisis_plan(app)
    edit_offline(client, entry, version, "Penicillin (rash)", "change-0002-eeee")
    from tests.support.helpers import delete_account

    delete_account(client)
    with app.app_context():
        assert db.session.scalar(select(func.count(ReplayedChange.change_id))) == 0


# A member of the circle --------------------------------------------------------------------


def test_a_members_copy_lasts_only_while_they_may_see_it(app, client, other_client, sam, jo):
    join(other_client, invite(client)[0])
    other_client.get("/people")  # "You joined Sam's circle" shown once
    page = other_client.get(f"/people/{sam.id}/plan/crisis-plan")
    assert page.headers["Keepwell-Keep"] == "1"
    asked = f"/offline/still-shared?people={sam.id},99999,{jo.id}"
    assert other_client.get(asked).get_json()["people"] == [sam.id]
    post_form(client, "/circle/pause")
    assert other_client.get(asked).get_json()["people"] == []
    post_form(client, "/circle/resume")
    assert other_client.get(asked).get_json()["people"] == [sam.id]
    with app.app_context():
        row_id = db.session.scalar(select(CircleMember.id))
    post_form(client, f"/circle/members/{row_id}/remove")
    assert other_client.get(asked).get_json()["people"] == []
    ended = other_client.get(f"/people/{sam.id}/plan/crisis-plan")
    assert ended.status_code == 403 and "Keepwell-Keep" not in ended.headers


def test_a_suggestion_made_offline_after_access_ended_is_refused(app, client, other_client, sam):
    jo = make_person(app, "Jo")
    sign_in(app, other_client, jo)
    join(other_client, invite(client, preset="peer_mentor_everything")[0])
    url = f"/people/{sam.id}/plan/crisis-plan/allergies/suggest"
    token = other_client.get("/offline/token").get_json()["token"]
    with app.app_context():
        row_id = db.session.scalar(select(CircleMember.id))
    post_form(client, f"/circle/members/{row_id}/remove")
    response = other_client.post(
        url,
        data={"csrf_token": token, "text": "Ibuprofen", "change_id": "suggest-0001-ffff"},
        headers=BACKGROUND,
    )
    assert response.status_code == 403


# A shared or borrowed phone -----------------------------------------------------------------


def test_a_shared_phone_keeps_nothing_and_forgets_the_sign_in_with_the_browser(app, client):
    make_person(app, "Ash", username="ash", password="correct horse battery")
    response = post_form(
        client,
        "/auth/sign-in/password",
        {
            "username": "ash",
            "password": "correct horse battery",
            "keep_signed_in": "y",
            "shared_device": "y",
        },
    )
    cookie = response.headers["Set-Cookie"]
    assert "keepwell_session=" in cookie and "Expires" not in cookie
    page = client.get("/plan/crisis-plan")
    assert page.headers["Keepwell-Device"] == "shared"
    assert "Keepwell-Keep" not in page.headers
    assert 'data-shared="1"' in page.get_data(as_text=True)
    assert page.headers["Keepwell-Idle"] == "1800"  # not kept signed in, whatever was ticked
    assert client.get("/offline/pages.json").get_json() == {"pages": {}}


def test_the_server_says_who_is_signed_in_for_the_page_to_trust(client, app):
    """The page forgets what it kept only on the server's word, never on an old copy's."""
    assert client.get("/offline/whoami").get_json() == {"viewer": "", "shared": False}
    person = make_person(app, "Wren")
    sign_in(app, client, person)
    answer = client.get("/offline/whoami")
    assert answer.headers["Cache-Control"] == "no-store"
    assert answer.get_json()["viewer"] == client.get("/").headers["Keepwell-Viewer"]
