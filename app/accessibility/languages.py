"""The languages Keepwell speaks, and which way each is written."""

from __future__ import annotations

from dataclasses import dataclass

from flask_babel import get_locale


@dataclass(frozen=True)
class Language:
    code: str
    name: str  # in the language itself, so a person can find their own
    direction: str = "ltr"


LANGUAGES: dict[str, Language] = {
    "en": Language("en", "English"),
    "cy": Language("cy", "Cymraeg"),
}
DEFAULT_LANGUAGE = "en"


def current_language() -> Language:
    locale = get_locale()
    code = locale.language if locale is not None else DEFAULT_LANGUAGE
    return LANGUAGES.get(code, LANGUAGES[DEFAULT_LANGUAGE])
