"""Find groups: search the directory, read a group's page, save it to your plan, and
add its next session to your calendar. Reading is public; saving needs an account."""

from __future__ import annotations

from flask import abort, current_app, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user
from werkzeug.wrappers import Response

from app import access
from app.access import Action, public, signed_in
from app.data.base import utcnow
from app.data.groups.listings import languages_in_use
from app.data.groups.people import (
    approved_comments,
    rating_by,
    rating_summary,
    record_group_save,
)
from app.data.groups.schedules import next_session
from app.forms import requested_page
from app.groups import bp, calendar, finding, wording
from app.groups.forms import SaveToPlanForm, SearchForm
from app.groups.opening import open_listing
from app.plan.content import new_entry_id
from app.plan.editing import add_to_plan
from app.plan.review import local_date

# Where "Save to my plan" puts a group: (plan part, section).
SAVE_PLACES = {
    "wellness_toolbox": ("wellness_toolbox", "tools"),
    "might_do": ("daily_maintenance", "might_do"),
}


@bp.get("")
@public
def search() -> tuple[str, int]:
    form = SearchForm(formdata=request.args)
    form.language.choices = [("", _("Any language"))] + languages_in_use()
    page_number = requested_page(request.args)
    outcome = finding.Outcome()
    searched = any(key != "page" for key in request.args)
    if searched and form.validate() and page_number >= 1:
        outcome = finding.run_search(form, page_number)
    elif searched and page_number < 1:
        outcome = finding.Outcome(searched=True, page_missing=True)
    status = 404 if outcome.page_missing else 200
    return render_template(
        "groups/search.html", form=form, outcome=outcome, args=request.args
    ), status


@bp.get("/<service_id>")
@public
def group(service_id: str) -> str:
    service = open_listing(service_id)
    now = utcnow()
    session = next_session(wording.rules_for(service), now)
    mine = rating_by(current_user.id, service.id) if current_user.is_authenticated else None
    return render_template(
        "groups/group.html",
        service=service,
        card=finding.card(service, None, now),
        next_text=wording.describe_session(session, now) if session else "",
        has_next=session is not None,
        schedules=[wording.describe_schedule(row) for row in service.schedules],
        summary=rating_summary(service.id),
        comments=approved_comments(service.id),
        my_rating=mine,
        save_form=SaveToPlanForm(formdata=None, entry_id=new_entry_id()),
        can_edit=access.may_edit_listing(current_user, service.id),
    )


@bp.get("/<service_id>/next-session.ics")
@public
def next_session_calendar(service_id: str) -> Response:
    service = open_listing(service_id)
    session = next_session(wording.rules_for(service), utcnow())
    if session is None:
        abort(404)
    body = calendar.ics_for(
        service, session, url_for("groups.group", service_id=service.id, _external=True), utcnow()
    )
    response = current_app.response_class(body, mimetype="text/calendar")
    response.headers["Content-Disposition"] = 'attachment; filename="next-session.ics"'
    return response


@bp.post("/<service_id>/save")
@signed_in
def save_to_plan(service_id: str) -> Response | tuple[str, int]:
    service = open_listing(service_id)
    form = SaveToPlanForm()
    entry_id = form.valid_entry_id()
    if not form.validate() or entry_id is None or form.where.data not in SAVE_PLACES:
        flash(_("Choose where in your plan to save it, then press the button again."), "error")
        return redirect(url_for("groups.group", service_id=service.id) + "#save")
    part_key, section_key = SAVE_PLACES[form.where.data]
    owner = access.current_person()
    access.require(current_user, owner.id, access.plan_part(part_key), Action.CHANGE)
    add_to_plan(
        owner.id,
        part_key,
        section_key,
        {
            "text": wording.for_my_plan(service, utcnow()),
            "link_href": url_for("groups.group", service_id=service.id),
            "link_label": service.name,
        },
        author=owner,
        change="from_groups",
        entry_id=entry_id,  # from the form, so a double tap adds one entry
    )
    # Which group and when, apart from the plan: a service the person joined counts the
    # kind of help they found from this, never from their plan (app/data/service).
    record_group_save(owner.id, service.id, local_date(utcnow(), owner.timezone))
    slug = "wellness-toolbox" if part_key == "wellness_toolbox" else "daily-plan"
    flash(_("Saved to your plan."), "success")
    return redirect(url_for("plan.show_part", slug=slug) + f"#entry-{entry_id}")
