"""Small-number suppression, so nobody can be singled out from a report.

The rules (the same on screen and in the CSV):
- A count of 1 to 4 is shown as "fewer than 5" (primary suppression). Nought is shown:
  it singles nobody out.
- A count that sits inside another (new people inside people supported) is hidden when
  the difference between the two is 1 to 4, since subtracting would give that small
  number (secondary suppression). The part is hidden, not the whole, and a part hidden
  this way is marked "not shown" rather than "fewer than 5", which would not be true.
- A share is shown only over 10 people or more, and only when neither the people it
  counts nor the people it leaves out are 1 to 4 (share times total would give them).
- An average is shown only over 10 people or more.

Pure functions on plain numbers, unit-tested on hand-built data.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

SMALL = range(1, 5)
MIN_BASE = 10

SHOWN = "shown"
FEWER_THAN_5 = "fewer_than_5"  # primary: the count itself is 1 to 4
HIDDEN = "hidden"  # secondary: shown, it would reveal a small number by subtraction
TOO_FEW = "too_few"  # a share or an average over fewer than 10 people, or revealing


@dataclass(frozen=True)
class Cell:
    """One figure as published: its value only when `state` is SHOWN."""

    state: str
    value: float | int | None = None

    @property
    def shown(self) -> bool:
        return self.state == SHOWN


def count_cell(count: int) -> Cell:
    return Cell(FEWER_THAN_5) if count in SMALL else Cell(SHOWN, count)


def suppress_counts(
    counts: Mapping[str, int], nested: Iterable[tuple[str, str]]
) -> dict[str, Cell]:
    """Primary suppression of every count, then secondary suppression of each
    (whole, part) pair whose difference is small. Repeated until nothing changes, since
    hiding one part never reveals another but the rule is cheap to be sure of."""
    cells = {key: count_cell(value) for key, value in counts.items()}
    pairs = list(nested)
    changed = True
    while changed:
        changed = False
        for whole, part in pairs:
            if not (cells[whole].shown and cells[part].shown):
                continue
            if counts[whole] - counts[part] in SMALL:
                cells[part] = Cell(HIDDEN)
                changed = True
    return cells


def share_cell(numerator: int, denominator: int) -> Cell:
    """A whole-number percentage, or TOO_FEW when it could single anyone out."""
    if denominator < MIN_BASE:
        return Cell(TOO_FEW)
    if numerator in SMALL or denominator - numerator in SMALL:
        return Cell(TOO_FEW)
    return Cell(SHOWN, round(100 * numerator / denominator))


def average_cell(values: Sequence[float], places: int = 1) -> Cell:
    if len(values) < MIN_BASE:
        return Cell(TOO_FEW)
    return Cell(SHOWN, round(sum(values) / len(values), places))
