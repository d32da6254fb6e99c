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
from datetime import UTC, date, datetime, time, timedelta
from typing import Any

from sqlalchemy import (
    Date,
    Integer,
    String,
    and_,
    case,
    cast,
    distinct,
    exists,
    func,
    literal,
    literal_column,
    or_,
    select,
    type_coerce,
    union_all,
)
from sqlalchemy.dialects.postgresql import JSONB
from sqlalchemy.orm import aliased
from sqlalchemy.sql import ColumnElement, Select

from app.data.database import db
from app.data.groups import taxonomy
from app.data.groups.models import GroupSave, Service, ServiceAttribute
from app.data.outcomes.models import (
    COMPLETE,
    WITH_PEER_MENTOR,
    WITH_WORKER,
    Assessment,
)
from app.data.service.models import ProviderListing, ServiceMembership, Signpost
from app.data.service.signposting import TERM_ID_KINDS

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
    # Reviews that fell due in the period (`reviews_due_counts`), filled in beside these.
    reviews_due: int = 0
    ongoing_reviews_due: int = 0


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


# Reviews due ------------------------------------------------------------------------------


def _plus_days(day: Any, days: int) -> ColumnElement[date]:
    if db.engine.dialect.name == "postgresql":
        return type_coerce(day + literal_column(str(int(days))), Date)
    return type_coerce(func.date(day, f"+{int(days)} days"), Date)


def _plus_months(day: Any, months: int) -> ColumnElement[date]:
    """Calendar months, a 31st falling on a shorter month's last day (as
    app/outcomes/schedule.py's `add_months`); SQLite's own '+N months' would run over
    into the next month instead, so it is clamped to the month's last day."""
    months = int(months)
    if db.engine.dialect.name == "postgresql":
        return cast(day + func.make_interval(0, months), Date)
    day_of_month = cast(func.strftime("%d", day), Integer)
    same_day = func.date(
        day,
        "start of month",
        f"+{months} months",
        literal("+") + cast(day_of_month - 1, String) + literal(" days"),
    )
    last_day = func.date(day, "start of month", f"+{months + 1} months", "-1 day")
    return type_coerce(func.min(same_day, last_day), Date)


@dataclass(frozen=True)
class DueCounts:
    reviews: int  # 6-week reviews that fell due in the period
    ongoing_reviews: int  # 6-month reviews of ongoing support that fell due


def reviews_due_counts(
    provider_id: int,
    start: date,
    end: date,
    instrument_key: str,
    interval_days: int,
    ongoing_months: int,
) -> DueCounts:
    """How many reviews fell due in the period while the person was a counted member,
    by the same schedule as My progress and the workers' list (app/outcomes/schedule.py):
    after each complete assessment the next review is due `interval_days` later, or the
    review of ongoing support `ongoing_months` after the last baseline or ongoing review,
    whichever comes first. That date was a due date unless another assessment was taken
    before it (which moved the schedule on); a review never done is due once, not again
    every cycle. Worked out in the database, from the assessments near the period and
    their neighbours (found by index); two numbers come back."""
    people = (
        select(ServiceMembership.person_id.label("person_id"))
        .where(_counted(provider_id), _overlaps(start, end))
        .distinct()
        .subquery()
    )
    earlier = aliased(Assessment)
    same_history = and_(
        earlier.owner_id == Assessment.owner_id,
        earlier.instrument_key == instrument_key,
        earlier.status == COMPLETE,
    )
    # The cycle's start: the latest baseline or ongoing review up to this assessment.
    cycle_on = (
        select(func.max(earlier.taken_on))
        .where(
            same_history,
            earlier.kind.in_((BASELINE, ONGOING_REVIEW)),
            or_(
                earlier.taken_on < Assessment.taken_on,
                and_(earlier.taken_on == Assessment.taken_on, earlier.id <= Assessment.id),
            ),
        )
        .scalar_subquery()
    )
    # The next assessment after this one, if any.
    next_on = (
        select(func.min(earlier.taken_on))
        .where(
            same_history,
            or_(
                earlier.taken_on > Assessment.taken_on,
                and_(earlier.taken_on == Assessment.taken_on, earlier.id > Assessment.id),
            ),
        )
        .scalar_subquery()
    )
    # Only an assessment from `interval_days` before the period to its end can have its
    # next review due in it; each one's dates are worked out once (a materialised CTE).
    found = (
        select(
            Assessment.owner_id.label("owner_id"),
            Assessment.taken_on.label("taken_on"),
            next_on.label("next_on"),
            cycle_on.label("cycle_on"),
        )
        .join(people, people.c.person_id == Assessment.owner_id)
        .where(
            Assessment.status == COMPLETE,
            Assessment.instrument_key == instrument_key,
            Assessment.taken_on >= start - timedelta(days=interval_days),
            Assessment.taken_on <= end,
        )
        .subquery()
    )
    dated = (
        select(
            found.c.owner_id,
            found.c.taken_on,
            found.c.next_on,
            _plus_days(found.c.taken_on, interval_days).label("review_on"),
            _plus_months(found.c.cycle_on, ongoing_months).label("ongoing_on"),
        )
        .where(found.c.cycle_on.is_not(None))
        .cte("dated")
        .prefix_with("MATERIALIZED")
    )
    is_ongoing = dated.c.ongoing_on <= dated.c.review_on
    due_on = case((is_ongoing, dated.c.ongoing_on), else_=dated.c.review_on)
    dues = (
        select(
            dated.c.owner_id,
            due_on.label("due_on"),
            case((is_ongoing, 1), else_=0).label("ongoing"),
        )
        .where(
            due_on >= start,
            due_on <= end,
            due_on > dated.c.taken_on,
            or_(dated.c.next_on.is_(None), dated.c.next_on >= due_on),
        )
        .subquery()
    )
    while_member = (
        select(ServiceMembership.id)
        .where(
            _counted(provider_id),
            ServiceMembership.person_id == dues.c.owner_id,
            ServiceMembership.joined_on <= dues.c.due_on,
            or_(ServiceMembership.left_on.is_(None), ServiceMembership.left_on >= dues.c.due_on),
        )
        .exists()
    )
    row = db.session.execute(
        select(
            func.count(case((dues.c.ongoing == 0, 1))),
            func.count(case((dues.c.ongoing == 1, 1))),
        ).where(while_member)
    ).one()
    return DueCounts(int(row[0]), int(row[1]))


# Advice and navigation ----------------------------------------------------------------


def _on_a_member_day(day: Any) -> ColumnElement[bool]:
    return and_(
        day >= ServiceMembership.joined_on,
        or_(ServiceMembership.left_on.is_(None), day <= ServiceMembership.left_on),
    )


def signposted_counts(provider_id: int, start: date, end: date) -> dict[str, int]:
    """People signposted to each kind of help in the period: {kind: distinct people},
    from workers' records at this service and from groups of a counted type saved to
    a plan, both only on a day the person was a counted member. Kinds nobody was
    signposted to are missing. Only kinds, dates and ids are read."""
    recorded = (
        select(Signpost.kind.label("kind"), Signpost.person_id.label("person_id"))
        .join(
            ServiceMembership,
            and_(
                ServiceMembership.person_id == Signpost.person_id,
                ServiceMembership.provider_id == Signpost.provider_id,
            ),
        )
        .where(
            _counted(provider_id),
            Signpost.provider_id == provider_id,
            Signpost.recorded_on >= start,
            Signpost.recorded_on <= end,
            _on_a_member_day(Signpost.recorded_on),
        )
    )
    saved = (
        select(
            case(TERM_ID_KINDS, value=ServiceAttribute.taxonomy_term_id).label("kind"),
            GroupSave.user_id.label("person_id"),
        )
        .join(ServiceAttribute, ServiceAttribute.service_id == GroupSave.service_id)
        .join(ServiceMembership, ServiceMembership.person_id == GroupSave.user_id)
        .where(
            _counted(provider_id),
            ServiceAttribute.taxonomy_term_id.in_(TERM_ID_KINDS),
            GroupSave.saved_on >= start,
            GroupSave.saved_on <= end,
            _on_a_member_day(GroupSave.saved_on),
        )
    )
    both = union_all(recorded, saved).subquery()
    query = select(both.c.kind, func.count(distinct(both.c.person_id))).group_by(both.c.kind)
    return {kind: int(count) for kind, count in db.session.execute(query)}


# Peer support networks ----------------------------------------------------------------


@dataclass(frozen=True)
class PeerSupportCounts:
    listed: int  # the service's active peer support listings
    new: int  # of those, first stored in the period


def peer_support_counts(provider_id: int, start: date, end: date) -> PeerSupportCounts:
    """The peer support networks the service runs: its linked directory listings of the
    peer support type that people can find now, and how many were first stored in the
    period. Listings are public, not people: these are not small-number suppressed."""
    peer_support = taxonomy.term_for("peer-support").id
    is_peer_support = exists(
        select(ServiceAttribute.id).where(
            ServiceAttribute.service_id == Service.id,
            ServiceAttribute.taxonomy_term_id == peer_support,
        )
    )
    since = datetime.combine(start, time(), UTC)
    before = datetime.combine(end + timedelta(days=1), time(), UTC)
    is_new = and_(Service.created_at_utc >= since, Service.created_at_utc < before)
    row = db.session.execute(
        select(func.count(Service.id), func.count(case((is_new, Service.id))))
        .join(ProviderListing, ProviderListing.listing_id == Service.id)
        .where(
            ProviderListing.provider_id == provider_id,
            Service.status == "active",
            is_peer_support,
        )
    ).one()
    return PeerSupportCounts(int(row[0]), int(row[1]))
