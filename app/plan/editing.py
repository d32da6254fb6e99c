"""Opening a part of someone's plan for a view, and saving a change to it: the pieces the
plan's pages, suggestions, progress and Find groups share. Access is checked here, once,
before anything is read."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from flask import abort, url_for
from flask_login import current_user

from app import access
from app.access import Action
from app.data.accounts.models import User
from app.data.plans.models import Plan, PlanPart
from app.data.plans.queries import (
    ContentChange,
    StaleVersion,
    change_part,
    get_part,
    get_part_for_owner,
    get_plan_for_owner,
)
from app.plan import content as entries
from app.plan.parts import PARTS_BY_SLUG, Part, Section


@dataclass
class PartContext:
    """The person whose plan it is, their plan, and one part of it, access already checked."""

    owner: User
    plan: Plan
    part: Part
    row: PlanPart


def plan_of(owner: User) -> Plan:
    plan = get_plan_for_owner(owner.id)
    if plan is None:
        abort(404)
    return plan


def open_part(slug: str, action: Action) -> PartContext:
    part = PARTS_BY_SLUG.get(slug)
    if part is None:
        abort(404)
    owner: User = access.viewed_person()
    access.require(current_user, owner.id, access.plan_part(part.key), action)
    row = get_part_for_owner(owner.id, part.key)
    if row is None:
        abort(404)
    return PartContext(owner, row.plan, part, row)


def open_section(context: PartContext, section_key: str) -> Section:
    section = context.part.section(section_key)
    if section is None:
        abort(404)
    return section


def part_url(context: PartContext, **params: str | int) -> str:
    return url_for(".show_part", slug=context.part.slug, **params)  # type: ignore[arg-type]


def save_with_retry(context: PartContext, change: str, make_content: ContentChange) -> bool:
    """Apply `make_content` to the newest words and save them as the next version (see
    change_part). True if anything changed. Three other saves landing in a row is
    vanishingly rare: the person is asked to try again (409)."""
    try:
        return change_part(context.row, make_content, author=access.current_person(), change=change)
    except StaleVersion:
        abort(409)


def add_to_plan(
    owner_id: int,
    part_key: str,
    section_key: str,
    values: Mapping[str, str],
    *,
    author: User,
    change: str,
    entry_id: str | None = None,
) -> str:
    """Add one entry to a person's plan from elsewhere in the app (progress, groups).

    `values` may carry `link_href` and `link_label`, shown beside the entry as a way
    back to where it came from. Returns the entry's id; adding the same id twice is a
    no-op, so a double-tapped button adds one entry."""
    plan = get_plan_for_owner(owner_id)
    if plan is None:
        raise LookupError(owner_id)
    part = get_part(plan, part_key)
    new_id = entry_id or entries.new_entry_id()

    def add(current: entries.Content) -> entries.Content | None:
        if entries.find_entry(current, section_key, new_id) is not None:
            return None
        return entries.add_entry(current, section_key, dict(values), new_id)

    change_part(part, add, author=author, change=change)
    return new_id
