"""Reminders in a person's data download."""

from __future__ import annotations

from typing import Any

from sqlalchemy import select

from app.data.accounts.models import User
from app.data.database import db
from app.data.export import exports, iso
from app.data.reminders.models import Reminder
from app.data.reminders.queries import get_settings, list_subscriptions


@exports("reminders", "push_subscriptions", "reminder_settings", "reminders")
def _export_reminders(user: User) -> dict[str, Any]:
    settings = get_settings(user.id)
    reminders = db.session.scalars(
        select(Reminder).where(Reminder.owner_id == user.id).order_by(Reminder.id)
    )
    return {
        "settings": None
        if settings is None
        else {
            "review_due": settings.review_due,
            "plan_review": settings.plan_review,
            "daily_check_in": settings.check_in,
            "time_of_day": settings.send_at.strftime("%H:%M"),
            "quiet_hours": [
                settings.quiet_start.strftime("%H:%M"),
                settings.quiet_end.strftime("%H:%M"),
            ],
            "show_detail_on_lock_screen": settings.show_detail,
        },
        "devices": [
            {
                "device": s.device,
                "added_at_utc": iso(s.created_at_utc),
                "last_delivered_at_utc": iso(s.last_success_at_utc),
            }
            for s in list_subscriptions(user.id)
        ],
        "reminders": [
            {
                "kind": r.kind,
                "about": r.subject,
                "due_at_utc": iso(r.send_after_utc),
                "status": r.status,
                "sent_at_utc": iso(r.sent_at_utc),
            }
            for r in reminders
        ],
    }
