"""Filters and globals for templates: dates in the person's language and time zone,
and small readable descriptions."""

from __future__ import annotations

import re
import unicodedata
from datetime import date, datetime
from typing import Any

from babel.lists import format_list
from flask import Flask
from flask_babel import format_date, format_datetime, get_locale, gettext
from flask_babel import lazy_gettext as _l
from flask_login import current_user
from markupsafe import Markup, escape

from app.access import is_viewing_someone_else, viewed_person
from app.data.accounts.models import User
from app.data.base import utcnow
from app.drafts import take_saved_draft
from app.navigation import dashboard_panels, extra_nav_items
from app.plan.content import count_entries
from app.plan.parts import PARTS_BY_KEY

CHANGE_DESCRIPTIONS = {
    "add": _l("Added an entry"),
    "edit": _l("Changed an entry"),
    "move": _l("Moved an entry"),
    "remove": _l("Removed an entry"),
    "restore": _l("Put back an earlier version"),
    "merge": _l("Settled a change from two devices"),
    "demo": _l("Filled in for the demo"),
    "from_outcomes": _l("Added from my progress"),
    "from_groups": _l("Added from Find groups"),
    "suggestion": _l("Accepted a suggestion"),
}


def when(value: datetime | None) -> str:
    if value is None:
        return ""
    return format_datetime(value, gettext("d MMMM yyyy 'at' HH:mm"))


def long_date(value: date | datetime | None) -> str:
    if value is None:
        return ""
    return format_date(value, "long")


def and_list(items: Any) -> str:
    """ "Sam and Rae", "Sam, Rae and Jo" in the person's language."""
    items = [str(item) for item in items]
    return format_list(items, locale=get_locale()) if items else ""


# A phone number or code in parts: digits, maybe a leading +, with spaces or hyphens
# between the parts (a single run of digits, "999", reads the same both ways).
NUMBER_RUN = re.compile(r"\+?\d+(?:[\- ]\d+)+")
TAG = re.compile(r"(<[^>]*>)")


def ltr_numbers(text: Any) -> Markup:
    """Phone numbers and codes kept left to right inside right-to-left text: in Urdu or
    Arabic, "116 123" would otherwise show as "123 116". Each run of digits is isolated
    in a left-to-right span; the rest is escaped as usual."""
    parts = TAG.split(str(escape(text)))  # markup itself is left alone
    # Safe: every part is escaped text, or markup that was already safe, plus our own
    # span around runs of digits.
    return Markup(  # noqa: S704
        "".join(
            part
            if part.startswith("<")
            else NUMBER_RUN.sub(lambda m: f'<span dir="ltr">{m.group(0)}</span>', part)
            for part in parts
        )
    )


def change_description(change: str) -> str:
    return str(CHANGE_DESCRIPTIONS.get(change, change))


def author_name(author: User | None) -> str:
    if author is None:
        return gettext("By someone who no longer has an account")
    if current_user.is_authenticated and author.id == current_user.id:
        return gettext("By you")
    return gettext("By %(name)s", name=author.name_to_show)


def tel_digits(number: str) -> str:
    """What a `tel:` link dials: the digits (any script's, as ASCII: "٠٧٧٠٠" dials) and
    a leading +, nothing else."""
    digits = "".join(str(unicodedata.decimal(ch)) if ch.isdecimal() else ch for ch in number)
    return "".join(ch for ch in digits if ch in "0123456789+")


def device_name(user_agent: str) -> str:
    from app.auth.passkeys import default_passkey_name

    ua = user_agent.lower()
    browser = ""
    for token, name in (
        ("edg/", "Edge"),
        ("firefox/", "Firefox"),
        ("chrome/", "Chrome"),
        ("safari/", "Safari"),
    ):
        if token in ua:
            browser = name
            break
    device = default_passkey_name(user_agent)
    return f"{device}, {browser}" if browser else device


def entry_count(content: dict[str, Any] | None) -> int:
    return count_entries(content or {})


def whose_title(own_title: str, other_title: str | None = None) -> str:
    """ "My plan" for the person; "Plan for Sam" for someone in Sam's circle, so the two
    are never mixed up on screen."""
    if not is_viewing_someone_else():
        return str(own_title)
    return gettext(
        "%(title)s for %(name)s",
        title=other_title or own_title,
        name=viewed_person().name_to_show,
    )


def viewing_someone_else() -> bool:
    return is_viewing_someone_else()


def now_local() -> datetime:
    return utcnow()


def register(app: Flask) -> None:
    for function in (
        when,
        long_date,
        and_list,
        ltr_numbers,
        change_description,
        author_name,
        tel_digits,
        device_name,
        entry_count,
    ):
        app.add_template_filter(function)
    app.add_template_global(now_local)
    app.add_template_global(whose_title)
    app.add_template_global(viewing_someone_else)
    app.add_template_global(viewed_person)
    app.add_template_global(take_saved_draft)
    app.add_template_global(extra_nav_items)
    app.add_template_global(dashboard_panels)
    app.jinja_env.globals["parts_by_key"] = PARTS_BY_KEY
