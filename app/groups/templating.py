"""What Find groups' templates need: a search's URL with some of its choices changed."""

from __future__ import annotations

from typing import Any

from flask import url_for


def search_url(args: Any, **changes: Any) -> str:
    """This search's URL with some parameters changed (None drops one), keeping every
    value of multi-valued ones like types=peer-support&types=creative."""
    values = args.to_dict(flat=False)
    values.update(changes)
    return url_for("groups.search", **values)
