"""Rating a group you have been to: 1 to 5 stars and an optional comment, one rating
per person per group, which you can change or take back."""

from __future__ import annotations

from flask import flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user
from werkzeug.wrappers import Response

from app import access
from app.access import Action, signed_in
from app.data.groups.people import rate_group, rating_by, remove_rating
from app.forms import ButtonForm
from app.groups import bp
from app.groups.forms import RatingForm
from app.groups.opening import open_listing


def _me():  # type: ignore[no-untyped-def]
    person = access.current_person()
    access.require(current_user, person.id, access.GROUP_RATINGS, Action.CHANGE)
    return person


@bp.route("/<service_id>/rate", methods=["GET", "POST"])
@signed_in
def rate(service_id: str) -> str | Response:
    service = open_listing(service_id)
    person = _me()
    existing = rating_by(person.id, service.id)
    form = RatingForm()
    if not form.is_submitted() and existing is not None:
        form = RatingForm(formdata=None, stars=str(existing.stars), comment=existing.comment)
    if form.validate_on_submit():
        _rating, created = rate_group(
            person, service, int(form.stars.data), form.comment.data or ""
        )
        if created:
            flash(_("Thank you. Your rating has been saved."), "success")
        else:
            flash(_("Thank you. Your rating has been changed."), "success")
        if form.comment.data:
            flash(_("Your comment will be shown once a service manager has read it."), "info")
        return redirect(url_for("groups.group", service_id=service.id) + "#ratings")
    return render_template(
        "groups/rate.html",
        service=service,
        form=form,
        existing=existing,
        remove_form=ButtonForm(formdata=None),
    )


@bp.post("/<service_id>/rate/remove")
@signed_in
def remove_my_rating(service_id: str) -> Response:
    service = open_listing(service_id)
    if remove_rating(_me(), service):
        flash(_("Your rating has been removed."), "success")
    return redirect(url_for("groups.group", service_id=service.id) + "#ratings")
