"""People and the directory: ratings of groups, the groups a person saved to their plan
(which and when), and the service manager role.

All cascade from `users`, and all are in a person's data download."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import delete, func, select

from app.data.accounts.models import User
from app.data.base import utcnow
from app.data.database import db, insert_or_ignore
from app.data.export import holds_no_personal_data
from app.data.groups.models import DirectoryManager, GroupRating, GroupSave, Service

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
    created = rating_by(user.id, service.id) is None
    # Two taps at once both try to create it: the second insert does nothing.
    db.session.execute(
        insert_or_ignore(GroupRating).values(
            user_id=user.id, service_id=service.id, stars=stars, comment="", comment_state="none"
        )
    )
    rating = rating_by(user.id, service.id)
    assert rating is not None
    if comment != rating.comment or created:
        rating.comment_state = "pending" if comment else "none"
    rating.stars, rating.comment, rating.updated_at_utc = stars, comment, utcnow()
    db.session.flush()
    return rating, created


def remove_rating(user: User, service: Service) -> bool:
    result = db.session.execute(
        delete(GroupRating).where(
            GroupRating.user_id == user.id, GroupRating.service_id == service.id
        )
    )
    db.session.flush()
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
    db.session.flush()
    return rating


# Groups saved to a plan -----------------------------------------------------------------


def record_group_save(user_id: int, service_id: str, on: date) -> None:
    """Note that the person saved this group to their plan today (once a day is enough:
    a second save the same day adds nothing)."""
    db.session.execute(
        insert_or_ignore(GroupSave).values(user_id=user_id, service_id=service_id, saved_on=on)
    )


def group_saves_of(user_id: int) -> list[GroupSave]:
    return list(
        db.session.scalars(
            select(GroupSave)
            .where(GroupSave.user_id == user_id)
            .order_by(GroupSave.saved_on, GroupSave.id)
        )
    )


# Service managers -------------------------------------------------------------------


def is_directory_manager(user_id: int) -> bool:
    return db.session.get(DirectoryManager, user_id) is not None


def grant_manager(user: User) -> bool:
    if is_directory_manager(user.id):
        return False
    db.session.add(DirectoryManager(user_id=user.id))
    db.session.flush()
    return True


def revoke_manager(user: User) -> bool:
    result = db.session.execute(delete(DirectoryManager).where(DirectoryManager.user_id == user.id))
    db.session.flush()
    return bool(result.rowcount)  # type: ignore[attr-defined]
