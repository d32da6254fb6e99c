"""Helpers for progress tests: fill in an assessment through the pages, as a person does,
or make saved ones directly for tests about what is shown."""

from __future__ import annotations

import re
from datetime import UTC, date, datetime, timedelta
from typing import Any

from flask import Flask
from flask.testing import FlaskClient

from app.data.database import db
from app.data.outcomes.models import Assessment, AssessmentRevision
from app.outcomes.instruments import LLR9
from tests.support.helpers import post_form

LLR_KEYS = [item.key for item in LLR9.items]
TOKEN = re.compile(r'name="client_token" value="([0-9a-f]{32})"')


def start(client: FlaskClient, instrument: str = "llr9") -> str:
    """Press Start; returns the URL of the first page (who is with you)."""
    html = client.get(f"/progress/{instrument}/start").get_data(as_text=True)
    token = TOKEN.search(html)
    assert token, "no Start form"
    response = post_form(client, f"/progress/{instrument}/start", {"client_token": token.group(1)})
    assert response.status_code == 302, response.status_code
    return response.location


def assessment_id_from(url: str) -> int:
    match = re.search(r"/assessments/(\d+)", url)
    assert match, url
    return int(match.group(1))


def fill_in(
    client: FlaskClient,
    scores: dict[str, Any],
    *,
    instrument: str = "llr9",
    keys: list[str] | None = None,
    companion: str = "alone",
    taken_on: date | None = None,
    helps: dict[str, str] | None = None,
) -> int:
    """Start, answer every area, check and save. `scores` maps item key to a step
    number or "not_for_me"/"prefer_not". Returns the saved assessment's id."""
    first = start(client, instrument)
    assessment_id = assessment_id_from(first)
    post_form(
        client,
        first,
        {"completed_with": companion, "with_name": "Priya" if companion != "alone" else ""},
    )
    for key in keys or LLR_KEYS:
        url = f"/progress/assessments/{assessment_id}/areas/{key}"
        response = post_form(
            client,
            url,
            {"answer": str(scores[key]), "help": (helps or {}).get(key, ""), "action": "continue"},
        )
        assert response.status_code == 302, (key, response.status_code)
    data = {"taken_on": (taken_on or date.today()).isoformat()}
    response = post_form(client, f"/progress/assessments/{assessment_id}/check", data)
    assert response.status_code == 302, response.get_data(as_text=True)[:2000]
    return assessment_id


def make_assessment(
    app: Flask,
    owner_id: int,
    taken_on: date,
    scores: dict[str, int | None],
    *,
    kind: str = "review",
    instrument: str = "llr9",
    completed_at: datetime | None = None,
) -> int:
    """A saved assessment, made directly (for tests about what the pages show)."""
    with app.app_context():
        answers = {
            key: {
                "score": score,
                "status": "scored" if score is not None else "prefer_not",
                "help": "",
            }
            for key, score in scores.items()
        }
        completed = completed_at or datetime.now(UTC) - timedelta(days=2)
        assessment = Assessment(
            owner_id=owner_id,
            instrument_key=instrument,
            kind=kind,
            status="complete",
            client_token=f"{owner_id:08x}{taken_on.toordinal():08x}{len(answers):016x}"[:32],
            answers=answers,
            version=1,
            taken_on=taken_on,
            author_id=owner_id,
            completed_at_utc=completed,
            created_at_utc=completed,
        )
        db.session.add(assessment)
        db.session.flush()
        db.session.add(
            AssessmentRevision(
                assessment_id=assessment.id,
                version=1,
                content=assessment.snapshot(),
                change="saved",
                author_id=owner_id,
            )
        )
        db.session.commit()
        return assessment.id


def all_scores(value: int) -> dict[str, int]:
    return dict.fromkeys(LLR_KEYS, value)


def visible_text(response: Any) -> str:
    """The words on the page, as a person reads them (tags dropped, spaces squeezed)."""
    from bs4 import BeautifulSoup

    soup = BeautifulSoup(response.get_data(as_text=True), "html.parser")
    for hidden in soup.select("script, style, title, svg"):
        hidden.decompose()
    return " ".join(soup.get_text(" ").split())
