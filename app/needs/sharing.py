"""Share: who in the person's circle may see their communication needs (the existing
per-member grant; app/access.py decides what it allows)."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l

from app import access
from app.access import Action
from app.data.accounts.models import User
from app.data.circle.members import list_members
from app.data.circle.models import CARER, PEER_MENTOR

# The circle's own words for its roles (app/circle imports this package, not the reverse).
ROLE_LABELS = {CARER: _l("Carer"), PEER_MENTOR: _l("Peer mentor")}


def members_who_see_needs(person: User) -> list[dict[str, str]]:
    """Each member whose grants let them see the needs, by the name the person gave."""
    return [
        {
            "name": member.label or member.member.name_to_show,
            "role": str(ROLE_LABELS.get(member.role, member.role)),
        }
        for member in list_members(person)
        if access.permits(member.permissions, access.COMMUNICATION_NEEDS, Action.VIEW)
    ]
