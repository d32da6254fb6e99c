"""Who in a service is due a review soon: for its workers to plan their week.

Names and dates only, for people who are members now and agreed to be counted. Uses
the same schedule as the person's own My progress page, so both say the same date."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from app.data.service.memberships import current_members
from app.outcomes.loading import main_instrument
from app.outcomes.reviews import cadence, history_of
from app.outcomes.schedule import BASELINE, next_reviews

LOOK_AHEAD_DAYS = 14


@dataclass(frozen=True)
class DueReview:
    person_id: int
    name: str
    kind: str  # baseline | review | ongoing_review
    due_on: date | None  # None: no baseline yet, so one is due now

    def overdue(self, today: date) -> bool:
        return self.due_on is not None and self.due_on < today


def reviews_due(provider_id: int, today: date) -> list[DueReview]:
    instrument = main_instrument()
    interval_days, ongoing_months = cadence()
    due = []
    for membership in current_members(provider_id):
        name = membership.person.name_to_show
        upcoming = next_reviews(
            history_of(membership.person_id, instrument.key), interval_days, ongoing_months
        )
        if upcoming is None:
            due.append(DueReview(membership.person_id, name, BASELINE, None))
        elif upcoming.next_on <= today + timedelta(days=LOOK_AHEAD_DAYS):
            due.append(DueReview(membership.person_id, name, upcoming.next_kind, upcoming.next_on))
    return sorted(due, key=lambda d: (d.due_on is not None, d.due_on or today, d.name.lower()))
