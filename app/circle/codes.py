"""Invite codes: short enough to read out, hard enough to guess.

Ten characters from a 30-symbol alphabet with no look-alikes (0/O, 1/I/L, U/V) is
about 49 bits of randomness; guessing is also rate-limited and codes die in 7 days."""

from __future__ import annotations

import secrets

from app.data.accounts.queries import RECOVERY_ALPHABET, sha256_hex

CODE_LENGTH = 10
ENTROPY_BITS = 49  # log2(30) * 10, rounded down


def new_code() -> str:
    raw = "".join(secrets.choice(RECOVERY_ALPHABET) for _ in range(CODE_LENGTH))
    return f"{raw[:5]}-{raw[5:]}"


def normalise(typed: str) -> str:
    return "".join(ch for ch in typed.upper() if ch.isalnum())[:40]


def code_hash(typed: str) -> str:
    return sha256_hex("invite:" + normalise(typed))
