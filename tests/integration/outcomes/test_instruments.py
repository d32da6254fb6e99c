"""DIALOG where a service turns it on, and a licensed tool a service adds as a file."""

from __future__ import annotations

import json
from datetime import date, timedelta

import pytest

from app.outcomes.instruments import DIALOG
from app.outcomes.loading import EXTENSION_KEY, available_instruments
from tests.support.helpers import make_person, page_text, sign_in
from tests.support.progress import fill_in, make_assessment, visible_text

DIALOG_KEYS = [item.key for item in DIALOG.items]


@pytest.fixture
def service_instruments(app):
    saved = app.extensions[EXTENSION_KEY]

    def turn_on(keys, folder=None):
        app.extensions[EXTENSION_KEY] = available_instruments(keys, folder)

    yield turn_on
    app.extensions[EXTENSION_KEY] = saved


def test_dialog_is_offered_only_where_the_service_turns_it_on(app, client, service_instruments):
    sign_in(app, client, make_person(app))
    assert "DIALOG" not in page_text(client.get("/progress"))
    assert client.get("/progress/dialog/start").status_code == 404
    service_instruments(["llr9", "dialog"])
    text = page_text(client.get("/progress"))
    assert "Other ways to score your progress" in text and "DIALOG" in text


def test_dialog_scores_quality_of_life_and_satisfaction_with_care(app, client, service_instruments):
    service_instruments(["llr9", "dialog"])
    person = make_person(app)
    sign_in(app, client, person)
    page = page_text(client.get("/progress/assessments/0/areas/x"))
    assert "Page not found" in page
    scores = {key: 3 for key in DIALOG_KEYS} | {
        "medication": "not_for_me",
        "meetings": 6,
        "practical_help": 5,
    }
    fill_in(
        client,
        scores,
        instrument="dialog",
        keys=DIALOG_KEYS,
        taken_on=date.today() - timedelta(days=42),
    )
    later = {key: 5 for key in DIALOG_KEYS} | {"medication": 4, "meetings": 6, "practical_help": 5}
    make_assessment(app, person.id, date.today(), later, instrument="dialog")
    text = visible_text(client.get("/progress?tool=dialog"))
    assert "Quality of life 3 5" in text
    assert "Satisfaction with care 5.5 5" in text
    assert "Since you started, 8 areas went up and 2 areas stayed the same." in text


def test_a_dialog_question_reads_plainly_with_satisfaction_words(app, client, service_instruments):
    service_instruments(["llr9", "dialog"])
    sign_in(app, client, make_person(app))
    from tests.support.progress import assessment_id_from, start

    assessment_id = assessment_id_from(start(client, "dialog"))
    text = visible_text(client.get(f"/progress/assessments/{assessment_id}/areas/medication"))
    assert "How satisfied are you with the medicines you take for your mental health?" in text
    assert "1 Totally dissatisfied" in text and "7 Totally satisfied" in text
    assert "I do not take any" in text


def test_a_service_adds_a_licensed_tool_as_a_json_file(app, client, service_instruments, tmp_path):
    tool = {
        "key": "wellbeing3",
        "name": {"en": "Three wellbeing questions", "cy": "Tri chwestiwn llesiant"},
        "description": "How you have felt over the last two weeks.",
        "licence": "Used under licence (test)",
        "scale": {
            "low": 0,
            "high": 4,
            "anchors": ["Never", "Rarely", "Sometimes", "Often", "Always"],
        },
        "items": [
            {
                "key": "cheerful",
                "title": "Cheerful",
                "question": "How often have you felt cheerful?",
            },
            {"key": "calm", "title": "Calm", "question": "How often have you felt calm?"},
            {"key": "rested", "title": "Rested", "question": "How often have you woken up rested?"},
        ],
        "subscales": [
            {"key": "total", "label": "Wellbeing", "items": ["cheerful", "calm", "rested"]}
        ],
    }
    (tmp_path / "wellbeing3.json").write_text(json.dumps(tool))
    service_instruments(["wellbeing3", "llr9"], str(tmp_path))
    sign_in(app, client, make_person(app))
    assert "Three wellbeing questions" in page_text(client.get("/progress"))
    keys = ["cheerful", "calm", "rested"]
    assessment_id = fill_in(
        client, {"cheerful": 0, "calm": 4, "rested": 2}, instrument="wellbeing3", keys=keys
    )
    text = page_text(client.get(f"/progress/assessments/{assessment_id}"))
    assert "0: Never" in text and "4: Always" in text
    client.set_cookie("kw_lang", "cy")
    assert "Tri chwestiwn llesiant" in page_text(client.get("/progress"))
