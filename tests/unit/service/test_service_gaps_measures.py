"""The report's advice and navigation, reviews due and peer support figures on
hand-built numbers with known answers, suppression included, and an attempt to recover
a suppressed signposting count from everything else the report publishes."""

from __future__ import annotations

from datetime import date

from app.data.service.reports import ActivityCounts, PeerSupportCounts
from app.data.service.signposting import KINDS
from app.service.measures import COUNTS, NESTED, SIGNPOSTED_NESTED, build_report
from app.service.periods import Period
from app.service.suppression import FEWER_THAN_5, HIDDEN, SHOWN, Cell

KEYS = ["a", "b"]
PERIOD = Period(date(2026, 7, 1), date(2026, 9, 30))


def counts(**values: int) -> ActivityCounts:
    base = dict.fromkeys(ActivityCounts.__dataclass_fields__, 0)
    base.update(values)
    return ActivityCounts(**base)


def test_reviews_due_are_published_beside_reviews_done():
    report = build_report(
        PERIOD,
        counts(supported=60, reviews_done=25, reviews_due=31, ongoing_reviews_done=6),
        [],
        KEYS,
    )
    assert report.counts["reviews_due"] == Cell(SHOWN, 31)
    assert report.counts["reviews_done"] == Cell(SHOWN, 25)
    assert report.counts["ongoing_reviews_due"] == Cell(SHOWN, 0)  # nought singles nobody out
    assert COUNTS.index("reviews_due") == COUNTS.index("reviews_done") + 1


def test_one_to_four_reviews_due_show_as_fewer_than_five():
    report = build_report(
        PERIOD, counts(supported=60, reviews_due=4, ongoing_reviews_due=1), [], KEYS
    )
    assert report.counts["reviews_due"].state == FEWER_THAN_5
    assert report.counts["ongoing_reviews_due"].state == FEWER_THAN_5


def test_people_signposted_to_each_kind_with_small_numbers_suppressed():
    signposted = {
        "housing": 12,
        "money_advice": 3,  # 1 to 4: fewer than 5
        "physical_activity": 7,
        "talking_therapies": 0,
    }
    report = build_report(PERIOD, counts(supported=40), [], KEYS, signposted=signposted)
    assert list(report.signposted) == list(KINDS)  # every kind, in the commissioners' order
    assert report.signposted["housing"] == Cell(SHOWN, 12)
    assert report.signposted["money_advice"] == Cell(FEWER_THAN_5)
    assert report.signposted["physical_activity"] == Cell(SHOWN, 7)
    assert report.signposted["talking_therapies"] == Cell(SHOWN, 0)
    assert report.signposted["crisis_secondary_care"] == Cell(SHOWN, 0)  # nobody: 0, shown
    assert report.counts["supported"] == Cell(SHOWN, 40)
    assert "signposted:housing" not in report.counts


def test_a_kind_nearly_everyone_was_signposted_to_is_hidden_since_the_rest_are_few():
    # 20 supported, 17 signposted to housing: subtracting would single out 3 people.
    report = build_report(
        PERIOD, counts(supported=20), [], KEYS, signposted={"housing": 17, "money_advice": 20}
    )
    assert report.signposted["housing"] == Cell(HIDDEN)
    assert report.signposted["money_advice"] == Cell(SHOWN, 20)  # everyone: nobody left out


def _candidates(report, raw, hidden_kind):
    """Every count of people signposted to `hidden_kind` consistent with what the
    report shows: the shown counts, "fewer than 5", and that a kind is at most the
    people supported."""
    shown_counts = {k: c.value for k, c in report.counts.items() if c.shown}
    shown_kinds = {k: c.value for k, c in report.signposted.items() if c.shown}
    options = []
    for guess in range(0, 200):
        trial = dict(raw, **{hidden_kind: guess})
        consistent = all(trial.get(k, v) == v for k, v in shown_kinds.items())
        if report.signposted[hidden_kind].state == FEWER_THAN_5 and guess not in range(1, 5):
            consistent = False
        if "supported" in shown_counts and guess > shown_counts["supported"]:
            consistent = False
        # Hidden because the difference from people supported is small.
        hidden = report.signposted[hidden_kind].state == HIDDEN
        if hidden and shown_counts["supported"] - guess not in range(1, 5):
            consistent = False
        if consistent:
            options.append(guess)
    return options


def test_a_suppressed_signposting_count_cannot_be_recovered():
    raw = {"housing": 18, "money_advice": 2, "physical_activity": 9}
    report = build_report(PERIOD, counts(supported=21, new=9), [], KEYS, signposted=raw)
    assert report.signposted["housing"].state == HIDDEN
    assert report.signposted["money_advice"].state == FEWER_THAN_5
    for kind in ("housing", "money_advice"):
        assert len(_candidates(report, raw, kind)) >= 2, kind
    # Each kind is nested in people supported, as new people are.
    assert set(SIGNPOSTED_NESTED) == {("supported", f"signposted:{kind}") for kind in KINDS}
    assert not set(SIGNPOSTED_NESTED) & set(NESTED)


def test_peer_support_networks_are_listings_so_shown_as_they_are():
    report = build_report(
        PERIOD, counts(supported=40), [], KEYS, peer_support=PeerSupportCounts(listed=3, new=1)
    )
    assert report.peer_support == Cell(SHOWN, 3)
    assert report.new_peer_support == Cell(SHOWN, 1)
    nothing = build_report(PERIOD, counts(supported=40), [], KEYS)
    assert nothing.peer_support == Cell(SHOWN, 0) and nothing.new_peer_support == Cell(SHOWN, 0)
