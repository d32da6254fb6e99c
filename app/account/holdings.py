"""What Keepwell holds about a person, counted in plain words, for the page that asks
before an account is deleted. Counted from the data download itself, so it can never
leave out what the download (and so the deletion) covers."""

from __future__ import annotations

from typing import Any

from flask_babel import ngettext


def what_is_held(export: dict[str, Any]) -> list[str]:
    plan = export.get("plan") or {}
    parts = list(plan.get("parts", {}).values())
    circle = export.get("circle") or {}
    sharing = [m for m in circle.get("people_in_my_circle", []) if not m.get("ended_at_utc")]
    written = sum(1 for part in parts if part.get("content"))
    versions = sum(len(part.get("revisions", [])) for part in parts)
    assessments = len(export.get("progress") or [])
    supporting = len(circle.get("people_i_support", []))
    passkeys = len((export.get("account") or {}).get("passkeys", []))
    ratings = len(export.get("group_ratings") or [])
    held = [
        written
        and ngettext(
            "%(num)d part of your plan, with what you wrote in it",
            "%(num)d parts of your plan, with what you wrote in them",
            written,
        ),
        versions
        and ngettext(
            "%(num)d earlier version of your plan",
            "%(num)d earlier versions of your plan",
            versions,
        ),
        assessments
        and ngettext("%(num)d progress assessment", "%(num)d progress assessments", assessments),
        sharing
        and ngettext(
            "%(num)d person in your circle: they will not see anything of yours again",
            "%(num)d people in your circle: they will not see anything of yours again",
            len(sharing),
        ),
        supporting
        and ngettext(
            "your place in %(num)d other person's circle: you will not see their plan again",
            "your place in %(num)d other people's circles: you will not see their plans again",
            supporting,
        ),
        passkeys and ngettext("%(num)d passkey", "%(num)d passkeys", passkeys),
        ratings and ngettext("%(num)d rating of a group", "%(num)d ratings of groups", ratings),
    ]
    return [str(words) for words in held if words]
