"""A peer mentor and the person review progress together: on one phone, or on the
mentor's own device. The mentor's differing view is kept beside the person's."""

from __future__ import annotations

import re
from datetime import date

import pytest
from sqlalchemy import select

from app.data.circle.models import AccessLogEntry
from app.data.database import db
from app.data.outcomes.models import Assessment
from tests.support.circle import invite, join
from tests.support.helpers import make_person, page_text, post_form, sign_in
from tests.support.progress import LLR_KEYS, TOKEN, fill_in

SCORES = dict.fromkeys(LLR_KEYS, 5)


@pytest.fixture
def priya(app, other_client, client, sam):
    mentor = make_person(app, "Priya")
    sign_in(app, other_client, mentor)
    join(other_client, invite(client, preset="peer_mentor_everything", label="Priya")[0])
    return mentor


def test_on_the_mentors_own_device_the_review_is_joint_and_both_views_are_kept(
    app, client, other_client, sam, priya
):
    fill_in(client, SCORES, taken_on=date(2025, 1, 6))  # Sam's baseline, alone
    base = f"/people/{sam.id}/progress"
    assert "Sam" in page_text(other_client.get(base))
    start_page = other_client.get(f"{base}/llr9/start").get_data(as_text=True)
    token = TOKEN.search(start_page).group(1)
    first = post_form(other_client, f"{base}/llr9/start", {"client_token": token}).location
    areas = other_client.get(first)
    assert areas.status_code == 302 and "/areas/" in areas.location
    assessment_id = int(re.search(r"/assessments/(\d+)", areas.location).group(1))
    page = page_text(other_client.get(areas.location))
    assert "together with Sam" in page and "sees this differently" in page
    for key in LLR_KEYS:
        data = {"answer": "6", "action": "continue"}
        if key == "money":
            data.update(other_score="4", other_note="Bills are still piling up")
        response = post_form(other_client, f"{base}/assessments/{assessment_id}/areas/{key}", data)
        assert response.status_code == 302
    response = post_form(
        other_client,
        f"{base}/assessments/{assessment_id}/check",
        {"taken_on": date.today().isoformat()},
    )
    assert response.status_code == 302
    with app.app_context():
        saved = db.session.get(Assessment, assessment_id)
        assert saved.owner_id == sam.id and saved.author_id == priya.id
        assert saved.with_user_id == priya.id and saved.completed_with == "peer_mentor"
        assert saved.answers["money"]["score"] == 6
        assert saved.other_views["money"] == {
            "score": 4,
            "note": "Bills are still piling up",
            "by": priya.id,
        }
        assert (
            db.session.scalar(
                select(AccessLogEntry).where(AccessLogEntry.action == "review")
            ).actor_id
            == priya.id
        )
    progress = page_text(client.get("/progress"))
    assert "Where Priya sees things differently" in progress
    assert "you chose 6, they chose 4" in progress and "Bills are still piling up" in progress
    shown = page_text(client.get(f"/progress/assessments/{assessment_id}"))
    assert "Priya sees it as step 4." in shown
    assert "Priya did a review with you of: progress" in page_text(client.get("/circle/activity"))


def test_on_one_phone_the_person_links_their_mentor_from_the_circle(app, client, sam, priya):
    html = client.get("/progress/llr9/start").get_data(as_text=True)
    first = post_form(
        client, "/progress/llr9/start", {"client_token": TOKEN.search(html).group(1)}
    ).location
    companion = page_text(client.get(first))
    assert "Which of them?" in companion and "Priya" in companion
    post_form(client, first, {"completed_with": "peer_mentor", "with_member": str(priya.id)})
    assessment_id = int(re.search(r"/assessments/(\d+)", first).group(1))
    url = f"/progress/assessments/{assessment_id}/areas/{LLR_KEYS[0]}"
    response = post_form(
        client, url, {"answer": "7", "other_score": "eleven", "action": "continue"}
    )
    assert "Choose one of the steps" in page_text(response)
    post_form(client, url, {"answer": "7", "other_score": "5", "action": "continue"})
    with app.app_context():
        saved = db.session.get(Assessment, assessment_id)
        assert saved.with_user_id == priya.id and saved.with_name == "Priya"
        assert saved.answers[LLR_KEYS[0]]["score"] == 7
        assert saved.other_views[LLR_KEYS[0]]["score"] == 5


def test_only_members_allowed_to_review_together_can_start_one(app, client, other_client, sam):
    carer = make_person(app, "Jo")
    sign_in(app, other_client, carer)
    join(other_client, invite(client)[0])  # carer preset: crisis plan only
    assert other_client.get(f"/people/{sam.id}/progress").status_code == 403
    assert other_client.get(f"/people/{sam.id}/progress/llr9/start").status_code == 403
    stranger = app.test_client()
    sign_in(app, stranger, make_person(app, "Mallory"))
    assert stranger.get(f"/people/{sam.id}/progress").status_code == 404


def test_the_person_page_links_to_their_progress_only_when_shared(
    app, client, other_client, sam, priya
):
    assert "Sam's progress" in page_text(other_client.get(f"/people/{sam.id}"))
