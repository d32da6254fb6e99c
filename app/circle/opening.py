"""Opening a person's own circle records, with access checked before anything is read."""

from __future__ import annotations

from flask import abort
from flask_login import current_user

from app import access
from app.access import Action
from app.data.accounts.models import User
from app.data.circle.models import Suggestion
from app.data.circle.suggestions import get_suggestion


def owner() -> User:
    """The person managing their own circle: never anyone else's."""
    person: User = access.current_person()
    access.require(current_user, person.id, access.CIRCLE, Action.CHANGE)
    return person


def pending_suggestion(person: User, suggestion_id: int) -> Suggestion:
    """One of the suggestions waiting for this person to decide, or 404."""
    suggestion = get_suggestion(person.id, suggestion_id)
    if suggestion is None or suggestion.status != "pending":
        abort(404)
    return suggestion
