"""For a service's staff: the people who joined it (names only), and each one's page at
the service, where a worker records what they signposted the person to. Only while
the person is a member who agreed; every look is in that person's Who looked
(app/access.py decides and logs)."""

from __future__ import annotations

from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user
from werkzeug.wrappers import Response

from app import access
from app.access import Action, signed_in
from app.data.accounts.queries import get_user
from app.data.groups.listings import active_listing_names, is_active_listing
from app.data.service.memberships import current_members, open_membership
from app.data.service.models import ServiceProvider
from app.data.service.signposting import NotAMember, record_signpost, signposts_at
from app.data.service.staff import get_provider
from app.outcomes.reviews import today_for
from app.service import bp
from app.service.forms import SignpostForm
from app.service.wording import SIGNPOST_LABELS


def _staff_provider(provider_id: int) -> ServiceProvider:
    access.require_service_staff(current_user, provider_id)
    provider = get_provider(provider_id)
    if provider is None:  # pragma: no cover - staff belong to a service that exists
        abort(404)
    return provider


@bp.get("/<int:provider_id>/people")
@signed_in
def people(provider_id: int) -> str:
    provider = _staff_provider(provider_id)
    members = current_members(provider.id)
    access.log_service_look(current_user, [m.person_id for m in members], access.SERVICE_PEOPLE)
    names = sorted(
        ((m.person_id, m.person.name_to_show) for m in members), key=lambda row: row[1].lower()
    )
    return render_template("service/people.html", provider=provider, names=names)


def _signpost_form(formdata: object = None) -> SignpostForm:
    form = SignpostForm(formdata=formdata)
    form.listing.choices = [("", _("None"))] + active_listing_names()
    return form


def _person_page(
    provider: ServiceProvider, person_id: int, form: SignpostForm, status: int = 200
) -> tuple[str, int]:
    person = get_user(person_id)
    membership = open_membership(provider.id, person_id)
    if person is None or membership is None:  # pragma: no cover - access checked both
        abort(404)
    return render_template(
        "service/person.html",
        provider=provider,
        person=person,
        membership=membership,
        signposts=signposts_at(provider.id, person_id),
        labels=SIGNPOST_LABELS,
        form=form,
    ), status


@bp.get("/<int:provider_id>/people/<int:user_id>")
@signed_in
def person(provider_id: int, user_id: int) -> tuple[str, int]:
    """A member's page at the service. (`user_id`, not `person_id`: that name in a URL
    means a page mounted for someone's circle, app/circle/mounting.py.)"""
    access.require_service_person(current_user, provider_id, user_id, Action.VIEW)
    return _person_page(_staff_provider(provider_id), user_id, _signpost_form())


@bp.post("/<int:provider_id>/people/<int:user_id>/signposts")
@signed_in
def record_signposting(provider_id: int, user_id: int) -> Response | tuple[str, int]:
    person_id = user_id
    access.require_service_person(current_user, provider_id, person_id, Action.CHANGE)
    provider = _staff_provider(provider_id)
    form = _signpost_form(request.form)
    valid = form.validate()
    listing_id = form.listing.data or None
    if listing_id is not None and not is_active_listing(listing_id):
        form.listing.errors = [
            _(
                "We could not find that group or service in Find groups. Choose one from "
                "the list, or None."
            )
        ]
        valid = False
    if not valid:
        return _person_page(provider, person_id, form, 400)
    try:
        record_signpost(
            provider,
            person_id,
            form.signposted_to.data,
            listing_id,
            today_for(current_user),
            access.current_person(),
        )
    except NotAMember:  # pragma: no cover - they left between the check and the save
        abort(404)
    flash(
        _("Recorded: signposted to %(kind)s.", kind=SIGNPOST_LABELS[form.signposted_to.data]),
        "success",
    )
    return redirect(url_for(".person", provider_id=provider.id, user_id=person_id))
