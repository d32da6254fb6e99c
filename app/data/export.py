"""Everything Keepwell holds about a person, as JSON they can keep.

Each capability adds its own section with `@exports("name")`, so a new kind of data
cannot be forgotten by the download (a test checks every table is covered)."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import datetime
from typing import Any

from sqlalchemy import select

from app.data.base import utcnow
from app.data.models import (
    DeviceSession,
    PartDraft,
    PartRevision,
    Passkey,
    PlanPart,
    RecoveryCode,
    User,
)
from app.data.plans import get_plan_for_owner
from app.extensions import db

Exporter = Callable[[User], Any]
EXPORTERS: dict[str, Exporter] = {}
# Tables a person's download covers; the test compares this with the schema.
EXPORTED_TABLES: set[str] = set()
# Tables that hold no one's personal data (a public directory, say), declared by the
# capability that owns them, so the test can tell them from a forgotten table.
PUBLIC_TABLES: set[str] = set()


def exports(name: str, *tables: str) -> Callable[[Exporter], Exporter]:
    def register(function: Exporter) -> Exporter:
        EXPORTERS[name] = function
        EXPORTED_TABLES.update(tables)
        return function

    return register


def holds_no_personal_data(*tables: str) -> None:
    PUBLIC_TABLES.update(tables)


def iso(value: datetime | None) -> str | None:
    return value.isoformat() if value else None


def revision_rows(revisions: Iterable[Any], user: User) -> list[dict[str, Any]]:
    """Every kept version of something (a plan part, an assessment), as downloaded."""
    return [
        {
            "version": r.version,
            "change": r.change,
            "by_you": r.author_id == user.id,
            "at_utc": iso(r.created_at_utc),
            "content": r.content,
        }
        for r in revisions
    ]


def export_person(user: User) -> dict[str, Any]:
    return {
        "format": "keepwell-export",
        "version": 1,
        "exported_at_utc": iso(utcnow()),
        **{name: exporter(user) for name, exporter in EXPORTERS.items()},
    }


@exports("account", "users", "passkeys", "recovery_codes", "device_sessions")
def _account(user: User) -> dict[str, Any]:
    passkeys = db.session.scalars(select(Passkey).where(Passkey.user_id == user.id))
    codes = db.session.scalars(select(RecoveryCode).where(RecoveryCode.user_id == user.id))
    sessions = db.session.scalars(select(DeviceSession).where(DeviceSession.user_id == user.id))
    return {
        "display_name": user.display_name,
        "username": user.username,
        "has_password": user.password_hash is not None,
        "language": user.locale,
        "time_zone": user.timezone,
        "display": {
            "text_size": user.text_size,
            "high_contrast": user.high_contrast,
            "reduced_motion": user.reduced_motion,
        },
        "created_at_utc": iso(user.created_at_utc),
        "passkeys": [
            {
                "name": p.name,
                "created_at_utc": iso(p.created_at_utc),
                "last_used_at_utc": iso(p.last_used_at_utc),
                "backed_up": p.backed_up,
                "transports": p.transports,
            }
            for p in passkeys
        ],
        "recovery_codes": [
            {"created_at_utc": iso(c.created_at_utc), "used_at_utc": iso(c.used_at_utc)}
            for c in codes
        ],
        "signed_in_devices": [
            {
                "device": s.user_agent,
                "method": s.method,
                "signed_in_at_utc": iso(s.created_at_utc),
                "last_seen_at_utc": iso(s.last_seen_at_utc),
            }
            for s in sessions
        ],
    }


@exports("plan", "plans", "plan_parts", "part_revisions", "part_drafts")
def _plan(user: User) -> dict[str, Any] | None:
    plan = get_plan_for_owner(user.id)
    if plan is None:
        return None
    parts = db.session.scalars(select(PlanPart).where(PlanPart.plan_id == plan.id))
    result: dict[str, Any] = {
        "review_interval_days": plan.review_interval_days,
        "last_reviewed_at_utc": iso(plan.last_reviewed_at_utc),
        "created_at_utc": iso(plan.created_at_utc),
        "parts": {},
    }
    for part in parts:
        revisions = db.session.scalars(
            select(PartRevision)
            .where(PartRevision.plan_part_id == part.id)
            .order_by(PartRevision.version)
        )
        drafts = db.session.scalars(select(PartDraft).where(PartDraft.plan_part_id == part.id))
        result["parts"][part.part_key] = {
            "version": part.version,
            "content": part.content,
            "updated_at_utc": iso(part.updated_at_utc),
            "revisions": revision_rows(revisions, user),
            "unsettled_conflicts": [
                {"section": d.section_key, "entry": d.entry, "at_utc": iso(d.created_at_utc)}
                for d in drafts
            ],
        }
    return result


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
    "communication_needs",
)
def _circle(user: User) -> dict[str, Any]:
    from app.data import sharing
    from app.data.circle import CircleMember, HelpAlert, Invite, Suggestion

    def member_row(row: CircleMember, *, mine: bool) -> dict[str, Any]:
        other = row.member if mine else row.owner
        return {
            "name": (row.label if mine else "") or other.name_to_show,
            "role": row.role,
            "permissions": sorted(row.permissions),
            "since_utc": iso(row.created_at_utc),
            "ended_at_utc": iso(row.ended_at_utc),
        }

    needs = sharing.communication_needs(user.id)
    invites = db.session.scalars(select(Invite).where(Invite.owner_id == user.id))
    suggestions = db.session.scalars(select(Suggestion).where(Suggestion.owner_id == user.id))
    alerts = db.session.scalars(select(HelpAlert).where(HelpAlert.owner_id == user.id))
    return {
        "sharing_paused": sharing.is_paused(user.id),
        "people_in_my_circle": [
            member_row(m, mine=True) for m in sharing.list_members(user, include_ended=True)
        ],
        "people_i_support": [member_row(m, mine=False) for m in sharing.people_i_support(user)],
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
            for e in sharing.access_log(user, limit=100000)
        ],
        "communication_needs": {
            "needs": needs.needs,
            "language": needs.language,
            "notes": needs.notes,
        }
        if needs
        else None,
    }
