"""Reading JSON someone else sent (a passkey's answer, a push subscription): bounded in
size and depth, so hostile input is a clear "no", never a crash (finding 9.11)."""

from __future__ import annotations

import json
from typing import Any


def load_json(text: str | bytes, max_length: int) -> Any:
    """The parsed value, or ValueError: too long, not JSON, or nested too deep to read."""
    if len(text) > max_length:
        raise ValueError("too long")
    try:
        return json.loads(text)
    except RecursionError as error:  # "[[[[..." thousands deep: Python's parser gives up
        raise ValueError("nested too deeply") from error


MAX_ID = 2**31 - 1  # the database's integer columns


def parse_id(text: str | None) -> int | None:
    """A row id typed into a form or link: ASCII digits only (not "²" or "١"), in range
    for the database; None otherwise (finding 9.16)."""
    if not text or not text.isascii() or not text.isdigit() or len(text) > 10:
        return None
    value = int(text)
    return value if 0 < value <= MAX_ID else None
