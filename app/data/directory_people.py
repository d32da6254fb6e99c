"""People and the directory: ratings of groups, and the service manager role.

Both cascade from `users`, and both are in a person's data download."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlalchemy import delete, func, select
from sqlalchemy.exc import IntegrityError

from app.data.base import utcnow
from app.data.directory import DirectoryManager, GroupRating, Service
from app.data.export import exports, holds_no_personal_data, iso
from app.data.models import User
from app.extensions import db

MAX_COMMENT = 1000
PUBLIC_TABLES = (
    "organizations",
    "services",
    "locations",
    "service_at_locations",
    "schedules",
    "taxonomies",
    "taxonomy_terms",
    "service_attributes",
    "contacts",
    "phones",
    "cost_options",
    "languages",
    "accessibility",
)
holds_no_personal_data(*PUBLIC_TABLES)


@dataclass(frozen=True)
class RatingSummary:
    average: float | None
    count: int


# Ratings --------------------------------------------------------------------------------


def rating_by(user_id: int, service_id: str) -> GroupRating | None:
    return db.session.scalar(
        select(GroupRating).where(
            GroupRating.user_id == user_id, GroupRating.service_id == service_id
        )
    )


def rate_group(user: User, service: Service, stars: int, comment: str) -> tuple[GroupRating, bool]:
    """Record or change this person's rating. Returns the rating and whether it is new.

    A changed comment goes back to the service manager; an unchanged one keeps its state.
    """
    if not 1 <= stars <= 5:
        raise ValueError("stars must be 1 to 5")
    if len(comment) > MAX_COMMENT:
        raise ValueError("comment too long")
    rating = rating_by(user.id, service.id)
    created = rating is None
    if rating is None:
        rating = GroupRating(user_id=user.id, service_id=service.id, comment="")
        db.session.add(rating)
    if comment != rating.comment or created:
        rating.comment_state = "pending" if comment else "none"
    rating.stars, rating.comment, rating.updated_at_utc = stars, comment, utcnow()
    try:
        db.session.commit()
    except IntegrityError:
        # Two taps at once both tried to create it: the other one won; change that one.
        db.session.rollback()
        return rate_group(user, service, stars, comment)
    return rating, created


def remove_rating(user: User, service: Service) -> bool:
    result = db.session.execute(
        delete(GroupRating).where(
            GroupRating.user_id == user.id, GroupRating.service_id == service.id
        )
    )
    db.session.commit()
    return bool(result.rowcount)  # type: ignore[attr-defined]


def rating_summary(service_id: str) -> RatingSummary:
    average, count = db.session.execute(
        select(func.avg(GroupRating.stars), func.count(GroupRating.id)).where(
            GroupRating.service_id == service_id
        )
    ).one()
    return RatingSummary(round(float(average), 1) if average is not None else None, int(count))


def approved_comments(service_id: str, limit: int = 20) -> list[GroupRating]:
    return list(
        db.session.scalars(
            select(GroupRating)
            .where(GroupRating.service_id == service_id, GroupRating.comment_state == "approved")
            .order_by(GroupRating.updated_at_utc.desc(), GroupRating.id.desc())
            .limit(limit)
        )
    )


def pending_comments() -> list[GroupRating]:
    return list(
        db.session.scalars(
            select(GroupRating)
            .where(GroupRating.comment_state == "pending")
            .order_by(GroupRating.updated_at_utc, GroupRating.id)
        )
    )


def moderate(rating_id: int, approve: bool) -> GroupRating | None:
    rating = db.session.get(GroupRating, rating_id)
    if rating is None or rating.comment_state != "pending":
        return None
    rating.comment_state = "approved" if approve else "rejected"
    db.session.commit()
    return rating


# Service managers -------------------------------------------------------------------


def is_directory_manager(user_id: int) -> bool:
    return db.session.get(DirectoryManager, user_id) is not None


def grant_manager(user: User) -> bool:
    if is_directory_manager(user.id):
        return False
    db.session.add(DirectoryManager(user_id=user.id))
    db.session.commit()
    return True


def revoke_manager(user: User) -> bool:
    result = db.session.execute(delete(DirectoryManager).where(DirectoryManager.user_id == user.id))
    db.session.commit()
    return bool(result.rowcount)  # type: ignore[attr-defined]


# A person's data download ----------------------------------------------------------


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
