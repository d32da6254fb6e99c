"""Facts about the signed-in person that most pages need (People I support and Service
view in the menu, easy read): app/auth/sessions.py reads them in the same query as the
session and keeps them on `g`. A request that signed someone in has no such answers yet,
so the first page to need one asks it then."""

from __future__ import annotations

from collections.abc import Callable

from flask import g


def person_flag(name: str, ask: Callable[[], object]) -> bool:
    if name not in g:
        setattr(g, name, bool(ask()))
    return bool(g.get(name))
