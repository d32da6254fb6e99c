"""Display preferences live in a cookie on the device, so the server paints the very
first byte in the right size and contrast, and they outlast signing out."""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import parse_qsl, urlencode

from flask import has_request_context, request
from flask_login import current_user
from werkzeug.wrappers import Response

from app.accessibility.languages import DEFAULT_LANGUAGE, LANGUAGES, from_browser

DISPLAY_COOKIE = "kw_display"
LANGUAGE_COOKIE = "kw_lang"
COOKIE_AGE = 60 * 60 * 24 * 365 * 2
TEXT_SIZES = ("standard", "large", "extra_large")


@dataclass(frozen=True)
class DisplayPreferences:
    text_size: str = "standard"
    high_contrast: bool = False
    reduced_motion: bool = False
    # Discreet mode: no "Keepwell" in page titles (what an installed app's window and the
    # app switcher show), a plain name when installed, nothing named on the lock screen.
    discreet: bool = False

    def to_cookie(self) -> str:
        return urlencode(
            {
                "text": self.text_size,
                "contrast": "high" if self.high_contrast else "standard",
                "motion": "reduced" if self.reduced_motion else "standard",
                "name": "hidden" if self.discreet else "shown",
            }
        )

    @classmethod
    def from_cookie(cls, value: str | None) -> DisplayPreferences | None:
        if not value:
            return None
        fields = dict(parse_qsl(value[:200]))
        text = fields.get("text", "standard")
        return cls(
            text_size=text if text in TEXT_SIZES else "standard",
            high_contrast=fields.get("contrast") == "high",
            reduced_motion=fields.get("motion") == "reduced",
            discreet=fields.get("name") == "hidden",
        )


def read_display_preferences() -> DisplayPreferences:
    from_cookie = DisplayPreferences.from_cookie(request.cookies.get(DISPLAY_COOKIE))
    if from_cookie is not None:
        return from_cookie
    if current_user and current_user.is_authenticated:
        return DisplayPreferences(
            current_user.text_size,
            current_user.high_contrast,
            current_user.reduced_motion,
            current_user.discreet,
        )
    return DisplayPreferences()


def display_classes(preferences: DisplayPreferences) -> str:
    classes = []
    if preferences.text_size == "large":
        classes.append("kw-text-large")
    elif preferences.text_size == "extra_large":
        classes.append("kw-text-xlarge")
    if preferences.high_contrast:
        classes.append("kw-high-contrast")
    if preferences.reduced_motion:
        classes.append("kw-reduced-motion")
    return " ".join(classes)


def remember_display(response: Response, preferences: DisplayPreferences) -> None:
    response.set_cookie(
        DISPLAY_COOKIE,
        preferences.to_cookie(),
        max_age=COOKIE_AGE,
        httponly=True,
        samesite="Lax",
        secure=request.is_secure,
    )


def remember_language(response: Response, code: str) -> None:
    response.set_cookie(
        LANGUAGE_COOKIE,
        code,
        max_age=COOKIE_AGE,
        httponly=True,
        samesite="Lax",
        secure=request.is_secure,
    )


def select_language() -> str:
    """The language code for this request: the device's choice, then the account's, then
    the browser's, then English."""
    chosen = request.cookies.get(LANGUAGE_COOKIE)
    if chosen in LANGUAGES:
        return chosen
    if current_user and current_user.is_authenticated and current_user.locale in LANGUAGES:
        return str(current_user.locale)
    browser = [tag for tag, quality in request.accept_languages if quality > 0]
    return from_browser(browser) or DEFAULT_LANGUAGE


def select_locale() -> str:
    if not has_request_context():
        return LANGUAGES[DEFAULT_LANGUAGE].locale
    return LANGUAGES[select_language()].locale


def select_timezone() -> str:
    if has_request_context() and current_user and current_user.is_authenticated:
        return current_user.timezone
    return "Europe/London"
