"""Reading and writing a person's plan. Every change is a new numbered revision; the
version number on `plan_parts` is bumped with a guarded UPDATE so two saves can never
both think they made the same version."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import delete, select, update
from sqlalchemy.orm import contains_eager, selectinload

from app.data.accounts.models import User
from app.data.base import utcnow
from app.data.circle.access_log import log_access
from app.data.database import db
from app.data.plans.models import Content, PartDraft, PartRevision, Plan, PlanPart

SAVE_ATTEMPTS = 3
ContentChange = Callable[[Content], Content | None]


class StaleVersion(Exception):
    """Someone saved this part between our read and our write."""


def create_plan_for(user: User, part_keys: Iterable[str], review_interval_days: int = 42) -> Plan:
    """An empty plan with every part there from the start (the plan capability says which)."""
    plan = Plan(owner_id=user.id, review_interval_days=review_interval_days)
    db.session.add(plan)
    db.session.flush()
    for part_key in part_keys:
        db.session.add(PlanPart(plan_id=plan.id, part_key=part_key, version=0, content={}))
    db.session.flush()
    return plan


def delete_plan_for(owner_id: int) -> None:
    """Before the account goes. The plan is removed first so no part is both deleted
    (through the plan) and cleared of its author (through `updated_by`) by the same
    statement, which PostgreSQL may refuse."""
    db.session.execute(delete(Plan).where(Plan.owner_id == owner_id))


def get_plan_for_owner(owner_id: int, *, with_parts: bool = False) -> Plan | None:
    """The person's plan; `with_parts` loads every part in the same query."""
    query = select(Plan).where(Plan.owner_id == owner_id)
    if with_parts:
        query = query.options(selectinload(Plan.parts))
    return db.session.scalar(query)


def get_parts(plan: Plan) -> dict[str, PlanPart]:
    if "parts" in plan.__dict__:  # already loaded with the plan
        return {row.part_key: row for row in plan.parts}
    rows = db.session.scalars(select(PlanPart).where(PlanPart.plan_id == plan.id))
    return {row.part_key: row for row in rows}


def get_part_for_owner(owner_id: int, part_key: str) -> PlanPart | None:
    """One part of a person's plan, and the plan with it, in one query."""
    return db.session.scalar(
        select(PlanPart)
        .join(Plan, Plan.id == PlanPart.plan_id)
        .where(Plan.owner_id == owner_id, PlanPart.part_key == part_key)
        .options(contains_eager(PlanPart.plan))
    )


def get_part(plan: Plan, part_key: str) -> PlanPart:
    part = db.session.scalar(
        select(PlanPart).where(PlanPart.plan_id == plan.id, PlanPart.part_key == part_key)
    )
    if part is None:  # parts are made with the plan; a missing one is a data error
        raise LookupError(part_key)
    return part


def content_at(part: PlanPart, version: int) -> Content:
    if version == part.version:
        return part.content or {}
    if version == 0:
        return {}
    revision = db.session.scalar(
        select(PartRevision).where(
            PartRevision.plan_part_id == part.id, PartRevision.version == version
        )
    )
    if revision is None:
        raise LookupError(version)
    return revision.content


def save_part(
    part: PlanPart, content: Content, *, author: User, change: str, expected_version: int
) -> PartRevision:
    """Write new content as the next version, or raise StaleVersion if someone beat us."""
    owner_id = part.plan.owner_id
    now = utcnow()
    new_version = expected_version + 1
    result = db.session.execute(
        update(PlanPart)
        .where(PlanPart.id == part.id, PlanPart.version == expected_version)
        .values(version=new_version, content=content, updated_at_utc=now, updated_by_id=author.id)
        .execution_options(synchronize_session=False)
    )
    if result.rowcount != 1:  # type: ignore[attr-defined]
        # Nothing was written; forget what we read so the caller's retry reads afresh.
        db.session.expire(part)
        raise StaleVersion(part.part_key)
    revision = PartRevision(
        plan_part_id=part.id,
        version=new_version,
        content=content,
        change=change,
        author_id=author.id,
        created_at_utc=now,
    )
    db.session.add(revision)
    if author.id != owner_id:
        # Someone in the circle changed it: the log entry commits with the change.
        log_access(owner_id, author, f"plan_part:{part.part_key}", "change", change)
    db.session.flush()
    db.session.refresh(part)
    return revision


def change_part(part: PlanPart, make_content: ContentChange, *, author: User, change: str) -> bool:
    """Apply `make_content(newest content)` and save it as the next version, reading again
    and retrying if another save lands in between. `make_content` returns None (or the
    same content) when there is nothing to do; then this returns False."""
    for _attempt in range(SAVE_ATTEMPTS):
        current = part.content or {}
        new_content = make_content(current)
        if new_content is None or new_content == current:
            return False
        try:
            save_part(
                part, new_content, author=author, change=change, expected_version=part.version
            )
            return True
        except StaleVersion:
            db.session.refresh(part)
    raise StaleVersion(part.part_key)


def list_revisions(part: PlanPart) -> list[PartRevision]:
    return list(
        db.session.scalars(
            select(PartRevision)
            .where(PartRevision.plan_part_id == part.id)
            .order_by(PartRevision.version.desc())
        )
    )


def get_revision(part: PlanPart, version: int) -> PartRevision | None:
    return db.session.scalar(
        select(PartRevision).where(
            PartRevision.plan_part_id == part.id, PartRevision.version == version
        )
    )


@dataclass(frozen=True)
class LastChange:
    part_key: str
    at_utc: datetime
    author_id: int | None


def last_change(plan: Plan) -> LastChange | None:
    """The part changed most recently. Each part keeps when and by whom it was last
    saved, so this needs no look through the revisions."""
    changed = [part for part in get_parts(plan).values() if part.updated_at_utc is not None]
    if not changed:
        return None
    latest = max(changed, key=lambda part: part.updated_at_utc)  # type: ignore[arg-type,return-value]
    return LastChange(latest.part_key, latest.updated_at_utc, latest.updated_by_id)  # type: ignore[arg-type]


def mark_plan_reviewed(plan: Plan, when: datetime | None = None) -> None:
    plan.last_reviewed_at_utc = when or utcnow()
    db.session.flush()


# Drafts: words kept when a save met a newer version ----------------------------------


def keep_draft(
    part: PlanPart,
    author: User,
    section_key: str,
    entry_id: str,
    base_version: int,
    entry: dict[str, str],
) -> PartDraft:
    draft = PartDraft(
        plan_part_id=part.id,
        author_id=author.id,
        section_key=section_key,
        entry_id=entry_id,
        base_version=base_version,
        entry=entry,
    )
    db.session.add(draft)
    db.session.flush()
    return draft


def get_draft(part: PlanPart, draft_id: int) -> PartDraft | None:
    return db.session.scalar(
        select(PartDraft).where(PartDraft.id == draft_id, PartDraft.plan_part_id == part.id)
    )


def drafts_for(part: PlanPart) -> list[PartDraft]:
    return list(
        db.session.scalars(
            select(PartDraft)
            .where(PartDraft.plan_part_id == part.id)
            .order_by(PartDraft.created_at_utc)
        )
    )


def discard_draft(draft: PartDraft) -> None:
    db.session.delete(draft)
    db.session.flush()
