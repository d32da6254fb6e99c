"""Passwords are the fallback. Argon2id (memory-hard) at rest; common ones refused."""

from __future__ import annotations

from functools import cache

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

MIN_LENGTH = 8
MAX_LENGTH = 128

_hasher = PasswordHasher()
# Compared against when a username does not exist, so a wrong name takes as long as a
# wrong password and timing does not reveal who has an account.
_DUMMY_HASH = _hasher.hash("not-a-real-password-keepwell")


def hash_password(password: str) -> str:
    return _hasher.hash(password)


def verify_password(password_hash: str | None, password: str) -> bool:
    try:
        return _hasher.verify(password_hash or _DUMMY_HASH, password) and password_hash is not None
    except (VerificationError, InvalidHashError):
        return False


def needs_rehash(password_hash: str) -> bool:
    return _hasher.check_needs_rehash(password_hash)


@cache
def _common_passwords() -> frozenset[str]:
    # zxcvbn ships the most common leaked passwords, ranked; 10,000 is the list NIST and
    # the NCSC suggest checking against.
    from zxcvbn.frequency_lists import FREQUENCY_LISTS

    return frozenset(word.lower() for word in FREQUENCY_LISTS["passwords"][:10000])


def is_common_password(password: str) -> bool:
    lowered = password.lower()
    return lowered in _common_passwords() or lowered.rstrip("0123456789!") in _common_passwords()
