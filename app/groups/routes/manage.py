"""Service managers' screens: add, edit, retire and check listings; read comments before
others see them; import an ORUK feed. A service's own managers may also edit the
listings linked to their service, and add one for it. Every view asks the access policy
first."""

from __future__ import annotations

from typing import Any

from flask import abort, current_app, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user
from werkzeug.wrappers import Response

from app import access
from app.access import signed_in
from app.data.base import utcnow
from app.data.groups import taxonomy
from app.data.groups.listings import (
    ListingValues,
    get_service,
    is_stale,
    listings_for_managers,
    mark_checked,
    save_listing,
    set_status,
)
from app.data.groups.models import Service
from app.data.groups.people import moderate, pending_comments
from app.data.service.listings import link_listing
from app.data.service.staff import get_provider
from app.forms import ButtonForm
from app.groups import bp
from app.groups.feed_files import FeedError
from app.groups.forms import ImportForm, ListingForm
from app.groups.importer import (
    DEFAULT_PUBLISHER,
    ImportReport,
    import_feed,
    import_web_address,
)
from app.groups.places import find_place
from app.untrusted import parse_id


def _require_manager() -> None:
    access.require_directory_manager(current_user)


def _listing(service_id: str) -> Service:
    _require_manager()
    service = get_service(service_id)
    if service is None:
        abort(404)
    return service


def _back() -> str:
    """Where a listing's editor goes back to: the directory's screens for its managers,
    Your service for a service's manager editing their own listings."""
    if access.may_manage_directory(current_user):
        return url_for("groups.manage")
    return url_for("service.manage")


@bp.get("/manage")
@signed_in
def manage() -> str:
    _require_manager()
    today = utcnow().date()
    listings = listings_for_managers()
    stale = {service.id for service in listings if is_stale(service, today)}
    return render_template(
        "groups/manage/index.html",
        listings=listings,
        stale=stale,
        pending=len(pending_comments()),
        button=ButtonForm(formdata=None),
    )


@bp.route("/manage/new", methods=["GET", "POST"])
@signed_in
def new_listing() -> str | Response:
    _require_manager()
    return _edit(None, ListingForm())


@bp.route("/manage/for/<int:provider_id>/new", methods=["GET", "POST"])
@signed_in
def new_service_listing(provider_id: int) -> str | Response:
    """A service's manager adds a listing, linked to their service as it is saved."""
    access.require_service_manager(current_user, provider_id)
    provider = get_provider(provider_id)
    if provider is None:  # pragma: no cover - a manager's service exists
        abort(404)
    return _edit(None, ListingForm(), provider_id=provider.id)


@bp.route("/manage/<service_id>/edit", methods=["GET", "POST"])
@signed_in
def edit_listing(service_id: str) -> str | Response:
    access.require_listing_editor(current_user, service_id)
    service = get_service(service_id)
    if service is None:
        abort(404)
    if service.publisher and not service.is_demo:
        # The feed owns it: an edit here would be lost at its next import, or overwrite it.
        flash(
            _(
                "This listing comes from the feed %(publisher)s. Ask its publisher to "
                "change it; it updates here at the next import.",
                publisher=service.publisher,
            ),
            "info",
        )
        return redirect(_back())
    form = ListingForm() if request.method == "POST" else ListingForm(data=_form_data(service))
    return _edit(service, form)


def _edit(
    service: Service | None, form: ListingForm, provider_id: int | None = None
) -> str | Response:
    extra: list[tuple[str, str]] = []
    if form.validate_on_submit():
        values = _values(form)
        if values.latitude is None:
            extra.append(
                ("#town", _("We could not find that town or postcode. Check the spelling."))
            )
        else:
            saved = save_listing(values, service.id if service else None)
            if provider_id is not None:
                provider = get_provider(provider_id)
                assert provider is not None  # checked by the view
                link_listing(provider, saved.id)
            flash(_("The listing has been saved."), "success")
            return redirect(url_for("groups.group", service_id=saved.id))
    return render_template(
        "groups/manage/edit.html",
        form=form,
        service=service,
        extra_errors=extra,
        directory_manager=access.may_manage_directory(current_user),
    )


def _values(form: ListingForm) -> ListingValues:
    place = find_place(form.postcode.data or "").place if form.postcode.data else None
    place = place or find_place(form.town.data or "").place
    languages = [name.strip() for name in (form.languages.data or "").split(",") if name.strip()]
    return ListingValues(
        name=form.name.data,
        organization_name=form.organization_name.data,
        description=form.description.data,
        type_codes=form.types.data or [],
        access_codes=form.access.data or [],
        self_referral=bool(form.self_referral.data),
        how_to_join=form.how_to_join.data or "",
        who_for=form.who_for.data or "",
        minimum_age=form.minimum_age.data,
        cost=form.cost.data or "",
        place_name=form.place_name.data or "",
        address=form.address.data or "",
        town=form.town.data or "",
        county=place.county if place else "",
        postcode=(form.postcode.data or "").upper(),
        latitude=place.latitude if place else None,
        longitude=place.longitude if place else None,
        getting_there=form.getting_there.data or "",
        access_notes=form.access_notes.data or "",
        days=form.days.data or [],
        monthly_week=int(form.monthly_week.data) if form.monthly_week.data else None,
        opens_at=form.opens_at.data or "",
        closes_at=form.closes_at.data or "",
        phone=form.phone.data or "",
        email=form.email.data or "",
        website=form.website.data or "",
        languages=[(name[:3].lower(), name) for name in languages],
        alert=form.alert.data or "",
    )


def _form_data(service: Service) -> dict[str, Any]:
    term_codes = {
        taxonomy.TERMS_BY_ID[a.taxonomy_term_id].code
        for a in service.attributes
        if a.taxonomy_term_id in taxonomy.TERMS_BY_ID
    }
    location = service.service_at_locations[0].location if service.service_at_locations else None
    schedule = service.schedules[0] if service.schedules else None
    days = [part[-2:] for part in (schedule.byday or "").split(",") if part] if schedule else []
    monthly = (
        schedule.byday.split(",")[0][:-2]
        if schedule and schedule.freq == "MONTHLY" and schedule.byday
        else ""
    )
    return {
        "name": service.name,
        "organization_name": service.organization.name,
        "description": service.description,
        "types": [c for c in taxonomy.TYPE_CODES if c in term_codes],
        "access": [c for c in taxonomy.ACCESS_CODES if c in term_codes],
        "self_referral": taxonomy.SELF_REFERRAL.code in term_codes,
        "how_to_join": service.application_process,
        "who_for": service.eligibility_description,
        "minimum_age": service.minimum_age,
        "cost": "" if service.is_free else (service.fees_description or ""),
        "place_name": location.name if location else "",
        "address": location.address_1 if location else "",
        "town": location.city if location else "",
        "postcode": location.postal_code if location else "",
        "getting_there": location.transportation if location else "",
        "access_notes": location.accessibility[0].description
        if location and location.accessibility
        else "",
        "days": days,
        "monthly_week": monthly,
        "opens_at": schedule.opens_at if schedule else "",
        "closes_at": schedule.closes_at if schedule else "",
        "phone": service.phones[0].number if service.phones else "",
        "email": service.email,
        "website": service.url,
        "languages": ", ".join(lang.name or lang.code or "" for lang in service.languages),
        "alert": service.alert,
    }


@bp.post("/manage/<service_id>/retire")
@signed_in
def retire_listing(service_id: str) -> Response:
    service = _listing(service_id)
    retiring = service.status == "active"
    set_status(service, "inactive" if retiring else "active")
    flash(
        _("The listing has been retired. People can no longer find it.")
        if retiring
        else _("The listing is back. People can find it again."),
        "success",
    )
    return redirect(url_for("groups.manage"))


@bp.post("/manage/<service_id>/checked")
@signed_in
def mark_listing_checked(service_id: str) -> Response:
    service = _listing(service_id)
    mark_checked(service)
    flash(_("Marked as checked today."), "success")
    return redirect(url_for("groups.manage"))


@bp.route("/manage/comments", methods=["GET", "POST"])
@signed_in
def comments() -> str | Response:
    _require_manager()
    if request.method == "POST":
        rating_id = parse_id(request.form.get("rating_id"))
        decision = request.form.get("decision")
        done = (
            moderate(rating_id, decision == "approve")
            if rating_id is not None and decision in ("approve", "reject")
            else None
        )
        if done is None:
            flash(_("That comment has already been dealt with."), "info")
        else:
            flash(
                _("Comment approved. People can now read it.")
                if decision == "approve"
                else _("Comment rejected. Only the person who wrote it can see it."),
                "success",
            )
        return redirect(url_for("groups.comments"))
    return render_template("groups/manage/comments.html", ratings=pending_comments())


@bp.route("/manage/import", methods=["GET", "POST"])
@signed_in
def import_listings() -> str | Response:
    _require_manager()
    form = ImportForm()
    report: ImportReport | None = None
    problem = ""
    if form.validate_on_submit():
        publisher = form.publisher.data or None
        try:
            if form.feed.data:
                report = import_feed(
                    form.feed.data.read(), publisher=publisher or DEFAULT_PUBLISHER
                )
            elif form.url.data:
                allow = current_app.config.get("GROUPS_IMPORT_FROM_URLS", False)
                report = import_web_address(form.url.data, allow, publisher=publisher)
            else:
                problem = _("Choose a feed file, or give the web address of a feed.")
        except FeedError as error:
            problem = _("Nothing was imported: %(reason)s.", reason=str(error))
    return render_template("groups/manage/import.html", form=form, report=report, problem=problem)
