"""Reading and writing accounts, passkeys, recovery codes and device sessions."""

from __future__ import annotations

import hashlib
import secrets
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import bindparam, delete, func, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import joinedload
from sqlalchemy.sql.elements import ColumnElement

from app.data.accounts.models import DeviceSession, Passkey, RecoveryCode, User
from app.data.base import utcnow
from app.data.database import db, insert_or_ignore


def sha256_hex(value: str | bytes) -> str:
    data = value.encode() if isinstance(value, str) else value
    return hashlib.sha256(data).hexdigest()


def new_user_handle() -> bytes:
    return secrets.token_bytes(32)


def add_user(
    *,
    display_name: str = "",
    username: str | None = None,
    password_hash: str | None = None,
    user_handle: bytes | None = None,
    locale: str | None = None,
    is_demo: bool = False,
) -> User:
    """A new person, on their own (app/auth/accounts.py gives them their empty plan)."""
    user_id = db.session.scalar(
        insert_or_ignore(User)
        .values(
            user_handle=user_handle or new_user_handle(),
            username=username,
            display_name=display_name,
            password_hash=password_hash,
            locale=locale,
            is_demo=is_demo,
        )
        .returning(User.id)
    )
    if user_id is None:  # another sign-up took the username first, perhaps a moment ago
        raise UsernameTaken(username or "")
    user = db.session.get(User, user_id)
    assert user is not None
    return user


class UsernameTaken(Exception):
    """Someone else has this username (perhaps a moment ago, in a request racing ours)."""


def set_sign_in_password(user: User, *, username: str, password_hash: str) -> None:
    """Set (or change) the username and password, unless someone else has the username.

    Two people taking the same new username at the same instant would both pass the
    check; the database's unique index stops the second, and then this request's writes
    are undone before UsernameTaken is raised (the account pages save nothing else first).
    """
    taken = select(User.id).where(func.lower(User.username) == username.lower(), User.id != user.id)
    try:
        result = db.session.execute(
            update(User)
            .where(User.id == user.id, ~taken.exists())
            .values(username=username, password_hash=password_hash)
            .execution_options(synchronize_session=False)
        )
    except IntegrityError as error:
        db.session.rollback()
        raise UsernameTaken(username) from error
    if result.rowcount != 1:  # type: ignore[attr-defined]
        raise UsernameTaken(username)
    db.session.refresh(user)


def rehash_password(user: User, password_hash: str) -> None:
    """Keep the same password under a stronger hash (Argon2's settings moved on)."""
    user.password_hash = password_hash


def set_display(
    user: User, *, text_size: str, high_contrast: bool, reduced_motion: bool, discreet: bool
) -> None:
    user.text_size = text_size
    user.high_contrast = high_contrast
    user.reduced_motion = reduced_motion
    user.discreet = discreet


def set_language(user: User, code: str) -> None:
    user.locale = code


def get_user(user_id: int) -> User | None:
    return db.session.get(User, user_id)


def find_user_by_username(username: str) -> User | None:
    return db.session.scalar(select(User).where(func.lower(User.username) == username.lower()))


def username_taken(username: str) -> bool:
    return find_user_by_username(username) is not None


def find_demo_person() -> User | None:
    """Sam, the person whose plan the demo shows (the first demo account made)."""
    return db.session.scalar(select(User).where(User.is_demo.is_(True)).order_by(User.id).limit(1))


def find_demo_mentor() -> User | None:
    """Priya, Sam's demo peer mentor, to see the same plan from the circle's side."""
    return db.session.scalar(
        select(User).where(User.is_demo.is_(True)).order_by(User.id).offset(1).limit(1)
    )


# Passkeys -------------------------------------------------------------------------------


def list_passkeys(user: User) -> list[Passkey]:
    return list(
        db.session.scalars(
            select(Passkey).where(Passkey.user_id == user.id).order_by(Passkey.created_at_utc)
        )
    )


def get_passkey_for_owner(user: User, passkey_id: int) -> Passkey | None:
    return db.session.scalar(
        select(Passkey).where(Passkey.id == passkey_id, Passkey.user_id == user.id)
    )


def find_passkey_by_credential_id(credential_id: bytes) -> Passkey | None:
    return db.session.scalar(select(Passkey).where(Passkey.credential_id == credential_id))


def add_passkey(
    user: User,
    *,
    credential_id: bytes,
    public_key: bytes,
    sign_count: int,
    transports: list[str],
    backed_up: bool,
    device_type: str,
    name: str,
) -> Passkey:
    passkey = Passkey(
        user_id=user.id,
        credential_id=credential_id,
        public_key=public_key,
        sign_count=sign_count,
        transports=transports,
        backed_up=backed_up,
        device_type=device_type,
        name=name,
    )
    db.session.add(passkey)
    db.session.flush()
    return passkey


def rename_passkey(passkey: Passkey, name: str) -> None:
    passkey.name = name


def remove_passkey(passkey: Passkey) -> None:
    db.session.delete(passkey)
    db.session.flush()


def record_passkey_use(passkey: Passkey, sign_count: int, backed_up: bool) -> None:
    passkey.sign_count = sign_count
    passkey.backed_up = backed_up
    passkey.last_used_at_utc = utcnow()


def can_remove_sign_in_method(user: User) -> bool:
    """Never let a person remove the last way back into their account."""
    others = len(list_passkeys(user)) + (1 if user.password_hash else 0)
    return others > 1 or count_unused_recovery_codes(user) > 0


# Recovery codes -------------------------------------------------------------------------

RECOVERY_ALPHABET = "ABCDEFGHJKMNPQRSTVWXYZ23456789"  # no 0 or O, 1 or I or L, no U


def normalise_recovery_code(typed: str) -> str:
    return "".join(ch for ch in typed.upper() if ch.isalnum())[:64]


def replace_recovery_codes(user: User, count: int = 10) -> list[str]:
    """Make a fresh set (old ones stop working) and return them to show once."""
    db.session.execute(delete(RecoveryCode).where(RecoveryCode.user_id == user.id))
    codes = []
    for _ in range(count):
        # 16 characters from 30 symbols is about 78 bits: unguessable, so SHA-256 suffices.
        raw = "".join(secrets.choice(RECOVERY_ALPHABET) for _ in range(16))
        codes.append("-".join(raw[i : i + 4] for i in range(0, 16, 4)))
        db.session.add(RecoveryCode(user_id=user.id, code_hash=sha256_hex(raw)))
    db.session.flush()
    return codes


def use_recovery_code(typed: str) -> User | None:
    """The account a code opens, marking the code used, or None.

    One conditional UPDATE spends the code: of two requests racing with the same code,
    the second finds it already used (PostgreSQL makes it wait for the first to commit
    and then re-checks; SQLite lets one writer in at a time)."""
    code_hash = sha256_hex(normalise_recovery_code(typed))
    user_id = db.session.scalar(
        update(RecoveryCode)
        .where(RecoveryCode.code_hash == code_hash, RecoveryCode.used_at_utc.is_(None))
        .values(used_at_utc=utcnow())
        .returning(RecoveryCode.user_id)
    )
    return db.session.get(User, user_id) if user_id is not None else None


def use_own_recovery_code(user: User, typed: str) -> bool:
    """Spend one of this person's own codes (to confirm it is them); False if it is not
    one of theirs or was used before."""
    spent = db.session.execute(
        update(RecoveryCode)
        .where(
            RecoveryCode.user_id == user.id,
            RecoveryCode.code_hash == sha256_hex(normalise_recovery_code(typed)),
            RecoveryCode.used_at_utc.is_(None),
        )
        .values(used_at_utc=utcnow())
    )
    return bool(spent.rowcount == 1)  # type: ignore[attr-defined]


def count_unused_recovery_codes(user: User) -> int:
    return (
        db.session.scalar(
            select(func.count())
            .select_from(RecoveryCode)
            .where(RecoveryCode.user_id == user.id, RecoveryCode.used_at_utc.is_(None))
        )
        or 0
    )


# Device sessions ------------------------------------------------------------------------


def open_device_session(user: User, *, remember: bool, method: str, user_agent: str) -> str:
    """A new signed-in device; signing in counts as having just proved who you are."""
    token = secrets.token_urlsafe(32)
    now = utcnow()
    db.session.add(
        DeviceSession(
            user_id=user.id,
            token_hash=sha256_hex(token),
            remember=remember,
            method=method,
            user_agent=user_agent[:200],
            created_at_utc=now,
            last_seen_at_utc=now,
            reauthenticated_at_utc=now,
        )
    )
    return token


def mark_reauthenticated(device_session: DeviceSession) -> None:
    device_session.reauthenticated_at_utc = utcnow()


def close_other_device_sessions(user: User, keep: DeviceSession) -> int:
    """Sign out everywhere but this device (after a password change, say)."""
    result = db.session.execute(
        delete(DeviceSession).where(DeviceSession.user_id == user.id, DeviceSession.id != keep.id)
    )
    return int(result.rowcount or 0)  # type: ignore[attr-defined]


# A question about the person, asked in the same query as their session: made from the
# column that holds their id (e.g. "do they support anyone?", from the circle).
PersonFlag = Callable[[Any], ColumnElement[bool]]


@dataclass(frozen=True)
class FoundSession:
    device_session: DeviceSession
    flags: tuple[bool, ...]  # the answers to the flags asked, in order


# The session query for each set of flags, built once: building it took as long as
# running it, on every signed-in request (issue 16). A flag's values that change (a
# time) are bound when it runs.
_SESSION_QUERIES: dict[tuple[PersonFlag, ...], Any] = {}


def _session_query(flags: tuple[PersonFlag, ...]) -> Any:
    query = _SESSION_QUERIES.get(flags)
    if query is None:
        query = (
            select(DeviceSession, *(flag(DeviceSession.user_id) for flag in flags))
            .where(DeviceSession.token_hash == bindparam("token_hash"))
            .options(joinedload(DeviceSession.user))
        )
        _SESSION_QUERIES[flags] = query
    return query


def find_device_session(token: str, *flags: PersonFlag) -> FoundSession | None:
    """The session, its person, and the answer to each flag about that person, in one
    query: this runs on every signed-in request."""
    row = db.session.execute(_session_query(flags), {"token_hash": sha256_hex(token)}).first()
    if row is None:
        return None
    return FoundSession(row[0], tuple(bool(answer) for answer in row[1:]))


def close_device_session(token: str) -> None:
    db.session.execute(delete(DeviceSession).where(DeviceSession.token_hash == sha256_hex(token)))


def close_all_device_sessions(user: User) -> int:
    result = db.session.execute(delete(DeviceSession).where(DeviceSession.user_id == user.id))
    return result.rowcount or 0  # type: ignore[attr-defined]


def list_device_sessions(user: User) -> list[DeviceSession]:
    return list(
        db.session.scalars(
            select(DeviceSession)
            .where(DeviceSession.user_id == user.id)
            .order_by(DeviceSession.last_seen_at_utc.desc())
        )
    )


def touch_device_session(device_session: DeviceSession, now: datetime) -> None:
    device_session.last_seen_at_utc = now


def end_device_session(device_session: DeviceSession) -> None:
    db.session.delete(device_session)
    db.session.flush()


def delete_user(user: User) -> None:
    """Everything of theirs goes with them: the foreign keys cascade from `users`
    (app/auth/accounts.py removes the plan first)."""
    db.session.delete(user)
    db.session.flush()
