"""When a group next meets: across weeks, months and the clocks changing."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from app.data.groups.schedules import (
    Rule,
    ScheduleError,
    day_mask,
    is_evening,
    next_session,
    parse_byday,
    parse_time,
)

TUESDAY = parse_byday("TU")


def tuesdays_at_ten(**extra):
    return Rule(byday=TUESDAY, opens=600, closes=720, **extra)


def test_the_next_session_is_later_today_when_it_has_not_started():
    monday_night = datetime(2026, 6, 2, 8, 0, tzinfo=UTC)  # Tuesday 09:00 in London (BST)
    session = next_session([tuesdays_at_ten()], monday_night)
    assert session.starts_at_utc == datetime(2026, 6, 2, 9, 0, tzinfo=UTC)
    assert session.ends_at_utc == datetime(2026, 6, 2, 11, 0, tzinfo=UTC)


def test_a_session_that_is_on_now_counts_until_it_ends():
    during = datetime(2026, 6, 2, 10, 30, tzinfo=UTC)
    session = next_session([tuesdays_at_ten()], during)
    assert session.is_on_now(during)
    after = datetime(2026, 6, 2, 11, 0, tzinfo=UTC)
    assert next_session([tuesdays_at_ten()], after).starts_at_utc.date() == date(2026, 6, 9)


def test_next_session_moves_to_next_week_after_this_weeks_has_finished():
    wednesday = datetime(2026, 6, 3, 12, 0, tzinfo=UTC)
    assert next_session([tuesdays_at_ten()], wednesday).starts_at_utc.date() == date(2026, 6, 9)


def test_wall_clock_time_is_kept_when_the_clocks_go_forward():
    # Clocks go forward on Sunday 29 March 2026: 10:00 is 10:00 GMT before, 09:00 UTC after.
    sundays = Rule(byday=parse_byday("SU"), opens=600, closes=660)
    before = next_session([sundays], datetime(2026, 3, 22, 0, 0, tzinfo=UTC))
    after = next_session([sundays], datetime(2026, 3, 28, 12, 0, tzinfo=UTC))
    assert before.starts_at_utc == datetime(2026, 3, 22, 10, 0, tzinfo=UTC)
    assert after.starts_at_utc == datetime(2026, 3, 29, 9, 0, tzinfo=UTC)


def test_wall_clock_time_is_kept_when_the_clocks_go_back():
    # Clocks go back on Sunday 25 October 2026.
    sundays = Rule(byday=parse_byday("SU"), opens=1080, closes=1200)
    session = next_session([sundays], datetime(2026, 10, 24, 12, 0, tzinfo=UTC))
    assert session.starts_at_utc == datetime(2026, 10, 25, 18, 0, tzinfo=UTC)


def test_a_time_skipped_by_the_clocks_going_forward_still_gives_a_session():
    early = Rule(byday=parse_byday("SU"), opens=90, closes=150)  # 01:30 does not exist that day
    session = next_session([early], datetime(2026, 3, 28, 12, 0, tzinfo=UTC))
    assert session.starts_at_utc.date() == date(2026, 3, 29)
    assert session.ends_at_utc > session.starts_at_utc


def test_fortnightly_groups_count_weeks_from_their_start_date():
    fortnightly = tuesdays_at_ten(interval=2, dtstart=date(2026, 6, 2))
    after_first = datetime(2026, 6, 2, 12, 0, tzinfo=UTC)
    assert next_session([fortnightly], after_first).starts_at_utc.date() == date(2026, 6, 16)


def test_monthly_by_ordinal_day_first_and_last():
    first_monday = Rule(freq="MONTHLY", byday=parse_byday("1MO"), opens=600, closes=660)
    last_friday = Rule(freq="MONTHLY", byday=parse_byday("-1FR"), opens=600, closes=660)
    now = datetime(2026, 6, 2, 12, 0, tzinfo=UTC)
    assert next_session([first_monday], now).starts_at_utc.date() == date(2026, 7, 6)
    assert next_session([last_friday], now).starts_at_utc.date() == date(2026, 6, 26)


def test_monthly_by_day_of_month_including_from_the_end():
    fifteenth = Rule(freq="MONTHLY", bymonthday=(15,), opens=600)
    last_day = Rule(freq="MONTHLY", bymonthday=(-1,), opens=600)
    now = datetime(2026, 2, 16, 12, 0, tzinfo=UTC)
    assert next_session([fifteenth], now).starts_at_utc.date() == date(2026, 3, 15)
    assert next_session([last_day], now).starts_at_utc.date() == date(2026, 2, 28)


def test_validity_dates_bound_the_sessions_and_the_soonest_rule_wins():
    ended = tuesdays_at_ten(valid_to=date(2026, 5, 1))
    thursdays = Rule(byday=parse_byday("TH"), opens=600, closes=660)
    now = datetime(2026, 6, 2, 12, 0, tzinfo=UTC)
    assert next_session([ended], now) is None
    assert next_session([ended, thursdays], now).starts_at_utc.date() == date(2026, 6, 4)
    assert next_session([], now) is None


def test_parsing_rejects_what_is_not_rfc_5545():
    assert parse_time("18:30") == 1110 and parse_time("09:00:00") == 540
    assert parse_time("") is None
    for bad in ("25:00", "9.30", "noon"):
        with pytest.raises(ScheduleError):
            parse_time(bad)
    with pytest.raises(ScheduleError):
        parse_byday("Tuesday")
    assert parse_byday("1MO,-1FR") == ((1, 0), (-1, 4))


def test_days_become_bits_and_evenings_are_after_five_or_late():
    assert day_mask(parse_byday("MO,SU")) == 1 | 64
    assert is_evening(17 * 60, None) and is_evening(600, 19 * 60)
    assert not is_evening(600, 16 * 60)
