"""Opening a person's progress, or one of their assessments, for a view: access is
checked before anything is read."""

from __future__ import annotations

from dataclasses import dataclass

from flask import abort
from flask_login import current_user

from app import access
from app.access import Action
from app.data.accounts.models import User
from app.data.outcomes.models import Assessment
from app.data.outcomes.queries import get_assessment_for_owner
from app.outcomes.instruments import Instrument
from app.outcomes.loading import get_instrument


@dataclass
class Opened:
    person: User
    assessment: Assessment
    instrument: Instrument


def person_for(action: Action) -> User:
    person: User = access.viewed_person()
    access.require(current_user, person.id, access.PROGRESS, action)
    return person


def instrument_or_404(key: str) -> Instrument:
    instrument = get_instrument(key)
    if instrument is None:
        abort(404)
    return instrument


def open_assessment(assessment_id: int, action: Action) -> Opened:
    person = person_for(action)
    assessment = get_assessment_for_owner(person.id, assessment_id)
    if assessment is None:
        abort(404)
    instrument = get_instrument(assessment.instrument_key)
    if instrument is None:  # the service turned this tool off: its history stays readable
        abort(404)
    return Opened(person, assessment, instrument)
