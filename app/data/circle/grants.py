"""The permissions a person gives someone in their circle, as they are stored: one string
each, on a `circle_grants` row.

This is the one place the format is written down. `view:plan_part:<part key>` lets a
member see one part of the plan; every other permission is a fixed word. What each one
lets a member do is decided in app/access.py; what a person reads about each is in
app/circle/permissions.py."""

from __future__ import annotations

from collections.abc import Iterable

VIEW_PLAN_PART_PREFIX = "view:plan_part:"
SUGGEST = "suggest"  # suggest changes to the parts they can see
EDIT = "edit"  # change the parts they can see
VIEW_PROGRESS = "view:progress"
REVIEW_TOGETHER = "review_together"
VIEW_NEEDS = "view:communication_needs"
HELP_ALERTS = "help_alerts"  # get the person's "I need help" alerts


def view_part(part_key: str) -> str:
    return VIEW_PLAN_PART_PREFIX + part_key


def is_view_part(permission: str) -> bool:
    return permission.startswith(VIEW_PLAN_PART_PREFIX)


def sees_any_part(permissions: Iterable[str]) -> bool:
    return any(is_view_part(permission) for permission in permissions)
