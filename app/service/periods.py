"""Report periods: the last full quarter by default, or a range the manager chooses."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

MAX_DAYS = 3 * 366  # "a range longer than 3 years" is refused


@dataclass(frozen=True)
class Period:
    start: date
    end: date

    @property
    def six_months_before_end(self) -> date:
        """The day someone must have joined by to have been supported over 6 months."""
        return minus_months(self.end, 6)


def quarter_start(day: date) -> date:
    return date(day.year, 3 * ((day.month - 1) // 3) + 1, 1)


def last_full_quarter(today: date) -> Period:
    """The quarter before the one `today` is in (commissioners' quarters: Jan-Mar...)."""
    end = quarter_start(today) - timedelta(days=1)
    return Period(quarter_start(end), end)


def minus_months(day: date, months: int) -> date:
    month_index = day.year * 12 + day.month - 1 - months
    year, month = divmod(month_index, 12)
    month += 1
    for last_day in (31, 30, 29, 28):
        try:
            return date(year, month, min(day.day, last_day))
        except ValueError:
            continue
    raise AssertionError("unreachable")


def period_problem(start: date, end: date, today: date) -> str | None:
    """Why a chosen range cannot be reported, as a key the form turns into words."""
    if end < start:
        return "end_before_start"
    if (end - start).days > MAX_DAYS:
        return "too_long"
    if start > today:
        return "in_the_future"
    return None
