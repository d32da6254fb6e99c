"""Scores and change: pure functions, no database and no Flask.

A set of scores maps an item key to a whole number, or to None when the person chose
"prefer not to say" or "not for me right now" (those areas are left out of every sum,
never counted as zero). "Change" is latest minus baseline, area by area, and only for
areas scored both times. The seeds' measures (average change, share making positive
progress) are here so the person's page and a service's report agree.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

Scores = Mapping[str, int | None]

UP = "up"
DOWN = "down"
SAME = "same"


@dataclass(frozen=True)
class AreaChange:
    key: str
    baseline: int | None
    last: int | None  # the assessment before the latest (None if there is none)
    latest: int | None

    @property
    def change(self) -> int | None:
        if self.baseline is None or self.latest is None:
            return None
        return self.latest - self.baseline

    @property
    def direction(self) -> str | None:
        change = self.change
        if change is None:
            return None
        return UP if change > 0 else DOWN if change < 0 else SAME


@dataclass(frozen=True)
class ChangeSummary:
    up: int
    down: int
    same: int
    not_compared: int
    average_change: float | None

    @property
    def compared(self) -> int:
        return self.up + self.down + self.same


def mean(values: Iterable[int | float | None]) -> float | None:
    present = [v for v in values if v is not None]
    return sum(present) / len(present) if present else None


def compare(
    keys: Sequence[str], baseline: Scores, last: Scores | None, latest: Scores
) -> list[AreaChange]:
    return [
        AreaChange(key, baseline.get(key), (last or {}).get(key), latest.get(key)) for key in keys
    ]


def summarise(changes: Sequence[AreaChange]) -> ChangeSummary:
    directions = [c.direction for c in changes]
    return ChangeSummary(
        up=directions.count(UP),
        down=directions.count(DOWN),
        same=directions.count(SAME),
        not_compared=directions.count(None),
        average_change=mean(c.change for c in changes),
    )


def average_change(keys: Sequence[str], baseline: Scores, latest: Scores) -> float | None:
    """Mean change per area over the areas scored at both times."""
    return summarise(compare(keys, baseline, None, latest)).average_change


def improvement(change: float | None, higher_is_better: bool = True) -> float | None:
    if change is None:
        return None
    return change if higher_is_better else -change


def made_positive_progress(
    keys: Sequence[str],
    baseline: Scores,
    latest: Scores,
    *,
    higher_is_better: bool = True,
    threshold: float = 0.0,
) -> bool | None:
    """True when things got better on average; None when nothing can be compared."""
    better = improvement(average_change(keys, baseline, latest), higher_is_better)
    return None if better is None else better > threshold


def subscale_score(keys: Sequence[str], scores: Scores) -> float | None:
    """Mean of the items answered (DIALOG: items 1-8 quality of life, 9-11 care)."""
    return mean(scores.get(key) for key in keys)


def overall_score(keys: Sequence[str], scores: Scores) -> float | None:
    return mean(scores.get(key) for key in keys)


@dataclass(frozen=True)
class ServiceProgress:
    people: int  # with a baseline and a later assessment to compare
    making_progress: int
    average_change_of_those_progressing: float | None

    @property
    def share_making_progress(self) -> float | None:
        return self.making_progress / self.people if self.people else None


def service_progress(
    keys: Sequence[str], pairs: Iterable[tuple[Scores, Scores]], higher_is_better: bool = True
) -> ServiceProgress:
    """The seeds' measures over many people: share who made positive progress, and the
    average amount of change for those who did."""
    counted = 0
    gains: list[float] = []
    for baseline, latest in pairs:
        change = improvement(average_change(keys, baseline, latest), higher_is_better)
        if change is None:
            continue
        counted += 1
        if change > 0:
            gains.append(change)
    return ServiceProgress(counted, len(gains), mean(gains))


def in_scale(score: object, low: int, high: int) -> bool:
    return isinstance(score, int) and not isinstance(score, bool) and low <= score <= high
