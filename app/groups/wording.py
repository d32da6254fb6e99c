"""Listings in a person's words and language: when a group meets, how far, what it costs."""

from __future__ import annotations

from datetime import datetime

from babel.dates import get_day_names
from flask_babel import format_datetime, format_decimal, get_locale
from flask_babel import gettext as _

from app.data.groups import schedules as timing
from app.data.groups.distance import km_to_miles
from app.data.groups.models import Schedule, Service
from app.template_filters import and_list


def _ordinal(number: int) -> str:
    words = {
        1: _("First"),
        2: _("Second"),
        3: _("Third"),
        4: _("Fourth"),
        5: _("Fifth"),
        -1: _("Last"),
    }
    return words.get(number, str(number))


def day_names() -> list[str]:
    names = get_day_names("wide", locale=get_locale())
    return [names[index] for index in range(7)]


_join = and_list


def describe_days(row: Schedule) -> str:
    try:
        byday = timing.parse_byday(row.byday)
        bymonthday = timing.parse_bymonthday(row.bymonthday)
    except timing.ScheduleError:
        return row.description or ""
    names = day_names()
    if row.freq == "MONTHLY":
        if byday and all(ordinal is not None for ordinal, _day in byday):
            parts = [f"{_ordinal(o or 0)} {names[d]}" for o, d in byday]
            return _("%(days)s of the month", days=_join(parts))
        if bymonthday:
            days = _join([str(d) for d in bymonthday])
            return _("Day %(days)s of each month", days=days)
    if not byday:
        return row.description or ""
    days = _join([names[day] for day in sorted({day for _ordinal_, day in byday})])
    if (row.interval or 1) == 2:
        return _("Every other %(days)s", days=days)
    return _("Every %(days)s", days=days)


def describe_time(row: Schedule) -> str:
    if row.opens_at and row.closes_at:
        return _("%(start)s to %(end)s", start=row.opens_at, end=row.closes_at)
    if row.opens_at:
        return _("from %(start)s", start=row.opens_at)
    return ""


def describe_schedule(row: Schedule) -> str:
    days, times = describe_days(row), describe_time(row)
    return f"{days}, {times}" if days and times else days or times


def describe_session(session: timing.Session, now_utc: datetime) -> str:
    start = format_datetime(session.starts_at_utc, _("EEEE d MMMM, HH:mm"))
    end = format_datetime(session.ends_at_utc, "HH:mm")
    if session.is_on_now(now_utc):
        return _("On now, until %(end)s", end=end)
    return _("%(start)s to %(end)s", start=start, end=end)


def describe_distance(km: float | None) -> str:
    if km is None:
        return ""
    miles = km_to_miles(km)
    if miles < 0.1:
        return _("Less than 0.1 miles away")
    return _("%(miles)s miles away", miles=format_decimal(round(miles, 1), format="#,##0.0"))


def describe_cost(service: Service) -> str:
    if service.is_free:
        return _("Free")
    if service.fees_description:
        return service.fees_description
    options = [c.option or c.amount_description or "" for c in service.cost_options]
    options = [option for option in options if option]
    return "; ".join(options) if options else _("Ask about cost")


def rules_for(service: Service) -> list[timing.Rule]:
    rules = []
    for row in service.schedules:
        try:
            rules.append(
                timing.Rule(
                    freq=row.freq or "WEEKLY",
                    interval=row.interval or 1,
                    byday=timing.parse_byday(row.byday),
                    bymonthday=timing.parse_bymonthday(row.bymonthday),
                    dtstart=row.dtstart,
                    valid_from=row.valid_from,
                    valid_to=row.valid_to,
                    opens=row.opens_minutes,
                    closes=row.closes_minutes,
                )
            )
        except timing.ScheduleError:
            continue  # an unreadable rule is shown as its description, never as a time
    return rules


def for_my_plan(service: Service, now_utc: datetime) -> str:
    """A group as it is saved into a plan: its name, when it meets and how to get in
    touch, so the entry still helps on a day with no signal."""
    lines = [service.name]
    if service.schedules:
        lines.append(_("Meets: %(when)s", when=describe_schedule(service.schedules[0])))
    else:
        session = timing.next_session(rules_for(service), now_utc)
        if session is not None:
            lines.append(_("Next: %(when)s", when=describe_session(session, now_utc)))
    lines += [_("Phone: %(number)s", number=phone.number) for phone in service.phones[:2]]
    if service.email:
        lines.append(_("Email: %(address)s", address=service.email))
    return "\n".join(lines)
