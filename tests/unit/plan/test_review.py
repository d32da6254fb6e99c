"""Review dates count calendar days in the person's own time zone."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from app.plan.review import next_plan_review, review_state


def test_six_weeks_after_the_last_review():
    reviewed = datetime(2026, 1, 10, 12, 0, tzinfo=UTC)
    assert next_plan_review(reviewed, reviewed, 42, "Europe/London") == date(2026, 2, 21)


def test_the_start_counts_when_there_has_been_no_review():
    created = datetime(2026, 1, 31, 9, 0, tzinfo=UTC)
    assert next_plan_review(None, created, 42, "Europe/London") == date(2026, 3, 14)


def test_a_late_evening_review_in_british_summer_time_counts_on_the_local_day():
    # 23:30 UTC on 30 June is 00:30 on 1 July in London.
    reviewed = datetime(2026, 6, 30, 23, 30, tzinfo=UTC)
    assert next_plan_review(reviewed, reviewed, 42, "Europe/London") == date(2026, 8, 12)


def test_the_clocks_going_forward_does_not_move_the_due_day():
    reviewed = datetime(2026, 3, 1, 0, 30, tzinfo=UTC)  # clocks change on 29 March
    assert next_plan_review(reviewed, reviewed, 42, "Europe/London") == date(2026, 4, 12)


def test_across_a_year_end():
    reviewed = datetime(2026, 12, 1, 10, 0, tzinfo=UTC)
    assert next_plan_review(reviewed, reviewed, 42, "Europe/London") == date(2027, 1, 12)


@pytest.mark.parametrize(
    ("today", "status", "days"),
    [
        (date(2026, 3, 1), "ok", 13),
        (date(2026, 3, 7), "due_soon", 7),
        (date(2026, 3, 13), "due_soon", 1),
        (date(2026, 3, 14), "due", 0),
        (date(2026, 3, 20), "due", -6),
        (date(2026, 3, 21), "overdue", -7),
    ],
)
def test_review_status_moves_from_ok_to_overdue(today, status, days):
    state = review_state(date(2026, 3, 14), today)
    assert (state.status, state.days) == (status, days)
