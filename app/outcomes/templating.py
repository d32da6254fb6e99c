"""What templates need from My progress: number and date filters, and the home page's
"review due" panel."""

from __future__ import annotations

from datetime import datetime

from flask_babel import format_decimal
from flask_login import current_user

from app import access
from app.access import Action
from app.data.groups import taxonomy
from app.data.outcomes.models import CORRECTION_WINDOW
from app.data.outcomes.queries import instruments_in_use
from app.outcomes.reviews import most_pressing_review


def one_decimal(value: float | None) -> str:
    return "" if value is None else format_decimal(value, "0.#")


def plus_a_day(value: datetime) -> datetime:
    return value + CORRECTION_WINDOW


def progress_review_for_home() -> object:
    """For the home page panel: the review that is due soonest, or None."""
    if not current_user.is_authenticated:
        return None
    person = access.current_person()
    if not access.can(current_user, person.id, access.PROGRESS, Action.VIEW):
        return None
    return most_pressing_review(person) or ("start" if not instruments_in_use(person.id) else None)


def group_type_label(code: str) -> str:
    """What Find groups calls a kind of group, in the person's language."""
    return str(taxonomy.term_for(code).label)
