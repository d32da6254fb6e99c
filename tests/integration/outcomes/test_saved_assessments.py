"""After saving: correcting within 24 hours, adding what would help to the plan, the
home page banner, and the data download."""

from __future__ import annotations

import json
from datetime import UTC, date, datetime, timedelta

from sqlalchemy import func, select

from app.data.accounts.models import User
from app.data.database import db
from app.data.outcomes.models import Assessment, AssessmentRevision
from app.data.plans.models import PartRevision
from app.data.plans.queries import get_part, get_plan_for_owner
from tests.support.helpers import delete_account, make_person, page_text, post_form, sign_in
from tests.support.progress import LLR_KEYS, all_scores, fill_in, make_assessment


def test_the_author_corrects_an_answer_and_every_version_is_kept(app, client):
    sign_in(app, client, make_person(app))
    assessment_id = fill_in(client, all_scores(5))
    page = page_text(client.get(f"/progress/assessments/{assessment_id}"))
    assert "You can change your answers until" in page
    url = f"/progress/assessments/{assessment_id}/areas/money"
    assert "Save the change" in page_text(client.get(url))
    response = post_form(
        client, url, {"answer": "8", "version": "1", "action": "continue"}, follow_redirects=True
    )
    assert "Your change is saved. The earlier version is kept too." in page_text(response)
    assert "8: I manage my money and deal with problems as they come." in page_text(response)
    with app.app_context():
        saved = db.session.get(Assessment, assessment_id)
        assert saved.version == 2 and saved.answers["money"]["score"] == 8
        versions = db.session.scalars(
            select(AssessmentRevision).order_by(AssessmentRevision.version)
        ).all()
        assert [v.change for v in versions] == ["saved", "corrected"]
        assert versions[0].content["answers"]["money"]["score"] == 5


def test_the_progress_page_shows_a_correction_at_once(app, client):
    person = make_person(app)
    sign_in(app, client, person)
    make_assessment(
        app, person.id, date.today() - timedelta(days=50), all_scores(5), kind="baseline"
    )
    assessment_id = fill_in(client, all_scores(6))
    assert "9 areas went up" in page_text(client.get("/progress"))
    post_form(
        client,
        f"/progress/assessments/{assessment_id}/areas/money",
        {"answer": "2", "version": "1"},
    )
    assert "8 areas went up and 1 area went down" in page_text(client.get("/progress"))


def test_a_correction_from_an_older_page_does_not_overwrite_a_newer_one(app, client):
    sign_in(app, client, make_person(app))
    assessment_id = fill_in(client, all_scores(5))
    url = f"/progress/assessments/{assessment_id}/areas/money"
    post_form(client, url, {"answer": "8", "version": "1"})
    response = post_form(client, url, {"answer": "2", "version": "1"}, follow_redirects=True)
    assert "changed on another device" in page_text(response)
    with app.app_context():
        assert db.session.get(Assessment, assessment_id).answers["money"]["score"] == 8


def test_after_24_hours_an_assessment_can_no_longer_be_changed(app, client):
    person = make_person(app)
    sign_in(app, client, person)
    old = datetime.now(UTC) - timedelta(hours=25)
    assessment_id = make_assessment(
        app,
        person.id,
        date.today() - timedelta(days=1),
        all_scores(5),
        kind="baseline",
        completed_at=old,
    )
    assert "You can change your answers" not in page_text(
        client.get(f"/progress/assessments/{assessment_id}")
    )
    response = post_form(
        client,
        f"/progress/assessments/{assessment_id}/areas/money",
        {"answer": "9", "version": "1"},
    )
    assert response.status_code == 302
    with app.app_context():
        assert db.session.get(Assessment, assessment_id).answers["money"]["score"] == 5


def test_what_would_help_goes_into_the_plan_once_with_a_link_back(app, client):
    person = make_person(app)
    sign_in(app, client, person)
    assessment_id = fill_in(
        client, all_scores(5), helps={"money": "Ask Citizens Advice about my bills"}
    )
    page = client.get(f"/progress/assessments/{assessment_id}").get_data(as_text=True)
    assert "Add to my wellness toolbox" in page and "Add to my daily plan" in page
    import re

    entry_id = re.search(
        r'name="target" value="toolbox">'
        r'<input type="hidden" name="entry_id" value="(e[0-9a-f]{12})"',
        page,
    )
    assert entry_id
    data = {"item_key": "money", "target": "toolbox", "entry_id": entry_id.group(1)}
    first = post_form(
        client, f"/progress/assessments/{assessment_id}/plan", data, follow_redirects=True
    )
    post_form(client, f"/progress/assessments/{assessment_id}/plan", data)  # a double tap
    assert "Added to Wellness toolbox." in page_text(first)
    assert "In your Wellness toolbox" in page_text(first)
    with app.app_context():
        part = get_part(get_plan_for_owner(person.id), "wellness_toolbox")
        tools = part.content["tools"]
        assert [t["text"] for t in tools] == ["Ask Citizens Advice about my bills"]
        assert tools[0]["link_href"] == f"/progress/assessments/{assessment_id}#area-money"
        assert (
            db.session.scalar(
                select(PartRevision.change).where(PartRevision.plan_part_id == part.id)
            )
            == "from_outcomes"
        )
    toolbox = page_text(client.get("/plan/wellness-toolbox"))
    assert "From my progress: Money" in toolbox


def test_adding_to_the_plan_refuses_a_made_up_entry_or_an_empty_note(app, client):
    sign_in(app, client, make_person(app))
    assessment_id = fill_in(client, all_scores(5), helps={"money": "A budget"})
    url = f"/progress/assessments/{assessment_id}/plan"
    assert (
        post_form(
            client, url, {"item_key": "money", "target": "toolbox", "entry_id": "e000000000000"}
        ).status_code
        == 400
    )
    assert (
        post_form(
            client, url, {"item_key": "home", "target": "toolbox", "entry_id": "e000000000000"}
        ).status_code
        == 400
    )
    assert (
        post_form(
            client, url, {"item_key": "money", "target": "garage", "entry_id": "x"}
        ).status_code
        == 400
    )


def test_home_shows_a_banner_when_a_review_is_due_and_nothing_when_it_is_far_off(app, client):
    person = make_person(app)
    sign_in(app, client, person)
    assert "Score how things are going" in page_text(client.get("/"))
    make_assessment(
        app, person.id, date.today() - timedelta(days=40), all_scores(5), kind="baseline"
    )
    text = page_text(client.get("/"))
    assert "Your progress review is coming up" in text and "That is in 2 days." in text
    make_assessment(app, person.id, date.today(), all_scores(6))
    text = page_text(client.get("/"))
    assert "progress review" not in text
    assert "Score how things are going" not in text


def test_home_says_overdue_after_a_week_past_the_due_date(app, client):
    person = make_person(app)
    sign_in(app, client, person)
    make_assessment(
        app, person.id, date.today() - timedelta(days=60), all_scores(5), kind="baseline"
    )
    assert "Your progress review is overdue" in page_text(client.get("/"))


def test_the_download_has_every_assessment_and_version_and_deleting_removes_them(app, client):
    person = make_person(app, "Ro", username="ro", password="rowing on the river")
    sign_in(app, client, person)
    assessment_id = fill_in(client, all_scores(5), helps={"home": "A cleaner once a week"})
    post_form(
        client,
        f"/progress/assessments/{assessment_id}/areas/home",
        {"answer": "7", "version": "1", "help": "A cleaner once a week"},
    )
    data = json.loads(client.get("/account/download").get_data(as_text=True))
    saved = data["progress"][0]
    assert saved["answers"]["home"] == {
        "score": 7,
        "status": "scored",
        "help": "A cleaner once a week",
    }
    assert [r["change"] for r in saved["revisions"]] == ["saved", "corrected"]
    delete_account(client)
    with app.app_context():
        assert db.session.get(User, person.id) is None
        assert db.session.scalar(select(func.count()).select_from(Assessment)) == 0
        assert db.session.scalar(select(func.count()).select_from(AssessmentRevision)) == 0


def test_a_score_left_out_shows_as_not_said_and_is_not_compared(app, client):
    person = make_person(app)
    sign_in(app, client, person)
    make_assessment(
        app,
        person.id,
        date.today() - timedelta(days=50),
        all_scores(5) | {"risks": None},
        kind="baseline",
    )
    make_assessment(app, person.id, date.today(), all_scores(5) | {"risks": 7})
    text = page_text(client.get("/progress"))
    assert "Not said" in text
    assert "Since you started, 8 areas stayed the same." in text
    assert len(LLR_KEYS) == 9
