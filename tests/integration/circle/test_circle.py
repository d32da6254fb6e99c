"""The circle of support: invites, permissions, withdrawal, pausing, suggestions,
"I need help", and who looked."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from sqlalchemy import func, select, text, update

from app.circle.codes import ENTROPY_BITS, new_code, normalise
from app.data.accounts.models import User
from app.data.base import utcnow
from app.data.circle.models import AccessLogEntry, CircleMember, Invite
from app.data.database import db
from tests.support.circle import invite, join
from tests.support.helpers import delete_account, make_person, page_text, post_form, sign_in


def add_to_crisis_plan(
    client, text_="Penicillin", section="allergies", slug="crisis-plan", base=""
):
    url = f"{base}/plan/{slug}/{section}/add"
    html = client.get(url).get_data(as_text=True)
    state = dict(re.findall(r'name="(base_version|entry_id)" value="([^"]*)"', html))
    return post_form(client, url, {**state, "text": text_})


def test_invite_codes_are_random_readable_and_stored_hashed(app, client, sam):
    assert ENTROPY_BITS >= 40
    codes = {new_code() for _ in range(200)}
    assert len(codes) == 200
    assert all(not set(normalise(c)) & set("01ILOU") for c in codes)
    code, response = invite(client)
    html = response.get_data(as_text=True)
    assert f"/circle/join/{code}" in html
    assert '<svg role="img"' in html and "kw-qr" in html
    with app.app_context():
        stored = db.session.scalar(select(Invite))
        assert code not in stored.code_hash and normalise(code) not in stored.code_hash
        assert stored.expires_at_utc - stored.created_at_utc == timedelta(days=7)


def test_a_carer_joins_by_code_and_sees_only_the_crisis_plan(app, client, other_client, sam, jo):
    add_to_crisis_plan(client, "Penicillin")
    add_to_crisis_plan(client, "Crowds", section="triggers", slug="triggers")
    code, _ = invite(client)
    confirm = other_client.get(f"/circle/join/{code.lower().replace('-', '')}")
    assert "Sam has invited you" in page_text(confirm)
    assert "See in Sam's plan: Crisis plan" in page_text(confirm)
    join(other_client, code)
    people = page_text(other_client.get("/people"))
    assert "Sam" in people and "You are their carer" in people
    crisis = other_client.get(f"/people/{sam.id}/plan/crisis-plan")
    assert "Penicillin" in page_text(crisis)
    assert "Crisis plan for Sam" in page_text(crisis)
    assert "looking at Sam's information, not your own" in page_text(crisis)
    assert other_client.get(f"/people/{sam.id}/plan/triggers").status_code == 403
    overview = page_text(other_client.get(f"/people/{sam.id}/plan"))
    assert "Crisis plan" in overview and "Triggers" not in overview
    assert "People I support" in page_text(other_client.get("/"))


def test_an_invite_works_once_and_not_after_it_expires_or_is_cancelled(
    app, client, other_client, sam, jo
):
    code, _ = invite(client)
    join(other_client, code)
    third = app.test_client()
    sign_in(app, third, make_person(app, "Third"))
    used = third.get(f"/circle/join/{code}")
    assert used.status_code == 400 and "already been used" in page_text(used)
    expired_code, _ = invite(client, label="Late")
    with app.app_context():
        db.session.execute(
            update(Invite)
            .where(Invite.label == "Late")
            .values(expires_at_utc=utcnow() - timedelta(minutes=1))
        )
        db.session.commit()
    assert "has expired" in page_text(third.get(f"/circle/join/{expired_code}"))
    cancelled_code, ready = invite(client, label="Cancel me")
    cancel = re.search(
        r'action="(/circle/invites/\d+/cancel)"', ready.get_data(as_text=True)
    ).group(1)
    post_form(client, cancel)
    assert "was cancelled" in page_text(third.get(f"/circle/join/{cancelled_code}"))
    assert "not right" in page_text(third.get("/circle/join/ZZZZZ-ZZZZZ"))
    with app.app_context():
        assert db.session.scalar(select(func.count()).select_from(CircleMember)) == 1


def test_accepting_your_own_invite_is_explained(client, sam):
    code, _ = invite(client)
    response = client.get(f"/circle/join/{code}")
    assert response.status_code == 400 and "your own invite" in page_text(response)


def test_a_second_invite_to_a_member_updates_their_permissions(app, client, other_client, sam, jo):
    join(other_client, invite(client)[0])
    join(other_client, invite(client, preset="peer_mentor_everything")[0])
    with app.app_context():
        rows = db.session.scalars(select(CircleMember)).all()
        assert len(rows) == 1 and rows[0].role == "peer_mentor"
        assert "edit" in rows[0].permissions


def test_guessing_codes_is_rate_limited(client, other_client, sam, jo):
    for number in range(10):
        other_client.get(f"/circle/join/AAAAA-{number:05d}")
    assert other_client.get("/circle/join/AAAAA-BBBBB").status_code == 429


def test_withdrawing_takes_effect_on_the_next_request(app, client, other_client, sam, jo):
    join(other_client, invite(client)[0])
    assert other_client.get(f"/people/{sam.id}/plan/crisis-plan").status_code == 200
    with app.app_context():
        row_id = db.session.scalar(select(CircleMember.id))
    post_form(client, f"/circle/members/{row_id}", {"permissions": []})
    assert other_client.get(f"/people/{sam.id}/plan/crisis-plan").status_code == 403
    post_form(client, f"/circle/members/{row_id}/remove")
    ended = other_client.get(f"/people/{sam.id}/plan")
    assert ended.status_code == 403 and "Access ended" in page_text(ended)
    assert "Sam" not in page_text(other_client.get("/people"))


def test_pausing_stops_all_sharing_until_resumed(client, other_client, sam, jo):
    join(other_client, invite(client)[0])
    post_form(client, "/circle/pause")
    assert "Sharing is paused" in page_text(other_client.get(f"/people/{sam.id}/plan/crisis-plan"))
    assert "paused at the moment" in page_text(other_client.get("/people"))
    post_form(client, "/circle/resume")
    assert other_client.get(f"/people/{sam.id}/plan/crisis-plan").status_code == 200


def test_a_forged_member_id_changes_nothing(app, client, other_client, sam, jo):
    join(other_client, invite(client)[0])
    mallory_client = app.test_client()
    sign_in(app, mallory_client, make_person(app, "Mallory"))
    with app.app_context():
        row_id = db.session.scalar(select(CircleMember.id))
    assert (
        post_form(
            mallory_client, f"/circle/members/{row_id}", {"permissions": ["edit"]}
        ).status_code
        == 404
    )
    assert post_form(mallory_client, f"/circle/members/{row_id}/remove").status_code == 404
    assert other_client.get(f"/people/{sam.id}/plan/crisis-plan").status_code == 200


def test_a_carer_suggests_and_the_person_decides(app, client, other_client, sam, jo):
    join(other_client, invite(client)[0])
    response = post_form(
        other_client,
        f"/people/{sam.id}/plan/crisis-plan/want_from_supporters/suggest",
        {"text": "Let me sit with you", "note": "You said this helped last time"},
    )
    assert response.status_code == 302
    assert "Let me sit with you" not in page_text(client.get("/plan/crisis-plan"))
    part = client.get("/plan/crisis-plan").get_data(as_text=True)
    review = re.search(r'href="(/circle/suggestions/\d+)"', part).group(1)
    assert "You said this helped last time" in page_text(client.get(review))
    post_form(client, review, {"answer": "accept"})
    assert "Let me sit with you" in page_text(client.get("/plan/crisis-plan"))
    assert "Accepted a suggestion" in page_text(client.get("/plan/crisis-plan/history"))


def test_a_suggestion_can_be_edited_first_or_declined(app, client, other_client, sam, jo):
    join(other_client, invite(client)[0])
    base = f"/people/{sam.id}/plan/crisis-plan/allergies/suggest"
    post_form(other_client, base, {"text": "Nuts"})
    post_form(other_client, base, {"text": "Cats"})
    part = client.get("/plan/crisis-plan").get_data(as_text=True)
    first, second = re.findall(r'href="(/circle/suggestions/\d+)"', part)
    post_form(client, first + "/edit", {"text": "Peanuts"})
    post_form(client, second, {"answer": "decline"})
    text_ = page_text(client.get("/plan/crisis-plan"))
    assert "Peanuts" in text_ and "Cats" not in text_ and "suggestion from your circle" not in text_


def test_a_suggestion_on_a_part_the_member_cannot_see_is_refused(
    app, client, other_client, sam, jo
):
    join(other_client, invite(client)[0])
    response = post_form(
        other_client, f"/people/{sam.id}/plan/triggers/triggers/suggest", {"text": "x"}
    )
    assert response.status_code == 403
    with app.app_context():
        assert db.session.execute(text("SELECT count(*) FROM circle_suggestions")).scalar() == 0


def test_a_peer_mentor_with_edit_changes_the_plan_and_it_is_logged(
    app, client, other_client, sam, jo
):
    join(other_client, invite(client, preset="peer_mentor_everything")[0])
    add_to_crisis_plan(other_client, "Written together", base=f"/people/{sam.id}")
    other_client.get(f"/people/{sam.id}/plan/crisis-plan")
    assert "Written together" in page_text(client.get("/plan/crisis-plan"))
    assert "By Jo" in page_text(client.get("/plan/crisis-plan/history"))
    activity = page_text(client.get("/circle/activity"))
    assert "Jo changed: Crisis plan" in activity and "Jo looked at: Crisis plan" in activity


def test_who_looked_lists_every_view_newest_first_and_my_sign_ins(
    app, client, other_client, sam, jo
):
    join(other_client, invite(client)[0])
    other_client.get(f"/people/{sam.id}/plan/crisis-plan")
    other_client.get(f"/people/{sam.id}/plan/print?part=crisis-plan")  # history is editors' only
    with app.app_context():
        entries = db.session.scalars(
            select(AccessLogEntry).where(
                AccessLogEntry.owner_id == sam.id, AccessLogEntry.actor_id == jo.id
            )
        ).all()
        assert [(e.area, e.action) for e in entries] == [("plan_part:crisis_plan", "view")] * 2
    post_form(client, "/auth/sign-out")
    post_form(
        client,
        "/auth/sign-up/password",
        {"username": "xavier1", "password": "lamp lake lettuce", "confirm": "lamp lake lettuce"},
    )
    assert "My recent sign-ins" in page_text(client.get("/circle/activity"))


def test_the_access_log_cannot_be_edited_even_by_the_database_user(
    app, client, other_client, sam, jo
):
    join(other_client, invite(client)[0])
    other_client.get(f"/people/{sam.id}/plan/crisis-plan")
    with app.app_context():
        with pytest.raises(Exception, match="cannot be changed"):
            db.session.execute(update(AccessLogEntry).values(actor_name="Nobody"))
            db.session.commit()
        db.session.rollback()
        assert (
            db.session.scalar(select(func.count()).where(AccessLogEntry.actor_name == "Nobody"))
            == 0
        )


def test_i_need_help_alerts_the_right_members_and_shows_help(app, client, other_client, sam, jo):
    join(other_client, invite(client)[0])
    quiet = app.test_client()
    quiet_person = make_person(app, "Quiet")
    sign_in(app, quiet, quiet_person)
    join(quiet, invite(client, preset="custom" if False else "carer_crisis_plan", label="Quiet")[0])
    with app.app_context():
        row = db.session.scalar(
            select(CircleMember).where(CircleMember.member_id == quiet_person.id)
        )
        from app.data.circle.members import set_permissions

        set_permissions(row, {"view:plan_part:crisis_plan"})
        db.session.commit()
    help_page = page_text(client.get("/help"))
    assert (
        "This sends an alert to: Jo" in help_page
        and "Quiet" not in help_page.split("alert to:")[1][:40]
    )
    response = post_form(client, "/help/alert")
    text_ = page_text(response)
    assert (
        "We have told your circle" in text_
        and "Jo" in text_
        and 'href="tel:999"' in response.get_data(as_text=True)
    )
    banner = page_text(other_client.get("/plan"))
    assert "Sam asked for help" in banner
    assert "asked for help" not in page_text(quiet.get("/plan"))
    seen = re.search(
        r'action="(/circle/alerts/\d+/seen)"', other_client.get("/").get_data(as_text=True)
    ).group(1)
    post_form(other_client, seen)
    assert "asked for help" not in page_text(other_client.get("/plan"))


def test_i_need_help_asks_first_then_says_who_saw_it_and_can_be_taken_back(
    app, client, other_client, sam, jo, push_service
):
    third_client = app.test_client()
    join(other_client, invite(client)[0])
    asked = client.get("/help/alert")
    assert "Send an 'I need help' alert to Jo?" in page_text(asked)
    assert "they will see it when they next open Keepwell" in page_text(asked)
    assert "asked for help" not in page_text(other_client.get("/plan"))  # GET sends nothing

    bad = post_form(client, "/help/alert", {"call_back": "call me maybe"})
    assert "Enter a phone number" in page_text(bad)
    assert 'value="call me maybe"' in bad.get_data(as_text=True)
    assert "asked for help" not in page_text(other_client.get("/plan"))

    sent = post_form(client, "/help/alert", {"call_back": "07700 900123"})
    assert "We have told your circle" in page_text(sent)
    alert_id = int(re.search(r"/help/alert/(\d+)/ok", sent.get_data(as_text=True)).group(1))
    banner = other_client.get("/").get_data(as_text=True)
    assert 'href="tel:07700900123"' in banner and "Call Sam" in banner
    assert f'href="/people/{sam.id}/plan/crisis-plan"' in banner
    # Get help now shows who has seen it, with "I'm OK now" still to hand.
    assert "Jo: they will see it when they next open Keepwell" in page_text(client.get("/help"))
    post_form(other_client, f"/circle/alerts/{alert_id}/seen")
    status = page_text(client.get("/help"))
    assert "You asked your circle for help" in status and "Jo: saw it" in status
    # The same alert number means nothing to anyone else.
    stranger = make_person(app, "Stranger")
    sign_in(app, third_client, stranger)
    assert post_form(third_client, f"/help/alert/{alert_id}/ok").status_code == 404

    phone = push_service.new_device()
    post_form(
        other_client,
        "/reminders/devices",
        {"subscription": phone.subscription_json()},
        headers={"Accept": "application/json"},
    )
    ok = post_form(client, f"/help/alert/{alert_id}/ok", follow_redirects=True)
    assert "We have told them you are OK now" in page_text(ok)
    assert "Tell my circle I need help" in page_text(ok)  # the button is back
    [message] = push_service.messages_for(phone)
    assert message.payload["title"] == "Keepwell: an urgent message"
    assert "Sam says they are OK now" in page_text(other_client.get("/"))
    # A second tap (or two at once) tells nobody twice.
    again = post_form(client, f"/help/alert/{alert_id}/ok", follow_redirects=True)
    assert "We have told them you are OK now" not in page_text(again)
    assert len(push_service.messages_for(phone)) == 1


def test_i_need_help_is_limited_to_a_few_an_hour(client, other_client, sam, jo):
    join(other_client, invite(client)[0])
    for _ in range(3):
        post_form(client, "/help/alert")
    response = post_form(client, "/help/alert", follow_redirects=True)
    assert "already sent 3 alerts" in page_text(response)
    assert 'href="tel:999"' in response.get_data(as_text=True)


def test_communication_needs_are_recorded_once_and_shown_to_members_who_may_see_them(
    app, client, other_client, sam, jo
):
    post_form(client, "/account/communication-needs/language", {"language": "bsl"})
    post_form(
        client,
        "/account/communication-needs/contact",
        {"needs": ["contact_text"], "own_words": "Please text first"},
    )
    join(other_client, invite(client, preset="peer_mentor_everything")[0])
    person = page_text(other_client.get(f"/people/{sam.id}"))
    assert "British Sign Language" in person and "Please text first" in person


def test_the_circle_is_in_the_download_and_members_keep_their_accounts(
    app, client, other_client, sam, jo
):
    join(other_client, invite(client)[0])
    other_client.get(f"/people/{sam.id}/plan/crisis-plan")
    data = client.get("/account/download").get_json()
    assert data["circle"]["people_in_my_circle"][0]["name"] == "Jo"
    assert any(e["who"] == "Jo" and e["action"] == "view" for e in data["circle"]["access_log"])
    assert (
        other_client.get("/account/download").get_json()["circle"]["people_i_support"][0]["name"]
        == "Sam"
    )
    delete_account(client)
    with app.app_context():
        assert db.session.get(User, jo.id) is not None
        assert db.session.scalar(select(func.count()).select_from(CircleMember)) == 0
        assert (
            db.session.scalar(
                select(func.count())
                .select_from(AccessLogEntry)
                .where(AccessLogEntry.owner_id == sam.id)
            )
            == 0
        )
    assert "Nobody shares their plan with you" in page_text(other_client.get("/people"))


def test_when_a_member_deletes_their_account_the_log_keeps_their_name(
    app, client, other_client, sam, jo
):
    join(other_client, invite(client)[0])
    other_client.get(f"/people/{sam.id}/plan/crisis-plan")
    delete_account(other_client)
    assert "Jo looked at: Crisis plan" in page_text(client.get("/circle/activity"))


def test_i_need_help_reaches_the_carers_phone_through_push(
    app, client, other_client, sam, jo, push_service
):
    join(other_client, invite(client)[0])
    phone = push_service.new_device()
    response = post_form(
        other_client,
        "/reminders/devices",
        {"subscription": phone.subscription_json()},
        headers={"Accept": "application/json"},
    )
    assert response.status_code in (200, 201)
    sent = post_form(client, "/help/alert")
    assert "Jo: sent to their phone" in page_text(sent)
    [message] = push_service.messages_for(phone)
    assert message.payload["kind"] == "help_alert"
    assert message.payload["url"] == f"/people/{sam.id}"
    assert message.payload["title"] == "Keepwell: an urgent message"  # nothing on a lock screen
    assert message.headers["urgency"] == "high"
    assert int(message.headers["ttl"]) >= 3600


def test_a_mentor_with_many_people_pages_through_them_by_name_and_can_find_one(
    app, other_client, jo
):
    """45 people share with Jo (one paused, one who ended it, one sharing with someone
    else): 20 a page in name order, how much each shares, and a search by name."""
    from app.circle.routes.supporting import PEOPLE_PER_PAGE
    from app.data.circle.models import Grant, SharingPause

    stranger = make_person(app, "Not Jo")
    with app.app_context():
        for number in range(45):
            owner = make_person(app, f"Person {number:02d}")
            row = CircleMember(owner_id=owner.id, member_id=jo.id, role="peer_mentor")
            row.grants = [Grant(permission="view:plan_part:crisis_plan")]
            if number == 3:
                row.grants.append(Grant(permission="view:progress"))
            if number == 7:
                db.session.add(SharingPause(owner_id=owner.id))
            if number == 9:
                row.ended_at_utc = utcnow()
            db.session.add(row)
        elsewhere = make_person(app, "Person 99")
        db.session.add(CircleMember(owner_id=elsewhere.id, member_id=stranger.id, role="carer"))
        db.session.commit()
    assert PEOPLE_PER_PAGE == 20

    first = page_text(other_client.get("/people"))
    assert "People who share with you: 44. Page 1 of 3." in first
    names = re.findall(r"Person \d\d", first)
    assert names == [f"Person {n:02d}" for n in range(21) if n != 9]
    assert "They share 2 things with you." in first  # Person 03
    assert "Sharing is paused at the moment." in first  # Person 07
    assert "Person 99" not in first

    last = other_client.get("/people?page=3")
    assert re.findall(r"Person \d\d", page_text(last)) == [f"Person {n}" for n in range(41, 45)]
    assert 'rel="prev"' in last.get_data(as_text=True)
    assert 'rel="next"' not in last.get_data(as_text=True)

    found = page_text(other_client.get("/people?name=son+1"))
    assert re.findall(r"Person \d\d", found) == [f"Person {n}" for n in range(10, 20)]
    assert "People who share with you: 10." in found

    assert "Nobody whose name has “zz%” in it" in page_text(other_client.get("/people?name=zz%25"))
    assert other_client.get("/people?page=4").status_code == 404
    assert other_client.get("/people?page=0").status_code == 404
    assert other_client.get("/people?page=x").status_code == 404
    too_long = other_client.get("/people?name=" + "a" * 200)
    assert too_long.status_code == 200
    assert "<title>Error: " in too_long.get_data(as_text=True)
    assert "a" * 200 in too_long.get_data(as_text=True)  # what they typed is kept


def test_an_unseen_alert_banner_goes_after_two_days_worked_out_on_every_request(
    app, client, other_client, sam, jo, monkeypatch
):
    """The session query that asks "any unseen alert?" is built once and kept (issue
    16); the two days must still be counted from each request's own time."""
    from app.data.circle import alerts

    join(other_client, invite(client)[0])
    post_form(client, "/help/alert")
    assert "Sam asked for help" in page_text(other_client.get("/plan"))
    now = alerts.utcnow()
    monkeypatch.setattr(alerts, "utcnow", lambda: now + timedelta(days=2, minutes=-1))
    assert "Sam asked for help" in page_text(other_client.get("/plan"))
    monkeypatch.setattr(alerts, "utcnow", lambda: now + timedelta(days=2, minutes=1))
    assert "asked for help" not in page_text(other_client.get("/plan"))
    # The flag the session query answers, which decides whether to look at all.
    from app.data.accounts.queries import find_device_session, open_device_session

    with app.app_context():
        token = open_device_session(
            db.session.get(User, jo.id), remember=False, method="t", user_agent="t"
        )
        assert find_device_session(token, alerts.has_unseen_alerts).flags == (False,)
        monkeypatch.setattr(alerts, "utcnow", lambda: now)
        assert find_device_session(token, alerts.has_unseen_alerts).flags == (True,)
        db.session.rollback()
