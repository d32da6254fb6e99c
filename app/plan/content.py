"""Pure functions over a plan part's content: add, change, move and remove entries, and
merge a change made from an older version with what was saved since.

Content is `{section_key: [entry, ...]}`; an entry is `{"id": "...", field: text, ...}`.
Functions never mutate their input; each returns new content.
"""

from __future__ import annotations

import copy
import secrets
from dataclasses import dataclass
from typing import Any

from app.data.plans.models import Content, Entry


def new_entry_id() -> str:
    return "e" + secrets.token_hex(6)


def is_entry_id(value: str) -> bool:
    return len(value) == 13 and value[0] == "e" and all(c in "0123456789abcdef" for c in value[1:])


def entries(content: Content, section_key: str) -> list[Entry]:
    return list(content.get(section_key, []))


def find_entry(content: Content, section_key: str, entry_id: str) -> Entry | None:
    return next((e for e in content.get(section_key, []) if e.get("id") == entry_id), None)


def find_entry_anywhere(content: Content, entry_id: str) -> tuple[str, Entry] | None:
    """An entry by its id, in whichever section it is now, with that section's key."""
    return next(
        ((key, e) for key, items in content.items() for e in items if e.get("id") == entry_id),
        None,
    )


def values_of(entry: Entry | None) -> dict[str, str]:
    if entry is None:
        return {}
    return {key: value for key, value in entry.items() if key != "id" and value}


LINK_KEYS = ("link_href", "link_label")


def link_of(entry: Entry | None) -> dict[str, str]:
    """The way back to where an entry came from, if it has one."""
    if entry is None:
        return {}
    return {key: entry[key] for key in LINK_KEYS if entry.get(key)}


def same_words(a: Entry | None, b: Entry | None) -> bool:
    return values_of(a) == values_of(b)


def count_entries(content: Content) -> int:
    return sum(len(items) for items in content.values())


def changed_entry(before: Content, after: Content) -> tuple[str, Entry] | None:
    """The entry one save added, removed, changed or moved (the first, if several), with
    its section's key: for saying which one in the history. None if no entry changed."""
    old = {e.get("id"): (key, e) for key, items in before.items() for e in items}
    new = {e.get("id"): (key, e) for key, items in after.items() for e in items}
    for entry_id, (key, entry) in new.items():
        if entry_id not in old or values_of(old[entry_id][1]) != values_of(entry):
            return key, entry
    for entry_id, found in old.items():
        if entry_id not in new:
            return found
    for key, items in after.items():
        for entry, was in zip(items, before.get(key, []), strict=False):
            if entry.get("id") != was.get("id"):
                return key, entry
    return None


def without_entries_since_removed(old: Content, current: Content) -> Content:
    """An earlier version with only the entries that are still in the plan: what someone
    in the circle may read of the history (never words the person has since deleted)."""
    kept = {entry.get("id") for items in current.values() for entry in items}
    return {key: [e for e in items if e.get("id") in kept] for key, items in old.items()}


def _copy(content: Content) -> Content:
    return copy.deepcopy(content)


def add_entry(
    content: Content, section_key: str, values: dict[str, str], entry_id: str | None = None
) -> Content:
    result = _copy(content)
    result.setdefault(section_key, []).append({"id": entry_id or new_entry_id(), **values})
    return result


def insert_after(
    content: Content, section_key: str, after_id: str, values: dict[str, str]
) -> Content:
    result = _copy(content)
    items = result.setdefault(section_key, [])
    index = next((i for i, e in enumerate(items) if e["id"] == after_id), len(items) - 1)
    items.insert(index + 1, {"id": new_entry_id(), **values})
    return result


def replace_entry(
    content: Content, section_key: str, entry_id: str, values: dict[str, str]
) -> Content:
    result = _copy(content)
    items = result.get(section_key, [])
    for index, entry in enumerate(items):
        if entry["id"] == entry_id:
            items[index] = {"id": entry_id, **values}
            return result
    raise KeyError(entry_id)


def move_entry(content: Content, section_key: str, entry_id: str, offset: int) -> Content:
    result = _copy(content)
    items = result.get(section_key, [])
    index = next((i for i, e in enumerate(items) if e["id"] == entry_id), None)
    if index is None:
        raise KeyError(entry_id)
    target = max(0, min(len(items) - 1, index + offset))
    items.insert(target, items.pop(index))
    return result


def remove_entry(content: Content, section_key: str, entry_id: str) -> Content:
    result = _copy(content)
    before = result.get(section_key, [])
    result[section_key] = [e for e in before if e["id"] != entry_id]
    if len(result[section_key]) == len(before):
        raise KeyError(entry_id)
    return result


@dataclass(frozen=True)
class Conflict:
    """Words saved elsewhere since this device opened the entry, beside this device's."""

    section_key: str
    entry_id: str
    theirs: Entry | None  # None when the other device removed the entry
    mine: dict[str, str]


@dataclass(frozen=True)
class EditOutcome:
    content: Content | None = None
    conflict: Conflict | None = None
    unchanged: bool = False


def merge_edit(
    base: Content, current: Content, section_key: str, entry_id: str, mine: dict[str, str]
) -> EditOutcome:
    """Three-way merge of one entry's change, made from `base`, onto `current`.

    Only a change to the same entry on both sides is a conflict; a change elsewhere in
    the part merges without asking. Saving the same words twice changes nothing.
    """
    theirs = find_entry(current, section_key, entry_id)
    original = find_entry(base, section_key, entry_id)
    if theirs is None:
        if original is None:
            # Never existed: an add whose id came with the form (double-tap safe).
            return EditOutcome(content=add_entry(current, section_key, mine, entry_id))
        return EditOutcome(conflict=Conflict(section_key, entry_id, None, mine))
    if values_of(theirs) == values_of(mine):
        return EditOutcome(unchanged=True)
    if original is not None and same_words(original, theirs):
        return EditOutcome(content=replace_entry(current, section_key, entry_id, mine))
    return EditOutcome(conflict=Conflict(section_key, entry_id, theirs, mine))


KEEP_MINE = "mine"
KEEP_THEIRS = "theirs"
KEEP_BOTH = "both"
CHOICES = (KEEP_MINE, KEEP_THEIRS, KEEP_BOTH)


def resolve(
    current: Content, section_key: str, entry_id: str, mine: dict[str, str], choice: str
) -> Content:
    """Apply the person's choice about a conflict to the newest content."""
    theirs = find_entry(current, section_key, entry_id)
    if choice == KEEP_THEIRS:
        return _copy(current)
    if choice == KEEP_MINE:
        if theirs is None:
            return add_entry(current, section_key, mine)
        return replace_entry(current, section_key, entry_id, mine)
    if choice == KEEP_BOTH:
        if theirs is None:
            return add_entry(current, section_key, mine)
        return insert_after(current, section_key, entry_id, mine)
    raise ValueError(choice)


def validate_content(content: Any, allowed_sections: set[str]) -> Content:
    """Content read back from storage or an import, checked to be the shape we write."""
    if not isinstance(content, dict):
        raise ValueError("content must be an object")
    clean: Content = {}
    for key, items in content.items():
        if key not in allowed_sections or not isinstance(items, list):
            raise ValueError(f"unknown section {key!r}")
        clean[key] = []
        for entry in items:
            if not isinstance(entry, dict) or not is_entry_id(str(entry.get("id", ""))):
                raise ValueError("bad entry")
            clean[key].append({str(k): str(v) for k, v in entry.items()})
    return clean
