"""The permissions a person can give a member of their circle, and the presets.

Defaults are the least access: a member starts with nothing the person did not tick."""

from __future__ import annotations

from dataclasses import dataclass

from flask_babel import gettext
from flask_babel import lazy_gettext as _l
from flask_babel.speaklater import LazyString

from app.data.circle.grants import (
    EDIT,
    HELP_ALERTS,
    REVIEW_TOGETHER,
    SUGGEST,
    VIEW_NEEDS,
    VIEW_PROGRESS,
    sees_any_part,
    view_part,
)
from app.data.circle.models import CARER, PEER_MENTOR
from app.plan.parts import PARTS
from app.template_filters import and_list


@dataclass(frozen=True)
class Permission:
    key: str
    label: LazyString  # for the person choosing: "See my progress scores"
    group: str  # plan | actions | other
    # For the member, about the person (%(name)s): "See Sam's progress scores".
    about: LazyString | None = None

    def for_member(self, name: str) -> str:
        return str(self.about) % {"name": name} if self.about is not None else str(self.label)


def _part_permissions() -> list[Permission]:
    return [
        Permission(view_part(part.key), _l("See: %(part)s", part=part.title), "plan")
        for part in PARTS
    ]


PERMISSIONS: list[Permission] = [
    *_part_permissions(),
    Permission(
        SUGGEST,
        _l("Suggest changes to the parts they can see"),
        "actions",
        _l("Suggest changes to the parts you can see"),
    ),
    Permission(
        EDIT,
        _l("Change the parts they can see"),
        "actions",
        _l("Change the parts you can see"),
    ),
    Permission(
        VIEW_PROGRESS, _l("See my progress scores"), "other", _l("See %(name)s's progress scores")
    ),
    Permission(
        REVIEW_TOGETHER,
        _l("Do my progress reviews with me"),
        "other",
        _l("Do %(name)s's progress reviews with them"),
    ),
    Permission(
        VIEW_NEEDS,
        _l("See my communication needs"),
        "other",
        _l("See %(name)s's communication needs"),
    ),
    Permission(
        HELP_ALERTS,
        _l("Get my 'I need help' alerts"),
        "other",
        _l("Get %(name)s's 'I need help' alerts"),
    ),
]
PERMISSION_KEYS = [permission.key for permission in PERMISSIONS]
PERMISSIONS_BY_KEY = {permission.key: permission for permission in PERMISSIONS}


@dataclass(frozen=True)
class Preset:
    key: str
    role: str
    label: LazyString
    permissions: frozenset[str]


PRESETS: list[Preset] = [
    Preset(
        "carer_crisis_plan",
        CARER,
        _l("Carer: crisis plan only"),
        frozenset({view_part("crisis_plan"), SUGGEST, HELP_ALERTS}),
    ),
    Preset(
        "peer_mentor_everything",
        PEER_MENTOR,
        _l("Peer mentor: everything, and review together"),
        frozenset(PERMISSION_KEYS),
    ),
]
PRESETS_BY_KEY = {preset.key: preset for preset in PRESETS}

ROLE_LABELS = {CARER: _l("Carer"), PEER_MENTOR: _l("Peer mentor")}


def clean_permissions(chosen: list[str] | set[str]) -> set[str]:
    """Only permissions we know; suggest or edit mean nothing without a part to see."""
    kept = {key for key in chosen if key in PERMISSIONS_BY_KEY}
    if not sees_any_part(kept):
        kept -= {SUGGEST, EDIT}
    return kept


def describe(permissions: set[str]) -> list[LazyString]:
    """What these permissions allow, as the person who gives them reads it."""
    return [p.label for p in PERMISSIONS if p.key in permissions]


def describe_for_member(permissions: set[str] | frozenset[str], name: str) -> list[str]:
    """What these permissions allow, as the member reads it: about the person by name,
    the parts of the plan on one line ("See in Sam's plan: Crisis plan and Triggers")."""
    parts = [str(part.title) for part in PARTS if view_part(part.key) in permissions]
    lines = [gettext("See in %(name)s's plan: %(parts)s", name=name, parts=and_list(parts))]
    return (lines if parts else []) + [
        p.for_member(name) for p in PERMISSIONS if p.key in permissions and p.group != "plan"
    ]
