"""My progress in a person's data download."""

from __future__ import annotations

from typing import Any

from sqlalchemy import select

from app.data.accounts.models import User
from app.data.database import db
from app.data.export import exports, iso, revision_rows
from app.data.outcomes.models import Assessment, AssessmentRevision


@exports("progress", "assessments", "assessment_revisions")
def _export_progress(user: User) -> list[dict[str, Any]]:
    rows = db.session.scalars(
        select(Assessment).where(Assessment.owner_id == user.id).order_by(Assessment.id)
    )
    result = []
    for assessment in rows:
        revisions = db.session.scalars(
            select(AssessmentRevision)
            .where(AssessmentRevision.assessment_id == assessment.id)
            .order_by(AssessmentRevision.version)
        )
        result.append(
            {
                "instrument": assessment.instrument_key,
                "status": assessment.status,
                **assessment.snapshot(),
                "with_a_linked_account": assessment.with_user_id is not None,
                "other_views": assessment.other_views,
                "by_you": assessment.author_id == user.id,
                "started_at_utc": iso(assessment.created_at_utc),
                "completed_at_utc": iso(assessment.completed_at_utc),
                "revisions": revision_rows(revisions, user),
            }
        )
    return result
