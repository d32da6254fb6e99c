"""Flag: the person's needs, in a few words, wherever someone they granted "see my
communication needs" meets them. Showing the flag is a look at the needs, so it is
asked of app/access.py (which writes it to the person's Who looked) every time."""

from __future__ import annotations

from collections.abc import Collection
from typing import Any

from flask import g
from flask_login import current_user

from app import access
from app.access import Action
from app.data.needs.records import needs_of_many
from app.needs.summary import NeedsSummary, summarise


def needs_for_member(person_id: int) -> NeedsSummary | None:
    """The needs of someone who shares with the signed-in member, if they may see them
    (logged as a look); None if not granted, or if it is the member's own."""
    if g.get("error_page"):  # the page failed and was rolled back: it shows nothing
        return None
    read_needs_flags([person_id])
    found: NeedsSummary | None = g.get("_needs_flags", {}).get(person_id)
    return found


def read_needs_flags(person_ids: Collection[int]) -> None:
    """The flags of these people, kept for the request: for a whole list (People I
    support) access is asked for all of them, and the needs of those who share them
    read, in a few queries rather than a few per person. Each one shown is still asked
    of app/access.py, and logged, as one look."""
    me = current_user._get_current_object()
    if not me.is_authenticated or g.get("error_page"):
        return
    cache: dict[int, NeedsSummary | None] = g.setdefault("_needs_flags", {})
    wanted = [p for p in dict.fromkeys(person_ids) if p != me.id and p not in cache]
    access.read_standings(me.id, wanted)
    shared = [p for p in wanted if access.can(me, p, access.COMMUNICATION_NEEDS, Action.VIEW)]
    records = needs_of_many(shared)
    for person_id in wanted:
        cache[person_id] = None
        if person_id in records:
            access.require(me, person_id, access.COMMUNICATION_NEEDS, Action.VIEW)
            cache[person_id] = summarise(*records[person_id])


def needs_flag(person: Any) -> list[str]:
    """For templates: the flag's words about this person (a user, or their id), or []
    to show nothing."""
    shown = needs_for_member(person if isinstance(person, int) else getattr(person, "id", 0))
    return shown.flag() if shown is not None else []
