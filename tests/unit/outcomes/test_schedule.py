"""Next review dates: every 6 weeks, and ongoing support every 6 months, in calendar
days (month ends and leap years included)."""

from __future__ import annotations

from datetime import date

import pytest

from app.outcomes.schedule import (
    BASELINE,
    ONGOING_REVIEW,
    REVIEW,
    Taken,
    add_months,
    kind_for_new_assessment,
    next_reviews,
)


def test_there_is_no_review_before_a_baseline():
    assert next_reviews([]) is None
    assert kind_for_new_assessment([], date(2025, 1, 1)) == BASELINE


def test_the_first_review_is_six_weeks_after_the_baseline():
    upcoming = next_reviews([Taken(date(2025, 1, 10), BASELINE)])
    assert upcoming.review_on == date(2025, 2, 21)
    assert upcoming.ongoing_on == date(2025, 7, 10)
    assert upcoming.next_kind == REVIEW and upcoming.next_on == date(2025, 2, 21)


def test_each_review_moves_the_next_one_on_from_the_day_it_was_done():
    history = [Taken(date(2025, 1, 10), BASELINE), Taken(date(2025, 3, 1), REVIEW)]
    assert next_reviews(history).review_on == date(2025, 4, 12)
    # The 6-month review still counts from the baseline.
    assert next_reviews(history).ongoing_on == date(2025, 7, 10)


@pytest.mark.parametrize(
    ("start", "months", "expected"),
    [
        (date(2025, 8, 31), 6, date(2026, 2, 28)),
        (date(2023, 8, 31), 6, date(2024, 2, 29)),  # leap year
        (date(2025, 10, 31), 1, date(2025, 11, 30)),
        (date(2025, 7, 15), 6, date(2026, 1, 15)),  # over a year end
        (date(2025, 1, 31), 12, date(2026, 1, 31)),
    ],
)
def test_six_months_is_calendar_months_ending_on_the_last_day_if_need_be(start, months, expected):
    assert add_months(start, months) == expected


def test_six_weeks_across_the_clock_change_is_still_42_calendar_days():
    # Clocks go forward in the UK on 30 March 2025; the review day does not move.
    upcoming = next_reviews([Taken(date(2025, 3, 1), BASELINE)])
    assert upcoming.review_on == date(2025, 4, 12)


def test_a_review_near_six_months_is_the_review_of_ongoing_support():
    history = [
        Taken(date(2025, 1, 10), BASELINE),
        Taken(date(2025, 2, 21), REVIEW),
        Taken(date(2025, 4, 4), REVIEW),
        Taken(date(2025, 5, 16), REVIEW),
    ]
    assert kind_for_new_assessment(history, date(2025, 6, 10)) == REVIEW
    assert kind_for_new_assessment(history, date(2025, 6, 20)) == ONGOING_REVIEW
    history.append(Taken(date(2025, 6, 27), ONGOING_REVIEW))
    upcoming = next_reviews(history)
    assert upcoming.ongoing_on == date(2025, 12, 27)
    assert upcoming.review_on == date(2025, 8, 8)


def test_when_the_six_month_review_comes_first_it_is_the_next_one():
    history = [Taken(date(2025, 1, 10), BASELINE), Taken(date(2025, 6, 1), REVIEW)]
    upcoming = next_reviews(history)
    assert upcoming.next_kind == ONGOING_REVIEW
    assert upcoming.next_on == date(2025, 7, 10)


def test_a_new_baseline_starts_the_cycle_again():
    history = [
        Taken(date(2024, 1, 10), BASELINE),
        Taken(date(2024, 2, 21), REVIEW),
        Taken(date(2025, 5, 1), BASELINE),
    ]
    upcoming = next_reviews(history)
    assert upcoming.review_on == date(2025, 6, 12)
    assert upcoming.ongoing_on == date(2025, 11, 1)


def test_a_service_can_change_the_cadence():
    upcoming = next_reviews(
        [Taken(date(2025, 1, 10), BASELINE)], interval_days=28, ongoing_months=3
    )
    assert upcoming.review_on == date(2025, 2, 7)
    assert upcoming.ongoing_on == date(2025, 4, 10)
