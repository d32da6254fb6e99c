"""When an area scores at the bottom of its ladder (1 or 2 of 10), My progress gently
offers Get help now and a kind of local group or service that helps with that area."""

from __future__ import annotations

from dataclasses import dataclass

from app.data.outcomes.models import Assessment
from app.outcomes.instruments import Instrument, Item

# Which kind of group in Find groups helps with each area (its group-type code).
GROUP_TYPE_FOR_AREA = {
    "emotional": "peer-support",
    "physical": "physical-activity",
    "home": "housing",
    "money": "money-benefits-advice",
    "safety": "crisis-safe-haven",
    "risks": "peer-support",
    "relationships": "befriending",
    "community": "learning-recovery-college",
    "work": "employment-volunteering",
}
DEFAULT_GROUP_TYPE = "peer-support"
LOW_STEPS = 2  # the bottom two steps of a ladder


@dataclass(frozen=True)
class LowArea:
    item: Item
    score: int
    group_type: str


def low_areas(instrument: Instrument, assessment: Assessment) -> list[LowArea]:
    """Areas scored on the bottom two steps (the top two where lower is better)."""
    found = []
    for item in instrument.items:
        score = (assessment.answers or {}).get(item.key, {}).get("score")
        if not isinstance(score, int):
            continue
        low = (
            score < instrument.low + LOW_STEPS
            if instrument.higher_is_better
            else score > instrument.high - LOW_STEPS
        )
        if low:
            found.append(
                LowArea(item, score, GROUP_TYPE_FOR_AREA.get(item.key, DEFAULT_GROUP_TYPE))
            )
    return found
