"""A service's instrument file is checked thoroughly when the app starts."""

from __future__ import annotations

import json

import pytest

from app.outcomes.instruments import DIALOG, LLR9, SHIPPED
from app.outcomes.loading import (
    InstrumentError,
    available_instruments,
    load_instrument_file,
    parse_instrument,
)

GOOD = {
    "key": "mood2",
    "name": "Two mood questions",
    "description": "Over the last week.",
    "scale": {"low": 1, "high": 3, "anchors": ["Low", "OK", "Good"]},
    "items": [
        {"key": "mood", "title": "Mood", "question": "How is your mood?"},
        {
            "key": "sleep",
            "title": "Sleep",
            "question": "How is your sleep?",
            "steps": ["Poor", "Some nights", "Good"],
            "not_for_me": True,
        },
    ],
}


def test_the_shipped_tools_have_words_for_every_step():
    assert len(LLR9.items) == 9 and all(len(item.steps) == 10 for item in LLR9.items)
    assert [item.key for item in LLR9.items if item.not_for_me] == ["work"]
    assert len(DIALOG.items) == 11 and len(DIALOG.anchors) == 7
    assert DIALOG.subscales[0].items == tuple(item.key for item in DIALOG.items[:8])
    assert DIALOG.subscales[1].items == tuple(item.key for item in DIALOG.items[8:])
    assert all(
        not instrument.licence or "free" in instrument.licence for instrument in SHIPPED.values()
    )


def test_every_shipped_step_has_one_short_easy_read_sentence():
    for item in LLR9.items:
        assert len(item.easy_steps) == len(item.steps) == 10, item.key
        for easy in item.easy_steps:
            assert str(easy).endswith(".") and str(easy).count(".") == 1, easy
            assert len(str(easy).split()) <= 14, easy  # short: no longer than it need be
    assert len(DIALOG.easy_anchors) == len(DIALOG.anchors)
    assert str(DIALOG.easy_words_for(DIALOG.items[0], 1)) == "I am not happy with it at all."
    assert str(LLR9.easy_words_for(LLR9.items[3], 4)) == (
        "I have asked for help with money or benefits."
    )


def test_a_services_file_may_add_easy_read_and_falls_back_to_its_own_words():
    plain = parse_instrument(GOOD)
    assert str(plain.easy_words_for(plain.items[1], 2)) == "Some nights"
    easy = parse_instrument(
        GOOD
        | {
            "scale": GOOD["scale"]
            | {"easy_anchors": ["I feel low.", "I feel OK.", "I feel good."]},
            "items": [
                GOOD["items"][0],
                GOOD["items"][1] | {"easy_steps": ["I sleep badly.", "Some nights.", "Good."]},
            ],
        }
    )
    assert str(easy.easy_words_for(easy.items[0], 3)) == "I feel good."
    assert str(easy.easy_words_for(easy.items[1], 1)) == "I sleep badly."
    with pytest.raises(InstrumentError, match="easy_steps needs one entry for each"):
        parse_instrument(GOOD | {"items": [GOOD["items"][0] | {"easy_steps": ["a"]}]})


def test_a_good_file_loads(tmp_path):
    path = tmp_path / "mood2.json"
    path.write_text(json.dumps(GOOD))
    instrument = load_instrument_file(path)
    assert instrument.key == "mood2" and instrument.points == range(1, 4)
    assert str(instrument.words_for(instrument.items[1], 2)) == "Some nights"
    assert str(instrument.words_for(instrument.items[0], 3)) == "Good"


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"key": "Bad Key"}, "key must be lower-case"),
        ({"scale": {"low": 3, "high": 1}}, "low < high"),
        ({"scale": {"low": 0, "high": 20, "anchors": []}}, "at most 11 points"),
        ({"items": []}, "items must be a non-empty list"),
        ({"items": [GOOD["items"][0], GOOD["items"][0]]}, "two items share a key"),
        (
            {"scale": {"low": 1, "high": 3, "anchors": ["a", "b"]}},
            "one entry for each of the 3 points",
        ),
        ({"name": ""}, "name needs words"),
        ({"subscales": [{"key": "x", "label": "X", "items": ["nope"]}]}, "must name items"),
    ],
)
def test_a_broken_file_is_refused_with_a_reason(change, message):
    with pytest.raises(InstrumentError, match=message):
        parse_instrument(GOOD | change)


def test_a_file_must_be_named_after_its_key_and_not_replace_a_shipped_tool(tmp_path):
    (tmp_path / "other.json").write_text(json.dumps(GOOD))
    with pytest.raises(InstrumentError, match="must be named mood2.json"):
        available_instruments(["llr9"], str(tmp_path))
    (tmp_path / "other.json").unlink()
    (tmp_path / "llr9.json").write_text(json.dumps(GOOD | {"key": "llr9"}))
    with pytest.raises(InstrumentError, match="would replace the shipped llr9"):
        available_instruments(["llr9"], str(tmp_path))


def test_unknown_instruments_in_the_setting_stop_start_up():
    with pytest.raises(InstrumentError, match="unknown instruments"):
        available_instruments(["llr9", "recovery_star"], None)
    assert list(available_instruments(["dialog", "llr9"], None)) == ["dialog", "llr9"]
