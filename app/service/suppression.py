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

from collections.abc import Collection, Iterable, Mapping, Sequence
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


def _hide_one_more(
    cells: dict[str, Cell], counts: Mapping[str, int], fixed: Collection[str] = ()
) -> bool:
    """Hide the smallest shown non-zero cell (or, failing that, a shown zero), so no
    single hidden cell can be worked out from a total. Cells in `fixed` are known from
    elsewhere (new people in a row where nobody was supported must be 0), so hiding
    them would protect nothing. Returns whether one was hidden."""
    shown = [key for key, cell in cells.items() if cell.shown and key not in fixed]
    if not shown:
        return False
    nonzero = [key for key in shown if counts[key] > 0]
    pick = min(nonzero or shown, key=lambda key: (counts[key], key))
    cells[pick] = Cell(HIDDEN)
    return True


INFINITE = 10**9


def _bounds(cell: Cell, ceiling: int) -> tuple[int, int]:
    """What a reader knows about a hidden cell: 1 to 4 if "fewer than 5", else 0 up to
    the ceiling other cells give it."""
    if cell.state == FEWER_THAN_5:
        return 1, min(4, ceiling)
    return 0, ceiling


def _worked_out(
    cells: Mapping[str, Cell], counts: Mapping[str, int], total: int, ceilings: Mapping[str, int]
) -> list[str]:
    """Hidden cells a reader could work out exactly from the column's total, the shown
    cells and each hidden cell's bounds. With one equation (the hidden cells add up to
    what the shown ones leave) each cell's possible values form a range; a cell whose
    range is a single value is given away. Zeros given away single nobody out."""
    hidden = [row for row, cell in cells.items() if not cell.shown]
    rest = total - sum(counts[row] for row, cell in cells.items() if cell.shown)
    bounds = {row: _bounds(cells[row], ceilings.get(row, INFINITE)) for row in hidden}
    low_sum = sum(low for low, _high in bounds.values())
    high_sum = sum(high for _low, high in bounds.values())
    given_away = []
    for row in hidden:
        low, high = bounds[row]
        least = max(low, rest - (high_sum - high))
        most = min(high, rest - (low_sum - low))
        if least == most and counts[row] > 0:
            given_away.append(row)
    return given_away


def suppress_breakdown(
    supported: Mapping[str, int],
    new: Mapping[str, int],
    totals: Mapping[str, Cell],
) -> tuple[dict[str, Cell], dict[str, Cell]]:
    """An equality breakdown: one column for people supported, one for new people, rows
    that add up to each column's total (published elsewhere as `totals`).

    - Each cell gets primary suppression.
    - A column whose total is not shown is hidden whole: showing some of its rows would
      tell which group the few people are in, or let the total be added up.
    - Within a shown column, a single hidden cell could be worked out by subtracting the
      rest from the total: a second cell is hidden too.
    - In each row the new people are among those supported: a small difference hides
      the new cell (and the column rule runs again).
    """
    columns = {"supported": supported, "new": new}
    cells = {
        name: {row: count_cell(value) for row, value in values.items()}
        for name, values in columns.items()
    }
    for name in columns:
        if not totals[name].shown:
            cells[name] = dict.fromkeys(columns[name], Cell(HIDDEN))
    changed = True
    while changed:
        changed = False
        for row in supported:
            both = cells["supported"][row].shown and cells["new"][row].shown
            if both and supported[row] - new[row] in SMALL:
                cells["new"][row] = Cell(HIDDEN)
                changed = True
        empty_rows = [
            row for row, cell in cells["supported"].items() if cell.shown and cell.value == 0
        ]
        for name, values in columns.items():
            hidden = [row for row, cell in cells[name].items() if not cell.shown]
            if not totals[name].shown or len(hidden) == len(values):
                continue  # nothing shown is left to hide
            ceilings = _ceilings(name, cells, columns)
            total = sum(values.values())
            if len(hidden) == 1 or _worked_out(cells[name], values, total, ceilings):
                fixed = empty_rows if name == "new" else ()
                if not _hide_one_more(cells[name], values, fixed):
                    cells[name] = dict.fromkeys(values, Cell(HIDDEN))
                changed = True
    return cells["supported"], cells["new"]


def _ceilings(
    name: str, cells: Mapping[str, Mapping[str, Cell]], columns: Mapping[str, Mapping[str, int]]
) -> dict[str, int]:
    """New people in a row are at most the people supported in it, when that is shown."""
    if name != "new":
        return {}
    return {
        row: columns["supported"][row] for row, cell in cells["supported"].items() if cell.shown
    }
