"""What a service's report counts, read from the database as numbers only.

Everything here starts from the memberships people made themselves and counted:
nobody who has not joined, nobody after the day they left, and nobody who withdrew
consent, whatever period is asked for. Scores are read by JSON path, one number per
area: the words in an assessment (what would help, who it was with) are never selected,
and this module imports nothing that reads plans or notes (an import contract in
pyproject.toml holds it so). Suppression of small numbers happens above this, in
app/service/suppression.py, on everything these functions return.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import and_, case, cast, distinct, func, or_, select
from sqlalchemy.dialects.postgresql import JSONB
from sqlalchemy.sql import ColumnElement, Select

from app.data.database import db
from app.data.outcomes.models import (
    COMPLETE,
    WITH_PEER_MENTOR,
    WITH_WORKER,
    Assessment,
)
from app.data.service.models import ServiceMembership

BASELINE = "baseline"
REVIEW = "review"
ONGOING_REVIEW = "ongoing_review"
TOGETHER = (WITH_PEER_MENTOR, WITH_WORKER)

Scores = dict[str, int | None]


@dataclass(frozen=True)
class ActivityCounts:
    supported: int
    new: int
    left: int
    over_six_months: int
    new_with_baseline: int
    baselines_done: int
    reviews_done: int
    ongoing_reviews_done: int
    assessments_done: int
    assessments_together: int


@dataclass(frozen=True)
class ScorePair:
    """One counted person's baseline and, if they have one since, latest scores; when
    their latest assessment (the baseline if nothing since) was taken and whether jointly
    with a worker or peer mentor; and whether they were still supported at the end."""

    baseline: Scores
    latest: Scores | None
    latest_on: date | None = None
    latest_together: bool = False
    supported_at_end: bool = False


def _counted(provider_id: int) -> ColumnElement[bool]:
    return and_(
        ServiceMembership.provider_id == provider_id,
        ServiceMembership.consent_withdrawn_at_utc.is_(None),
    )


def _overlaps(start: date, end: date) -> ColumnElement[bool]:
    return and_(
        ServiceMembership.joined_on <= end,
        or_(ServiceMembership.left_on.is_(None), ServiceMembership.left_on >= start),
    )


def _people(where: ColumnElement[bool]) -> int:
    query = select(func.count(distinct(ServiceMembership.person_id))).where(where)
    return int(db.session.scalar(query) or 0)


def _assessments_in_membership(provider_id: int, start: date, end: date) -> Select[Any]:
    """Complete assessments taken in the period while the person was a counted member."""
    return (
        select(Assessment.id)
        .join(ServiceMembership, ServiceMembership.person_id == Assessment.owner_id)
        .where(
            _counted(provider_id),
            Assessment.status == COMPLETE,
            Assessment.taken_on >= start,
            Assessment.taken_on <= end,
            Assessment.taken_on >= ServiceMembership.joined_on,
            or_(
                ServiceMembership.left_on.is_(None),
                Assessment.taken_on <= ServiceMembership.left_on,
            ),
        )
    )


def _assessment_counts(query: Select[Any]) -> dict[str, int]:
    """The period's assessments counted by kind, and those done jointly, in one pass."""
    inner = query.add_columns(Assessment.kind, Assessment.completed_with).distinct().subquery()

    def counted(condition: ColumnElement[bool] | None = None) -> Any:
        if condition is None:
            return func.count(inner.c.id)
        return func.count(case((condition, inner.c.id)))

    row = db.session.execute(
        select(
            counted(),
            counted(inner.c.kind == BASELINE),
            counted(inner.c.kind == REVIEW),
            counted(inner.c.kind == ONGOING_REVIEW),
            counted(inner.c.completed_with.in_(TOGETHER)),
        )
    ).one()
    return {
        "assessments_done": int(row[0]),
        "baselines_done": int(row[1]),
        "reviews_done": int(row[2]),
        "ongoing_reviews_done": int(row[3]),
        "assessments_together": int(row[4]),
    }


def activity_counts(
    provider_id: int, start: date, end: date, joined_six_months_before: date
) -> ActivityCounts:
    counted = _counted(provider_id)
    overlaps = _overlaps(start, end)
    new = and_(counted, ServiceMembership.joined_on >= start, ServiceMembership.joined_on <= end)
    has_baseline = (
        select(Assessment.id)
        .where(
            Assessment.owner_id == ServiceMembership.person_id,
            Assessment.status == COMPLETE,
            Assessment.kind == BASELINE,
            Assessment.taken_on >= ServiceMembership.joined_on,
            Assessment.taken_on <= end,
            or_(
                ServiceMembership.left_on.is_(None),
                Assessment.taken_on <= ServiceMembership.left_on,
            ),
        )
        .exists()
    )
    done = _assessment_counts(_assessments_in_membership(provider_id, start, end))
    return ActivityCounts(
        supported=_people(and_(counted, overlaps)),
        new=_people(new),
        left=_people(
            and_(counted, ServiceMembership.left_on >= start, ServiceMembership.left_on <= end)
        ),
        over_six_months=_people(
            and_(
                counted,
                ServiceMembership.joined_on <= joined_six_months_before,
                or_(ServiceMembership.left_on.is_(None), ServiceMembership.left_on > end),
            )
        ),
        new_with_baseline=_people(and_(new, has_baseline)),
        **done,
    )


def _score_columns(item_keys: Sequence[str]) -> list[ColumnElement[Any]]:
    # One number per area, by JSON path: never the answer's words.
    return [
        Assessment.answers[(key, "score")].as_integer().label(f"s{index}")
        for index, key in enumerate(item_keys)
    ]


def score_pairs(
    provider_id: int, start: date, end: date, instrument_key: str, item_keys: Sequence[str]
) -> list[ScorePair]:
    """For each person counted in the period: their first baseline and their latest
    complete assessment after it, both taken while a member (from the day they first
    joined to the end of the period or the day they left). Picked in the database with
    window functions; numbers only come back."""
    people = (
        select(
            ServiceMembership.person_id.label("person_id"),
            func.min(ServiceMembership.joined_on).label("since"),
            func.max(func.coalesce(ServiceMembership.left_on, end)).label("until"),
        )
        .where(_counted(provider_id), _overlaps(start, end))
        .group_by(ServiceMembership.person_id)
        .subquery()
    )
    first = func.row_number().over(
        partition_by=Assessment.owner_id, order_by=(Assessment.taken_on, Assessment.id)
    )
    last = func.row_number().over(
        partition_by=Assessment.owner_id,
        order_by=(Assessment.taken_on.desc(), Assessment.id.desc()),
    )
    eligible = and_(
        Assessment.status == COMPLETE,
        Assessment.instrument_key == instrument_key,
        Assessment.taken_on >= people.c.since,
        Assessment.taken_on <= people.c.until,
    )
    # Rank first on dates alone; read the scores only of the one row kept per person.
    baseline_ranks = (
        select(Assessment.id.label("id"), first.label("rank"))
        .join(people, people.c.person_id == Assessment.owner_id)
        .where(eligible, Assessment.kind == BASELINE)
        .subquery()
    )
    latest_ranks = (
        select(Assessment.id.label("id"), last.label("rank"))
        .join(people, people.c.person_id == Assessment.owner_id)
        .where(eligible)
        .subquery()
    )
    scores = _score_columns(item_keys)

    def chosen(ranks: Any) -> Select[Any]:
        if db.engine.dialect.name != "postgresql":
            return (
                select(
                    Assessment.owner_id,
                    Assessment.id,
                    Assessment.taken_on,
                    Assessment.completed_with,
                    *scores,
                )
                .join(ranks, ranks.c.id == Assessment.id)
                .where(ranks.c.rank == 1)
            )
        # PostgreSQL re-parses a `json` document for every path read from it; parse each
        # kept row once (as jsonb, in a materialised CTE) and read the nine paths from that.
        docs = (
            select(
                Assessment.owner_id,
                Assessment.id,
                Assessment.taken_on,
                Assessment.completed_with,
                cast(Assessment.answers, JSONB).label("doc"),
            )
            .join(ranks, ranks.c.id == Assessment.id)
            .where(ranks.c.rank == 1)
            .cte("kept")
            .prefix_with("MATERIALIZED")
        )
        return select(
            docs.c.owner_id,
            docs.c.id,
            docs.c.taken_on,
            docs.c.completed_with,
            *(
                docs.c.doc[(key, "score")].as_integer().label(f"s{index}")
                for index, key in enumerate(item_keys)
            ),
        )

    keys = list(item_keys)

    def as_scores(row: Any) -> Scores:
        return dict(zip(keys, row[4:], strict=True))

    found = {row.owner_id: row for row in db.session.execute(chosen(baseline_ranks))}
    later = {row.owner_id: row for row in db.session.execute(chosen(latest_ranks))}
    at_end = {
        row.person_id
        for row in db.session.execute(select(people.c.person_id).where(people.c.until >= end))
    }
    pairs = []
    for owner_id, first_row in found.items():
        last_row = later.get(owner_id, first_row)
        pairs.append(
            ScorePair(
                as_scores(first_row),
                as_scores(last_row) if last_row.id != first_row.id else None,
                latest_on=last_row.taken_on,
                latest_together=last_row.completed_with in TOGETHER,
                supported_at_end=owner_id in at_end,
            )
        )
    return pairs


@dataclass(frozen=True)
class CountedAssessment:
    taken_on: date
    kind: str
    scores: Scores


def counted_for(
    membership: ServiceMembership, instrument_key: str, item_keys: Sequence[str]
) -> list[CountedAssessment]:
    """Exactly what the service's reports can read about this membership: the dates and
    kinds of complete assessments while a member, and their scores (by the same JSON
    paths the report uses). Nothing when the person withdrew consent."""
    if membership.consent_withdrawn_at_utc is not None:
        return []
    query = select(Assessment.taken_on, Assessment.kind, *_score_columns(item_keys)).where(
        Assessment.owner_id == membership.person_id,
        Assessment.status == COMPLETE,
        Assessment.instrument_key == instrument_key,
        Assessment.taken_on >= membership.joined_on,
    )
    if membership.left_on is not None:
        query = query.where(Assessment.taken_on <= membership.left_on)
    keys = list(item_keys)
    return [
        CountedAssessment(
            row.taken_on,
            row.kind,
            {key: getattr(row, f"s{index}") for index, key in enumerate(keys)},
        )
        for row in db.session.execute(query.order_by(Assessment.taken_on, Assessment.id))
    ]


NO_ANSWER = "not_answered"


def equality_counts(
    provider_id: int, start: date, end: date, question_key: str
) -> dict[str, tuple[int, int]]:
    """People supported in the period, and new people, by their answer to one equality
    question: {answer: (supported, new)}; no answer is counted as "not_answered".
    Grouped in the database by the answer's JSON value; no other field is read."""
    answer = func.coalesce(ServiceMembership.equality_answers[question_key].as_string(), NO_ANSWER)
    is_new = and_(ServiceMembership.joined_on >= start, ServiceMembership.joined_on <= end)
    query = (
        select(
            answer.label("answer"),
            func.count(distinct(ServiceMembership.person_id)),
            func.count(distinct(case((is_new, ServiceMembership.person_id)))),
        )
        .where(_counted(provider_id), _overlaps(start, end))
        .group_by(answer)
    )
    return {row[0]: (int(row[1]), int(row[2])) for row in db.session.execute(query)}
