"""When a person's next progress review is due, for the home page, the progress page and
reminders: their saved assessments, the service's cadence, and their own calendar."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from flask import current_app

from app.data.accounts.models import User
from app.data.base import utcnow
from app.data.outcomes.queries import instruments_in_use, schedule_history
from app.outcomes.instruments import Instrument
from app.outcomes.loading import instruments
from app.outcomes.schedule import NextReviews, Taken, kind_for_new_assessment, next_reviews
from app.plan.review import ReviewState, local_date, review_state


@dataclass(frozen=True)
class ReviewDue:
    instrument: Instrument
    kind: str  # review | ongoing_review
    state: ReviewState


def cadence() -> tuple[int, int]:
    config = current_app.config
    return config["OUTCOME_REVIEW_DAYS"], config["OUTCOME_ONGOING_REVIEW_MONTHS"]


def today_for(person: User) -> date:
    return local_date(utcnow(), person.timezone)


def history_of(person_id: int, instrument_key: str) -> list[Taken]:
    return [Taken(on, kind) for on, kind in schedule_history(person_id, instrument_key)]


def upcoming_reviews(person: User, instrument: Instrument) -> NextReviews | None:
    return next_reviews(history_of(person.id, instrument.key), *cadence())


def due_from(
    upcoming: NextReviews | None, person: User, instrument: Instrument
) -> ReviewDue | None:
    """How soon, as of today where the person lives."""
    if upcoming is None:
        return None
    state = review_state(upcoming.next_on, today_for(person))
    return ReviewDue(instrument, upcoming.next_kind, state)


def review_due(person: User, instrument: Instrument) -> ReviewDue | None:
    return due_from(upcoming_reviews(person, instrument), person, instrument)


def most_pressing_review(person: User) -> ReviewDue | None:
    """The soonest review due across the tools this person uses (most use just one)."""
    in_use = instruments_in_use(person.id)
    found = [
        due
        for key, instrument in instruments().items()
        if key in in_use and (due := review_due(person, instrument)) is not None
    ]
    return min(found, key=lambda due: due.state.due_on, default=None)


def kind_for_today(person: User, instrument: Instrument, on: date | None = None) -> str:
    return kind_for_new_assessment(
        history_of(person.id, instrument.key), on or today_for(person), *cadence()
    )
