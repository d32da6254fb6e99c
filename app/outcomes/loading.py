"""Instruments a service adds as JSON files, and which instruments a service turns on.

A file in KEEPWELL_INSTRUMENTS_DIR named `<key>.json` looks like this (any text may be
one string or a mapping of language code to text; "en" is the fallback):

    {
      "key": "wellbeing5",
      "name": {"en": "Five wellbeing questions", "cy": "..."},
      "description": "How you have felt over the last two weeks.",
      "licence": "Used under licence from ...",
      "scale": {"low": 0, "high": 5, "anchors": ["At no time", "...", "All of the time"],
                "easy_anchors": [...optional: easy read, one short sentence per point...]},
      "items": [{"key": "cheerful", "title": "Cheerful", "question": "...", "short": "...",
                 "steps": [...optional, one per point...],
                 "easy_steps": [...optional: easy read, one per point...],
                 "not_for_me": false}],
      "subscales": [{"key": "total", "label": "...", "items": ["cheerful", "..."]}]
    }

A broken file stops the app at start-up with a message naming the problem, rather than
letting a person meet a half-made question on a bad day.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

from flask import current_app

from app.outcomes.instruments import SHIPPED, Instrument, Item, LocalText, Subscale, Text

KEY = re.compile(r"^[a-z][a-z0-9_]{0,30}$")
MAX_FILE_BYTES = 256 * 1024
MAX_POINTS = 11


class InstrumentError(ValueError):
    """An instrument file that cannot be used, and why."""


def _text(value: Any, where: str) -> Text:
    if isinstance(value, str) and value.strip():
        return value.strip()
    if (
        isinstance(value, dict)
        and value
        and all(isinstance(k, str) and isinstance(v, str) and v.strip() for k, v in value.items())
    ):
        return LocalText(tuple((k, v.strip()) for k, v in value.items()))
    raise InstrumentError(f"{where} needs words: a string, or a mapping of language to string")


def _key(value: Any, where: str) -> str:
    if not isinstance(value, str) or not KEY.match(value):
        raise InstrumentError(f"{where} must be lower-case letters, digits and _")
    return value


def _texts(values: Any, count: int, where: str) -> tuple[Text, ...]:
    if values in (None, []):
        return ()
    if not isinstance(values, list) or len(values) != count:
        raise InstrumentError(f"{where} needs one entry for each of the {count} points")
    return tuple(_text(v, f"{where}[{i}]") for i, v in enumerate(values))


def _item(raw: Any, count: int, where: str) -> Item:
    if not isinstance(raw, dict):
        raise InstrumentError(f"{where} must be an object")
    title = _text(raw.get("title"), f"{where}.title")
    return Item(
        key=_key(raw.get("key"), f"{where}.key"),
        title=title,
        question=_text(raw.get("question"), f"{where}.question"),
        short=_text(raw["short"], f"{where}.short") if raw.get("short") else title,
        steps=_texts(raw.get("steps"), count, f"{where}.steps"),
        easy_steps=_texts(raw.get("easy_steps"), count, f"{where}.easy_steps"),
        not_for_me=bool(raw.get("not_for_me", False)),
        not_for_me_label=_text(raw["not_for_me_label"], f"{where}.not_for_me_label")
        if raw.get("not_for_me_label")
        else "",
    )


def parse_instrument(raw: Any) -> Instrument:
    if not isinstance(raw, dict):
        raise InstrumentError("the file must hold one JSON object")
    scale = raw.get("scale")
    if not isinstance(scale, dict):
        raise InstrumentError("scale is missing")
    low, high = scale.get("low"), scale.get("high")
    if not (isinstance(low, int) and isinstance(high, int) and 0 <= low < high):
        raise InstrumentError("scale.low and scale.high must be whole numbers, low < high")
    count = high - low + 1
    if count > MAX_POINTS:
        raise InstrumentError(f"a scale may have at most {MAX_POINTS} points")
    raw_items = raw.get("items")
    if not isinstance(raw_items, list) or not raw_items:
        raise InstrumentError("items must be a non-empty list")
    items = tuple(_item(v, count, f"items[{i}]") for i, v in enumerate(raw_items))
    keys = [item.key for item in items]
    if len(set(keys)) != len(keys):
        raise InstrumentError("two items share a key")
    anchors = _texts(scale.get("anchors"), count, "scale.anchors")
    if not anchors and not all(item.steps for item in items):
        raise InstrumentError("give scale.anchors, or steps for every item")
    subscales = []
    for i, sub in enumerate(raw.get("subscales") or []):
        members = sub.get("items") if isinstance(sub, dict) else None
        if not isinstance(members, list) or not members or not set(members) <= set(keys):
            raise InstrumentError(f"subscales[{i}].items must name items of this instrument")
        subscales.append(
            Subscale(
                _key(sub.get("key"), f"subscales[{i}].key"),
                _text(sub.get("label"), f"subscales[{i}].label"),
                tuple(members),
            )
        )
    return Instrument(
        key=_key(raw.get("key"), "key"),
        name=_text(raw.get("name"), "name"),
        description=_text(raw.get("description"), "description"),
        low=low,
        high=high,
        items=items,
        anchors=anchors,
        easy_anchors=_texts(scale.get("easy_anchors"), count, "scale.easy_anchors"),
        subscales=tuple(subscales),
        licence=str(raw.get("licence", "")),
        higher_is_better=bool(raw.get("higher_is_better", True)),
    )


def load_instrument_file(path: Path) -> Instrument:
    if path.stat().st_size > MAX_FILE_BYTES:
        raise InstrumentError(f"{path.name} is larger than {MAX_FILE_BYTES} bytes")
    try:
        raw = json.loads(path.read_text(encoding="utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as error:
        raise InstrumentError(f"{path.name} is not valid JSON: {error}") from error
    try:
        instrument = parse_instrument(raw)
    except InstrumentError as error:
        raise InstrumentError(f"{path.name}: {error}") from error
    if f"{instrument.key}.json" != path.name:
        raise InstrumentError(f"{path.name} must be named {instrument.key}.json")
    return instrument


def available_instruments(enabled: list[str], folder: str | None) -> dict[str, Instrument]:
    """The instruments this service turned on, in its order (the first is the main one)."""
    found = dict(SHIPPED)
    if folder:
        for path in sorted(Path(folder).glob("*.json")):
            instrument = load_instrument_file(path)
            if instrument.key in SHIPPED:
                raise InstrumentError(f"{path.name} would replace the shipped {instrument.key}")
            found[instrument.key] = instrument
    unknown = [key for key in enabled if key not in found]
    if unknown:
        raise InstrumentError(f"KEEPWELL_INSTRUMENTS names unknown instruments: {unknown}")
    return {key: found[key] for key in enabled}


EXTENSION_KEY = "keepwell_instruments"


def init_instruments(app: Any) -> None:
    enabled = app.config["OUTCOME_INSTRUMENTS"]
    app.extensions[EXTENSION_KEY] = available_instruments(
        enabled, app.config.get("OUTCOME_INSTRUMENTS_DIR")
    )


def instruments() -> dict[str, Instrument]:
    return current_app.extensions[EXTENSION_KEY]


def main_instrument() -> Instrument:
    return next(iter(instruments().values()))


def get_instrument(key: str) -> Instrument | None:
    return instruments().get(key)
