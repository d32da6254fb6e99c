"""Working out which reminders a person should get next, as rows a dispatcher sends.

Planned per person when something changes (a review saved, settings saved, a device
added, the plan marked reviewed) and again after each planned moment passes, so the
work per pass is only for the few people whose next reminder has come round.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime, timedelta

from flask import current_app, url_for

from app.data.accounts.models import User
from app.data.accounts.queries import get_user
from app.data.needs.records import communication_needs, need_items
from app.data.outcomes.queries import instruments_in_use
from app.data.plans.queries import get_plan_for_owner
from app.data.reminders.models import (
    CHECK_IN,
    NEEDS_REVIEW,
    PLAN_REVIEW,
    REVIEW_DUE,
    ReminderSettings,
)
from app.data.reminders.queries import apply_plan, get_settings, list_subscriptions, owners_to_plan
from app.outcomes.loading import instruments
from app.outcomes.reviews import history_of
from app.outcomes.schedule import next_reviews
from app.plan.review import next_plan_review
from app.reminders.timing import (
    MISSED_GRACE,
    QuietHours,
    after_quiet_hours,
    local_now,
    next_local_moment,
    reminder_moments,
)

REPLAN_AT_LEAST_EVERY = timedelta(hours=6)
OVERDUE_NUDGE = timedelta(days=7)
Wanted = tuple[str, str, str, datetime]  # kind, subject, url, when


def quiet_hours(settings: ReminderSettings) -> QuietHours:
    return QuietHours(settings.quiet_start, settings.quiet_end)


def _review_reminders(owner: User, settings: ReminderSettings, now: datetime) -> list[Wanted]:
    wanted: list[Wanted] = []
    in_use = instruments_in_use(owner.id)
    for key in instruments():
        if key not in in_use:
            continue
        upcoming = next_reviews(
            history_of(owner.id, key),
            current_app.config["OUTCOME_REVIEW_DAYS"],
            current_app.config["OUTCOME_ONGOING_REVIEW_MONTHS"],
        )
        if upcoming is None:
            continue
        due = upcoming.next_on
        steps = [("due", due), ("overdue", due + OVERDUE_NUDGE)]
        url = url_for("outcomes.start", instrument_key=key)
        for step, when in reminder_moments(
            steps, settings.send_at, owner.timezone, now, quiet_hours(settings)
        ):
            wanted.append((REVIEW_DUE, f"{key}:{due.isoformat()}:{step}", url, when))
    return wanted


def _plan_reminders(owner: User, settings: ReminderSettings, now: datetime) -> list[Wanted]:
    plan = get_plan_for_owner(owner.id)
    if plan is None:
        return []
    due = next_plan_review(
        plan.last_reviewed_at_utc, plan.created_at_utc, plan.review_interval_days, owner.timezone
    )
    steps = [("due", due), ("overdue", due + OVERDUE_NUDGE)]
    url = url_for("plan.overview")
    return [
        (PLAN_REVIEW, f"plan:{due.isoformat()}:{step}", url, when)
        for step, when in reminder_moments(
            steps, settings.send_at, owner.timezone, now, quiet_hours(settings)
        )
    ]


NEEDS_REVIEW_EVERY = timedelta(days=365)


def _needs_reminders(owner: User, settings: ReminderSettings, now: datetime) -> list[Wanted]:
    """A year after the person last checked their communication needs (if they recorded
    any): are they still right? Sent with the plan reviews, on the same setting."""
    record = communication_needs(owner.id)
    if record is None or record.checked_at_utc is None:
        return []
    if not (need_items(owner.id) or record.notes or record.language not in ("", "en")):
        return []
    due = local_now(record.checked_at_utc + NEEDS_REVIEW_EVERY, owner.timezone).date()
    url = url_for("needs.summary")
    return [
        (NEEDS_REVIEW, f"needs:{due.isoformat()}:{step}", url, when)
        for step, when in reminder_moments(
            [("due", due)], settings.send_at, owner.timezone, now, quiet_hours(settings)
        )
    ]


def _check_ins(owner: User, settings: ReminderSettings, now: datetime) -> list[Wanted]:
    """The next two daily check-ins (today's stays planned until it has been sent)."""
    url = url_for("plan.show_part", slug="daily-plan")
    zone = owner.timezone
    first = next_local_moment(now - MISSED_GRACE, settings.send_at, zone)
    second = next_local_moment(first, settings.send_at, zone)
    return [
        (
            CHECK_IN,
            f"checkin:{local_now(moment, zone).date().isoformat()}",
            url,
            after_quiet_hours(moment, quiet_hours(settings), zone),
        )
        for moment in (first, second)
    ]


def desired_reminders(owner: User, settings: ReminderSettings, now: datetime) -> list[Wanted]:
    if not list_subscriptions(owner.id):
        return []  # nowhere to send: plan again when a device is added
    wanted: list[Wanted] = []
    if settings.review_due:
        wanted += _review_reminders(owner, settings, now)
    if settings.plan_review:
        wanted += _plan_reminders(owner, settings, now)
        wanted += _needs_reminders(owner, settings, now)
    if settings.check_in:
        wanted += _check_ins(owner, settings, now)
    return wanted


def plan_for(owner_id: int, now: datetime) -> None:
    owner = get_user(owner_id)
    settings = get_settings(owner_id)
    if owner is None or settings is None:
        return
    wanted = desired_reminders(owner, settings, now)
    future = [when for *_, when in wanted if when > now]
    replan_after = min(future + [now + REPLAN_AT_LEAST_EVERY])
    apply_plan(owner_id, wanted, replan_after)


def plan_due_people(now: datetime, checkpoint: Callable[[], None]) -> int:
    """Plan for everyone whose plan has run out or changed, saving (`checkpoint`) after
    each person. Returns how many."""
    done: set[int] = set()
    while owners := [o for o in owners_to_plan(now) if o not in done]:
        for owner_id in owners:
            plan_for(owner_id, now)
            checkpoint()
        done.update(owners)
    return len(done)
