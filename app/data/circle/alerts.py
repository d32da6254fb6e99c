""" "I need help" alerts: who gets them, and the banner each recipient sees until seen."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import Exists, bindparam, exists, func, select, update
from sqlalchemy.orm import selectinload
from sqlalchemy.sql.elements import ColumnElement

from app.data.accounts.models import User
from app.data.base import UTCDateTime, utcnow
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


def create_help_alert(owner: User, call_back: str = "") -> HelpAlert:
    alert = HelpAlert(owner_id=owner.id, call_back=call_back[:40])
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


def get_own_alert(owner: User, alert_id: int) -> HelpAlert | None:
    return db.session.scalar(
        select(HelpAlert)
        .where(HelpAlert.id == alert_id, HelpAlert.owner_id == owner.id)
        .options(selectinload(HelpAlert.recipients))
    )


def last_call_back(owner: User) -> str:
    """The number they gave last time, offered again (they may change it)."""
    return (
        db.session.scalar(
            select(HelpAlert.call_back)
            .where(HelpAlert.owner_id == owner.id, HelpAlert.call_back != "")
            .order_by(HelpAlert.created_at_utc.desc())
            .limit(1)
        )
        or ""
    )


def resolve_alert(alert: HelpAlert) -> bool:
    """ "I'm OK now". Everyone told is shown it, even those who had seen the alert.
    False if it was taken back already (a second tap)."""
    taken_back = db.session.execute(
        update(HelpAlert)
        .where(HelpAlert.id == alert.id, HelpAlert.resolved_at_utc.is_(None))
        .values(resolved_at_utc=utcnow())
        .execution_options(synchronize_session=False)
    )
    if taken_back.rowcount != 1:  # type: ignore[attr-defined]
        return False
    db.session.execute(
        update(HelpAlertRecipient)
        .where(HelpAlertRecipient.alert_id == alert.id)
        .values(seen_at_utc=None)
        .execution_options(synchronize_session=False)
    )
    db.session.expire(alert)
    return True


ALERT_SHOWN_FOR = timedelta(days=2)  # an unseen alert's banner stays this long


def open_alert(owner: User) -> HelpAlert | None:
    """Their latest "I need help" that is not taken back and still shown to their circle:
    Get help now says who has seen it and offers "I'm OK now"."""
    return db.session.scalar(
        select(HelpAlert)
        .where(
            HelpAlert.owner_id == owner.id,
            HelpAlert.resolved_at_utc.is_(None),
            HelpAlert.created_at_utc >= utcnow() - ALERT_SHOWN_FOR,
        )
        .options(selectinload(HelpAlert.recipients))
        .order_by(HelpAlert.created_at_utc.desc())
        .limit(1)
    )


def _shown_since() -> datetime:
    return utcnow() - ALERT_SHOWN_FOR


def _unseen_alert(member_id: Any) -> list[ColumnElement[bool]]:
    # The cut-off is worked out when the query runs, not when it is built: the session
    # query is built once and kept (app/data/accounts/queries.py).
    since = bindparam("alerts_shown_since", callable_=_shown_since, type_=UTCDateTime())
    return [
        HelpAlertRecipient.member_id == member_id,
        HelpAlertRecipient.seen_at_utc.is_(None),
        HelpAlert.created_at_utc >= since,
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
