"""When a reminder may be sent: the person's time of day in their own time zone, never
in their quiet hours, across clock changes; and how long to wait before trying again.
Pure functions: every moment in and out is an aware UTC datetime."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from email.utils import parsedate_to_datetime
from zoneinfo import ZoneInfo

RETRY_BASE = timedelta(minutes=1)
RETRY_CAP = timedelta(hours=1)
RETRY_AFTER_CAP = timedelta(hours=6)
MAX_ATTEMPTS = 6
MISSED_GRACE = timedelta(hours=1)


@dataclass(frozen=True)
class QuietHours:
    start: time
    end: time

    @property
    def off(self) -> bool:
        return self.start == self.end

    def contains(self, moment: time) -> bool:
        if self.off:
            return False
        if self.start < self.end:  # for example 13:00 to 14:00
            return self.start <= moment < self.end
        return moment >= self.start or moment < self.end  # over midnight, 21:00 to 08:00


def local_moment(day: date, at: time, timezone: str) -> datetime:
    """`at` o'clock on `day` where the person lives, as UTC.

    In the spring gap (01:30 in London when clocks go from 01:00 to 02:00) this is the
    moment one hour on, 02:30; in the autumn overlap it is the first 01:30."""
    local = datetime.combine(day, at).replace(tzinfo=ZoneInfo(timezone), fold=0)
    return local.astimezone(UTC)


def local_now(moment: datetime, timezone: str) -> datetime:
    return moment.astimezone(ZoneInfo(timezone))


def next_local_moment(after: datetime, at: time, timezone: str) -> datetime:
    """The first time after `after` that the person's clock shows `at`."""
    today = local_now(after, timezone).date()
    for offset in range(3):
        candidate = local_moment(today + timedelta(days=offset), at, timezone)
        if candidate > after:
            return candidate
    raise AssertionError("a local time always comes round within three days")


def after_quiet_hours(moment: datetime, quiet: QuietHours, timezone: str) -> datetime:
    """`moment`, or the end of the quiet hours it falls in."""
    local = local_now(moment, timezone)
    if not quiet.contains(local.time().replace(tzinfo=None)):
        return moment
    return next_local_moment(moment, quiet.end, timezone)


def reminder_moments(
    steps: Sequence[tuple[str, date]],
    at: time,
    timezone: str,
    now: datetime,
    quiet: QuietHours,
) -> list[tuple[str, datetime]]:
    """When to send each step (for a review: on the day it is due, and a week later).

    Steps whose moment has already passed collapse into one reminder at the next chance,
    named after the latest missed step, so turning reminders on late still says once
    that something is due, and never sends a pile of them."""
    planned = [(name, local_moment(day, at, timezone)) for name, day in steps]
    missed = [(name, moment) for name, moment in planned if moment <= now - MISSED_GRACE]
    result = [(name, moment) for name, moment in planned if moment > now - MISSED_GRACE]
    if missed:
        result.insert(0, (missed[-1][0], next_local_moment(now, at, timezone)))
    return [(name, after_quiet_hours(moment, quiet, timezone)) for name, moment in result]


def retry_delay(attempts: int, retry_after: str | None, now: datetime) -> timedelta:
    """Wait before trying a push service again after a 429 or a 5xx.

    A Retry-After header (seconds or an HTTP date) wins, within limits; otherwise the
    wait doubles each time from a minute, up to an hour."""
    if retry_after:
        wanted = _parse_retry_after(retry_after.strip(), now)
        if wanted is not None:
            return min(max(wanted, timedelta(seconds=1)), RETRY_AFTER_CAP)
    return min(RETRY_BASE * (2 ** max(attempts - 1, 0)), RETRY_CAP)


def _parse_retry_after(value: str, now: datetime) -> timedelta | None:
    if value.isascii() and value.isdigit() and len(value) < 9:
        return timedelta(seconds=int(value))
    try:
        when = parsedate_to_datetime(value)
    except (TypeError, ValueError, IndexError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    return when - now


def parse_clock(value: str) -> time | None:
    """'08:30' as a time; None for anything else."""
    try:
        hours, minutes = value.strip().split(":")
        if len(hours) > 2 or len(minutes) != 2:
            return None
        return time(int(hours), int(minutes))
    except (ValueError, AttributeError):
        return None
