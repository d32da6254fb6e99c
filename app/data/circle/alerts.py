""" "I need help" alerts: who gets them, and the banner each recipient sees until seen."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import Exists, exists, func, select
from sqlalchemy.orm import selectinload
from sqlalchemy.sql.elements import ColumnElement

from app.data.accounts.models import User
from app.data.base import utcnow
from app.data.circle.grants import HELP_ALERTS
from app.data.circle.members import is_paused, list_members
from app.data.circle.models import (
    CircleMember,
    HelpAlert,
    HelpAlertRecipient,
)
from app.data.database import db


def alerts_since(owner: User, since: datetime) -> int:
    return (
        db.session.scalar(
            select(func.count())
            .select_from(HelpAlert)
            .where(HelpAlert.owner_id == owner.id, HelpAlert.created_at_utc >= since)
        )
        or 0
    )


def alert_recipients(owner: User) -> list[CircleMember]:
    if is_paused(owner.id):
        return []
    return [m for m in list_members(owner) if HELP_ALERTS in m.permissions]


def create_help_alert(owner: User) -> HelpAlert:
    alert = HelpAlert(owner_id=owner.id)
    for member in alert_recipients(owner):
        alert.recipients.append(
            HelpAlertRecipient(
                member_id=member.member_id,
                member_name=(member.label or member.member.name_to_show or "")[:80],
            )
        )
    db.session.add(alert)
    db.session.flush()
    return alert


ALERT_SHOWN_FOR = timedelta(days=2)  # an unseen alert's banner stays this long


def _unseen_alert(member_id: Any) -> list[ColumnElement[bool]]:
    return [
        HelpAlertRecipient.member_id == member_id,
        HelpAlertRecipient.seen_at_utc.is_(None),
        HelpAlert.created_at_utc >= utcnow() - ALERT_SHOWN_FOR,
    ]


def has_unseen_alerts(member_id: Any) -> Exists:
    """Whether a banner is needed, as a clause, so the session query can ask it."""
    return exists().where(HelpAlertRecipient.alert_id == HelpAlert.id, *_unseen_alert(member_id))


def unseen_alerts_for(member: User) -> list[HelpAlert]:
    return list(
        db.session.scalars(
            select(HelpAlert)
            .join(HelpAlertRecipient, HelpAlertRecipient.alert_id == HelpAlert.id)
            .where(*_unseen_alert(member.id))
            .options(selectinload(HelpAlert.owner))
            .order_by(HelpAlert.created_at_utc.desc())
        )
    )


def mark_alert_seen(member: User, alert_id: int) -> bool:
    recipient = db.session.scalar(
        select(HelpAlertRecipient).where(
            HelpAlertRecipient.alert_id == alert_id, HelpAlertRecipient.member_id == member.id
        )
    )
    if recipient is None:
        return False
    recipient.seen_at_utc = recipient.seen_at_utc or utcnow()
    return True
