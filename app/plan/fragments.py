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
from collections import OrderedDict
from threading import Lock
from typing import Any

from flask import current_app, url_for
from markupsafe import Markup

from app import access
from app.accessibility.languages import current_language
from app.plan.parts import Part

KEEP = 512  # drawings kept per process; a crisis plan's is about 12 KB
_drawn: OrderedDict[tuple[Any, ...], Markup] = OrderedDict()
_lock = Lock()


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
    viewed = access.viewed_person().id if someone_else else None
    key = (
        part.key,
        content_digest(content),
        current_language().code,
        url_for(".show_part", slug=part.slug),
        viewed,
        someone_else,
        can_change,
        can_suggest,
    )
    with _lock:
        found = _drawn.get(key)
        if found is not None:
            _drawn.move_to_end(key)
            return found
    template = current_app.jinja_env.get_template("plan/_sections.html")
    drawn = Markup(  # noqa: S704 - the output of an autoescaped .html template
        template.render(
            part=part,
            content=content,
            filled=filled,
            someone_else=someone_else,
            can_change=can_change,
            can_suggest=can_suggest,
        )
    )
    with _lock:
        _drawn[key] = drawn
        while len(_drawn) > KEEP:
            _drawn.popitem(last=False)
    return drawn


def forget_drawings() -> None:
    """For tests: start cold."""
    with _lock:
        _drawn.clear()
