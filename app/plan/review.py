"""When a plan (or anything else on a cycle) is next due for a look. Pure functions, and
`plan_review_state`, which reads today's date where the person lives."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Protocol
from zoneinfo import ZoneInfo

from app.data.base import utcnow

DUE_SOON_DAYS = 7

OK = "ok"
DUE_SOON = "due_soon"
DUE = "due"
OVERDUE = "overdue"


@dataclass(frozen=True)
class ReviewState:
    due_on: date
    status: str  # ok | due_soon | due | overdue
    days: int  # days until due (negative when overdue)


def local_date(moment: datetime, timezone: str) -> date:
    return moment.astimezone(ZoneInfo(timezone)).date()


def next_plan_review(
    last_reviewed_utc: datetime | None, created_utc: datetime, interval_days: int, timezone: str
) -> date:
    """Due `interval_days` calendar days after the last review (or the start), counted in
    the person's own time zone so a clock change never moves the day."""
    start = last_reviewed_utc or created_utc
    return local_date(start, timezone) + timedelta(days=interval_days)


def review_state(due_on: date, today: date, overdue_after_days: int = 7) -> ReviewState:
    days = (due_on - today).days
    if days > DUE_SOON_DAYS:
        status = OK
    elif days > 0:
        status = DUE_SOON
    elif days > -overdue_after_days:
        status = DUE
    else:
        status = OVERDUE
    return ReviewState(due_on, status, days)


class _ReviewedPlan(Protocol):
    last_reviewed_at_utc: datetime | None
    created_at_utc: datetime
    review_interval_days: int


def plan_review_state(plan: _ReviewedPlan, timezone: str) -> ReviewState:
    """Where a person's plan is in its review cycle, today where they live."""
    due = next_plan_review(
        plan.last_reviewed_at_utc, plan.created_at_utc, plan.review_interval_days, timezone
    )
    return review_state(due, local_date(utcnow(), timezone))
