"""Equality breakdowns: rows add up to a published total, so hiding one cell is not
enough. Tried on hand-built tables, and then by brute force: every hidden cell must have
more than one value consistent with everything the table publishes."""

from __future__ import annotations

import itertools

from app.service.equality import QUESTIONS_BY_KEY
from app.service.reporting import grouped_answers
from app.service.suppression import (
    FEWER_THAN_5,
    HIDDEN,
    SHOWN,
    Cell,
    suppress_breakdown,
    suppress_counts,
)

SHOWN_TOTALS = {"supported": Cell(SHOWN, 0), "new": Cell(SHOWN, 0)}


def test_a_lone_small_cell_takes_the_next_smallest_with_it():
    supported, _new = suppress_breakdown(
        {"a": 20, "b": 3, "c": 9, "d": 12}, {"a": 0, "b": 0, "c": 0, "d": 0}, SHOWN_TOTALS
    )
    assert supported["b"].state == FEWER_THAN_5
    assert supported["c"].state == HIDDEN  # else 44 - 20 - 9 - 12 = 3
    assert supported["a"] == Cell(SHOWN, 20) and supported["d"] == Cell(SHOWN, 12)


def test_new_people_close_to_everyone_in_a_row_are_hidden():
    supported, new = suppress_breakdown({"a": 20, "b": 30}, {"a": 18, "b": 10}, SHOWN_TOTALS)
    assert new["a"].state == HIDDEN  # 2 people in group a were not new
    assert new["b"].state == HIDDEN  # and then a second cell, or a = total - b
    assert supported == {"a": Cell(SHOWN, 20), "b": Cell(SHOWN, 30)}


def test_a_column_whose_total_is_not_shown_is_hidden_whole():
    totals = {"supported": Cell(SHOWN, 14), "new": Cell(FEWER_THAN_5)}
    _supported, new = suppress_breakdown({"a": 10, "b": 4}, {"a": 0, "b": 3}, totals)
    assert all(cell.state == HIDDEN for cell in new.values())  # a 0 would say where the 3 are


def _column_options(table, column, total, hidden, bound):
    keys = [cell for cell in hidden if cell[0] == column]
    shown_sum = sum(v for (c, _row), v in table["published"].items() if c == column)
    for guess in itertools.product(range(bound + 1), repeat=len(keys)):
        if total is not None and shown_sum + sum(guess) != total:
            continue
        if any(
            table["states"][key] == FEWER_THAN_5 and value not in range(1, 5)
            for key, value in zip(keys, guess, strict=True)
        ):
            continue
        yield dict(zip(keys, guess, strict=True))


def _consistent(table, totals, hidden, bound):
    """Every assignment of the hidden cells that agrees with all that is published:
    each column's total (when shown), "fewer than 5" meaning 1 to 4, and new people in a
    row being no more than the people supported in it."""
    supported = list(_column_options(table, "supported", totals["supported"], hidden, bound))
    new = list(_column_options(table, "new", totals["new"], hidden, bound))
    for s_option in supported:
        for n_option in new:
            trial = {**table["published"], **s_option, **n_option}
            if all(trial[("new", r)] <= trial[("supported", r)] for r in table["rows"]):
                yield {**s_option, **n_option}


def test_no_hidden_cell_can_be_worked_out_from_the_rest_of_the_table():
    rows = ["a", "b", "c"]
    # Values up to 8, so the search below (0 to 8 for each hidden cell) covers the truth.
    for sa, sb, sc in itertools.product([0, 2, 5, 8], repeat=3):
        for na, nb, nc in itertools.product([0, 1, 3, 5], repeat=3):
            if na > sa or nb > sb or nc > sc:
                continue
            supported = {"a": sa, "b": sb, "c": sc}
            new = {"a": na, "b": nb, "c": nc}
            # The totals as the report publishes them (new people sit inside supported).
            totals = suppress_counts(
                {"supported": sa + sb + sc, "new": na + nb + nc}, [("supported", "new")]
            )
            cells_s, cells_n = suppress_breakdown(supported, new, totals)
            states, published, hidden = {}, {}, []
            for column, cells, values in (("supported", cells_s, supported), ("new", cells_n, new)):
                for row in rows:
                    states[(column, row)] = cells[row].state
                    if cells[row].shown:
                        assert cells[row].value == values[row]
                        published[(column, row)] = values[row]
                    else:
                        hidden.append((column, row))
            if not hidden:
                continue
            known = {
                column: sum(values.values()) if totals[column].shown else None
                for column, values in (("supported", supported), ("new", new))
            }
            table = {"rows": rows, "published": published, "states": states}
            options = list(_consistent(table, known, hidden, 8))
            truth = {
                **{("supported", r): v for r, v in supported.items()},
                **{("new", r): v for r, v in new.items()},
            }
            assert any(all(o[c] == truth[c] for c in hidden) for o in options)
            for cell in hidden:
                if truth[cell] == 0:
                    continue  # nobody to single out (a shown 0 above it may imply it)
                values = {option[cell] for option in options}
                assert len(values) >= 2, (supported, new, cell, values)


def test_answers_are_grouped_as_reported_with_every_row_present():
    ethnicity = QUESTIONS_BY_KEY["ethnicity"]
    rows = grouped_answers(
        ethnicity,
        {
            "asian_indian": (3, 1),
            "asian_chinese": (4, 0),
            "white_roma": (6, 2),
            "prefer_not": (2, 0),
            "not_answered": (9, 9),
            "made_up": (1, 1),
        },
    )
    assert rows["asian"] == (7, 1)
    assert rows["white"] == (6, 2)
    assert rows["black"] == (0, 0)
    assert rows["not_answered"] == (10, 10)  # an answer not in the list counts as none
    assert list(rows)[-2:] == ["prefer_not", "not_answered"]
    postcode = grouped_answers(QUESTIONS_BY_KEY["postcode_district"], {"OX28": (5, 1)})
    assert postcode["OX28"] == (5, 1)


def test_two_small_cells_that_add_up_to_two_are_not_left_to_give_each_other_away():
    # New people: 1 and 1 would both be "fewer than 5", but the total of 7 less the 5
    # shown leaves exactly 2 for them: each must be 1. A third cell is hidden.
    totals = {"supported": Cell(SHOWN, 12), "new": Cell(SHOWN, 7)}
    _supported, new = suppress_breakdown({"a": 2, "b": 5, "c": 5}, {"a": 1, "b": 1, "c": 5}, totals)
    assert new["c"].state == HIDDEN


def test_a_column_that_cannot_be_protected_cell_by_cell_is_hidden_whole():
    # 3 of the 9 in group a were not new; hiding "new in a" alone leaves it as the total,
    # and the only other cell (b) is 0 because nobody in b was supported at all.
    totals = {"supported": Cell(SHOWN, 9), "new": Cell(SHOWN, 6)}
    supported, new = suppress_breakdown({"a": 9, "b": 0}, {"a": 6, "b": 0}, totals)
    assert supported == {"a": Cell(SHOWN, 9), "b": Cell(SHOWN, 0)}
    assert new == {"a": Cell(HIDDEN), "b": Cell(HIDDEN)}
