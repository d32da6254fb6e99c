"""Review: "Are your communication needs still right?" on the home page once a year, and
when the person's circle has changed since they last checked."""

from __future__ import annotations

from flask import g
from flask_login import current_user

from app.data.base import utcnow
from app.data.needs.records import circle_changed_since, communication_needs, need_items
from app.needs.summary import review_reason, summarise


def needs_review_for_home() -> str | None:
    if not current_user.is_authenticated:
        return None
    if "needs_review" not in g:
        record = communication_needs(current_user.id)
        checked = record.checked_at_utc if record is not None else None
        recorded = (
            checked is not None and not summarise(record, need_items(current_user.id)).is_empty
        )
        g.needs_review = (
            review_reason(
                checked, utcnow(), circle_changed=circle_changed_since(current_user.id, checked)
            )
            if recorded and checked is not None
            else None
        )
    return g.needs_review
