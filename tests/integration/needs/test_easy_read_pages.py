"""Meet: the easy-read versions of sign-up, the progress questions, the circle invite and
the reminders settings. With easy read on (this device's switch, or the person's
recorded need) each page is the easy-read one, with its pictures, and its form is the
standard page's form: the same fields, names and values, and the same outcome when sent.
With easy read off, the standard page."""

from __future__ import annotations

import pytest
from bs4 import BeautifulSoup
from sqlalchemy import select

from app.data.accounts.models import Passkey, User
from app.data.circle.grants import HELP_ALERTS, SUGGEST, VIEW_PROGRESS, view_part
from app.data.database import db
from app.needs.easy_read import COOKIE
from tests.support.helpers import csrf_token, page_text, post_form
from tests.support.soft_authenticator import registration_response

NEEDS = "/account/communication-needs"


def easy_read_on(client, how):
    """On with this device's switch (a cookie) or, signed in, by recording the need."""
    if how == "switch":
        client.set_cookie(COOKIE, "1")
    else:
        post_form(client, f"{NEEDS}/formats", {"needs": ["easy_read"]})


def soup_of(response):
    return BeautifulSoup(response.get_data(as_text=True), "html.parser")


def is_easy(response):
    return soup_of(response).select_one("main .kw-easy:not(.kw-easy--intro)") is not None


def pictures(response):
    """The pictures beside the points: decorative, lazy, served from the app."""
    found = soup_of(response).select("main .kw-easy__point img.kw-easy__picture")
    for picture in found:
        assert picture["src"].startswith("/static/easy-read/"), picture
        assert picture["loading"] == "lazy" and picture["alt"] == ""
    return [picture["src"].rsplit("/", 1)[-1] for picture in found]


def forms(response):
    """Each form in the page's main content but the easy-read switch: where it goes and
    every control's tag, name, id, type and (for fixed values) value."""
    found = []
    for form in soup_of(response).select("main form:not(.kw-easy__switch)"):
        controls = sorted(
            (
                tag.name,
                tag.get("name") or "",
                tag.get("id") or "",
                tag.get("type") or "",
                tag.get("value") or ""
                if tag.get("type") in ("radio", "checkbox", "submit") or tag.name == "button"
                else "",
            )
            for tag in form.select("input, select, textarea, button")
            if tag.get("name") != "csrf_token"
        )
        found.append((form.get("action"), form.get("method"), controls))
    return found


def assert_same_forms(standard, easy):
    assert forms(standard) == forms(easy)
    assert forms(easy), "the easy-read page has its form"


def switch_says(response):
    switch = soup_of(response).select_one("main .kw-easy__switch button")
    return switch.get_text(strip=True) if switch else None


# Sign-up: the newcomer has no account yet, so only this device's switch can turn it on.


def test_sign_up_in_easy_read_has_the_same_passkey_form_and_pictures(client):
    standard = client.get("/auth/sign-up?next=/circle/join/ABCDE-FGHJK")
    assert not is_easy(standard) and switch_says(standard) == "Easy read version"
    client.set_cookie(COOKIE, "1")
    easy = client.get("/auth/sign-up?next=/circle/join/ABCDE-FGHJK")
    assert is_easy(easy) and switch_says(easy) == "Standard version"
    assert {"notebook.svg", "key.svg", "locked.svg"} <= set(pictures(easy))
    text = page_text(easy)
    assert "You can sign in with your fingerprint or face. This is called a passkey." in text
    assert "You can leave this empty." in text
    assert "A passkey lets you sign in with your fingerprint, face or screen lock" not in text
    assert_same_forms(standard, easy)
    hooks = soup_of(easy).select_one('[data-module="passkey-sign-up"]')
    for data in ("data-options-url", "data-message-failed", "data-message-unsupported"):
        assert hooks.get(data), data
    # The links onward carry where the newcomer was going (an invite).
    links = [a["href"] for a in soup_of(easy).select("main a")]
    assert "/auth/sign-up/password?next=/circle/join/ABCDE-FGHJK" in links


def test_a_newcomer_signs_up_with_a_passkey_from_the_easy_read_page(app, client):
    client.set_cookie(COOKIE, "1")
    token = csrf_token(client, "/auth/sign-up")
    options = client.post(
        "/auth/passkey/sign-up/options", data={"csrf_token": token, "display_name": "Kit"}
    ).get_json()
    passkey, credential = registration_response(options)
    response = post_form(
        client, "/auth/sign-up/passkey", {"credential": credential, "display_name": "Kit"}
    )
    assert response.status_code == 200 and "Save your recovery codes" in page_text(response)
    with app.app_context():
        user = db.session.scalar(select(User))
        assert user.display_name == "Kit" and user.user_handle == passkey.user_handle
        assert db.session.scalar(select(Passkey)).credential_id == passkey.credential_id


def test_a_broken_passkey_answer_shows_the_easy_read_page_with_its_error(client):
    client.set_cookie(COOKIE, "1")
    response = post_form(client, "/auth/sign-up/passkey", {"credential": "{not json"})
    assert response.status_code == 400 and is_easy(response)
    assert soup_of(response).select_one(".kw-error-summary a[href='#passkey-sign-up']")


def test_a_newcomer_signs_up_with_a_password_from_the_easy_read_page(app, client):
    client.set_cookie(COOKIE, "1")
    page = client.get("/auth/sign-up/password")
    assert is_easy(page) and {"key.svg", "locked.svg", "pencil.svg"} <= set(pictures(page))
    assert "Choose a username. You will use it to sign in." in page_text(page)
    client.set_cookie(COOKIE, "0")
    assert_same_forms(client.get("/auth/sign-up/password"), page)
    client.set_cookie(COOKIE, "1")
    data = {"username": "river", "password": "lamp lake lettuce", "confirm": "lamp lake lettuce"}
    mismatch = post_form(client, "/auth/sign-up/password", data | {"confirm": "lamp lake"})
    assert is_easy(mismatch) and "The passwords do not match" in page_text(mismatch)
    assert 'value="river"' in mismatch.get_data(as_text=True)  # what they typed is kept
    response = post_form(client, "/auth/sign-up/password", data | {"display_name": "River"})
    assert response.status_code == 200 and "Save your recovery codes" in page_text(response)
    with app.app_context():
        user = db.session.scalar(select(User).where(User.username == "river"))
        assert user.display_name == "River"


@pytest.mark.parametrize("path", ["/auth/sign-up", "/auth/sign-up/password"])
def test_sign_up_with_easy_read_off_is_the_standard_page(client, path):
    client.set_cookie(COOKIE, "0")
    response = client.get(path)
    assert not is_easy(response) and pictures(response) == []
    assert switch_says(response) == "Easy read version"


# The progress questions: one short sentence per step, the same choices and answers.


def step_labels(response):
    return {
        radio["value"]: " ".join(
            soup_of(response).select_one(f"label[for='{radio['id']}']").get_text(" ").split()
        )
        for radio in soup_of(response).select("main input[name='answer']")
    }


@pytest.mark.parametrize("how", ["switch", "need"])
def test_a_progress_question_in_easy_read_says_each_step_in_one_short_sentence(
    app, client, sam, how
):
    from app.data.outcomes.models import Assessment
    from app.outcomes.instruments import LLR9
    from tests.support.progress import assessment_id_from, start

    assessment_id = assessment_id_from(start(client))
    url = f"/progress/assessments/{assessment_id}/areas/emotional"
    standard = client.get(url)
    assert not is_easy(standard) and switch_says(standard) == "Easy read version"
    easy_read_on(client, how)
    easy = client.get(url)
    assert is_easy(easy) and switch_says(easy) == "Standard version"
    assert {"ladder.svg", "check-mark-button.svg", "red-heart.svg"} <= set(pictures(easy))
    assert_same_forms(standard, easy)
    labels = step_labels(easy)
    emotional = LLR9.items[0]
    for step in range(1, 11):
        assert labels[str(step)] == f"{step} {emotional.easy_steps[step - 1]}"
        assert str(emotional.steps[step - 1]) not in page_text(easy)
    assert labels["prefer_not"] == "I would rather not say"
    assert "Step 10 is the best. Step 1 is the hardest." in page_text(easy)
    # An answer given on the easy-read page is saved just as the standard page saves it.
    response = post_form(client, url, {"answer": "4", "help": "A walk", "action": "continue"})
    assert response.status_code == 302 and response.location.endswith("/areas/physical")
    with app.app_context():
        saved = db.session.get(Assessment, assessment_id).answers["emotional"]
    assert saved == {"score": 4, "status": "scored", "help": "A walk"}


def test_a_missing_answer_is_asked_for_on_the_easy_read_page(client, sam):
    from tests.support.progress import assessment_id_from, start

    assessment_id = assessment_id_from(start(client))
    client.set_cookie(COOKIE, "1")
    url = f"/progress/assessments/{assessment_id}/areas/work"
    response = post_form(client, url, {"answer": "", "action": "continue"})
    assert is_easy(response) and soup_of(response).select_one(".kw-error-summary")
    assert step_labels(response)["not_for_me"] == "Not for me right now"


def test_dialog_in_easy_read_says_how_happy_you_are_with_it(app, client, sam):
    from app.outcomes.loading import EXTENSION_KEY, available_instruments
    from tests.support.progress import assessment_id_from, start

    saved = app.extensions[EXTENSION_KEY]
    app.extensions[EXTENSION_KEY] = available_instruments(["llr9", "dialog"], None)
    try:
        assessment_id = assessment_id_from(start(client, "dialog"))
        client.set_cookie(COOKIE, "1")
        labels = step_labels(client.get(f"/progress/assessments/{assessment_id}/areas/medication"))
    finally:
        app.extensions[EXTENSION_KEY] = saved
    assert labels["1"] == "1 I am not happy with it at all."
    assert labels["7"] == "7 I am completely happy with it."
    assert labels["not_for_me"] == "I do not take any"


# The circle invite: making one, and opening one.


@pytest.mark.parametrize("how", ["switch", "need"])
def test_inviting_someone_in_easy_read_makes_the_same_invite(app, client, sam, how):
    from app.data.circle.models import Invite
    from tests.support.circle import CODE

    standard = client.get("/circle/invite")
    assert not is_easy(standard) and switch_says(standard) == "Easy read version"
    easy_read_on(client, how)
    easy = client.get("/circle/invite")
    assert is_easy(easy) and switch_says(easy) == "Standard version"
    assert {"busts-in-silhouette.svg", "people-hugging.svg", "envelope.svg"} <= set(pictures(easy))
    assert "A carer. They see your crisis plan only." in page_text(easy)
    assert "Carer: crisis plan only" not in page_text(easy)
    assert soup_of(easy).select(".kw-easy--intro") == []  # the whole page is easy read
    assert_same_forms(standard, easy)
    missing = post_form(client, "/circle/invite", {"label": "", "preset": "carer_crisis_plan"})
    assert is_easy(missing) and "Enter a name for the person you are inviting" in page_text(missing)
    ready = post_form(client, "/circle/invite", {"label": "Jo", "preset": "carer_crisis_plan"})
    assert is_easy(ready) and "Give this code to Jo." in page_text(ready)
    assert {"envelope.svg", "link.svg", "camera.svg"} <= set(pictures(ready))
    assert CODE.search(ready.get_data(as_text=True))
    assert switch_says(ready) is None  # switching would lose the code, shown only now
    with app.app_context():
        invite = db.session.scalar(select(Invite))
        assert invite.label == "Jo" and invite.role == "carer"
        assert set(invite.permissions) == {view_part("crisis_plan"), SUGGEST, HELP_ALERTS}


def test_choosing_each_thing_in_easy_read_keeps_the_standard_form(app, client, sam):
    from app.data.circle.models import Invite

    standard = post_form(client, "/circle/invite", {"label": "Rae", "preset": "custom"})
    client.set_cookie(COOKIE, "1")
    easy = post_form(client, "/circle/invite", {"label": "Rae", "preset": "custom"})
    assert is_easy(easy) and "Tick only what you want to share." in page_text(easy)
    assert "A peer mentor or a support worker." in page_text(easy)
    assert_same_forms(standard, easy)
    data = {"label": "Rae", "role": "peer_mentor", "permissions": [VIEW_PROGRESS]}
    ready = post_form(client, "/circle/invite/custom", data)
    assert is_easy(ready) and "See my progress scores" in page_text(ready)
    with app.app_context():
        invite = db.session.scalar(select(Invite).where(Invite.label == "Rae"))
        assert invite.role == "peer_mentor" and invite.permissions == [VIEW_PROGRESS]


@pytest.mark.parametrize("how", ["switch", "need"])
def test_opening_an_invite_in_easy_read_and_saying_yes_joins_the_circle(
    app, client, other_client, sam, jo, how
):
    from tests.support.circle import invite

    code, _ = invite(client, preset="peer_mentor_everything")
    standard = other_client.get(f"/circle/join/{code}")
    assert not is_easy(standard) and switch_says(standard) == "Easy read version"
    easy_read_on(other_client, how)
    easy = other_client.get(f"/circle/join/{code}")
    assert is_easy(easy) and switch_says(easy) == "Standard version"
    text = page_text(easy)
    assert "Sam wants you to help them stay well." in text
    assert "You will be their peer mentor." in text
    assert "See Sam's progress scores" in text  # what they will see, as the standard page
    assert {"busts-in-silhouette.svg", "eye.svg", "thumbs-up.svg"} <= set(pictures(easy))
    assert_same_forms(standard, easy)
    joined = post_form(other_client, f"/circle/join/{code}", {"answer": "accept"})
    assert joined.status_code == 302 and joined.location == f"/people/{sam.id}"
    assert "Jo" in page_text(client.get("/circle"))


def test_an_invite_opened_without_an_account_in_easy_read_leads_to_sign_up(app, client, sam):
    from flask.testing import FlaskClient

    from tests.support.circle import invite

    code, _ = invite(client)
    newcomer = app.test_client()
    assert isinstance(newcomer, FlaskClient)
    newcomer.set_cookie(COOKIE, "1")
    landing = newcomer.get(f"/circle/join/{code}")
    assert is_easy(landing) and "You need a Keepwell account. It is free." in page_text(landing)
    assert "key.svg" in pictures(landing)
    hrefs = [a["href"] for a in soup_of(landing).select("main a")]
    assert f"/auth/sign-up?next=/circle/join/{code}" in hrefs
    sign_up = newcomer.get(f"/auth/sign-up?next=/circle/join/{code}")
    assert is_easy(sign_up)  # and on through easy-read sign-up, with the invite
    newcomer.set_cookie(COOKIE, "0")
    assert not is_easy(newcomer.get(f"/circle/join/{code}"))


def test_a_code_that_does_not_work_gets_easy_read_points_above_the_form(client, jo, other_client):
    other_client.set_cookie(COOKIE, "1")
    response = other_client.get("/circle/join/AAAAA-BBBBB")
    assert response.status_code == 400
    text = page_text(response)
    assert "That code is not right." in text and "Type the code the person gave you." in text


# Reminders settings.


@pytest.mark.parametrize("how", ["switch", "need"])
def test_reminder_settings_in_easy_read_are_saved_just_the_same(app, client, sam, how):
    from datetime import time

    from app.data.reminders.models import ReminderSettings

    standard = client.get("/reminders")
    assert not is_easy(standard) and switch_says(standard) == "Easy read version"
    easy_read_on(client, how)
    easy = client.get("/reminders")
    assert is_easy(easy) and switch_says(easy) == "Standard version"
    assert {"bell.svg", "locked.svg", "alarm-clock.svg", "crescent-moon.svg"} <= set(pictures(easy))
    text = page_text(easy)
    assert "When it is time for a progress review" in text and "Quiet times" in text
    assert "When a progress review is due" not in text
    assert soup_of(easy).select_one('[data-module="push"]').get("data-vapid-key")
    assert_same_forms(standard, easy)
    data = {
        "review_due": "y",
        "check_in": "y",
        "send_at": "22:30",
        "quiet_start": "21:00",
        "quiet_end": "08:00",
        "timezone": "Europe/London",
    }
    refused = post_form(client, "/reminders", data)
    assert is_easy(refused) and "That time is in your quiet hours" in page_text(refused)
    saved = post_form(client, "/reminders", data | {"send_at": "18:30"}, follow_redirects=True)
    assert is_easy(saved) and "Reminder settings saved." in page_text(saved)
    with app.app_context():
        settings = db.session.scalar(select(ReminderSettings))
        assert settings.send_at == time(18, 30) and settings.check_in
        assert not settings.plan_review and not settings.show_detail
