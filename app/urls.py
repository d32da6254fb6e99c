"""Small helpers for URLs people are sent to."""

from __future__ import annotations

from urllib.parse import urlsplit


def is_safe_local_path(target: str | None) -> bool:
    """True for a path on this site (so a `next=` cannot send someone elsewhere)."""
    if not target or not target.startswith("/") or target.startswith("//"):
        return False
    if "\\" in target or any(ord(ch) < 32 for ch in target):
        return False
    parts = urlsplit(target)
    return not parts.scheme and not parts.netloc


def safe_next(target: str | None, default: str = "/") -> str:
    return target if target is not None and is_safe_local_path(target) else default
