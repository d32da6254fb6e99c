"""The circle, both ways round, in a person's data download."""

from __future__ import annotations

from typing import Any

from sqlalchemy import select

from app.data.accounts.models import User
from app.data.circle.access_log import access_log
from app.data.circle.members import is_paused, list_members, people_i_support
from app.data.database import db
from app.data.export import exports, iso


@exports(
    "circle",
    "circle_members",
    "circle_grants",
    "sharing_pauses",
    "circle_invites",
    "circle_suggestions",
    "help_alerts",
    "help_alert_recipients",
    "access_log",
)
def _circle(user: User) -> dict[str, Any]:
    from app.data.circle.models import CircleMember, HelpAlert, Invite, Suggestion

    def member_row(row: CircleMember, *, mine: bool) -> dict[str, Any]:
        other = row.member if mine else row.owner
        return {
            "name": (row.label if mine else "") or other.name_to_show,
            "role": row.role,
            "permissions": sorted(row.permissions),
            "since_utc": iso(row.created_at_utc),
            "ended_at_utc": iso(row.ended_at_utc),
        }

    invites = db.session.scalars(select(Invite).where(Invite.owner_id == user.id))
    suggestions = db.session.scalars(select(Suggestion).where(Suggestion.owner_id == user.id))
    alerts = db.session.scalars(select(HelpAlert).where(HelpAlert.owner_id == user.id))
    return {
        "sharing_paused": is_paused(user.id),
        "people_in_my_circle": [
            member_row(m, mine=True) for m in list_members(user, include_ended=True)
        ],
        "people_i_support": [member_row(m, mine=False) for m in people_i_support(user)],
        "invites": [
            {
                "for": i.label,
                "role": i.role,
                "permissions": i.permissions,
                "created_at_utc": iso(i.created_at_utc),
                "expires_at_utc": iso(i.expires_at_utc),
                "used_at_utc": iso(i.used_at_utc),
                "cancelled_at_utc": iso(i.cancelled_at_utc),
            }
            for i in invites
        ],
        "suggestions_to_me": [
            {
                "from": s.author_name,
                "part": s.part_key,
                "section": s.section_key,
                "values": s.values,
                "note": s.note,
                "status": s.status,
                "at_utc": iso(s.created_at_utc),
            }
            for s in suggestions
        ],
        "help_alerts": [
            {"at_utc": iso(a.created_at_utc), "sent_to": [r.member_name for r in a.recipients]}
            for a in alerts
        ],
        "access_log": [
            {
                "who": e.actor_name,
                "by_me": e.actor_id == user.id,
                "area": e.area,
                "action": e.action,
                "detail": e.detail,
                "at_utc": iso(e.at_utc),
            }
            for e in access_log(user, limit=100000)
        ],
    }
