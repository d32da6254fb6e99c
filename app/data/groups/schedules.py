"""When a group next meets: plain functions over ORUK schedules (RFC 5545 rules).

Times in a schedule are UK wall-clock times (Europe/London), so "Tuesdays 10:00" stays
10:00 through the clock changes; sessions are turned into UTC only at the end. Only
the parts of RFC 5545 that ORUK uses are understood: WEEKLY and MONTHLY, INTERVAL
(with DTSTART as the anchor), BYDAY (with ordinals for MONTHLY, "1MO", "-1FR") and
BYMONTHDAY, bounded by valid_from and valid_to.
"""

from __future__ import annotations

import calendar
import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

UK = ZoneInfo("Europe/London")
DAY_CODES = ("MO", "TU", "WE", "TH", "FR", "SA", "SU")  # index = date.weekday()
WEEKEND_MASK = (1 << 5) | (1 << 6)
EVENING_FROM_MINUTES = 17 * 60  # "in the evening": open at or after 5pm...
EVENING_UNTIL_MINUTES = 18 * 60 + 30  # ...or still going after 6:30pm
LOOK_AHEAD_DAYS = 400  # beyond a year, a "next session" is not worth showing

_BYDAY_PART = re.compile(r"^([+-]?[1-5])?(MO|TU|WE|TH|FR|SA|SU)$")
_TIME = re.compile(
    r"^([01]?[0-9]|2[0-3]):([0-5][0-9])(?::[0-5][0-9](?:\.[0-9]+)?)?(Z|[+-][0-9:]+)?$"
)


class ScheduleError(ValueError):
    """A schedule field that does not follow the format."""


@dataclass(frozen=True)
class Rule:
    freq: str = "WEEKLY"
    interval: int = 1
    byday: tuple[tuple[int | None, int], ...] = ()  # (ordinal or None, weekday 0-6)
    bymonthday: tuple[int, ...] = ()
    dtstart: date | None = None
    valid_from: date | None = None
    valid_to: date | None = None
    opens: int | None = None  # minutes after midnight, UK time
    closes: int | None = None


@dataclass(frozen=True)
class Session:
    starts_at_utc: datetime
    ends_at_utc: datetime
    rule: Rule

    def is_on_now(self, now_utc: datetime) -> bool:
        return self.starts_at_utc <= now_utc < self.ends_at_utc


# Parsing ---------------------------------------------------------------------------


def parse_time(text: str | None) -> int | None:
    """ "10:00", "10:00:00" or "10:00Z" -> minutes after midnight (None when empty)."""
    if text is None or not str(text).strip():
        return None
    match = _TIME.match(str(text).strip())
    if not match:
        raise ScheduleError(f"time {text!r} is not HH:MM")
    return int(match.group(1)) * 60 + int(match.group(2))


def format_time(minutes: int | None) -> str | None:
    if minutes is None:
        return None
    return f"{minutes // 60:02d}:{minutes % 60:02d}"


def parse_byday(text: str | None) -> tuple[tuple[int | None, int], ...]:
    if not text or not text.strip():
        return ()
    parts = []
    for raw in text.upper().replace(" ", "").split(","):
        match = _BYDAY_PART.match(raw)
        if not match:
            raise ScheduleError(f"byday part {raw!r} is not a day code like MO or 1MO")
        ordinal = int(match.group(1)) if match.group(1) else None
        parts.append((ordinal, DAY_CODES.index(match.group(2))))
    return tuple(parts)


def parse_bymonthday(text: str | None) -> tuple[int, ...]:
    if not text or not str(text).strip():
        return ()
    days = []
    for raw in str(text).replace(" ", "").split(","):
        try:
            day = int(raw)
        except ValueError as error:
            raise ScheduleError(f"bymonthday part {raw!r} is not a number") from error
        if day == 0 or not -31 <= day <= 31:
            raise ScheduleError(f"bymonthday {day} is not a day of the month")
        days.append(day)
    return tuple(days)


def day_mask(byday: Iterable[tuple[int | None, int]]) -> int:
    """Days as bits, Monday = 1 ... Sunday = 64, so SQL can ask "meets on a Tuesday?"."""
    mask = 0
    for _ordinal, weekday in byday:
        mask |= 1 << weekday
    return mask


def is_evening(opens: int | None, closes: int | None) -> bool:
    if opens is not None and opens >= EVENING_FROM_MINUTES:
        return True
    return closes is not None and closes > EVENING_UNTIL_MINUTES


# Occurrences ----------------------------------------------------------------------


def meets_on(rule: Rule, day: date) -> bool:
    if rule.valid_from and day < rule.valid_from:
        return False
    if rule.valid_to and day > rule.valid_to:
        return False
    if rule.dtstart and day < rule.dtstart:
        return False
    if rule.freq == "MONTHLY":
        return _monthly_match(rule, day)
    return _weekly_match(rule, day)


def _weekly_match(rule: Rule, day: date) -> bool:
    weekdays = {weekday for _ordinal, weekday in rule.byday}
    if not weekdays and rule.dtstart:
        weekdays = {rule.dtstart.weekday()}  # RFC 5545: no BYDAY means DTSTART's day
    if day.weekday() not in weekdays:
        return False
    if rule.interval > 1 and rule.dtstart:
        anchor = rule.dtstart - timedelta(days=rule.dtstart.weekday())
        weeks = (day - timedelta(days=day.weekday()) - anchor).days // 7
        return weeks % rule.interval == 0
    return True


def _monthly_match(rule: Rule, day: date) -> bool:
    if rule.interval > 1 and rule.dtstart:
        months = (day.year - rule.dtstart.year) * 12 + day.month - rule.dtstart.month
        if months % rule.interval:
            return False
    days_in_month = calendar.monthrange(day.year, day.month)[1]
    if rule.bymonthday:
        wanted = {d if d > 0 else days_in_month + d + 1 for d in rule.bymonthday}
        if day.day not in wanted:
            return False
        if not rule.byday:
            return True
    if not rule.byday:
        return rule.dtstart is not None and day.day == rule.dtstart.day
    for ordinal, weekday in rule.byday:
        if day.weekday() != weekday:
            continue
        if ordinal is None:
            return True
        nth_from_start = (day.day - 1) // 7 + 1
        nth_from_end = -((days_in_month - day.day) // 7 + 1)
        if ordinal in (nth_from_start, nth_from_end):
            return True
    return False


def session_on(rule: Rule, day: date) -> Session:
    opens = rule.opens if rule.opens is not None else 0
    closes = rule.closes if rule.closes is not None and rule.closes > opens else None
    start = _uk_time(day, opens)
    end = _uk_time(day, closes) if closes is not None else start + timedelta(hours=1)
    if end <= start:  # both ends fell in the hour the clocks skip: keep the planned length
        end = start + timedelta(minutes=(closes or opens + 60) - opens)
    return Session(start, end, rule)


def _uk_time(day: date, minutes: int) -> datetime:
    local = datetime.combine(day, time(minutes // 60, minutes % 60), tzinfo=UK)
    # Wall-clock times are kept across clock changes; a time skipped in spring (01:30
    # on the last Sunday of March) moves forward with the clocks.
    return local.astimezone(UTC)


def next_session(rules: Iterable[Rule], now_utc: datetime) -> Session | None:
    """The soonest session (of any rule) that has not yet ended: one on now counts."""
    rules = [rule for rule in rules if rule.byday or rule.bymonthday or rule.dtstart]
    if not rules:
        return None
    today = now_utc.astimezone(UK).date()
    for offset in range(LOOK_AHEAD_DAYS):
        day = today + timedelta(days=offset)
        sessions = [session_on(rule, day) for rule in rules if meets_on(rule, day)]
        upcoming = [s for s in sessions if s.ends_at_utc > now_utc]
        if upcoming:
            return min(upcoming, key=lambda s: s.starts_at_utc)
    return None
