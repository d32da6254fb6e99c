"""What this device may keep for offline use, told to the service worker and the page.

The server decides; the worker (pwa/sw.js) and the page's offline module
(static/js/modules/offline.js) only follow. Every HTML answer says, in headers:
- `Keepwell-Viewer`: who is signed in, as an opaque key (never the account id), or
  `none`. The worker forgets every private copy when it changes or is `none`, which
  covers signing out here or everywhere, the idle time-out and a deleted account.
- `Keepwell-Keep: 1`: this page may be kept offline (the person's own plan, crisis
  plan, progress, passport and Get help now, and what a member of their circle is
  allowed to see of it). Nothing else is kept: pages sent as `no-store` without it
  never reach the worker's cache.
- `Keepwell-Idle`: seconds this sign-in lasts unused; offline, the worker and the page
  forget everything once it has passed, before showing any private page.
- `Keepwell-Device: shared`: a shared or borrowed phone; nothing is kept at all.
The body carries the same as data attributes for the page (layout.html).
"""

from __future__ import annotations

import hashlib
import hmac
from collections.abc import Iterable
from dataclasses import dataclass

from flask import current_app, g, request, session, url_for
from flask.globals import request_ctx
from flask_login import current_user
from werkzeug.wrappers import Response

from app import access
from app.access import Action
from app.auth.sessions import SHARED_DEVICE, this_device_session
from app.data.outcomes.queries import current_draft, instruments_in_use
from app.data.plans.queries import get_parts, get_plan_for_owner
from app.outcomes.loading import instruments
from app.plan import content as entries
from app.plan.parts import PARTS

MOST_PEOPLE = 200  # a peer mentor's device asks about at most this many at once
# Pages kept offline, by endpoint (the circle's copies are `member_` + the same).
KEEPABLE = frozenset(
    {
        "home.index",
        "help.help_now",
        "plan.overview",
        "plan.show_part",
        "plan.add_entry",
        "plan.edit_entry",
        "plan.remove_entry",
        "outcomes.progress",
        "outcomes.area",
        "outcomes.check",
        "needs.passport",
        "circle.suggest_addition",
        "circle.suggest_change",
    }
)


def on_shared_device() -> bool:
    return bool(session.get(SHARED_DEVICE))


def viewer_key(user_id: int) -> str:
    secret = str(current_app.config["SECRET_KEY"]).encode()
    return hmac.new(secret, f"offline-viewer:{user_id}".encode(), hashlib.sha256).hexdigest()[:24]


@dataclass(frozen=True)
class Device:
    """What the page's offline module is told (data attributes on <body>)."""

    viewer: str  # "" when signed out
    shared: bool
    idle_seconds: int
    offline_days: int  # a copy older than this is removed


def this_device() -> Device:
    """Once per request: the page (layout.html) and its headers both ask."""
    if "offline_device" not in g:
        g.offline_device = _device()
    device: Device = g.offline_device
    return device


def _device() -> Device:
    if not current_user.is_authenticated:
        return Device("", False, 0, 0)
    device_session = this_device_session()
    limit = (
        current_app.config["REMEMBER_FOR"]
        if device_session is not None and device_session.remember
        else current_app.config["IDLE_TIMEOUT"]
    )
    return Device(
        viewer_key(current_user.id),
        on_shared_device(),
        int(limit.total_seconds()),
        int(current_app.config["OFFLINE_DAYS"]),
    )


def offline_headers(response: Response) -> Response:
    # With the database down nobody could be checked: say nothing, so no phone forgets
    # its copy of a plan just when the service is struggling.
    if response.mimetype != "text/html" or g.get("database_down"):
        return response
    device = this_device()
    headers = response.headers
    headers["Keepwell-Viewer"] = device.viewer or "none"
    if not device.viewer:
        return response
    headers["Keepwell-Idle"] = str(device.idle_seconds)
    headers["Keepwell-Offline-Days"] = str(device.offline_days)
    if device.shared:
        headers["Keepwell-Device"] = "shared"
    elif _keepable(response):
        headers["Keepwell-Keep"] = "1"
    return response


def _keepable(response: Response) -> bool:
    endpoint = (request.endpoint or "").removeprefix("member_")
    return (
        request.method == "GET"
        and response.status_code == 200
        and endpoint in KEEPABLE
        and not g.get("error_page")
        # A page showing a one-off message ("Saved.") is not kept: the clean copy is
        # fetched in the background (offline.js), so offline never says "Saved." again.
        and not getattr(request_ctx, "flashes", None)
    )


def own_pages(owner_id: int, tag: str) -> dict[str, str]:
    """Every page of a person's own plan, crisis plan and progress, each with a tag that
    changes when the page would: the page fetches again only what changed."""
    pages = {
        url_for("home.index"): tag,
        url_for("help.help_now"): tag,
        url_for("needs.passport"): tag,
        url_for("outcomes.progress"): tag,
    }
    plan = get_plan_for_owner(owner_id, with_parts=True)
    if plan is None:
        return pages
    rows = get_parts(plan)
    versions = ".".join(str(rows[p.key].version) for p in PARTS if p.key in rows)
    pages[url_for("plan.overview")] = f"{tag}.{versions}"
    pages[url_for("home.index")] = f"{tag}.{versions}"
    crisis = rows.get("crisis_plan")
    pages[url_for("help.help_now")] = f"{tag}.{crisis.version if crisis else 0}"
    for part in PARTS:
        row = rows.get(part.key)
        if row is None:
            continue
        part_tag = f"{tag}.{row.version}"
        pages[url_for("plan.show_part", slug=part.slug)] = part_tag
        for section in part.sections:
            pages[url_for("plan.add_entry", slug=part.slug, section_key=section.key)] = part_tag
            for entry in entries.entries(row.content or {}, section.key):
                edit = url_for(
                    "plan.edit_entry", slug=part.slug, section_key=section.key, entry_id=entry["id"]
                )
                pages[edit] = part_tag
                pages[f"{edit}/remove"] = part_tag
    pages.update(_unfinished_assessments(owner_id, tag))
    return pages


def _unfinished_assessments(owner_id: int, tag: str) -> dict[str, str]:
    """The questions of a review the person has started, to answer them offline."""
    pages: dict[str, str] = {}
    known = instruments()
    for key in sorted(instruments_in_use(owner_id) & known.keys()):
        draft = current_draft(owner_id, key)
        if draft is None:
            continue
        draft_tag = f"{tag}.{draft.id}.{len(draft.answers or {})}"
        for item in known[key].items:
            area = url_for("outcomes.area", assessment_id=draft.id, item_key=item.key)
            pages[area] = draft_tag
        pages[url_for("outcomes.check", assessment_id=draft.id)] = draft_tag
    return pages


def people_still_shared(asked: Iterable[int]) -> list[int]:
    """Of the people whose pages this device keeps, those still sharing with the
    signed-in member: not ended, not paused (the same rule as /people/<id>/ itself)."""
    wanted = sorted({i for i in asked if i != current_user.id})[:MOST_PEOPLE]
    return [i for i in wanted if access.can(current_user, i, access.PLAN, Action.VIEW)]
