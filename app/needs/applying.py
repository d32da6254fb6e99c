"""Meet: large print and language chosen in the needs, applied to Keepwell's own display
and language settings, once the person agrees (they are asked, never switched silently)."""

from __future__ import annotations

from app.accessibility.languages import LANGUAGES, current_language
from app.accessibility.preferences import read_display_preferences

LARGE_PRINT = "large-print"
LANGUAGE = "language"


def offer_after(question: str, chosen: list[str], language: str) -> str | None:
    """What to offer to apply after this answer, if it is not so already."""
    wants_large = question == "formats" and "large_print" in chosen
    if wants_large and read_display_preferences().text_size == "standard":
        return LARGE_PRINT
    if question == "language" and language in LANGUAGES and language != current_language().code:
        return LANGUAGE
    return None
