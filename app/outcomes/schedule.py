"""When the next progress review is due. Pure functions over calendar dates.

The seeds' cadence: a baseline when a person starts, a review every 6 weeks, and a
review of ongoing support every 6 months (a service may change both). Dates are the
person's own calendar days, so a clock change never moves a review; "6 months" is
calendar months, and a review due on the 31st of a shorter month falls on its last day.
"""

from __future__ import annotations

import calendar
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta

BASELINE = "baseline"
REVIEW = "review"
ONGOING_REVIEW = "ongoing_review"  # the 6-month review of ongoing support


@dataclass(frozen=True)
class Taken:
    on: date
    kind: str


@dataclass(frozen=True)
class NextReviews:
    review_on: date  # the next regular review (every 6 weeks)
    ongoing_on: date  # the next review of ongoing support (every 6 months)

    @property
    def next_kind(self) -> str:
        return ONGOING_REVIEW if self.ongoing_on <= self.review_on else REVIEW

    @property
    def next_on(self) -> date:
        return min(self.review_on, self.ongoing_on)


def add_months(day: date, months: int) -> date:
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    last_day = calendar.monthrange(year, month)[1]
    return date(year, month, min(day.day, last_day))


def next_reviews(
    history: Sequence[Taken], interval_days: int = 42, ongoing_months: int = 6
) -> NextReviews | None:
    """None until there is a baseline. A new baseline (coming back to a service) starts
    the cycle again; each review moves the next one on from the day it was done."""
    baselines = [t.on for t in history if t.kind == BASELINE]
    if not baselines:
        return None
    start = max(baselines)
    since = [t for t in history if t.on >= start]
    last_any = max(t.on for t in since)
    last_ongoing = max(t.on for t in since if t.kind in (BASELINE, ONGOING_REVIEW))
    return NextReviews(
        review_on=last_any + timedelta(days=interval_days),
        ongoing_on=add_months(last_ongoing, ongoing_months),
    )


def kind_for_new_assessment(
    history: Sequence[Taken], on: date, interval_days: int = 42, ongoing_months: int = 6
) -> str:
    """What a new assessment taken `on` this day counts as. A review within half a cycle
    of the 6-month date is that 6-month review, so nobody is asked twice in a fortnight."""
    upcoming = next_reviews(history, interval_days, ongoing_months)
    if upcoming is None:
        return BASELINE
    window = timedelta(days=interval_days // 2)
    return ONGOING_REVIEW if on >= upcoming.ongoing_on - window else REVIEW
