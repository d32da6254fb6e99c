"""The languages Keepwell speaks, and which way each is written."""

from __future__ import annotations

from dataclasses import dataclass

from flask_babel import get_locale


@dataclass(frozen=True)
class Language:
    code: str  # in URLs and the cookie
    name: str  # in the language itself, so a person can find their own
    locale: str  # what Babel formats dates and numbers with
    tag: str  # for <html lang> and hreflang
    direction: str = "ltr"


LANGUAGES: dict[str, Language] = {
    # British English: "24 November 2026", not Babel's default "November 24, 2026".
    "en": Language("en", "English", "en_GB", "en-GB"),
    "cy": Language("cy", "Cymraeg", "cy", "cy"),
}
DEFAULT_LANGUAGE = "en"


def current_language() -> Language:
    locale = get_locale()
    code = locale.language if locale is not None else DEFAULT_LANGUAGE
    return LANGUAGES.get(code, LANGUAGES[DEFAULT_LANGUAGE])


def babel_locale(code: str | None) -> str:
    """The Babel locale for a language code kept on an account ("en", "cy")."""
    return LANGUAGES.get(code or DEFAULT_LANGUAGE, LANGUAGES[DEFAULT_LANGUAGE]).locale
