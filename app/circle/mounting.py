"""Mounting a capability's pages for the people who support someone.

`/people/<person_id>/plan/...` serves the same views as `/plan/...`, about the person
with that id. The id is taken out of the URL before the view runs (so views never see
it), checked against the circle, and put back into every URL those pages build."""

from __future__ import annotations

from typing import Any

from flask import Blueprint, Flask, abort, current_app, g
from flask_login import current_user

from app import access
from app.data.accounts.queries import get_user

PERSON_ID = "person_id"


def mount_for_members(app: Flask, blueprint: Blueprint, prefix: str) -> None:
    """Register `blueprint` a second time at /people/<person_id><prefix>, as member_<name>."""
    app.register_blueprint(
        blueprint, url_prefix=f"/people/<int:{PERSON_ID}>{prefix}", name=f"member_{blueprint.name}"
    )


def init_app(app: Flask) -> None:
    app.url_value_preprocessor(take_person_from_url)
    app.url_defaults(put_person_in_urls)


def take_person_from_url(endpoint: str | None, values: dict[str, Any] | None) -> None:
    if not values or PERSON_ID not in values:
        return
    person_id = values.pop(PERSON_ID)
    g.viewed_person_id = person_id
    if not current_user.is_authenticated:
        return  # the route rule sends them to sign in first
    person = get_user(person_id)
    if person is None:
        abort(404)
    decision = access.decide(current_user, person.id, access.PLAN, access.Action.VIEW)
    if not decision.allowed:
        abort(403 if decision.related else 404, description=decision.reason)
    g.viewed_person = person


def put_person_in_urls(endpoint: str, values: dict[str, Any]) -> None:
    person_id = g.get("viewed_person_id")
    if person_id is None or PERSON_ID in values:
        return
    if current_app.url_map.is_endpoint_expecting(endpoint, PERSON_ID):
        values[PERSON_ID] = person_id
