"""Communication needs (the Accessible Information Standard), recorded once by the person."""

from __future__ import annotations

from sqlalchemy import select

from app.data.accounts.models import User
from app.data.base import utcnow
from app.data.circle.models import (
    CommunicationNeeds,
)
from app.data.database import db


def communication_needs(owner_id: int) -> CommunicationNeeds | None:
    return db.session.scalar(
        select(CommunicationNeeds).where(CommunicationNeeds.owner_id == owner_id)
    )


def save_communication_needs(owner: User, needs: list[str], language: str, notes: str) -> None:
    record = communication_needs(owner.id)
    if record is None:
        record = CommunicationNeeds(owner_id=owner.id)
        db.session.add(record)
    record.needs = needs
    record.language = language
    record.notes = notes
    record.updated_at_utc = utcnow()
