"""Reminder times: the person's clock, quiet hours, clock changes, and backing off."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta

import pytest

from app.reminders.timing import (
    QuietHours,
    after_quiet_hours,
    local_moment,
    next_local_moment,
    parse_clock,
    reminder_moments,
    retry_delay,
)

LONDON = "Europe/London"
NIGHT = QuietHours(time(21, 0), time(8, 0))


def utc(*args: int) -> datetime:
    return datetime(*args, tzinfo=UTC)


def test_ten_oclock_in_london_is_ten_utc_in_winter_and_nine_in_summer():
    assert local_moment(date(2025, 1, 15), time(10), LONDON) == utc(2025, 1, 15, 10)
    assert local_moment(date(2025, 7, 15), time(10), LONDON) == utc(2025, 7, 15, 9)


def test_on_the_days_the_clocks_change_the_local_time_is_kept():
    # 30 March 2025: 01:00 GMT becomes 02:00 BST. 10:00 that day is 09:00 UTC.
    assert local_moment(date(2025, 3, 30), time(10), LONDON) == utc(2025, 3, 30, 9)
    # 26 October 2025: back to GMT. 10:00 that day is 10:00 UTC.
    assert local_moment(date(2025, 10, 26), time(10), LONDON) == utc(2025, 10, 26, 10)


def test_a_time_in_the_spring_gap_moves_on_by_the_gap_and_an_autumn_repeat_is_the_first():
    assert local_moment(date(2025, 3, 30), time(1, 30), LONDON) == utc(2025, 3, 30, 1, 30)
    assert local_moment(date(2025, 10, 26), time(1, 30), LONDON) == utc(2025, 10, 26, 0, 30)


def test_the_next_local_moment_is_today_or_tomorrow():
    assert next_local_moment(utc(2025, 1, 15, 9), time(10), LONDON) == utc(2025, 1, 15, 10)
    assert next_local_moment(utc(2025, 1, 15, 10), time(10), LONDON) == utc(2025, 1, 16, 10)
    # Across the spring change: Saturday 10:00 GMT, then Sunday 10:00 BST.
    assert next_local_moment(utc(2025, 3, 29, 11), time(10), LONDON) == utc(2025, 3, 30, 9)


def test_another_time_zone_is_respected():
    assert local_moment(date(2025, 1, 15), time(10), "America/New_York") == utc(2025, 1, 15, 15)


@pytest.mark.parametrize(
    ("clock", "quiet"),
    [
        (time(20, 59), False),
        (time(21, 0), True),
        (time(2, 0), True),
        (time(7, 59), True),
        (time(8, 0), False),
        (time(13, 0), False),
    ],
)
def test_quiet_hours_over_midnight(clock, quiet):
    assert NIGHT.contains(clock) is quiet


def test_quiet_hours_within_a_day_and_turned_off():
    lunch = QuietHours(time(12), time(14))
    assert lunch.contains(time(13)) and not lunch.contains(time(14))
    assert not QuietHours(time(0), time(0)).contains(time(3))


def test_a_reminder_due_in_quiet_hours_waits_for_them_to_end():
    # 23:00 BST on 29 March is in quiet hours; they end at 08:00 BST on the 30th
    # (the clocks went forward in between), which is 07:00 UTC.
    assert after_quiet_hours(utc(2025, 3, 29, 22), NIGHT, LONDON) == utc(2025, 3, 30, 7)
    assert after_quiet_hours(utc(2025, 3, 29, 12), NIGHT, LONDON) == utc(2025, 3, 29, 12)


def test_review_reminders_come_on_the_day_and_a_week_later():
    steps = [("due", date(2025, 2, 21)), ("overdue", date(2025, 2, 28))]
    moments = reminder_moments(steps, time(10), LONDON, utc(2025, 2, 1), NIGHT)
    assert moments == [("due", utc(2025, 2, 21, 10)), ("overdue", utc(2025, 2, 28, 10))]


def test_missed_reminders_collapse_into_one_at_the_next_chance():
    steps = [("due", date(2025, 2, 21)), ("overdue", date(2025, 2, 28))]
    moments = reminder_moments(steps, time(10), LONDON, utc(2025, 3, 5, 22), NIGHT)
    assert moments == [("overdue", utc(2025, 3, 6, 10))]
    moments = reminder_moments(steps, time(10), LONDON, utc(2025, 2, 24, 12), NIGHT)
    assert moments == [("due", utc(2025, 2, 25, 10)), ("overdue", utc(2025, 2, 28, 10))]


def test_a_reminder_time_inside_quiet_hours_is_moved_to_their_end():
    moments = reminder_moments(
        [("due", date(2025, 2, 21))], time(22), LONDON, utc(2025, 2, 1), NIGHT
    )
    assert moments == [("due", utc(2025, 2, 22, 8))]


def test_backing_off_doubles_from_a_minute_up_to_an_hour():
    now = utc(2025, 1, 1)
    assert [retry_delay(n, None, now) for n in (1, 2, 3)] == [
        timedelta(minutes=1),
        timedelta(minutes=2),
        timedelta(minutes=4),
    ]
    assert retry_delay(20, None, now) == timedelta(hours=1)


def test_retry_after_from_the_push_service_is_respected_within_limits():
    now = utc(2025, 1, 1, 12)
    assert retry_delay(1, "120", now) == timedelta(seconds=120)
    assert retry_delay(1, "Wed, 01 Jan 2025 12:05:00 GMT", now) == timedelta(minutes=5)
    assert retry_delay(1, "999999", now) == timedelta(hours=6)
    assert retry_delay(3, "soon", now) == timedelta(minutes=4)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("08:30", time(8, 30)),
        ("8:05", time(8, 5)),
        ("25:00", None),
        ("", None),
        ("0830", None),
        ("10:5", None),
    ],
)
def test_clock_times_are_read_strictly(text, expected):
    assert parse_clock(text) == expected
