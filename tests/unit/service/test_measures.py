"""Each measure of the report on hand-built data with known answers, and an attempt to
recover a suppressed count from everything else the report publishes."""

from __future__ import annotations

from datetime import date

from app.data.service.reports import ActivityCounts, ScorePair
from app.service.measures import NESTED, build_report
from app.service.periods import Period
from app.service.suppression import FEWER_THAN_5, HIDDEN, SHOWN, TOO_FEW, Cell

KEYS = ["a", "b"]
PERIOD = Period(date(2026, 7, 1), date(2026, 9, 30))


def counts(**values: int) -> ActivityCounts:
    base = dict.fromkeys(ActivityCounts.__dataclass_fields__, 0)
    base.update(values)
    return ActivityCounts(**base)


def pair(b: tuple[int | None, int | None], latest: tuple[int | None, int | None] | None):
    return ScorePair(
        dict(zip(KEYS, b, strict=True)), dict(zip(KEYS, latest, strict=True)) if latest else None
    )


def test_counts_are_published_as_counted_when_large_enough():
    report = build_report(
        PERIOD,
        counts(
            supported=40,
            new=12,
            left=6,
            over_six_months=20,
            baselines_done=11,
            reviews_done=25,
            reviews_due=30,
            ongoing_reviews_done=7,
            ongoing_reviews_due=9,
        ),
        [],
        KEYS,
    )
    assert {k: c.value for k, c in report.counts.items()} == {
        "supported": 40,
        "new": 12,
        "left": 6,
        "over_six_months": 20,
        "baselines_done": 11,
        "reviews_done": 25,
        "reviews_due": 30,
        "ongoing_reviews_done": 7,
        "ongoing_reviews_due": 9,
    }


def test_shares_of_new_people_with_a_baseline_and_of_joint_assessments():
    report = build_report(
        PERIOD,
        counts(
            supported=40, new=20, new_with_baseline=15, assessments_done=30, assessments_together=24
        ),
        [],
        KEYS,
    )
    assert report.new_with_baseline == Cell(SHOWN, 75)
    assert report.together == Cell(SHOWN, 80)
    # 27 of 30 would tell that 3 assessments were done alone: not shown.
    nearly_all = build_report(
        PERIOD, counts(supported=40, assessments_done=30, assessments_together=27), [], KEYS
    )
    assert nearly_all.together.state == TOO_FEW


def test_progress_average_baseline_and_average_gain_of_those_progressing():
    # 10 people up by 2 in both areas, 5 down by 1 in both, 5 with only a baseline.
    pairs = [pair((4, 6), (6, 8))] * 10 + [pair((5, 5), (4, 4))] * 5 + [pair((3, 3), None)] * 5
    report = build_report(PERIOD, counts(supported=20), pairs, KEYS)
    assert report.compared == Cell(SHOWN, 15)
    assert report.making_progress == Cell(SHOWN, 67)  # 10 of 15
    assert report.average_gain == Cell(SHOWN, 2.0)
    # Overall baseline: 10 people at 5, 5 at 5, 5 at 3 -> (50 + 25 + 15) / 20 = 4.5
    assert report.average_baseline == Cell(SHOWN, 4.5)
    area_a = report.areas[0]
    assert area_a.baseline == Cell(SHOWN, 4.0)  # area a alone: (40 + 25 + 15) / 20
    assert area_a.latest == Cell(SHOWN, round((60 + 20) / 15, 1))
    assert area_a.share_up == Cell(SHOWN, 67)


def test_an_area_someone_did_not_score_is_left_out_of_that_area_only():
    pairs = [pair((4, None), (6, 7))] * 10 + [pair((4, 4), (5, 5))] * 10
    report = build_report(PERIOD, counts(supported=20), pairs, KEYS)
    assert report.areas[0].baseline == Cell(SHOWN, 4.0)
    assert report.areas[1].baseline == Cell(SHOWN, 4.0)  # only the 10 who scored b
    assert report.areas[1].latest == Cell(SHOWN, 5.0)


def test_averages_and_shares_over_fewer_than_ten_people_are_not_shown():
    pairs = [pair((4, 4), (6, 6))] * 9
    report = build_report(PERIOD, counts(supported=9), pairs, KEYS)
    assert report.average_baseline.state == TOO_FEW
    assert report.making_progress.state == TOO_FEW
    assert report.average_gain.state == TOO_FEW
    assert all(line.baseline.state == TOO_FEW for line in report.areas)


def _published_facts(report):
    """Every number the report publishes that is about counts of people."""
    return {key: cell.value for key, cell in report.counts.items() if cell.shown}


def _candidates(report, raw, hidden_key):
    """Every true value of `hidden_key` consistent with all that was published: the
    shown counts, and that a pair whose difference was small had its part hidden."""
    shown = _published_facts(report)
    options = []
    for guess in range(0, 200):
        trial = dict(raw, **{hidden_key: guess})
        consistent = True
        for key, value in shown.items():
            if trial[key] != value:
                consistent = False
        if report.counts[hidden_key].state == FEWER_THAN_5 and guess not in range(1, 5):
            consistent = False
        for whole, part in NESTED:
            if part == hidden_key and whole in shown and trial[part] > trial[whole]:
                consistent = False
        if consistent:
            options.append(guess)
    return options


def test_a_suppressed_count_cannot_be_recovered_from_the_rest_of_the_report():
    # 14 supported, 11 new: subtracting would reveal 3 people who were not new.
    # 2 left: fewer than 5.
    raw = dict(
        supported=14,
        new=11,
        left=2,
        over_six_months=0,
        baselines_done=9,
        reviews_done=0,
        reviews_due=0,
        ongoing_reviews_done=0,
        ongoing_reviews_due=0,
    )
    report = build_report(PERIOD, counts(**raw, new_with_baseline=9), [], KEYS)
    assert report.counts["new"].state == HIDDEN
    assert report.counts["left"].state == FEWER_THAN_5
    for key in ("new", "left"):
        assert len(_candidates(report, raw, key)) >= 2, key
    # Nor does the share of new people with a baseline give "new" away: 9 of 11 leaves
    # 2 out, a small number, so that share is not shown either.
    assert report.new_with_baseline.state == TOO_FEW


def test_progress_is_counted_as_my_progress_counts_it():
    """The report's one-pass count agrees with app/outcomes/scoring.py on mixed data."""
    import random

    from app.outcomes.scoring import service_progress

    rng = random.Random(15)
    keys = [f"k{n}" for n in range(9)]

    def scores():
        return {k: rng.choice([None, *range(1, 11)]) for k in keys}

    pairs = [ScorePair(scores(), scores() if rng.random() < 0.8 else None) for _ in range(500)]
    for higher_is_better in (True, False):
        report = build_report(PERIOD, counts(supported=500), pairs, keys, higher_is_better)
        expected = service_progress(
            keys, [(p.baseline, p.latest) for p in pairs if p.latest], higher_is_better
        )
        assert report.compared == Cell(SHOWN, expected.people)
        assert report.making_progress == Cell(
            SHOWN, round(100 * expected.making_progress / expected.people)
        )
        assert report.average_gain == Cell(
            SHOWN, round(expected.average_change_of_those_progressing, 1)
        )


def test_scores_up_to_date_and_done_jointly_among_people_still_supported():
    recent, stale = date(2026, 9, 1), date(2026, 6, 1)  # the period ends 30 September

    def person(on, together, at_end=True):
        return ScorePair({"a": 4, "b": 4}, {"a": 5, "b": 5}, on, together, at_end)

    pairs = (
        [person(recent, True)] * 12  # up to date and joint
        + [person(recent, False)] * 5  # up to date, alone
        + [person(stale, True)] * 5  # joint, but more than 6 weeks before the end
        + [person(recent, True, at_end=False)] * 7  # left before the end: not counted
    )
    report = build_report(PERIOD, counts(supported=29), pairs, KEYS, review_days=42)
    assert report.up_to_date_together == Cell(SHOWN, round(100 * 12 / 22))
    few = build_report(PERIOD, counts(supported=9), pairs[:9], KEYS, review_days=42)
    assert few.up_to_date_together.state == TOO_FEW
