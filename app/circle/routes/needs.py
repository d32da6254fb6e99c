"""Communication needs (the Accessible Information Standard): recorded once by the
person, shown to everyone in their circle who may see them."""

from __future__ import annotations

from flask import flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user
from werkzeug.wrappers import Response

from app import access
from app.access import Action, signed_in
from app.circle import bp
from app.circle.forms import NEEDS, CommunicationNeedsForm
from app.data.accounts.models import User
from app.data.circle.needs import communication_needs, save_communication_needs

NEED_LABELS = dict(NEEDS)


@bp.route("/account/communication-needs", methods=["GET", "POST"])
@signed_in
def my_needs() -> str | Response:
    person: User = access.viewed_person()
    access.require(current_user, person.id, access.COMMUNICATION_NEEDS, Action.CHANGE)
    record = communication_needs(person.id)
    data = (
        {"needs": record.needs, "language": record.language, "notes": record.notes}
        if record and request.method == "GET"
        else None
    )
    form = CommunicationNeedsForm(data=data)
    if form.validate_on_submit():
        known = [key for key in form.needs.data or [] if key in NEED_LABELS]
        save_communication_needs(person, known, form.language.data or "", form.notes.data or "")
        flash(_("Saved. People you share this with will see it."), "success")
        return redirect(url_for("circle.my_needs"))
    return render_template("circle/needs.html", form=form)
