"""Pieces every form shares: an empty form for a button that needs only CSRF, and
validators whose messages say what to do next."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping
from functools import lru_cache
from typing import Any

from babel import support
from flask import has_request_context
from flask_babel import get_locale
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import Field, ValidationError
from wtforms.form import BaseForm
from wtforms.i18n import messages_path


@lru_cache(maxsize=16)
def _wtforms_translations(locale: str) -> Any:
    return support.Translations.load(messages_path(), [locale], domain="wtforms")


_CONTROL_CHARACTERS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


class Form(FlaskForm):
    """Every form's base. CSRFProtect checks the token on every POST before any view
    runs (templates add it with the `csrf()` macro), so forms need not check it again,
    and several forms can share a page without clashing field names."""

    class Meta:
        csrf = False

        def get_translations(self, form: BaseForm) -> Any:
            """WTForms' own messages in the person's language, loaded once per language
            per process (Flask-WTF reads the catalog from disk on every request)."""
            if not has_request_context():
                return None
            return _wtforms_translations(str(get_locale()))


class ButtonForm(Form):
    """A form that is only a button (sign out, remove, mark as reviewed)."""


class MaxLength:
    """Length check that tells the person how much to cut, in their language."""

    def __init__(self, maximum: int) -> None:
        self.maximum = maximum

    def __call__(self, form: BaseForm, field: Field) -> None:
        value = field.data or ""
        if len(value) > self.maximum:
            raise ValidationError(
                _l(
                    "%(label)s must be %(maximum)s characters or fewer. It is %(length)s now.",
                    label=field.label.text,
                    maximum=f"{self.maximum:,}",
                    length=f"{len(value):,}",
                )
            )


def clean_text(value: Any) -> Any:
    """Strip edges, normalise line endings and drop invisible control characters."""
    if not isinstance(value, str):
        return value
    value = value.replace("\r\n", "\n").replace("\r", "\n")
    return _CONTROL_CHARACTERS.sub("", value).strip()


TEXT_FILTERS = (clean_text,)

# Characters that change how text is laid out or hide in it: bidi embeddings, overrides,
# isolates and marks, zero-width space, word joiner, byte order mark, soft hyphen. In a
# name they let one person pass as another in Who looked ("Sam" with an invisible
# character, or a name that reads backwards).
_NAME_TRICKS = re.compile(
    "[\u00ad\u061c\u180e\u200b\u200e\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff]"
)
# Zero-width (non-)joiners shape letters in Urdu, Persian and the Indian scripts: kept
# between two characters of such a script, dropped anywhere else.
_OTHER_SCRIPT_LETTER = r"[^\x00-\x7f\s]"  # not ASCII, not a space: a letter or sign
_STRAY_JOINER = re.compile(
    rf"(?<!{_OTHER_SCRIPT_LETTER})[\u200c\u200d]|[\u200c\u200d](?!{_OTHER_SCRIPT_LETTER})"
)


def clean_name(value: Any) -> Any:
    """A person's name or a label for them: clean text on one line, in one normal form,
    with nothing hidden in it (finding 9.15)."""
    value = clean_text(value)
    if not isinstance(value, str):
        return value
    value = unicodedata.normalize("NFC", _NAME_TRICKS.sub("", value))
    value = _STRAY_JOINER.sub("", value)
    return " ".join(value.split())


NAME_FILTERS = (clean_name,)


def requested_page(args: Mapping[str, str]) -> int:
    """The `?page=` of a list (1 when there is none), or 0 when it is not a page number."""
    text = args.get("page", "1")
    return int(text) if text.isascii() and text.isdigit() and len(text) < 6 else 0
