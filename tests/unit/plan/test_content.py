"""The pure logic that keeps two devices from overwriting each other."""

from __future__ import annotations

import pytest

from app.plan import content as c

BASE = {
    "triggers": [
        {"id": "e000000000001", "text": "Crowds"},
        {"id": "e000000000002", "text": "Bills"},
    ]
}
A, B = "e000000000001", "e000000000002"


def test_functions_never_change_their_input():
    before = repr(BASE)
    c.add_entry(BASE, "triggers", {"text": "New"})
    c.replace_entry(BASE, "triggers", A, {"text": "X"})
    c.move_entry(BASE, "triggers", B, -1)
    c.remove_entry(BASE, "triggers", A)
    assert repr(BASE) == before


def test_move_stays_within_the_list():
    assert [e["id"] for e in c.move_entry(BASE, "triggers", A, -1)["triggers"]] == [A, B]
    assert [e["id"] for e in c.move_entry(BASE, "triggers", A, 1)["triggers"]] == [B, A]
    assert [e["id"] for e in c.move_entry(BASE, "triggers", B, 5)["triggers"]] == [A, B]


def test_an_edit_on_the_current_version_just_applies():
    outcome = c.merge_edit(BASE, BASE, "triggers", A, {"text": "Big crowds"})
    assert outcome.content["triggers"][0]["text"] == "Big crowds"


def test_an_edit_to_an_entry_nobody_else_touched_merges():
    current = c.replace_entry(BASE, "triggers", B, {"text": "Bills and letters"})
    outcome = c.merge_edit(BASE, current, "triggers", A, {"text": "Big crowds"})
    assert outcome.conflict is None
    texts = [e["text"] for e in outcome.content["triggers"]]
    assert texts == ["Big crowds", "Bills and letters"]


def test_two_different_edits_to_one_entry_are_a_conflict_with_both_texts():
    current = c.replace_entry(BASE, "triggers", A, {"text": "Crowds on buses"})
    outcome = c.merge_edit(BASE, current, "triggers", A, {"text": "Crowds and queues"})
    assert outcome.content is None
    assert outcome.conflict.theirs["text"] == "Crowds on buses"
    assert outcome.conflict.mine == {"text": "Crowds and queues"}


def test_the_same_edit_twice_changes_nothing():
    current = c.replace_entry(BASE, "triggers", A, {"text": "Same"})
    assert c.merge_edit(BASE, current, "triggers", A, {"text": "Same"}).unchanged


def test_an_edit_to_an_entry_removed_elsewhere_is_a_conflict():
    current = c.remove_entry(BASE, "triggers", A)
    outcome = c.merge_edit(BASE, current, "triggers", A, {"text": "Still here"})
    assert outcome.conflict is not None and outcome.conflict.theirs is None


@pytest.mark.parametrize(
    ("choice", "texts"),
    [
        ("mine", ["Mine", "Bills"]),
        ("theirs", ["Theirs", "Bills"]),
        ("both", ["Theirs", "Mine", "Bills"]),
    ],
)
def test_resolving_keeps_either_or_both(choice, texts):
    current = c.replace_entry(BASE, "triggers", A, {"text": "Theirs"})
    result = c.resolve(current, "triggers", A, {"text": "Mine"}, choice)
    assert [e["text"] for e in result["triggers"]] == texts


def test_resolving_an_entry_removed_elsewhere_puts_mine_back():
    current = c.remove_entry(BASE, "triggers", A)
    result = c.resolve(current, "triggers", A, {"text": "Mine"}, "both")
    assert [e["text"] for e in result["triggers"]] == ["Bills", "Mine"]


def test_entry_ids_are_checked_for_shape():
    assert c.is_entry_id(c.new_entry_id())
    for bad in ("", "e123", "x000000000000", "e00000000000g", "e0000000000000"):
        assert not c.is_entry_id(bad)


def test_stored_content_is_validated_against_the_parts_sections():
    assert c.validate_content(BASE, {"triggers"}) == BASE
    with pytest.raises(ValueError):
        c.validate_content({"other": []}, {"triggers"})
    with pytest.raises(ValueError):
        c.validate_content({"triggers": [{"id": "bad"}]}, {"triggers"})
