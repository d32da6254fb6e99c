"""Bad input gets a clear message or a 400, never a 500, and nothing saved is lost."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from sqlalchemy import select

from app.data.database import db
from app.data.outcomes.models import Assessment
from tests.support.helpers import make_person, page_text, post_form, sign_in
from tests.support.progress import LLR_KEYS, assessment_id_from, fill_in, start


@pytest.fixture
def draft(app, client):
    person = make_person(app)
    sign_in(app, client, person)
    assessment_id = assessment_id_from(start(client))
    post_form(
        client,
        f"/progress/assessments/{assessment_id}/areas/emotional",
        {"answer": "4", "action": "continue"},
    )
    return assessment_id


@pytest.mark.parametrize("answer", ["0", "11", "-3", "4.5", "ten", "not_for_me", "", "9" * 400])
def test_an_answer_off_the_ladder_is_refused_with_a_clear_message(app, client, draft, answer):
    url = f"/progress/assessments/{draft}/areas/money"
    response = post_form(client, url, {"answer": answer, "action": "continue"})
    assert response.status_code == 200
    text = page_text(response)
    assert "Choose a step from 1 to 10, or one of the answers below it." in text
    assert "There is a problem" in text
    with app.app_context():
        saved = db.session.get(Assessment, draft)
        assert "money" not in saved.answers and saved.answers["emotional"]["score"] == 4


def test_a_missing_area_is_listed_on_check_with_a_link_to_answer_it(app, client, draft):
    for key in LLR_KEYS[1:]:
        if key != "money":
            post_form(
                client,
                f"/progress/assessments/{draft}/areas/{key}",
                {"answer": "5", "action": "continue"},
            )
    response = post_form(
        client, f"/progress/assessments/{draft}/check", {"taken_on": date.today().isoformat()}
    )
    assert response.status_code == 200
    text = page_text(response)
    assert "Choose an answer for Money" in text
    assert f'href="/progress/assessments/{draft}/areas/money?from=check"' in response.get_data(
        as_text=True
    )
    with app.app_context():
        assert db.session.get(Assessment, draft).status == "draft"


@pytest.mark.parametrize(
    ("taken_on", "message"),
    [
        ((date.today() + timedelta(days=2)).isoformat(), "The date cannot be in the future"),
        ("2025-02-30", "Enter the date you filled this in"),
        ("", "Enter the date you filled this in"),
        ("1999-01-01", "Enter a date in the last 5 years."),
    ],
)
def test_a_bad_date_is_refused_and_the_answers_are_kept(app, client, draft, taken_on, message):
    for key in LLR_KEYS[1:]:
        post_form(
            client,
            f"/progress/assessments/{draft}/areas/{key}",
            {"answer": "5", "action": "continue"},
        )
    response = post_form(client, f"/progress/assessments/{draft}/check", {"taken_on": taken_on})
    assert response.status_code == 200
    assert message in page_text(response)
    assert "<title>Error:" in response.get_data(as_text=True)
    with app.app_context():
        saved = db.session.get(Assessment, draft)
        assert saved.status == "draft" and len(saved.answers) == len(LLR_KEYS)


def test_a_review_cannot_be_dated_before_the_baseline(app, client):
    sign_in(app, client, make_person(app))
    fill_in(client, dict.fromkeys(LLR_KEYS, 5), taken_on=date.today() - timedelta(days=10))
    assessment_id = assessment_id_from(start(client))
    for key in LLR_KEYS:
        post_form(
            client,
            f"/progress/assessments/{assessment_id}/areas/{key}",
            {"answer": "6", "action": "continue"},
        )
    too_early = (date.today() - timedelta(days=20)).isoformat()
    response = post_form(
        client, f"/progress/assessments/{assessment_id}/check", {"taken_on": too_early}
    )
    assert "A review cannot be dated before your baseline" in page_text(response)


def test_unknown_areas_tools_and_tokens_are_not_found_or_refused(app, client, draft):
    assert client.get(f"/progress/assessments/{draft}/areas/nonsense").status_code == 404
    assert client.get("/progress/nonsense/start").status_code == 404
    assert client.get("/progress/assessments/999999").status_code == 404
    assert post_form(client, "/progress/llr9/start", {"client_token": "short"}).status_code == 400
    assert post_form(client, "/progress/llr9/start", {"client_token": "zz" * 16}).status_code == 400


def test_a_companion_name_that_is_too_long_is_refused_kindly(app, client, draft):
    response = post_form(
        client,
        f"/progress/assessments/{draft}/with",
        {"completed_with": "carer", "with_name": "x" * 81},
    )
    assert "must be 80 characters or fewer" in page_text(response)
    response = post_form(client, f"/progress/assessments/{draft}/with", {"completed_with": "boss"})
    assert response.status_code == 200 and "There is a problem" in page_text(response)


def test_a_what_would_help_note_that_is_too_long_is_refused_and_kept(app, client, draft):
    words = "walking group " * 80
    response = post_form(
        client,
        f"/progress/assessments/{draft}/areas/money",
        {"answer": "5", "help": words, "action": "continue"},
    )
    assert "must be 1,000 characters or fewer" in page_text(response)
    assert "walking group walking group" in response.get_data(as_text=True)
    with app.app_context():
        assert db.session.scalar(select(Assessment.answers)).get("money") is None
