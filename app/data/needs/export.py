"""Communication needs in a person's data download, with their NHS SNOMED CT codes."""

from __future__ import annotations

from typing import Any

from app.data.accounts.models import User
from app.data.export import exports, iso
from app.data.needs.records import communication_needs, need_items

SNOMED_CT = "http://snomed.info/sct"


@exports("communication_needs", "communication_needs", "communication_need_items")
def _needs(user: User) -> dict[str, Any] | None:
    record = communication_needs(user.id)
    if record is None:
        return None
    return {
        "language": record.language,
        "anything_else": record.notes,
        "updated_at_utc": iso(record.updated_at_utc),
        "asked_at_utc": iso(record.asked_at_utc),
        "last_checked_at_utc": iso(record.checked_at_utc),
        "needs": [
            {
                "kind": item.kind,
                "key": item.key or None,
                "snomed_ct": {"system": SNOMED_CT, "id": item.snomed_id, "term": item.snomed_term}
                if item.snomed_id
                else None,
                "in_my_words": item.own_words or None,
                "since_utc": iso(item.created_at_utc),
            }
            for item in need_items(user.id)
        ],
    }
