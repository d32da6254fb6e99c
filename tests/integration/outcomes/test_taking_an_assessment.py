"""A person takes a baseline, one area per page, and can stop and carry on later."""

from __future__ import annotations

from datetime import date, timedelta

from sqlalchemy import func, select

from app.data.database import db
from app.data.outcomes.models import Assessment, AssessmentRevision
from tests.support.helpers import make_person, page_text, post_form, sign_in
from tests.support.progress import LLR_KEYS, all_scores, assessment_id_from, fill_in, start


def test_progress_invites_a_person_to_take_their_first_baseline(app, client):
    sign_in(app, client, make_person(app))
    text = page_text(client.get("/progress"))
    assert "Your first one is your baseline" in text
    assert "Start your baseline" in text
    assert "My progress" in page_text(client.get("/"))


def test_a_person_completes_a_baseline_with_one_area_per_page(app, client):
    person = make_person(app)
    sign_in(app, client, person)
    first = start(client)
    assert first.endswith("/with")
    assert "Are you filling this in on your own" in page_text(client.get(first))
    assessment_id = assessment_id_from(first)
    post_form(client, first, {"completed_with": "peer_mentor", "with_name": "Priya"})
    page = page_text(client.get(f"/progress/assessments/{assessment_id}/areas/emotional"))
    assert "Question 1 of 9" in page
    assert "Most days my feelings are too much for me." in page
    assert "I would rather not say" in page
    assert "Not for me right now" not in page  # only work may be "not for me right now"
    work = page_text(client.get(f"/progress/assessments/{assessment_id}/areas/work"))
    assert "Not for me right now" in work
    for key in LLR_KEYS:
        answer = "not_for_me" if key == "work" else "6"
        response = post_form(
            client,
            f"/progress/assessments/{assessment_id}/areas/{key}",
            {"answer": answer, "action": "continue"},
        )
    assert response.location.endswith("/check")
    check = page_text(client.get(response.location))
    assert "Check your answers" in check and "With a peer mentor (Priya)" in check
    assert "Not for me right now" in check
    response = post_form(
        client, response.location, {"taken_on": date.today().isoformat()}, follow_redirects=True
    )
    text = page_text(response)
    assert "Saved. Thank you for taking the time." in text
    assert "Baseline" in text
    with app.app_context():
        saved = db.session.get(Assessment, assessment_id)
        assert saved.status == "complete" and saved.kind == "baseline" and saved.version == 1
        assert saved.completed_with == "peer_mentor" and saved.with_name == "Priya"
        assert (
            saved.answers["work"]["status"] == "not_for_me"
            and saved.answers["work"]["score"] is None
        )
        assert saved.answers["money"]["score"] == 6


def test_save_and_finish_later_keeps_answers_and_carries_on_where_it_stopped(app, client):
    sign_in(app, client, make_person(app))
    assessment_id = assessment_id_from(start(client))
    post_form(client, f"/progress/assessments/{assessment_id}/with", {"completed_with": "alone"})
    url = f"/progress/assessments/{assessment_id}/areas/emotional"
    post_form(client, url, {"answer": "3", "action": "continue"})
    # "Save and finish later" with nothing chosen on this page is fine.
    response = post_form(
        client, f"/progress/assessments/{assessment_id}/areas/physical", {"action": "later"}
    )
    assert response.location.endswith("/progress?tool=llr9")
    text = page_text(client.get("/progress"))
    assert "Carry on where you stopped" in text
    check = page_text(client.get(f"/progress/assessments/{assessment_id}/check"))
    assert "3: I know I need help with how I feel" in check
    # The start page offers the unfinished one, and a Start from an older page (a
    # fresh token) still goes back to it rather than making a second one.
    start_page = client.get("/progress/llr9/start").get_data(as_text=True)
    assert f'href="/progress/assessments/{assessment_id}/check"' in start_page
    again = post_form(client, "/progress/llr9/start", {"client_token": "ab" * 16})
    assert assessment_id_from(again.location) == assessment_id
    with app.app_context():
        assert db.session.scalar(select(func.count()).select_from(Assessment)) == 1


def test_back_goes_to_the_previous_area(app, client):
    sign_in(app, client, make_person(app))
    assessment_id = assessment_id_from(start(client))
    html = client.get(f"/progress/assessments/{assessment_id}/areas/money").get_data(as_text=True)
    assert f'href="/progress/assessments/{assessment_id}/areas/home"' in html
    html = client.get(f"/progress/assessments/{assessment_id}/areas/emotional").get_data(
        as_text=True
    )
    assert f'href="/progress/assessments/{assessment_id}/with"' in html


def test_a_review_follows_the_baseline_and_the_progress_page_shows_the_change(app, client):
    person = make_person(app)
    sign_in(app, client, person)
    fill_in(
        client, all_scores(4) | {"work": "not_for_me"}, taken_on=date.today() - timedelta(days=43)
    )
    text = page_text(client.get("/progress"))
    assert "Your progress review is due" in text
    assert "You have your baseline" in text
    assert "Start your review" in page_text(client.get("/progress/llr9/start"))
    scores = all_scores(4) | {
        "emotional": 7,
        "money": 6,
        "home": 5,
        "safety": 8,
        "risks": 2,
        "work": 3,
    }
    review_id = fill_in(client, scores)
    with app.app_context():
        assert db.session.get(Assessment, review_id).kind == "review"
    text = page_text(client.get("/progress"))
    assert (
        "Since you started, 4 areas went up, 1 area went down and 3 areas stayed the same." in text
    )
    assert "On average, your scores went up by 1 since your baseline." in text
    assert "Your next progress review" in text
    assert "Up 3" in text and "Down 2" in text


def test_a_double_tapped_start_and_a_double_tapped_save_make_one_assessment(app, client):
    sign_in(app, client, make_person(app))
    html = client.get("/progress/llr9/start").get_data(as_text=True)
    import re

    token = re.search(r'name="client_token" value="([0-9a-f]{32})"', html).group(1)
    first = post_form(client, "/progress/llr9/start", {"client_token": token}).location
    second = post_form(client, "/progress/llr9/start", {"client_token": token}).location
    assert first == second
    assessment_id = assessment_id_from(first)
    for key in LLR_KEYS:
        post_form(
            client,
            f"/progress/assessments/{assessment_id}/areas/{key}",
            {"answer": "5", "action": "continue"},
        )
    check = f"/progress/assessments/{assessment_id}/check"
    one = post_form(client, check, {"taken_on": date.today().isoformat()})
    two = post_form(client, check, {"taken_on": date.today().isoformat()})
    assert one.status_code == two.status_code == 302
    assert one.location == two.location
    with app.app_context():
        assert db.session.scalar(select(func.count()).select_from(Assessment)) == 1
        assert db.session.scalar(select(func.count()).select_from(AssessmentRevision)) == 1
