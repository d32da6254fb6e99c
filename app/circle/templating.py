"""What the layout and other templates need from the circle: readable names for log
entries, the People I support menu item, and help-alert banners."""

from __future__ import annotations

from dataclasses import dataclass

from flask import g, url_for
from flask_babel import gettext as _
from flask_login import current_user

from app import access
from app.access import Action
from app.data.circle.alerts import unseen_alerts_for
from app.data.circle.members import does_support_anyone
from app.data.circle.models import HelpAlert
from app.person_flags import person_flag
from app.plan.parts import PARTS_BY_KEY


def area_name(area: str) -> str:
    kind, _sep, key = area.partition(":")
    if kind == "plan_part" and key in PARTS_BY_KEY:
        return str(PARTS_BY_KEY[key].title)
    names = {
        "plan": _("the list of plan parts"),
        "progress": _("progress"),
        "communication_needs": _("communication needs"),
        "account": _("account"),
        "service_record": _("your name and review dates, on your service's list of reviews due"),
        "service_person": _("your page at your service: your name and what you were signposted to"),
        "service_people": _("your name, on your service's list of its people"),
    }
    return names.get(kind, area)


def access_action(action: str) -> str:
    names = {
        "view": _("looked at"),
        "change": _("changed"),
        "suggest": _("suggested a change to"),
        "review": _("did a review with you of"),
        "sign_in": _("signed in"),
    }
    return names.get(action, action)


def supports_anyone() -> bool:
    if not current_user.is_authenticated:
        return False
    return person_flag("supports_anyone", lambda: does_support_anyone(current_user.id))


def help_alerts_for_me() -> list[HelpAlert]:
    """Unseen "I need help" alerts from people this person supports: a banner on every
    page until they say they have seen it."""
    if not supports_anyone() or not g.get("has_help_alerts", True):
        return []
    return unseen_alerts_for(access.current_person())


@dataclass(frozen=True)
class MemberLink:
    label: object  # about the person: %(name)s is their name
    endpoint: str
    area: access.Area


MEMBER_LINKS: list[MemberLink] = []


def add_member_link(link: MemberLink) -> None:
    """Another capability's page about a person, listed on their page for members."""
    if all(existing.endpoint != link.endpoint for existing in MEMBER_LINKS):
        MEMBER_LINKS.append(link)


def member_links(someone: object) -> list[dict[str, str]]:
    person_id = getattr(someone, "id", None)
    return [
        {
            "label": str(link.label) % {"name": getattr(someone, "name_to_show", "")},
            "url": url_for(link.endpoint),
        }
        for link in MEMBER_LINKS
        if person_id is not None and access.can(current_user, person_id, link.area, Action.VIEW)
    ]


def may_see_crisis_plan(owner_id: int) -> bool:
    """For an "I need help" banner: may this member open the person's crisis plan?"""
    return access.can(current_user, owner_id, access.plan_part("crisis_plan"), Action.VIEW)
