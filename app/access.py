"""The one access policy: who may see or change which part of whose data.

Every view that touches a person's data asks `require(actor, owner_id, area, action)`.
Routes also declare who may reach them at all (`@public`, `@signed_in`); a route that
declares nothing is treated as signed-in only, and a test lists any that forgot.

The rules, in full:
- A person may do anything with their own data.
- Someone in their circle of support may do exactly what they were granted, per part
  (see app/circle/permissions.py): view a part, suggest changes to or edit the parts
  they can view, view progress, review together (only with view progress: a review
  shows the answers so far), see communication needs. Nothing else: account settings,
  the circle itself, plan reviews and discarding an unfinished assessment stay the
  person's own.
- While the person has paused sharing, or after they ended a member's access, that
  member may do nothing (they are told why: 403). Anyone else gets 404, so guessing
  a URL does not even reveal that a person exists. A service manager is "anyone else"
  unless invited like anyone else.
- Every look by someone other than the owner is written to the owner's access log,
  including a form to change or suggest a change, which shows the words too.
- A person's place in a service (joining, what it counts, leaving, taking themselves out
  of its reports) is theirs alone, like their account: nobody in their circle and no
  one at the service may change it.
- A service's report is for that service's managers only: counts, shares and averages
  of the people who joined it and agreed, with small numbers suppressed, and never
  anyone's words. A worker of the service is told no (403); anyone else, including a
  manager of another service or a directory manager, gets 404, as if there were no
  such service. Removing someone from the staff ends this on their next request.
- A service's staff (managers and workers) may see who is due a review: the names and
  review dates of people who are members now and agreed, nothing else. Each such look
  is written to that person's Who looked.
- A service's staff may also see the list of its people (names only), and a person's
  page at the service: their name, when they joined, and what the service recorded
  signposting them to; and record a new "signposted to" there (a kind from a fixed list,
  perhaps a listing, never any words). Only for someone who is a member now and agreed:
  for anyone else (never joined, left, withdrew consent) the page does not exist (404),
  as it does not for staff of another service, a removed worker or a stranger. Each look
  is written to that person's Who looked.
- The groups directory is public to read. Directory managers (a system-wide role, for
  its upkeep) may add and edit any listing. A service's managers may edit only the
  listings linked to their service, and add listings that are then linked to it;
  anyone else signed in is told no (403), as for the directory's other screens.

The permissions are stored as strings whose format is written once, in
app/data/circle/grants.py; this module alone decides what each lets a member do. In
tests and development, a request that looked up whose data it was about (`viewed_person`)
but never asked `require` fails loudly (`check_require_was_asked`), so a view that forgot
cannot pass its tests.
"""

from __future__ import annotations

from collections.abc import Callable, Collection
from dataclasses import dataclass
from enum import StrEnum
from typing import Any, Protocol, TypeVar

from flask import abort, g, has_request_context, request
from flask_login import current_user

from app.data.circle import grants
from app.data.circle.access_log import log_access
from app.data.circle.members import Standing, standing, standings
from app.data.groups.people import is_directory_manager
from app.data.service.listings import provider_of_listing
from app.data.service.models import MANAGER
from app.data.service.signposting import is_counted_member
from app.data.service.staff import staff_role

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

    kind: str  # plan_part | plan | progress | reminders | communication_needs | account | circle
    key: str = ""

    def __str__(self) -> str:
        return f"{self.kind}:{self.key}" if self.key else self.kind


def plan_part(part_key: str) -> Area:
    return Area("plan_part", part_key)


PLAN = Area("plan")  # the plan as a whole: which parts there are, when it is due a review
PROGRESS = Area("progress")  # outcome scores, reviews and charts
COMMUNICATION_NEEDS = Area("communication_needs")
ACCOUNT = Area("account")  # passkeys, sessions, download, delete: never shared
CIRCLE = Area("circle")  # who is in the circle and what they may do: never shared
REMINDERS = Area("reminders")  # the owner's own devices and reminder times: never shared
# Putting back an earlier version of a part of the plan: the person's own decision (it
# could bring back words they deleted), even for someone who may change the part.
PLAN_VERSIONS = Area("plan_versions")
# Throwing away an unfinished assessment: the person's own decision, even when a peer
# mentor started the review with them.
PROGRESS_DRAFTS = Area("progress_drafts")

ENDED = "ended"
PAUSED = "paused"
NOT_SHARED = "not_shared"
GROUP_RATINGS = Area("group_ratings")  # the ratings a person gives groups: theirs alone
# The services a person joined and agreed to be counted by: theirs alone to change.
SERVICE_MEMBERSHIPS = Area("service_memberships")
# What a service's staff see of a member: their name and review dates, on the list of
# reviews due. Logged for the person; never shared through the circle.
SERVICE_RECORD = Area("service_record")
# A member's page at a service: their name, join date and signposting (app/service).
SERVICE_PERSON = Area("service_person")
# The list of a service's people: their names only.
SERVICE_PEOPLE = Area("service_people")
# What someone shares with me: my own place in their circle (my role, my grants). Any
# member whose access is live may see it; it is not the person's data, so not logged.
SHARING_WITH_ME = Area("sharing_with_me")
NOT_LOGGED = frozenset({SHARING_WITH_ME})


@dataclass(frozen=True)
class Decision:
    allowed: bool
    related: bool  # does the actor have any standing with this person at all?
    reason: str = ""


ALLOW = Decision(True, True)
STRANGER = Decision(False, False)


def needed_permissions(area: Area, action: Action) -> frozenset[str] | None:
    """The grants a member needs for this; None means only the person themselves."""
    if area.kind == "plan_part":
        view = grants.view_part(area.key)
        return {
            Action.VIEW: frozenset({view}),
            Action.SUGGEST: frozenset({view, grants.SUGGEST}),
            Action.CHANGE: frozenset({view, grants.EDIT}),
        }[action]
    if area.kind in ("plan", "sharing_with_me"):
        # Members see which shared parts exist; only the person marks a review done.
        return frozenset() if action == Action.VIEW else None
    if area.kind == "progress":
        # Reviewing together shows the answers so far: it needs "see my progress" too.
        if action == Action.VIEW:
            return frozenset({grants.VIEW_PROGRESS})
        return frozenset({grants.VIEW_PROGRESS, grants.REVIEW_TOGETHER})
    if area.kind == "communication_needs" and action == Action.VIEW:
        return frozenset({grants.VIEW_NEEDS})
    return None


def permits(permissions: Collection[str], area: Area, action: Action) -> bool:
    """Whether a member holding these grants may do this (their circle row is active
    and sharing is not paused: `decide` checks those first)."""
    needed = needed_permissions(area, action)
    return needed is not None and needed <= set(permissions)


def shares_any_plan_part(permissions: Collection[str]) -> bool:
    """Whether these grants let a member see at least one part of the plan."""
    return grants.sees_any_part(permissions)


def standing_of(actor_id: int, owner_id: int) -> Standing | None:
    """The actor's place in the owner's circle (None if none), read once per request."""
    if not has_request_context():
        return standing(owner_id, actor_id)
    cache: dict[tuple[int, int], Standing | None] = g.setdefault("_circle_standing", {})
    key = (owner_id, actor_id)
    if key not in cache:
        cache[key] = standing(owner_id, actor_id)
    return cache[key]


def read_standings(actor_id: int, owner_ids: Collection[int]) -> None:
    """Read the actor's place in many owners' circles at once, for a page that lists
    them (People I support): `decide` then finds them in this request's cache. Only
    this request, and only this actor: nothing is kept for anyone else."""
    if not has_request_context():
        return
    cache: dict[tuple[int, int], Standing | None] = g.setdefault("_circle_standing", {})
    wanted = [owner for owner in owner_ids if (owner, actor_id) not in cache]
    for owner, found in standings(wanted, actor_id).items():
        cache[(owner, actor_id)] = found


def forget_standing() -> None:
    """After changing someone's grants within a request, read them afresh."""
    if has_request_context():
        g.pop("_circle_standing", None)


def decide(actor: Actor | None, owner_id: int, area: Area, action: Action) -> Decision:
    if actor is None or not actor.is_authenticated:
        return STRANGER
    if actor.id == owner_id:
        return ALLOW
    member = standing_of(actor.id, owner_id)
    if member is None:
        return STRANGER
    if not member.active:
        return Decision(False, True, ENDED)
    if member.paused:
        return Decision(False, True, PAUSED)
    if not permits(member.permissions, area, action):
        return Decision(False, True, NOT_SHARED)
    return ALLOW


def can(actor: Actor | None, owner_id: int, area: Area, action: Action) -> bool:
    return decide(actor, owner_id, area, action).allowed


def require(actor: Actor | None, owner_id: int, area: Area, action: Action) -> None:
    """Stop the request unless allowed; log a view by anyone but the owner.

    A stranger gets 404; a member without this permission, or whose access ended or
    is paused, gets 403 with the reason, so they are told rather than left guessing.
    """
    if has_request_context():
        g.access_required = True
    decision = decide(actor, owner_id, area, action)
    if not decision.allowed:
        abort(403 if decision.related else 404, description=decision.reason)
    # A look is logged whatever it was for: a form to change or suggest shows the words
    # too. Changes themselves are logged with the change (app/data).
    reading = action == Action.VIEW or (has_request_context() and request.method == "GET")
    if actor is not None and actor.id != owner_id and reading and area not in NOT_LOGGED:
        log_access(owner_id, actor, str(area), Action.VIEW.value)  # type: ignore[arg-type]


# The groups directory is not anyone's data: it is public to read, and changed only by
# service managers (granted with `flask groups grant-manager`). Moderating comments is
# part of managing it.


def may_manage_directory(actor: Actor | None) -> bool:
    if actor is None or not actor.is_authenticated:
        return False
    return is_directory_manager(actor.id)


def require_directory_manager(actor: Actor | None) -> None:
    """403 for a signed-in person who is not a service manager (routes that use this are
    @signed_in, so strangers are sent to sign in before they get here)."""
    if not may_manage_directory(actor):
        abort(403)


def may_edit_listing(actor: Actor | None, listing_id: str) -> bool:
    """A directory manager may edit any listing; a service's manager only their own."""
    if actor is None or not actor.is_authenticated:
        return False
    if is_directory_manager(actor.id):
        return True
    provider_id = provider_of_listing(listing_id)
    return provider_id is not None and staff_role(provider_id, actor.id) == MANAGER


def require_listing_editor(actor: Actor | None, listing_id: str) -> None:
    """403 for a signed-in person who may not edit this listing (a manager of another
    service, a worker, anyone else): listings are public, so nothing is hidden by 404."""
    if has_request_context():
        g.access_required = True
    if not may_edit_listing(actor, listing_id):
        abort(403)


# A service's report: its managers only --------------------------------------------------


def service_role(actor: Actor | None, provider_id: int) -> str | None:
    """The actor's role at this service, read afresh on every request (so removal from
    the staff takes effect at once)."""
    if actor is None or not actor.is_authenticated:
        return None
    return staff_role(provider_id, actor.id)


def require_service_manager(actor: Actor | None, provider_id: int) -> None:
    """404 for anyone with no place at the service (a manager of another one included),
    403 for its workers, who are staff but do not see reports."""
    if has_request_context():
        g.access_required = True
    role = service_role(actor, provider_id)
    if role != MANAGER:
        abort(404 if role is None else 403)


def require_service_staff(actor: Actor | None, provider_id: int) -> None:
    """404 for anyone who is not on the service's staff."""
    if has_request_context():
        g.access_required = True
    if service_role(actor, provider_id) is None:
        abort(404)


def log_service_look(
    actor: Actor, person_ids: Collection[int], area: Area = SERVICE_RECORD
) -> None:
    """Staff saw these people's names (and review dates, on the list of reviews due):
    each person's Who looked says so."""
    for person_id in person_ids:
        if person_id != actor.id:
            log_access(person_id, actor, str(area), Action.VIEW.value)  # type: ignore[arg-type]


def require_service_person(
    actor: Actor | None, provider_id: int, person_id: int, action: Action
) -> None:
    """A person's page at a service: its staff only, and only while the person is a
    member who agreed; 404 for everything else, so the page of someone who left (or of
    someone at another service) is as if it never was. A look is logged for the person."""
    if has_request_context():
        g.access_required = True
    if service_role(actor, provider_id) is None or not is_counted_member(provider_id, person_id):
        abort(404)
    assert actor is not None  # staff are signed in
    reading = action == Action.VIEW or (has_request_context() and request.method == "GET")
    if reading:
        log_service_look(actor, [person_id], SERVICE_PERSON)


def current_person() -> Any:
    """The signed-in person themselves (the author of any change they make)."""
    return current_user._get_current_object()


def viewed_person() -> Any:
    """Whose data this request is about.

    Usually the signed-in person. On routes mounted for someone's circle of support
    (/people/<id>/...), the person who shared with them, set in `g.viewed_person` once
    the circle has been checked. Views still call `require` for each part they show.
    """
    g.access_viewed = True
    person = g.get("viewed_person")
    if person is not None:
        return person
    return current_user._get_current_object()


def check_require_was_asked() -> None:
    """After a view, in tests and development: a request about someone's data (it looked
    up whose, or was mounted under /people/<id>/) must have asked `require`."""
    about_someone = g.get("access_viewed") or g.get("viewed_person") is not None
    if about_someone and not g.get("access_required"):
        raise AssertionError(
            f"{request.endpoint} read whose data this is but never asked access.require"
        )


def is_viewing_someone_else() -> bool:
    person = g.get("viewed_person")
    return person is not None and current_user.is_authenticated and person.id != current_user.id


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
