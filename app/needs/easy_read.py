"""Meet: easy read. A person who needs easy read gets easy-read versions of the pages
that have one, from then on; anyone can turn it on or off on this device.

Easy read follows the usual conventions: one idea per short sentence, common words, a
picture beside each point (OpenMoji, CC BY-SA 4.0: app/static/easy-read/ATTRIBUTION.md),
text at least 14 point. Pictures load lazily and only on these pages."""

from __future__ import annotations

from flask import g, request
from flask_login import current_user

from app.data.needs.records import need_items
from app.person_flags import person_flag

COOKIE = "kw_easy_read"  # "1" on, "0" off: the choice on this device wins over the needs
# The pages that have an easy-read version, by their standard template. Each part of the
# plan has easy-read guidance too (easy_read/_part_guidance.html, in plan/part.html).
EASY_PAGES = {
    "auth/sign_up.html": "easy_read/sign_up.html",
    "auth/sign_up_password.html": "easy_read/sign_up_password.html",
    "circle/invite.html": "easy_read/circle_invite.html",
    "circle/invite_custom.html": "easy_read/circle_invite_custom.html",
    "circle/invite_ready.html": "easy_read/circle_invite_ready.html",
    "circle/join_confirm.html": "easy_read/join_confirm.html",
    "circle/join_landing.html": "easy_read/join_landing.html",
    "help/help.html": "easy_read/help.html",
    "home/welcome.html": "easy_read/welcome.html",
    "outcomes/area.html": "easy_read/progress_question.html",
    "reminders/settings.html": "easy_read/reminders.html",
}


def easy_read_on() -> bool:
    if "easy_read" not in g:
        chosen = request.cookies.get(COOKIE)
        if chosen in ("0", "1"):
            g.easy_read = chosen == "1"
        elif current_user.is_authenticated:
            g.easy_read = person_flag(
                "needs_easy_read",
                lambda: any(item.key == "easy_read" for item in need_items(current_user.id)),
            )
        else:
            g.easy_read = False
    return bool(g.easy_read)


def page(template: str) -> str:
    """The easy-read version of a page when the person gets easy read and it has one."""
    if easy_read_on() and template in EASY_PAGES:
        g.easy_read_page = True  # the whole page is easy read: no intro above it
        return EASY_PAGES[template]
    return template
