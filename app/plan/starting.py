"""Where a new person starts: the crisis plan first (what matters most on a bad day),
then the wellness toolbox, then the rest; and which parts have anything in them yet."""

from __future__ import annotations

from dataclasses import dataclass

from app.data.plans.models import Plan
from app.data.plans.queries import get_parts
from app.plan.content import count_entries
from app.plan.parts import PARTS_BY_KEY, Part

# The order to suggest: the crisis plan first, then the toolbox, then the daily plan.
FIRST_STEPS = ("crisis_plan", "wellness_toolbox", "daily_maintenance")


@dataclass(frozen=True)
class Step:
    part: Part
    done: bool


def started_parts(plan: Plan | None) -> set[str]:
    """The parts of the plan with at least one entry."""
    if plan is None:
        return set()
    return {key for key, row in get_parts(plan).items() if count_entries(row.content or {})}


def start_here(started: set[str]) -> list[Step]:
    return [Step(PARTS_BY_KEY[key], key in started) for key in FIRST_STEPS]
