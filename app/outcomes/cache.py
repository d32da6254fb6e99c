"""A small in-process cache for the heavy part of My progress (charts, table, history).

Entries are keyed by a fingerprint of the person's saved assessments (how many, their
versions, the last change), their language and time zone, so a new or corrected
assessment is a new key: nothing is ever served stale, and nothing needs deleting.
Each app worker keeps its own; a cold one just draws the charts once.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable
from typing import TypeVar

T = TypeVar("T")
MAX_ENTRIES = 512


class LRUCache:
    def __init__(self, size: int = MAX_ENTRIES) -> None:
        self.size = size
        self._entries: OrderedDict[Hashable, object] = OrderedDict()
        self._lock = threading.Lock()

    def get_or_make(self, key: Hashable, make: Callable[[], T]) -> T:
        with self._lock:
            if key in self._entries:
                self._entries.move_to_end(key)
                return self._entries[key]  # type: ignore[return-value]
        value = make()  # outside the lock: two first requests may both draw; both are right
        with self._lock:
            self._entries[key] = value
            self._entries.move_to_end(key)
            while len(self._entries) > self.size:
                self._entries.popitem(last=False)
        return value

    def clear(self) -> None:
        with self._lock:
            self._entries.clear()


progress_bodies = LRUCache()
