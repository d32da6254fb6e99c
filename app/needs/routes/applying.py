"""Asking the person whether to apply large print or their language to Keepwell itself."""

from __future__ import annotations

from dataclasses import replace

from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from werkzeug.wrappers import Response

from app.access import signed_in
from app.accessibility.languages import LANGUAGES
from app.accessibility.preferences import (
    read_display_preferences,
    remember_display,
    remember_language,
)
from app.data.accounts.queries import set_display, set_language
from app.data.needs.records import communication_needs
from app.forms import ButtonForm
from app.needs import bp
from app.needs.applying import LANGUAGE, LARGE_PRINT
from app.needs.routes.asking import own_person
from app.urls import safe_next


@bp.route("/account/communication-needs/apply/<what>", methods=["GET", "POST"])
@signed_in
def apply(what: str) -> str | Response:
    person = own_person()
    then = safe_next(request.values.get("then"), url_for("needs.summary"))
    record = communication_needs(person.id)
    language = record.language if record else ""
    if what not in (LARGE_PRINT, LANGUAGE) or (what == LANGUAGE and language not in LANGUAGES):
        abort(404)
    form = ButtonForm()
    if request.method == "POST" and form.validate_on_submit():
        response = redirect(then)
        if what == LARGE_PRINT:
            chosen = replace(read_display_preferences(), text_size="large")
            set_display(
                person,
                text_size=chosen.text_size,
                high_contrast=chosen.high_contrast,
                reduced_motion=chosen.reduced_motion,
                discreet=chosen.discreet,
            )
            remember_display(response, chosen)
            flash(
                _("Done. The text is large now. You can change it in Text size and contrast."),
                "success",
            )
        else:
            set_language(person, language)
            remember_language(response, language)
        return response
    return render_template(
        "needs/apply.html",
        what=what,
        then=then,
        language_name=LANGUAGES[language].name if what == LANGUAGE else "",
        form=form,
    )
