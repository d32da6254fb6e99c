"""Assessments: a person's self-scored outcomes, a baseline and then reviews.

An assessment is a draft while it is being filled in (one area per page, "save and
finish later"), then complete. Completing and every later correction (its author may
correct it for 24 hours) make a numbered revision, guarded like plan parts so two
devices never both think they made the same version. Everything cascades from `users`.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta
from typing import Any

from sqlalchemy import (
    JSON,
    Date,
    ForeignKey,
    Index,
    Integer,
    String,
    UniqueConstraint,
    delete,
    func,
    select,
    update,
)
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.data.base import Base, UTCDateTime, utcnow
from app.data.export import exports, iso, revision_rows
from app.data.models import User
from app.extensions import db
from app.outcomes.schedule import Taken

DRAFT = "draft"
COMPLETE = "complete"
CORRECTION_WINDOW = timedelta(hours=24)

# Who the person filled it in with. A peer mentor's own account joins with the circle of
# support (`with_user_id`); until then a name is enough.
ALONE = "alone"
WITH_PEER_MENTOR = "peer_mentor"
WITH_WORKER = "worker"
WITH_CARER = "carer"
WITH_SOMEONE_ELSE = "someone_else"
COMPANIONS = (ALONE, WITH_PEER_MENTOR, WITH_WORKER, WITH_CARER, WITH_SOMEONE_ELSE)

Answers = dict[str, dict[str, Any]]


class Assessment(Base):
    __tablename__ = "assessments"
    __table_args__ = (
        UniqueConstraint("owner_id", "client_token"),
        Index(
            "ix_assessments_owner_id_instrument_key_status", "owner_id", "instrument_key", "status"
        ),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    owner_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"))
    instrument_key: Mapped[str] = mapped_column(String(32))
    kind: Mapped[str] = mapped_column(String(20))  # baseline | review | ongoing_review
    status: Mapped[str] = mapped_column(String(10), default=DRAFT)
    # From the start form, so a double-tapped "Start" makes one assessment, not two.
    client_token: Mapped[str] = mapped_column(String(32))
    # {item_key: {"score": 1-10 or None, "status": "scored"|"not_for_me"|"prefer_not",
    #             "help": "what would help"}}
    answers: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    version: Mapped[int] = mapped_column(Integer, default=0)  # 0 while a draft
    taken_on: Mapped[date | None] = mapped_column(Date)
    completed_with: Mapped[str] = mapped_column(String(20), default=ALONE)
    with_name: Mapped[str] = mapped_column(String(80), default="")
    with_user_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    # Room for a peer mentor's differing view, area by area: {item_key: {"score": n, "note": ""}}
    other_views: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    ongoing_support: Mapped[str | None] = mapped_column(String(20))  # yes | not_sure | no
    author_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    created_at_utc: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    updated_at_utc: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    completed_at_utc: Mapped[datetime | None] = mapped_column(UTCDateTime())

    @property
    def is_draft(self) -> bool:
        return self.status == DRAFT

    def scores(self) -> dict[str, int | None]:
        return {key: answer.get("score") for key, answer in (self.answers or {}).items()}

    def snapshot(self) -> dict[str, Any]:
        return {
            "answers": self.answers,
            "taken_on": self.taken_on.isoformat() if self.taken_on else None,
            "kind": self.kind,
            "completed_with": self.completed_with,
            "with_name": self.with_name,
            "with_user_id": self.with_user_id,
            "other_views": self.other_views,
            "ongoing_support": self.ongoing_support,
        }


class AssessmentRevision(Base):
    __tablename__ = "assessment_revisions"
    __table_args__ = (UniqueConstraint("assessment_id", "version"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    assessment_id: Mapped[int] = mapped_column(ForeignKey("assessments.id", ondelete="CASCADE"))
    version: Mapped[int] = mapped_column(Integer)
    content: Mapped[dict[str, Any]] = mapped_column(JSON)
    change: Mapped[str] = mapped_column(String(20))  # saved | corrected
    author_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    created_at_utc: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)

    author: Mapped[User | None] = relationship()


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
    assessment = Assessment(
        owner_id=owner.id,
        instrument_key=instrument_key,
        kind=kind,
        client_token=client_token,
        answers={},
        author_id=author.id,
    )
    db.session.add(assessment)
    try:
        db.session.commit()
    except IntegrityError:  # the same token raced in from a second tap
        db.session.rollback()
        found = db.session.scalar(
            select(Assessment).where(
                Assessment.owner_id == owner.id, Assessment.client_token == client_token
            )
        )
        if found is None:
            raise
        return found
    return assessment


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


def schedule_history(owner_id: int, instrument_key: str) -> list[Taken]:
    rows = db.session.execute(
        select(Assessment.taken_on, Assessment.kind).where(
            Assessment.owner_id == owner_id,
            Assessment.instrument_key == instrument_key,
            Assessment.status == COMPLETE,
        )
    )
    return [Taken(row.taken_on, row.kind) for row in rows if row.taken_on is not None]


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
    db.session.commit()


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


def complete_assessment(assessment: Assessment, *, taken_on: date, kind: str, author: User) -> bool:
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
            completed_at_utc=now,
            updated_at_utc=now,
            author_id=author.id,
        )
        .execution_options(synchronize_session=False)
    )
    if result.rowcount != 1:  # type: ignore[attr-defined]
        db.session.rollback()
        return False
    db.session.refresh(assessment)
    _add_revision(assessment, "saved", author, now)
    db.session.commit()
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
        db.session.rollback()
        raise StaleAssessment(assessment.id)
    db.session.refresh(assessment)
    _add_revision(assessment, "corrected", author, now)
    db.session.commit()


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
        from app.data.sharing import log_access

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
    db.session.commit()


@exports("progress", "assessments", "assessment_revisions")
def _export_progress(user: User) -> list[dict[str, Any]]:
    rows = db.session.scalars(
        select(Assessment).where(Assessment.owner_id == user.id).order_by(Assessment.id)
    )
    result = []
    for assessment in rows:
        revisions = db.session.scalars(
            select(AssessmentRevision)
            .where(AssessmentRevision.assessment_id == assessment.id)
            .order_by(AssessmentRevision.version)
        )
        result.append(
            {
                "instrument": assessment.instrument_key,
                "status": assessment.status,
                **assessment.snapshot(),
                "with_a_linked_account": assessment.with_user_id is not None,
                "other_views": assessment.other_views,
                "by_you": assessment.author_id == user.id,
                "started_at_utc": iso(assessment.created_at_utc),
                "completed_at_utc": iso(assessment.completed_at_utc),
                "revisions": revision_rows(revisions, user),
            }
        )
    return result
