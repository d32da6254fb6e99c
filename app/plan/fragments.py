"""A part's sections and entries, drawn once and kept for the next request that would
draw exactly the same thing: the heaviest piece of the plan's pages (issue 16).

The key is everything the drawing depends on: a digest of the content itself (so a
changed part can never be served from an old drawing, on this server or any other),
the part, the page's language, the address the links start from (whose plan, seen from
where), and what the viewer may do there (change, suggest, or only look). Nothing about
who may see the part is kept: the view has asked app/access.py before it gets here,
every time, and the drawing holds nothing but what that content shows to anyone who
may see it from that address."""

from __future__ import annotations

import hashlib
import json
from typing import Any

from flask import url_for
from markupsafe import Markup

from app import access
from app.accessibility.languages import current_language
from app.kept import KeptDrawings, draw_template
from app.plan.parts import Part

_drawn = KeptDrawings(keep=512)  # a crisis plan's sections are about 12 KB


def content_digest(content: dict[str, Any]) -> str:
    text = json.dumps(content, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    return hashlib.blake2b(text.encode(), digest_size=20).hexdigest()


def sections_html(
    part: Part,
    content: dict[str, Any],
    filled: list[str],
    someone_else: bool,
    can_change: bool,
    can_suggest: bool,
) -> Markup:
    """For templates: the part's sections, as plan/_sections.html draws them."""
    viewed = access.viewed_person().id if someone_else else None  # None: their own
    key = (
        part.key,
        content_digest(content),
        current_language().code,
        url_for(".show_part", slug=part.slug),
        viewed,
        can_change,
        can_suggest,
    )
    return _drawn.get_or_draw(
        key,
        lambda: draw_template(
            "plan/_sections.html",
            part=part,
            content=content,
            filled=filled,
            someone_else=someone_else,
            can_change=can_change,
            can_suggest=can_suggest,
        ),
    )


def forget_drawings() -> None:
    """For tests: start cold."""
    _drawn.clear()
