"""Tells the page's `keep-draft` script that the server now has what was typed, so the
copy kept on the device can go. Keys look like `plan:<part>:<section>:<entry or new>`."""

from __future__ import annotations

from flask import session

SESSION_KEY = "saved_draft"


def note_saved_draft(key: str) -> None:
    session[SESSION_KEY] = key


def take_saved_draft() -> str:
    return session.pop(SESSION_KEY, "") if SESSION_KEY in session else ""


def plan_draft_key(part_key: str, section_key: str, entry_id: str | None) -> str:
    return f"plan:{part_key}:{section_key}:{entry_id or 'new'}"
