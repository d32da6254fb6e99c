"""A person's service memberships in their data download."""

from __future__ import annotations

from typing import Any

from app.data.accounts.models import User
from app.data.export import exports, iso
from app.data.service.memberships import memberships_of
from app.data.service.signposting import signposts_of

# Service rows and their staff lists are the provider's, not the person's; a staff
# member's own place in a service is in their download.
from app.data.service.staff import invites_made_by, staff_places_of


@exports(
    "services",
    "service_memberships",
    "service_staff",
    "service_staff_invites",
    "service_signposts",
)
def _export_services(user: User) -> dict[str, Any]:
    return {
        "memberships": [
            {
                "service": m.provider.name,
                "joined_on": m.joined_on.isoformat(),
                "left_on": m.left_on.isoformat() if m.left_on else None,
                "counted_in_reports": m.counted,
                "consent_withdrawn_at_utc": iso(m.consent_withdrawn_at_utc),
                "equality_answers": m.equality_answers or {},
            }
            for m in memberships_of(user.id)
        ],
        "signposted_to": [
            {
                "service": row.provider.name,
                "kind": row.kind,
                "group": row.listing.name if row.listing else None,
                "group_id": row.listing_id,
                "recorded_on": row.recorded_on.isoformat(),
                "recorded_by": row.recorded_by.name_to_show if row.recorded_by else None,
            }
            for row in signposts_of(user.id)
        ],
        "staff_of": [
            {"service": row.provider.name, "role": row.role} for row in staff_places_of(user.id)
        ],
        "staff_invites_made": [
            {
                "service": invite.provider.name,
                "role": invite.role,
                "created_at_utc": iso(invite.created_at_utc),
                "used": invite.used_at_utc is not None,
            }
            for invite in invites_made_by(user.id)
        ],
    }
