"""Change, averages and "made positive progress", as a person and a service see them."""

from __future__ import annotations

import pytest

from app.outcomes.scoring import (
    DOWN,
    SAME,
    UP,
    average_change,
    compare,
    in_scale,
    made_positive_progress,
    mean,
    overall_score,
    service_progress,
    subscale_score,
    summarise,
)

KEYS = ["feelings", "money", "work", "home"]


def test_change_is_latest_minus_baseline_area_by_area():
    changes = compare(
        KEYS,
        {"feelings": 3, "money": 5, "home": 4},
        {"feelings": 4},
        {"feelings": 6, "money": 2, "home": 4, "work": 7},
    )
    by_key = {c.key: c for c in changes}
    assert by_key["feelings"].change == 3 and by_key["feelings"].direction == UP
    assert by_key["feelings"].last == 4
    assert by_key["money"].change == -3 and by_key["money"].direction == DOWN
    assert by_key["home"].direction == SAME
    # Work had no baseline score ("not for me right now" then): not compared, not zero.
    assert by_key["work"].change is None and by_key["work"].direction is None


def test_the_summary_counts_ups_downs_and_the_average_change():
    summary = summarise(
        compare(
            KEYS,
            {"feelings": 3, "money": 5, "home": 4, "work": None},
            None,
            {"feelings": 6, "money": 4, "home": 4, "work": 8},
        )
    )
    assert (summary.up, summary.down, summary.same, summary.not_compared) == (1, 1, 1, 1)
    assert summary.compared == 3
    assert summary.average_change == pytest.approx((3 - 1 + 0) / 3)


def test_areas_left_out_are_never_counted_as_zero():
    assert mean([None, 4, None, 6]) == 5
    assert mean([None, None]) is None
    assert overall_score(KEYS, {"feelings": 2, "money": None}) == 2


def test_positive_progress_means_better_on_average():
    baseline = {"feelings": 3, "money": 5}
    assert made_positive_progress(KEYS, baseline, {"feelings": 5, "money": 4}) is True
    assert made_positive_progress(KEYS, baseline, {"feelings": 3, "money": 5}) is False
    assert made_positive_progress(KEYS, baseline, {"feelings": 2, "money": 5}) is False
    assert made_positive_progress(KEYS, baseline, {"work": 9}) is None
    # On a tool where lower is better, going down is progress.
    assert made_positive_progress(KEYS, baseline, {"feelings": 1}, higher_is_better=False)


def test_average_change_uses_only_areas_scored_both_times():
    assert average_change(KEYS, {"feelings": 1, "money": 9}, {"feelings": 5}) == 4


def test_a_service_sees_the_share_making_progress_and_their_average_gain():
    pairs = [
        ({"feelings": 2}, {"feelings": 6}),  # +4
        ({"feelings": 5}, {"feelings": 7}),  # +2
        ({"feelings": 5}, {"feelings": 3}),  # -2
        ({"money": 5}, {"feelings": 3}),  # nothing to compare: not counted
    ]
    result = service_progress(KEYS, pairs)
    assert result.people == 3
    assert result.making_progress == 2
    assert result.share_making_progress == pytest.approx(2 / 3)
    assert result.average_change_of_those_progressing == 3
    assert service_progress(KEYS, []).share_making_progress is None


def test_dialog_subscales_are_means_of_their_items():
    scores = {f"i{n}": n % 7 + 1 for n in range(1, 12)}
    quality = [f"i{n}" for n in range(1, 9)]
    care = ["i9", "i10", "i11"]
    assert subscale_score(quality, scores) == pytest.approx(sum(n % 7 + 1 for n in range(1, 9)) / 8)
    assert subscale_score(care, scores) == pytest.approx((3 + 4 + 5) / 3)


@pytest.mark.parametrize(
    ("score", "ok"), [(1, True), (10, True), (0, False), (11, False), (True, False), ("5", False)]
)
def test_only_whole_numbers_on_the_scale_count(score, ok):
    assert in_scale(score, 1, 10) is ok
