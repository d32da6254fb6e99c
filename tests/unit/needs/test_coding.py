"""The mapping from Keepwell's needs to NHS SNOMED CT concepts (app/needs/ais_snomed.json)."""

from __future__ import annotations

import json
import re

import pytest

from app.data.needs.records import NeedValues
from app.needs.vocabulary import DATA_FILE, LANGUAGE_LABELS, NEEDS, NEEDS_BY_KEY, coded

# Verhoeff tables: every SNOMED CT identifier ends with a Verhoeff check digit.
_D = [
    [0, 1, 2, 3, 4, 5, 6, 7, 8, 9],
    [1, 2, 3, 4, 0, 6, 7, 8, 9, 5],
    [2, 3, 4, 0, 1, 7, 8, 9, 5, 6],
    [3, 4, 0, 1, 2, 8, 9, 5, 6, 7],
    [4, 0, 1, 2, 3, 9, 5, 6, 7, 8],
    [5, 9, 8, 7, 6, 0, 4, 3, 2, 1],
    [6, 5, 9, 8, 7, 1, 0, 4, 3, 2],
    [7, 6, 5, 9, 8, 2, 1, 0, 4, 3],
    [8, 7, 6, 5, 9, 3, 2, 1, 0, 4],
    [9, 8, 7, 6, 5, 4, 3, 2, 1, 0],
]
_P = [
    [0, 1, 2, 3, 4, 5, 6, 7, 8, 9],
    [1, 5, 7, 6, 2, 8, 3, 0, 9, 4],
    [5, 8, 0, 3, 7, 9, 6, 1, 4, 2],
    [8, 9, 1, 6, 0, 4, 3, 5, 2, 7],
    [9, 4, 5, 3, 1, 2, 6, 8, 7, 0],
    [4, 2, 8, 6, 5, 7, 3, 9, 0, 1],
    [2, 7, 9, 3, 8, 0, 6, 4, 1, 5],
    [7, 0, 4, 6, 9, 1, 3, 2, 5, 8],
]


def verhoeff_ok(number: str) -> bool:
    check = 0
    for position, digit in enumerate(reversed(number)):
        check = _D[check][_P[position % 8][int(digit)]]
    return check == 0


def all_concepts():
    data = json.loads(DATA_FILE.read_text(encoding="utf-8"))
    for group in ("needs", "interpreter_by_language"):
        for key, entry in data[group].items():
            if entry["snomed_id"] is not None:
                yield key, entry


def test_the_check_digit_test_itself_catches_a_wrong_digit():
    assert verhoeff_ok("138875005") and verhoeff_ok("404684003")  # well-known concepts
    assert verhoeff_ok("204331000000107")
    assert not verhoeff_ok("204331000000108")
    assert not verhoeff_ok("204313000000107")  # two digits swapped


@pytest.mark.parametrize(("key", "entry"), list(all_concepts()))
def test_every_code_is_a_well_formed_snomed_ct_concept_id(key, entry):
    sctid = entry["snomed_id"]
    assert re.fullmatch(r"[1-9][0-9]{5,17}", sctid), key
    # Partition identifier (the two digits before the check digit): 00 or 10, a concept.
    assert sctid[-3:-1] in ("00", "10"), key
    assert verhoeff_ok(sctid), key
    assert entry["term"] and entry["term"] == entry["term"].strip(), key


def test_every_need_the_person_can_tick_is_in_the_data_file_and_nothing_else_is():
    data = json.loads(DATA_FILE.read_text(encoding="utf-8"))
    assert set(data["needs"]) == set(NEEDS_BY_KEY)
    assert len(NEEDS) == len(NEEDS_BY_KEY)
    assert set(data["interpreter_by_language"]) <= set(LANGUAGE_LABELS)


def test_a_need_without_a_code_says_why_and_is_never_given_one():
    data = json.loads(DATA_FILE.read_text(encoding="utf-8"))
    uncoded = [key for key, entry in data["needs"].items() if entry["snomed_id"] is None]
    assert "no_phone_calls" in uncoded and "bsl_video" in uncoded
    for key in uncoded:
        assert data["needs"][key]["why_no_code"], key
        assert coded(key) == NeedValues(key=key)


def test_coded_needs_carry_the_nhs_id_and_term():
    assert coded("easy_read") == NeedValues(
        key="easy_read", snomed_id="796161000000101", snomed_term="Requires information in Easyread"
    )
    assert coded("bsl_interpreter").snomed_term == "British Sign Language interpreter needed"


def test_an_interpreter_is_coded_by_language_or_generically():
    assert coded("interpreter", "cy").snomed_id == "204231000000101"
    assert coded("interpreter", "cy").snomed_term == "Welsh language interpreter needed"
    assert coded("interpreter", "en").snomed_id == "315594003"
    assert coded("interpreter", "Tigrinya").snomed_id == "315594003"


def test_an_unknown_key_is_kept_as_words_not_guessed():
    assert coded("sign_language_please") == NeedValues(own_words="sign_language_please")
