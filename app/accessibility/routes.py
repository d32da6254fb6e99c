"""Display settings and the language switch. Both work without signing in."""

from __future__ import annotations

from datetime import date

from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import force_locale
from flask_babel import gettext as _
from flask_login import current_user
from werkzeug.wrappers import Response

from app import access
from app.access import Action, public
from app.accessibility import bp
from app.accessibility.forms import DisplayForm
from app.accessibility.languages import LANGUAGES
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


@bp.get("/language/<code>")
@public
def choose_language(code: str) -> Response:
    if code not in LANGUAGES:
        abort(404)
    if current_user.is_authenticated:
        set_language(access.current_person(), code)
    with force_locale(LANGUAGES[code].locale):
        flash(_("Language changed to English."), "success")
    response = redirect(safe_next(request.args.get("next"), "/"))
    remember_language(response, code)
    return response


@bp.get("/accessibility-statement")
@public
def statement() -> str:
    """The accessibility statement, in the form UK public sector bodies publish."""
    return render_template("accessibility/statement.html", statement_date=STATEMENT_DATE)
