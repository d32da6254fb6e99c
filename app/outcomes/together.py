"""Reviewing progress together on the peer mentor's own device: the assessment is joint,
with them, and their differing view is kept beside the person's answers."""

from __future__ import annotations

from app.data.accounts.models import User
from app.data.circle.members import Standing
from app.data.outcomes.models import WITH_CARER, WITH_PEER_MENTOR, Assessment
from app.data.outcomes.queries import save_draft


def join_review(assessment: Assessment, member: User, standing: Standing | None) -> None:
    role = WITH_CARER if standing is not None and standing.role == "carer" else WITH_PEER_MENTOR
    save_draft(
        assessment, completed_with=role, with_name=member.name_to_show, with_user_id=member.id
    )
