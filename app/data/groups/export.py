"""Group ratings, the groups a person saved to their plan, and the service manager role
in a person's data download; the rest of the directory is public and holds no one's
personal data."""

from __future__ import annotations

from typing import Any

from sqlalchemy import select

from app.data.accounts.models import User
from app.data.database import db
from app.data.export import exports, iso
from app.data.groups.models import DirectoryManager, GroupRating, Service
from app.data.groups.people import group_saves_of


@exports("group_ratings", "group_ratings")
def _ratings(user: User) -> list[dict[str, Any]]:
    rows = db.session.execute(
        select(GroupRating, Service.name)
        .join(Service, Service.id == GroupRating.service_id)
        .where(GroupRating.user_id == user.id)
        .order_by(GroupRating.created_at_utc)
    )
    return [
        {
            "group": name,
            "group_id": rating.service_id,
            "stars": rating.stars,
            "comment": rating.comment,
            "comment_state": rating.comment_state,
            "created_at_utc": iso(rating.created_at_utc),
            "updated_at_utc": iso(rating.updated_at_utc),
        }
        for rating, name in rows
    ]


@exports("service_manager", "directory_managers")
def _manager(user: User) -> dict[str, Any] | None:
    row = db.session.get(DirectoryManager, user.id)
    return {"granted_at_utc": iso(row.granted_at_utc)} if row else None


@exports("groups_saved_to_plan", "group_saves")
def _saves(user: User) -> list[dict[str, Any]]:
    return [
        {
            "group": row.service.name,
            "group_id": row.service_id,
            "saved_on": row.saved_on.isoformat(),
        }
        for row in group_saves_of(user.id)
    ]
