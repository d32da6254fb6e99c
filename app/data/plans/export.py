"""The plan, every version of each part, in its owner's data download."""

from __future__ import annotations

from typing import Any

from sqlalchemy import select

from app.data.accounts.models import User
from app.data.database import db
from app.data.export import exports, iso, revision_rows
from app.data.plans.models import PartDraft, PartRevision, PlanPart
from app.data.plans.queries import get_plan_for_owner


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
