"""Accounts: a person, their passkeys, recovery codes, signed-in devices and the
challenges passkeys answer. Everything a person owns cascades from their `users` row,
so deleting the account removes all of it."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import (
    JSON,
    Boolean,
    ForeignKey,
    Integer,
    LargeBinary,
    String,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.data.base import Base, UTCDateTime, utcnow
from app.data.db_setup import UNMODELLED_INDEXES

UNMODELLED_INDEXES.add("uq_users_username_lower")  # lower(username), migration 0005


class User(Base):
    __tablename__ = "users"

    id: Mapped[int] = mapped_column(primary_key=True)
    # WebAuthn user handle: random, never the primary key, never shown.
    user_handle: Mapped[bytes] = mapped_column(LargeBinary(64), unique=True)
    username: Mapped[str | None] = mapped_column(String(40), unique=True)
    display_name: Mapped[str] = mapped_column(String(80), default="")
    password_hash: Mapped[str | None] = mapped_column(String(255))
    locale: Mapped[str | None] = mapped_column(String(10))
    timezone: Mapped[str] = mapped_column(String(64), default="Europe/London")
    text_size: Mapped[str] = mapped_column(String(12), default="standard")
    high_contrast: Mapped[bool] = mapped_column(Boolean, default=False)
    reduced_motion: Mapped[bool] = mapped_column(Boolean, default=False)
    # Discreet mode: no "Keepwell" on the lock screen or in the installed app's title.
    discreet: Mapped[bool] = mapped_column(Boolean, default=False)
    is_demo: Mapped[bool] = mapped_column(Boolean, default=False)
    created_at_utc: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)

    passkeys: Mapped[list[Passkey]] = relationship(
        back_populates="user", cascade="all, delete-orphan", passive_deletes=True
    )

    # Flask-Login protocol. Sessions are loaded by DeviceSession, not by this id.
    is_active = True
    is_anonymous = False

    @property
    def is_authenticated(self) -> bool:
        return True

    def get_id(self) -> str:
        return str(self.id)

    @property
    def name_to_show(self) -> str:
        return self.display_name or self.username or ""


class Passkey(Base):
    __tablename__ = "passkeys"

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    credential_id: Mapped[bytes] = mapped_column(LargeBinary(1023), unique=True)
    public_key: Mapped[bytes] = mapped_column(LargeBinary)
    sign_count: Mapped[int] = mapped_column(Integer, default=0)
    transports: Mapped[list[str]] = mapped_column(JSON, default=list)
    backed_up: Mapped[bool] = mapped_column(Boolean, default=False)
    device_type: Mapped[str] = mapped_column(String(20), default="single_device")
    name: Mapped[str] = mapped_column(String(60))
    created_at_utc: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    last_used_at_utc: Mapped[datetime | None] = mapped_column(UTCDateTime())

    user: Mapped[User] = relationship(back_populates="passkeys")


class RecoveryCode(Base):
    __tablename__ = "recovery_codes"

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    # SHA-256 of an 80-bit random code: unguessable, so a slow hash adds nothing.
    code_hash: Mapped[str] = mapped_column(String(64), unique=True)
    used_at_utc: Mapped[datetime | None] = mapped_column(UTCDateTime())
    created_at_utc: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)


class DeviceSession(Base):
    """One signed-in browser. Deleting the rows signs a person out everywhere."""

    __tablename__ = "device_sessions"

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    remember: Mapped[bool] = mapped_column(Boolean, default=False)
    method: Mapped[str] = mapped_column(String(20))
    user_agent: Mapped[str] = mapped_column(String(200), default="")
    created_at_utc: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    last_seen_at_utc: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    # When the person last proved it was them here (signing in counts): sensitive account
    # actions ask again after a few minutes (app/auth/reauth.py).
    reauthenticated_at_utc: Mapped[datetime | None] = mapped_column(UTCDateTime())

    user: Mapped[User] = relationship()


class WebAuthnChallenge(Base):
    """A challenge is stored server-side and deleted when used, so it cannot be replayed."""

    __tablename__ = "webauthn_challenges"

    id: Mapped[int] = mapped_column(primary_key=True)
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    purpose: Mapped[str] = mapped_column(String(20))
    challenge: Mapped[bytes] = mapped_column(LargeBinary(64))
    user_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"))
    pending_user_handle: Mapped[bytes | None] = mapped_column(LargeBinary(64))
    pending_display_name: Mapped[str] = mapped_column(String(80), default="")
    created_at_utc: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow, index=True)


class ReplayedChange(Base):
    """A change made offline and sent later, by its id: a change sent twice (a flaky
    network, two tabs) is applied once (app/pwa/offline.py)."""

    __tablename__ = "replayed_changes"

    change_id: Mapped[str] = mapped_column(String(40), primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    created_at_utc: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
