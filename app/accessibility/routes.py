"""Display settings and the language switch. Both work without signing in."""

from __future__ import annotations

from datetime import date

from babel import Locale
from flask import flash, redirect, render_template, request, url_for
from flask_babel import force_locale, get_locale
from flask_babel import gettext as _
from flask_login import current_user
from werkzeug.wrappers import Response

from app import access
from app.access import Action, public
from app.accessibility import bp
from app.accessibility.forms import DisplayForm
from app.accessibility.languages import (
    LANGUAGES,
    NOT_REVIEWED,
    REVIEWED,
    Language,
    review_status,
)
from app.accessibility.preferences import (
    DisplayPreferences,
    read_display_preferences,
    remember_display,
    remember_language,
)
from app.data.accounts.queries import set_display, set_language
from app.urls import safe_next

# When the accessibility statement was last reviewed: change it with the statement.
STATEMENT_DATE = date(2026, 11, 29)


@bp.route("/display", methods=["GET", "POST"])
@public
def display() -> str | Response:
    current = read_display_preferences()
    form = DisplayForm(
        data={
            "text_size": current.text_size,
            "high_contrast": current.high_contrast,
            "reduced_motion": current.reduced_motion,
            "discreet": current.discreet,
        }
        if request.method == "GET"
        else None
    )
    if form.validate_on_submit():
        chosen = DisplayPreferences(
            text_size=form.text_size.data,
            high_contrast=form.high_contrast.data,
            reduced_motion=form.reduced_motion.data,
            discreet=form.discreet.data,
        )
        if current_user.is_authenticated:
            access.require(current_user, current_user.id, access.ACCOUNT, Action.CHANGE)
            set_display(
                access.current_person(),
                text_size=chosen.text_size,
                high_contrast=chosen.high_contrast,
                reduced_motion=chosen.reduced_motion,
                discreet=chosen.discreet,
            )
        flash(_("Display settings saved on this device."), "success")
        response = redirect(url_for("accessibility.display"))
        remember_display(response, chosen)
        return response
    return render_template("accessibility/display.html", form=form)


@bp.get("/language")
@public
def languages() -> str:
    return render_template(
        "accessibility/language.html",
        next_path=safe_next(request.args.get("next"), "/"),
        choices=language_choices(),
    )


def language_choices() -> list[tuple[Language, str, str]]:
    """Each language with its name in the page's language ("Urdu" on an English page,
    "urdu" on a Polish one, from Babel's locale data) and, in the language itself,
    whether a fluent speaker has checked its words yet."""
    here = get_locale()
    choices = []
    for option in LANGUAGES.values():
        name_here = Locale.parse(option.code).get_display_name(here) or option.english_name
        checked = review_status(option.code)
        with force_locale(option.locale):
            if checked == REVIEWED:
                status = _("Checked by a fluent speaker.")
            elif checked == NOT_REVIEWED:
                status = _("Not yet checked by a fluent speaker: some words may be wrong.")
            else:
                status = ""
        choices.append((option, name_here, status))
    return choices


@bp.post("/language")
@public
def choose_language() -> str | Response | tuple[str, int]:
    code = request.form.get("language", "")
    next_path = safe_next(request.form.get("next"), "/")
    if code not in LANGUAGES:
        # Someone's hand-made form, or a language since withdrawn: say so, change nothing.
        error = _("Choose a language from the list.")
        return render_template(
            "accessibility/language.html",
            next_path=next_path,
            choices=language_choices(),
            language_error=error,
        ), 400
    if current_user.is_authenticated:
        access.require(current_user, current_user.id, access.ACCOUNT, Action.CHANGE)
        set_language(access.current_person(), code)
    with force_locale(LANGUAGES[code].locale):
        flash(_("Language changed to English."), "success")
    response = redirect(next_path)
    remember_language(response, code)
    return response


@bp.get("/language/<code>")
@public
def old_language_link(code: str) -> Response:
    """Links from before the language page changed the language on a GET; they now lead
    to the page, where choosing is a form (a link must never change anything)."""
    return redirect(
        url_for("accessibility.languages", next=safe_next(request.args.get("next"), "/"))
    )


@bp.get("/accessibility-statement")
@public
def statement() -> str:
    """The accessibility statement, in the form UK public sector bodies publish."""
    return render_template("accessibility/statement.html", statement_date=STATEMENT_DATE)
