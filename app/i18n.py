"""Translations, looked up once per request.

Flask-Babel finds the catalog afresh for every string (context, locale and cache
lookups each time). A page shows dozens of strings, many of them lazy ones from forms
and plan definitions, so this domain keeps the catalog for the rest of the request,
and looks again only if the locale changes (as `force_locale` does)."""

from __future__ import annotations

from typing import Any

from flask.globals import _cv_app
from flask_babel import Babel, Domain

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
