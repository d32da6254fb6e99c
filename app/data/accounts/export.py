"""An account in its owner's data download."""

from __future__ import annotations

from typing import Any

from sqlalchemy import select

from app.data.accounts.models import DeviceSession, Passkey, RecoveryCode, User
from app.data.database import db
from app.data.export import exports, iso


@exports("account", "users", "passkeys", "recovery_codes", "device_sessions")
def _account(user: User) -> dict[str, Any]:
    passkeys = db.session.scalars(select(Passkey).where(Passkey.user_id == user.id))
    codes = db.session.scalars(select(RecoveryCode).where(RecoveryCode.user_id == user.id))
    sessions = db.session.scalars(select(DeviceSession).where(DeviceSession.user_id == user.id))
    return {
        "display_name": user.display_name,
        "username": user.username,
        "has_password": user.password_hash is not None,
        "language": user.locale,
        "time_zone": user.timezone,
        "display": {
            "text_size": user.text_size,
            "high_contrast": user.high_contrast,
            "reduced_motion": user.reduced_motion,
        },
        "created_at_utc": iso(user.created_at_utc),
        "passkeys": [
            {
                "name": p.name,
                "created_at_utc": iso(p.created_at_utc),
                "last_used_at_utc": iso(p.last_used_at_utc),
                "backed_up": p.backed_up,
                "transports": p.transports,
            }
            for p in passkeys
        ],
        "recovery_codes": [
            {"created_at_utc": iso(c.created_at_utc), "used_at_utc": iso(c.used_at_utc)}
            for c in codes
        ],
        "signed_in_devices": [
            {
                "device": s.user_agent,
                "method": s.method,
                "signed_in_at_utc": iso(s.created_at_utc),
                "last_seen_at_utc": iso(s.last_seen_at_utc),
            }
            for s in sessions
        ],
    }
