"""Drawings kept for the next request that would draw exactly the same thing (issue 16):
a bounded, thread-safe store in each app process, one per kind of drawing. The key must
hold everything the drawing depends on; nothing about who may see it is kept, so the
caller decides access first, on every request."""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Callable, Hashable
from threading import Lock
from typing import Any

from flask import current_app
from markupsafe import Markup


class KeptDrawings:
    def __init__(self, keep: int) -> None:
        self.keep = keep  # the least recently used go first beyond this many
        self._drawn: OrderedDict[Hashable, Markup] = OrderedDict()
        self._lock = Lock()

    def get_or_draw(self, key: Hashable, draw: Callable[[], Markup]) -> Markup:
        with self._lock:
            found = self._drawn.get(key)
            if found is not None:
                self._drawn.move_to_end(key)
                return found
        drawn = draw()  # outside the lock: two requests may both draw; either is right
        with self._lock:
            self._drawn[key] = drawn
            while len(self._drawn) > self.keep:
                self._drawn.popitem(last=False)
        return drawn

    def clear(self) -> None:
        with self._lock:
            self._drawn.clear()


def draw_template(name: str, **context: Any) -> Markup:
    """A template drawn on its own, with only what it is given and the app's globals."""
    template = current_app.jinja_env.get_template(name)
    return Markup(template.render(**context))  # noqa: S704 - an autoescaped .html template
