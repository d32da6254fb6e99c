"""The needs Keepwell asks about, in the person's words, and the NHS code each is
recorded as (from ais_snomed.json beside this file, checked against the NHS list).

Pure: no requests, no database. `coded(key, language)` is what gets stored for a need."""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from flask_babel import lazy_gettext as _l
from flask_babel.speaklater import LazyString

from app.data.needs.models import CONTACT, FORMAT, SUPPORT
from app.data.needs.records import NeedValues

DATA_FILE = Path(__file__).with_name("ais_snomed.json")


@dataclass(frozen=True)
class Need:
    key: str
    kind: str
    label: LazyString  # what the person ticks: "Easy read"
    flag: LazyString  # what their circle reads in the flag: "Easy read"


NEEDS: list[Need] = [
    Need("easy_read", FORMAT, _l("Easy read"), _l("Easy read")),
    Need("large_print", FORMAT, _l("Large print (20 point or bigger)"), _l("Large print")),
    Need("audio", FORMAT, _l("Read aloud or audio"), _l("Audio")),
    Need("bsl_video", FORMAT, _l("British Sign Language (BSL) video"), _l("BSL video")),
    Need("braille_grade_2", FORMAT, _l("Braille (contracted, grade 2)"), _l("Braille")),
    Need("braille_grade_1", FORMAT, _l("Braille (uncontracted, grade 1)"), _l("Braille")),
    Need("email_information", FORMAT, _l("Information by email"), _l("Information by email")),
    Need("plain_words", FORMAT, _l("Plain words, no jargon"), _l("Plain words")),
    Need(
        "bsl_interpreter",
        SUPPORT,
        _l("A British Sign Language (BSL) interpreter"),
        _l("Needs a BSL interpreter"),
    ),
    Need(
        "interpreter",
        SUPPORT,
        _l("An interpreter for my language"),
        _l("Needs an interpreter"),
    ),
    Need("lipspeaker", SUPPORT, _l("A lipspeaker"), _l("Needs a lipspeaker")),
    Need(
        "deafblind_interpreter",
        SUPPORT,
        _l("A deafblind interpreter"),
        _l("Needs a deafblind interpreter"),
    ),
    Need("advocate", SUPPORT, _l("An advocate"), _l("Needs an advocate")),
    Need("reader", SUPPORT, _l("Someone to read things out to me"), _l("Read things out")),
    Need("forms_help", SUPPORT, _l("Someone to help me fill in forms"), _l("Help with forms")),
    Need("extra_time", SUPPORT, _l("More time in appointments"), _l("More time")),
    Need("quiet_place", SUPPORT, _l("A quiet place"), _l("A quiet place")),
    Need("hearing_loop", SUPPORT, _l("A hearing loop"), _l("Hearing loop")),
    Need(
        "someone_with_me",
        SUPPORT,
        _l("Someone with me to help me understand"),
        _l("Someone with them"),
    ),
    Need("contact_text", CONTACT, _l("Text messages"), _l("Contact by text")),
    Need("contact_email", CONTACT, _l("Email"), _l("Contact by email")),
    Need("contact_letter", CONTACT, _l("Letters"), _l("Contact by letter")),
    Need(
        "contact_text_relay",
        CONTACT,
        _l("Relay UK (text relay)"),
        _l("Contact by Relay UK"),
    ),
    Need("no_phone_calls", CONTACT, _l("No phone calls"), _l("No phone calls")),
    Need("contact_phone_only", CONTACT, _l("Phone calls only"), _l("Phone calls only")),
]
NEEDS_BY_KEY = {need.key: need for need in NEEDS}

LANGUAGES: list[tuple[str, LazyString]] = [
    ("en", _l("English")),
    ("bsl", _l("British Sign Language (BSL)")),
    ("cy", _l("Welsh (Cymraeg)")),
    ("pl", _l("Polish (Polski)")),
    ("ur", _l("Urdu (اردو)")),
    ("ar", _l("Arabic (العربية)")),
    ("pa", _l("Panjabi (ਪੰਜਾਬੀ)")),
    ("gu", _l("Gujarati (ગુજરાતી)")),
    ("yue", _l("Cantonese (廣東話)")),
    ("cmn", _l("Mandarin (普通话)")),
]
LANGUAGE_LABELS = dict(LANGUAGES)


def needs_of_kind(kind: str) -> list[Need]:
    return [need for need in NEEDS if need.kind == kind]


@cache
def codes() -> dict[str, Any]:
    data: dict[str, Any] = json.loads(DATA_FILE.read_text(encoding="utf-8"))
    return data


def coded(key: str, language: str = "") -> NeedValues:
    """What is stored for a need the person ticked: its key, and its SNOMED CT concept
    when the NHS list has one that means the same. An interpreter is coded for the
    person's language where the list has one ("Polish language interpreter needed")."""
    entry = codes()["needs"].get(key)
    if entry is None:
        return NeedValues(own_words=key)
    if key == "interpreter":
        entry = codes()["interpreter_by_language"].get(language, entry)
    if entry.get("snomed_id") is None:
        return NeedValues(key=key)
    return NeedValues(key=key, snomed_id=entry["snomed_id"], snomed_term=entry["term"])


def language_label(language: str) -> str:
    """A language key's name in the page's language, or the person's own words."""
    label = LANGUAGE_LABELS.get(language)
    return str(label) if label is not None else language


def need_label(key: str, own_words: str = "") -> str:
    need = NEEDS_BY_KEY.get(key)
    return str(need.label) if need is not None else own_words


def flag_words(key: str, own_words: str = "") -> str:
    need = NEEDS_BY_KEY.get(key)
    return str(need.flag) if need is not None else own_words
