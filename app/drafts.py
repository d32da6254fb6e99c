"""Tells the page's `keep-draft` script that the server now has what was typed, so the
copy kept on the device can go.

Keys look like `plan:<owner id>:<part>:<section>:<entry or new>`: the owner is in the
key so a peer mentor's words for someone else's plan never turn up in their own."""

from __future__ import annotations

from flask import session

from app.replay import is_background

SESSION_KEY = "saved_draft"


def note_saved_draft(key: str) -> None:
    session[SESSION_KEY] = key


def take_saved_draft() -> str:
    # A page fetched in the background (for offline use) is not the page the person
    # sees: the note waits for theirs.
    if is_background() or SESSION_KEY not in session:
        return ""
    return str(session.pop(SESSION_KEY, ""))


def plan_draft_key(owner_id: int, part_key: str, section_key: str, entry_id: str | None) -> str:
    return f"plan:{owner_id}:{part_key}:{section_key}:{entry_id or 'new'}"
