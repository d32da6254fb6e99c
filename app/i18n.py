"""Translations, looked up once per request.

Flask-Babel finds the catalog afresh for every string (context, locale and cache
lookups each time). A page shows dozens of strings, many of them lazy ones from forms
and plan definitions, so this domain keeps the catalog for the rest of the request,
and looks again only if the locale changes (as `force_locale` does)."""

from __future__ import annotations

from typing import Any

from flask import Flask
from flask.globals import _cv_app
from flask_babel import Babel, Domain, get_translations
from markupsafe import Markup

from app.kept import KeptDrawings, draw_template

CACHE_KEY = "_keepwell_translations"


class RequestCachedDomain(Domain):
    def get_translations(self) -> Any:
        app_context = _cv_app.get(None)
        if app_context is None:
            return super().get_translations()
        state = vars(app_context.g)
        locale = getattr(state.get("_flask_babel"), "babel_locale", None)
        cached = state.get(CACHE_KEY)
        if locale is not None and cached is not None and cached[0] is locale:
            return cached[1]
        translations = super().get_translations()
        locale = getattr(state.get("_flask_babel"), "babel_locale", None)
        state[CACHE_KEY] = (locale, translations)
        return translations


def use_request_cached_domain(babel: Babel) -> None:
    # Flask-Babel makes its Domain lazily (a cached property); give it ours instead.
    babel.__dict__["domain_instance"] = RequestCachedDomain(domain="messages")


def _request_translations() -> Any:
    """The catalog RequestCachedDomain keeps for this request, without Flask-Babel's
    context and domain look-ups on the way (about fifty strings a page)."""
    app_context = _cv_app.get(None)
    if app_context is not None:
        state = vars(app_context.g)
        cached = state.get(CACHE_KEY)
        if cached is not None:
            locale = getattr(state.get("_flask_babel"), "babel_locale", None)
            if locale is not None and cached[0] is locale:
                return cached[1]
    return get_translations()


def use_request_cached_template_strings(app: Flask) -> None:
    """Templates' _() and ngettext() read the request's catalog directly (after
    babel.init_app, which installs Flask-Babel's own)."""
    app.jinja_env.install_gettext_callables(  # type: ignore[attr-defined]
        gettext=lambda s: _request_translations().ugettext(s),
        ngettext=lambda s, p, n: _request_translations().ungettext(s, p, n),
        newstyle=True,
        pgettext=lambda c, s: _request_translations().upgettext(c, s),
        npgettext=lambda c, s, p, n: _request_translations().unpgettext(c, s, p, n),
    )


# Pieces of the layout that say the same in a language whoever reads them (the offline
# messages, the Listen buttons): drawn once per language and process. A template drawn
# this way may use only _() and ngettext(): nothing about the person or the request.
_per_language = KeptDrawings(keep=64)


def per_language(template_name: str) -> Markup:
    from app.accessibility.languages import current_language

    key = (template_name, current_language().code)
    return _per_language.get_or_draw(key, lambda: draw_template(template_name))
