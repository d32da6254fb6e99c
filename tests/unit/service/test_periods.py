"""Report periods: the default quarter, months back, and ranges that are refused."""

from __future__ import annotations

from datetime import date

from app.service.periods import Period, last_full_quarter, minus_months, period_problem


def test_the_default_is_the_last_full_quarter():
    assert last_full_quarter(date(2026, 11, 29)) == Period(date(2026, 7, 1), date(2026, 9, 30))
    assert last_full_quarter(date(2026, 1, 1)) == Period(date(2025, 10, 1), date(2025, 12, 31))
    assert last_full_quarter(date(2026, 4, 1)) == Period(date(2026, 1, 1), date(2026, 3, 31))


def test_six_months_back_keeps_to_real_days():
    assert minus_months(date(2026, 9, 30), 6) == date(2026, 3, 30)
    assert minus_months(date(2026, 8, 31), 6) == date(2026, 2, 28)
    assert minus_months(date(2024, 8, 31), 6) == date(2024, 2, 29)
    assert minus_months(date(2026, 3, 15), 6) == date(2025, 9, 15)


def test_ranges_that_cannot_be_reported_say_why():
    today = date(2026, 11, 29)
    assert period_problem(date(2026, 7, 1), date(2026, 6, 30), today) == "end_before_start"
    assert period_problem(date(2022, 1, 1), date(2026, 1, 1), today) == "too_long"
    assert period_problem(date(2026, 12, 1), date(2026, 12, 31), today) == "in_the_future"
    assert period_problem(date(2023, 12, 1), date(2026, 11, 29), today) is None
    assert period_problem(date(2026, 7, 1), date(2026, 7, 1), today) is None
