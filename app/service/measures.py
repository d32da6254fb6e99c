"""A service's report: the commissioners' measures for one period, suppressed.

`build_report` turns the counts and score pairs the data layer read into published
cells (app/service/suppression.py); nothing leaves here unsuppressed. Pure: unit tests
give it hand-built numbers with known answers.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import timedelta

from app.data.service.reports import ActivityCounts, PeerSupportCounts, ScorePair
from app.data.service.signposting import KINDS
from app.outcomes.scoring import overall_score
from app.service.periods import Period
from app.service.suppression import (
    SHOWN,
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
    "reviews_due",
    "ongoing_reviews_done",
    "ongoing_reviews_due",
)
# (whole, part): the part is a subset of the whole's people, so their difference is a
# count of people too, and must not be small.
NESTED = (
    ("supported", "new"),
    ("supported", "left"),
    ("supported", "over_six_months"),
)
# Everyone signposted in the period was supported in it: each kind's people are nested
# in people supported, like new people are.
SIGNPOSTED_NESTED = tuple(("supported", f"signposted:{kind}") for kind in KINDS)


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
    # Of people supported at the end with a baseline: latest assessment within the review
    # interval of the end, done jointly (the papers' target is 90%).
    up_to_date_together: Cell
    average_baseline: Cell  # average overall score at baseline
    making_progress: Cell  # share of those compared whose latest is above baseline
    average_gain: Cell  # average change among those making progress
    compared: Cell  # how many people had a baseline and a later assessment
    areas: tuple[AreaLine, ...]
    breakdowns: tuple[Breakdown, ...] = ()
    # Advice and navigation: people signposted to each kind of help, in KINDS order.
    signposted: dict[str, Cell] = field(default_factory=dict)
    # Peer support networks: the service's listings of that type, and new ones. Listings
    # are public, not people, so they are shown as they are.
    peer_support: Cell = Cell(SHOWN, 0)
    new_peer_support: Cell = Cell(SHOWN, 0)


def build_report(
    period: Period,
    counts: ActivityCounts,
    pairs: Sequence[ScorePair],
    item_keys: Sequence[str],
    higher_is_better: bool = True,
    breakdowns: BreakdownCounts | None = None,
    review_days: int = 42,
    signposted: Mapping[str, int] | None = None,
    peer_support: PeerSupportCounts | None = None,
) -> Report:
    raw = {name: getattr(counts, name) for name in COUNTS}
    found = signposted or {}
    raw.update({f"signposted:{kind}": found.get(kind, 0) for kind in KINDS})
    cells = suppress_counts(raw, NESTED + SIGNPOSTED_NESTED)
    signposted_cells = {kind: cells.pop(f"signposted:{kind}") for kind in KINDS}
    listed = peer_support or PeerSupportCounts(0, 0)
    changes = _changes(item_keys, pairs, higher_is_better)
    gains = [change for change in changes if change > 0]
    baselines = [s for p in pairs if (s := overall_score(item_keys, p.baseline)) is not None]
    return Report(
        period=period,
        counts=cells,
        new_with_baseline=share_cell(counts.new_with_baseline, counts.new),
        together=share_cell(counts.assessments_together, counts.assessments_done),
        up_to_date_together=_up_to_date_together(pairs, period, review_days),
        average_baseline=average_cell(baselines),
        making_progress=share_cell(len(gains), len(changes)),
        average_gain=average_cell(gains),
        compared=suppress_counts({"compared": len(changes)}, ())["compared"],
        areas=tuple(_area_line(key, pairs, higher_is_better) for key in item_keys),
        breakdowns=tuple(
            _breakdown(question, rows, cells) for question, rows in (breakdowns or {}).items()
        ),
        signposted=signposted_cells,
        peer_support=Cell(SHOWN, listed.listed),
        new_peer_support=Cell(SHOWN, listed.new),
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


def _up_to_date_together(pairs: Sequence[ScorePair], period: Period, review_days: int) -> Cell:
    due_since = period.end - timedelta(days=review_days)
    current = [p for p in pairs if p.supported_at_end]
    good = [
        p
        for p in current
        if p.latest_on is not None and p.latest_on >= due_since and p.latest_together
    ]
    return share_cell(len(good), len(current))


def _changes(
    keys: Sequence[str], pairs: Sequence[ScorePair], higher_is_better: bool
) -> list[float]:
    """Each compared person's average change per area (over the areas scored at both
    times; better is positive), as app/outcomes/scoring.py's `service_progress` counts
    it, in one pass over plain numbers (a service may have thousands of people)."""
    sign = 1 if higher_is_better else -1
    changes = []
    for pair in pairs:
        if pair.latest is None:
            continue
        latest = pair.latest
        steps = [
            sign * (after - before)
            for key in keys
            if (before := pair.baseline.get(key)) is not None
            and (after := latest.get(key)) is not None
        ]
        if steps:
            changes.append(sum(steps) / len(steps))
    return changes


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
