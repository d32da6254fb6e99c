"""Small-number suppression on hand-built numbers with known answers."""

from __future__ import annotations

import itertools

from app.service.suppression import (
    FEWER_THAN_5,
    HIDDEN,
    SHOWN,
    TOO_FEW,
    Cell,
    average_cell,
    count_cell,
    share_cell,
    suppress_counts,
)


def test_counts_of_one_to_four_show_as_fewer_than_five_and_others_as_they_are():
    assert [count_cell(n).state for n in range(7)] == [
        SHOWN,
        FEWER_THAN_5,
        FEWER_THAN_5,
        FEWER_THAN_5,
        FEWER_THAN_5,
        SHOWN,
        SHOWN,
    ]
    assert count_cell(0).value == 0 and count_cell(5).value == 5
    assert count_cell(3).value is None  # the real number is not even carried along


def test_a_part_that_would_reveal_a_small_difference_is_hidden_not_the_whole():
    cells = suppress_counts({"supported": 14, "new": 11}, [("supported", "new")])
    assert cells["supported"] == Cell(SHOWN, 14)
    assert cells["new"].state == HIDDEN  # 14 - 11 = 3 people would be revealed


def test_a_difference_of_five_or_more_or_nought_is_safe():
    cells = suppress_counts(
        {"all": 20, "some": 15, "every": 20}, [("all", "some"), ("all", "every")]
    )
    assert cells["some"] == Cell(SHOWN, 15)
    assert cells["every"] == Cell(SHOWN, 20)


def test_a_part_already_fewer_than_five_stays_so_and_hides_nothing_else():
    cells = suppress_counts({"supported": 30, "new": 3}, [("supported", "new")])
    assert cells["new"].state == FEWER_THAN_5
    assert cells["supported"] == Cell(SHOWN, 30)


def test_no_shown_pair_ever_differs_by_one_to_four():
    nested = [("a", "b"), ("a", "c"), ("b", "d")]
    for a, b, c, d in itertools.product(range(0, 16, 1), repeat=4):
        if not (b <= a and c <= a and d <= b):
            continue
        counts = {"a": a, "b": b, "c": c, "d": d}
        cells = suppress_counts(counts, nested)
        for whole, part in nested:
            if cells[whole].shown and cells[part].shown:
                assert counts[whole] - counts[part] not in range(1, 5), (counts, whole, part)
        for key, cell in cells.items():
            if cell.shown:
                assert cell.value == counts[key]
                assert counts[key] not in range(1, 5)


def test_a_share_needs_ten_people_and_must_not_give_away_a_small_number():
    assert share_cell(5, 9).state == TOO_FEW
    assert share_cell(5, 10) == Cell(SHOWN, 50)
    assert share_cell(3, 20).state == TOO_FEW  # 15% of 20 is 3 people
    assert share_cell(18, 20).state == TOO_FEW  # the 2 left out would be revealed
    assert share_cell(0, 20) == Cell(SHOWN, 0)
    assert share_cell(20, 20) == Cell(SHOWN, 100)
    assert share_cell(0, 0).state == TOO_FEW


def test_an_average_needs_ten_people():
    assert average_cell([5.0] * 9).state == TOO_FEW
    assert average_cell([4.0] * 5 + [6.0] * 5) == Cell(SHOWN, 5.0)
