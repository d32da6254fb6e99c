"""The one access policy: who may see or change which part of whose data.

Every view that touches a person's data asks `require(actor, owner_id, area, action)`.
Routes also declare who may reach them at all (`@public`, `@signed_in`); a route that
declares nothing is treated as signed-in only, and a test lists any that forgot.

Today a person's data is theirs alone. Carers and peer mentors join through
`circle_grant`, which answers from the grants a person gives (see issue on circles);
keep every rule here so the answer can be audited in one place.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from enum import StrEnum
from typing import Any, Protocol, TypeVar

from flask import abort, g
from flask_login import current_user

F = TypeVar("F", bound=Callable[..., Any])


class Action(StrEnum):
    VIEW = "view"
    SUGGEST = "suggest"
    CHANGE = "change"


class Actor(Protocol):
    id: int

    @property
    def is_authenticated(self) -> bool: ...


@dataclass(frozen=True)
class Area:
    """A piece of a person's data that can be shared or kept private on its own."""

    kind: str  # plan_part | plan | progress | reminders | communication_needs | account
    key: str = ""

    def __str__(self) -> str:
        return f"{self.kind}:{self.key}" if self.key else self.kind


def plan_part(part_key: str) -> Area:
    return Area("plan_part", part_key)


PLAN = Area("plan")  # the plan as a whole: review dates, printing, history of every part
ACCOUNT = Area("account")  # passkeys, sessions, download, delete: never shared
PROGRESS = Area("progress")  # outcome scores, reviews and charts
REMINDERS = Area("reminders")  # the owner's own devices and reminder times: never shared


@dataclass(frozen=True)
class Decision:
    allowed: bool
    related: bool  # does the actor have any standing with this person at all?


def decide(actor: Actor | None, owner_id: int, area: Area, action: Action) -> Decision:
    if actor is None or not actor.is_authenticated:
        return Decision(False, False)
    if actor.id == owner_id:
        return Decision(True, True)
    return Decision(False, False)


def can(actor: Actor | None, owner_id: int, area: Area, action: Action) -> bool:
    return decide(actor, owner_id, area, action).allowed


def require(actor: Actor | None, owner_id: int, area: Area, action: Action) -> None:
    """Stop the request unless allowed.

    A stranger gets 404, so guessing a URL does not even reveal that a person exists;
    someone with standing but without this permission gets 403.
    """
    decision = decide(actor, owner_id, area, action)
    if decision.allowed:
        return
    abort(403 if decision.related else 404)


def viewed_person() -> Any:
    """Whose data this request is about.

    Usually the signed-in person. On routes mounted for someone's circle of support
    (/people/<id>/...), the person who shared with them, set in `g.viewed_person` once
    the circle has been checked. Views still call `require` for each part they show.
    """
    person = g.get("viewed_person")
    if person is not None:
        return person
    return current_user._get_current_object()  # type: ignore[attr-defined]


# Route-level declarations --------------------------------------------------------------

PUBLIC = "public"
SIGNED_IN = "signed_in"


def public(view: F) -> F:
    """Anyone, signed in or not, may open this route."""
    view.access_rule = PUBLIC  # type: ignore[attr-defined]
    return view


def signed_in(view: F) -> F:
    """Only a signed-in person; what data they reach is still decided by `require`."""
    view.access_rule = SIGNED_IN  # type: ignore[attr-defined]
    return view


def rule_for(view: Callable[..., Any] | None) -> str:
    return getattr(view, "access_rule", SIGNED_IN) if view is not None else SIGNED_IN
