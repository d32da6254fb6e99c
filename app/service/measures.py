"""A service's report: the commissioners' measures for one period, suppressed.

`build_report` turns the counts and score pairs the data layer read into published
cells (app/service/suppression.py); nothing leaves here unsuppressed. Pure: unit tests
give it hand-built numbers with known answers.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from app.data.service.reports import ActivityCounts, ScorePair
from app.outcomes.scoring import mean, overall_score, service_progress
from app.service.periods import Period
from app.service.suppression import (
    Cell,
    average_cell,
    share_cell,
    suppress_breakdown,
    suppress_counts,
)

COUNTS = (
    "supported",
    "new",
    "left",
    "over_six_months",
    "baselines_done",
    "reviews_done",
    "ongoing_reviews_done",
)
# (whole, part): the part is a subset of the whole's people, so their difference is a
# count of people too, and must not be small.
NESTED = (
    ("supported", "new"),
    ("supported", "left"),
    ("supported", "over_six_months"),
)


@dataclass(frozen=True)
class AreaLine:
    key: str
    baseline: Cell  # average at baseline, over everyone with a baseline
    latest: Cell  # average latest score, over those with both
    share_up: Cell  # share whose score went up, of those with both


@dataclass(frozen=True)
class BreakdownRow:
    answer: str
    supported: Cell
    new: Cell


@dataclass(frozen=True)
class Breakdown:
    """One equality question: people supported against new people, by answer."""

    question: str
    rows: tuple[BreakdownRow, ...]


# {question: {answer: (people supported, new people)}}, every answer row present.
BreakdownCounts = Mapping[str, Mapping[str, tuple[int, int]]]


@dataclass(frozen=True)
class Report:
    period: Period
    counts: dict[str, Cell]
    new_with_baseline: Cell  # share of new people with a baseline
    together: Cell  # share of assessments done jointly with a worker or peer mentor
    average_baseline: Cell  # average overall score at baseline
    making_progress: Cell  # share of those compared whose latest is above baseline
    average_gain: Cell  # average change among those making progress
    compared: Cell  # how many people had a baseline and a later assessment
    areas: tuple[AreaLine, ...]
    breakdowns: tuple[Breakdown, ...] = ()


def build_report(
    period: Period,
    counts: ActivityCounts,
    pairs: Sequence[ScorePair],
    item_keys: Sequence[str],
    higher_is_better: bool = True,
    breakdowns: BreakdownCounts | None = None,
) -> Report:
    raw = {name: getattr(counts, name) for name in COUNTS}
    cells = suppress_counts(raw, NESTED)
    compared = [(p.baseline, p.latest) for p in pairs if p.latest is not None]
    progress = service_progress(item_keys, compared, higher_is_better)
    baselines = [s for p in pairs if (s := overall_score(item_keys, p.baseline)) is not None]
    return Report(
        period=period,
        counts=cells,
        new_with_baseline=share_cell(counts.new_with_baseline, counts.new),
        together=share_cell(counts.assessments_together, counts.assessments_done),
        average_baseline=average_cell(baselines),
        making_progress=share_cell(progress.making_progress, progress.people),
        average_gain=(
            average_cell(_gains(item_keys, compared, higher_is_better))
            if progress.making_progress
            else average_cell([])
        ),
        compared=suppress_counts({"compared": progress.people}, ())["compared"],
        areas=tuple(_area_line(key, pairs, higher_is_better) for key in item_keys),
        breakdowns=tuple(
            _breakdown(question, rows, cells) for question, rows in (breakdowns or {}).items()
        ),
    )


def _breakdown(
    question: str, rows: Mapping[str, tuple[int, int]], totals: Mapping[str, Cell]
) -> Breakdown:
    supported, new = suppress_breakdown(
        {answer: pair[0] for answer, pair in rows.items()},
        {answer: pair[1] for answer, pair in rows.items()},
        totals,
    )
    return Breakdown(
        question,
        tuple(BreakdownRow(answer, supported[answer], new[answer]) for answer in rows),
    )


def _gains(
    keys: Sequence[str],
    compared: Sequence[tuple[dict[str, int | None], dict[str, int | None]]],
    higher_is_better: bool,
) -> list[float]:
    gains = []
    for baseline, latest in compared:
        changes = [
            (latest[k] - baseline[k]) * (1 if higher_is_better else -1)  # type: ignore[operator]
            for k in keys
            if baseline.get(k) is not None and latest.get(k) is not None
        ]
        change = mean(changes)
        if change is not None and change > 0:
            gains.append(change)
    return gains


def _area_line(key: str, pairs: Sequence[ScorePair], higher_is_better: bool) -> AreaLine:
    at_baseline = [v for p in pairs if (v := p.baseline.get(key)) is not None]
    both = [
        (b, latest)
        for p in pairs
        if p.latest is not None
        and (b := p.baseline.get(key)) is not None
        and (latest := p.latest.get(key)) is not None
    ]
    up = sum(1 for b, latest in both if (latest > b if higher_is_better else latest < b))
    return AreaLine(
        key=key,
        baseline=average_cell([float(v) for v in at_baseline]),
        latest=average_cell([float(latest) for _, latest in both]),
        share_up=share_cell(up, len(both)),
    )
