"""Reading and writing assessments: drafts, saving once, corrections as revisions."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from sqlalchemy import delete, func, select, update

from app.data.accounts.models import User
from app.data.base import utcnow
from app.data.database import db, insert_or_ignore
from app.data.outcomes.models import (
    COMPLETE,
    CORRECTION_WINDOW,
    DRAFT,
    Answers,
    Assessment,
    AssessmentRevision,
)


class StaleAssessment(Exception):
    """Someone saved this assessment between our read and our write."""


def start_assessment(
    owner: User, instrument_key: str, kind: str, client_token: str, author: User
) -> Assessment:
    """A new draft, or the one this token already made, or the draft already open for
    this instrument (a person has at most one unfinished assessment per instrument)."""
    existing = db.session.scalar(
        select(Assessment).where(
            Assessment.owner_id == owner.id, Assessment.client_token == client_token
        )
    ) or current_draft(owner.id, instrument_key)
    if existing is not None:
        return existing
    # Two taps of Start race here: the same token makes one assessment, whichever wins.
    db.session.execute(
        insert_or_ignore(Assessment).values(
            owner_id=owner.id,
            instrument_key=instrument_key,
            kind=kind,
            client_token=client_token,
            answers={},
            author_id=author.id,
        )
    )
    found = db.session.scalar(
        select(Assessment).where(
            Assessment.owner_id == owner.id, Assessment.client_token == client_token
        )
    )
    assert found is not None
    return found


def get_assessment_for_owner(owner_id: int, assessment_id: int) -> Assessment | None:
    return db.session.scalar(
        select(Assessment).where(Assessment.id == assessment_id, Assessment.owner_id == owner_id)
    )


def current_draft(owner_id: int, instrument_key: str) -> Assessment | None:
    return db.session.scalar(
        select(Assessment)
        .where(
            Assessment.owner_id == owner_id,
            Assessment.instrument_key == instrument_key,
            Assessment.status == DRAFT,
        )
        .order_by(Assessment.id.desc())
        .limit(1)
    )


def completed_assessments(owner_id: int, instrument_key: str) -> list[Assessment]:
    """Oldest first: the order a chart reads."""
    return list(
        db.session.scalars(
            select(Assessment)
            .where(
                Assessment.owner_id == owner_id,
                Assessment.instrument_key == instrument_key,
                Assessment.status == COMPLETE,
            )
            .order_by(Assessment.taken_on, Assessment.completed_at_utc, Assessment.id)
        )
    )


def assessments_fingerprint(owner_id: int, instrument_key: str) -> tuple[object, ...]:
    """Changes whenever a saved assessment is added, corrected or removed (one cheap
    query, so the progress page can reuse what it drew last time)."""
    row = db.session.execute(
        select(
            func.count(Assessment.id),
            func.coalesce(func.sum(Assessment.version), 0),
            func.max(Assessment.updated_at_utc),
            func.max(Assessment.id),
        ).where(
            Assessment.owner_id == owner_id,
            Assessment.instrument_key == instrument_key,
            Assessment.status == COMPLETE,
        )
    ).one()
    return tuple(row)


def schedule_history(owner_id: int, instrument_key: str) -> list[tuple[date, str]]:
    """(date taken, kind) of each saved assessment, for working out the next review."""
    rows = db.session.execute(
        select(Assessment.taken_on, Assessment.kind).where(
            Assessment.owner_id == owner_id,
            Assessment.instrument_key == instrument_key,
            Assessment.status == COMPLETE,
        )
    )
    return [(row.taken_on, row.kind) for row in rows if row.taken_on is not None]


def instruments_in_use(owner_id: int) -> set[str]:
    return set(
        db.session.scalars(
            select(Assessment.instrument_key).where(Assessment.owner_id == owner_id).distinct()
        )
    )


def save_draft(assessment: Assessment, **changes: Any) -> None:
    """Keep what was entered so far. Only drafts: a complete one changes by `correct`."""
    if not assessment.is_draft:
        raise StaleAssessment(assessment.id)
    for name, value in changes.items():
        setattr(assessment, name, value)
    assessment.updated_at_utc = utcnow()
    db.session.flush()


def with_other_view(
    views: dict[str, Any] | None,
    item_key: str,
    view: dict[str, Any] | None,
    by_user_id: int | None,
) -> dict[str, Any]:
    """A new mapping of the peer mentor's views with this area's set (or cleared when
    they see it the same way as the person)."""
    updated = dict(views or {})
    if view is None:
        updated.pop(item_key, None)
    else:
        updated[item_key] = {**view, "by": by_user_id}
    return updated


def with_answer(answers: Answers, item_key: str, answer: dict[str, Any]) -> Answers:
    """A new answers mapping (JSON columns only notice a new object, not a mutation)."""
    return {**(answers or {}), item_key: answer}


def complete_assessment(
    assessment: Assessment,
    *,
    taken_on: date,
    kind: str,
    author: User,
    ongoing_support: str | None = None,
) -> bool:
    """Turn a draft into a saved assessment with its first revision. False if it was
    already saved (a double-tapped "Save"): exactly one assessment, saved once."""
    now = utcnow()
    result = db.session.execute(
        update(Assessment)
        .where(Assessment.id == assessment.id, Assessment.status == DRAFT)
        .values(
            status=COMPLETE,
            version=1,
            taken_on=taken_on,
            kind=kind,
            ongoing_support=ongoing_support,
            completed_at_utc=now,
            updated_at_utc=now,
            author_id=author.id,
        )
        .execution_options(synchronize_session=False)
    )
    if result.rowcount != 1:  # type: ignore[attr-defined]
        return False  # nothing was written: it had been saved already
    db.session.refresh(assessment)
    _add_revision(assessment, "saved", author, now)
    db.session.flush()
    return True


def can_correct(assessment: Assessment, actor_id: int, now: datetime | None = None) -> bool:
    if assessment.is_draft or assessment.completed_at_utc is None:
        return False
    if assessment.author_id != actor_id:
        return False
    return (now or utcnow()) - assessment.completed_at_utc < CORRECTION_WINDOW


def correct_assessment(
    assessment: Assessment, *, author: User, expected_version: int, **changes: Any
) -> None:
    """Save a correction as the next version, or raise StaleAssessment."""
    now = utcnow()
    result = db.session.execute(
        update(Assessment)
        .where(
            Assessment.id == assessment.id,
            Assessment.status == COMPLETE,
            Assessment.version == expected_version,
        )
        .values(version=expected_version + 1, updated_at_utc=now, **changes)
        .execution_options(synchronize_session=False)
    )
    if result.rowcount != 1:  # type: ignore[attr-defined]
        db.session.expire(assessment)  # nothing was written; read it afresh next time
        raise StaleAssessment(assessment.id)
    db.session.refresh(assessment)
    _add_revision(assessment, "corrected", author, now)
    db.session.flush()


def _add_revision(assessment: Assessment, change: str, author: User, now: datetime) -> None:
    db.session.add(
        AssessmentRevision(
            assessment_id=assessment.id,
            version=assessment.version,
            content=assessment.snapshot(),
            change=change,
            author_id=author.id,
            created_at_utc=now,
        )
    )
    if author.id != assessment.owner_id:
        # A review done together on the mentor's device: logged with the change itself.
        from app.data.circle.access_log import log_access

        log_access(assessment.owner_id, author, "progress", "review", change)


def list_revisions(assessment: Assessment) -> list[AssessmentRevision]:
    return list(
        db.session.scalars(
            select(AssessmentRevision)
            .where(AssessmentRevision.assessment_id == assessment.id)
            .order_by(AssessmentRevision.version.desc())
        )
    )


def discard_draft(assessment: Assessment) -> None:
    db.session.execute(
        delete(Assessment).where(Assessment.id == assessment.id, Assessment.status == DRAFT)
    )
    db.session.flush()
