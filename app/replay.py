"""Changes made offline and sent later by the page's queue (static/js/modules/queue.js).

They come through the very same routes as any save: the same access checks, CSRF
token, rate limits and Who looked logging. Two things differ, both marked by request
headers the queue sets:
- each change carries an id (`change_id`), so one sent twice (a flaky network, two
  tabs) is applied once;
- a request made in the background (`Keepwell-Background: 1`: the worker's and the
  page's own fetches) never writes the session cookie, so it never takes the flash
  messages or the "saved, forget your copy" note meant for the page the person sees.
"""

from __future__ import annotations

import re

from flask import Flask, Response, abort, has_request_context, request
from flask.sessions import SecureCookieSessionInterface, SessionMixin
from flask_login import current_user

from app.data.accounts.replays import claim_change

CHANGE_ID = re.compile(r"[A-Za-z0-9-]{8,40}")
BACKGROUND_HEADER = "Keepwell-Background"


def is_background() -> bool:
    return has_request_context() and request.headers.get(BACKGROUND_HEADER) == "1"


def already_applied() -> bool:
    """True when this request is a queued change that was applied before. The first
    time, the id is written with the change itself, in the same transaction: if the
    change fails, so does the claim, and the change can be sent again."""
    change_id = request.form.get("change_id", "")
    if not change_id:
        return False
    if not CHANGE_ID.fullmatch(change_id):
        abort(400)
    return not claim_change(current_user.id, change_id)


class ForegroundSession(SecureCookieSessionInterface):
    """A request made in the background never writes the session cookie: it can neither
    take a message meant for the person's page ("You are signed out") nor leave one of
    its own ("Saved."), and two such requests racing the page's own cannot undo what
    the page's request wrote."""

    def save_session(self, app: Flask, session: SessionMixin, response: Response) -> None:
        if is_background():
            return
        super().save_session(app, session, response)
