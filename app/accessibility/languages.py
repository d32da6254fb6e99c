"""The languages Keepwell speaks, which way each is written, and how far each catalog
has been checked by a fluent speaker.

Adding a language is one entry here, a catalog (`flask translate init <code>`) and a
glossary in `translations/<code>/glossary.md`; see docs/DEVELOPING.md."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from flask_babel import get_locale


@dataclass(frozen=True)
class Language:
    code: str  # in the cookie, on the account and in forms
    name: str  # in the language itself, so a person can find their own
    locale: str  # what Babel formats dates and numbers with; the catalog's folder
    tag: str  # BCP 47, for <html lang> and hreflang
    english_name: str  # for the README, logs and people helping in English
    direction: str = "ltr"


LANGUAGES: dict[str, Language] = {
    # British English: "24 November 2026", not Babel's default "November 24, 2026".
    "en": Language("en", "English", "en_GB", "en-GB", "English"),
    "cy": Language("cy", "Cymraeg", "cy", "cy", "Welsh"),
    "ur": Language("ur", "اردو", "ur", "ur", "Urdu", "rtl"),
    "ar": Language("ar", "العربية", "ar", "ar", "Arabic", "rtl"),
    "pl": Language("pl", "Polski", "pl", "pl", "Polish"),
    "pa": Language("pa", "ਪੰਜਾਬੀ", "pa", "pa-Guru", "Panjabi (Gurmukhi)"),
    "zh_Hant": Language("zh_Hant", "繁體中文", "zh_Hant", "zh-Hant", "Chinese (Traditional)"),
}
DEFAULT_LANGUAGE = "en"
TRANSLATIONS = Path(__file__).resolve().parents[2] / "translations"
_BY_LOCALE = {language.locale: language for language in LANGUAGES.values()}

# Browser language tags (lower case) that mean Traditional Chinese; Simplified Chinese
# (zh-CN, zh-Hans, plain zh) is not offered a Traditional catalog it may not read well.
TRADITIONAL_CHINESE = ("zh-hant", "zh-tw", "zh-hk", "zh-mo")


def current_language() -> Language:
    locale = get_locale()
    if locale is None:
        return LANGUAGES[DEFAULT_LANGUAGE]
    return (
        _BY_LOCALE.get(str(locale))
        or LANGUAGES.get(locale.language)
        or (LANGUAGES[DEFAULT_LANGUAGE])
    )


def babel_locale(code: str | None) -> str:
    """The Babel locale for a language code kept on an account ("en", "cy")."""
    return LANGUAGES.get(code or DEFAULT_LANGUAGE, LANGUAGES[DEFAULT_LANGUAGE]).locale


def from_browser(tags: Iterable[str]) -> str | None:
    """The first shipped language among a browser's preferred language tags (most
    preferred first): "ur-PK" is Urdu, "zh-TW" and "zh-Hant-HK" Traditional Chinese,
    "pa-Guru-IN" Panjabi; "pa-Arab" (Shahmukhi) is not, nor is Simplified Chinese."""
    for tag in tags:
        tag = tag.strip().lower().replace("_", "-")
        if tag.startswith("zh"):
            if tag.startswith(TRADITIONAL_CHINESE):
                return "zh_Hant"
            continue
        primary, _sep, rest = tag.partition("-")
        if primary == "pa" and rest.startswith("arab"):
            continue
        if primary in LANGUAGES:
            return primary
    return None


REVIEWED = "reviewed"
NOT_REVIEWED = "not-reviewed"
ORIGINAL = "original"
_STATUS_LINE = "# Review-Status:"


@lru_cache
def review_status(code: str) -> str:
    """Whether a fluent speaker has checked a language's catalog, from the line
    "# Review-Status: reviewed | not-reviewed" at the top of the catalog (a comment,
    which `pybabel update` keeps). English is the original; no line means not reviewed."""
    language = LANGUAGES[code]
    if code == DEFAULT_LANGUAGE:
        return ORIGINAL
    path = TRANSLATIONS / language.locale / "LC_MESSAGES" / "messages.po"
    try:
        with path.open(encoding="utf-8") as catalog:
            for line in catalog:
                if not line.startswith("#"):
                    break
                if line.startswith(_STATUS_LINE):
                    value = line.removeprefix(_STATUS_LINE).strip()
                    return REVIEWED if value == REVIEWED else NOT_REVIEWED
    except OSError:
        pass
    return NOT_REVIEWED
