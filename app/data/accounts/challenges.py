"""Passkey challenges, kept on the server and spent as they are read, so an answer to one
can never be replayed. Old ones are swept whenever a new one is made."""

from __future__ import annotations

import secrets
from datetime import timedelta

from sqlalchemy import delete, select

from app.data.accounts.models import WebAuthnChallenge
from app.data.accounts.queries import sha256_hex
from app.data.base import utcnow
from app.data.database import db


def store_challenge(
    purpose: str,
    challenge: bytes,
    *,
    lifetime: timedelta,
    user_id: int | None = None,
    pending_user_handle: bytes | None = None,
    pending_display_name: str = "",
) -> str:
    """Keep a challenge; returns the token that names it (kept in the browser's session)."""
    db.session.execute(
        delete(WebAuthnChallenge).where(WebAuthnChallenge.created_at_utc < utcnow() - lifetime)
    )
    token = secrets.token_urlsafe(24)
    db.session.add(
        WebAuthnChallenge(
            token_hash=sha256_hex(token),
            purpose=purpose,
            challenge=challenge,
            user_id=user_id,
            pending_user_handle=pending_user_handle,
            pending_display_name=pending_display_name,
        )
    )
    db.session.flush()
    return token


def take_challenge(token: str, purpose: str) -> WebAuthnChallenge | None:
    """The challenge this token names, deleted as it is read: one use only. A second
    request racing with the same token finds nothing (the DELETE matches no row)."""
    row = db.session.scalar(
        select(WebAuthnChallenge).where(WebAuthnChallenge.token_hash == sha256_hex(token))
    )
    if row is None or row.purpose != purpose:
        return None
    deleted = db.session.execute(
        delete(WebAuthnChallenge)
        .where(WebAuthnChallenge.id == row.id)
        .execution_options(synchronize_session=False)
    )
    if deleted.rowcount != 1:  # type: ignore[attr-defined]
        return None
    db.session.expunge(row)
    return row
