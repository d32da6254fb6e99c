"""A service's staff: managers invite workers and managers with a one-time code (7 days,
works once), see who is on the staff and remove anyone at once; staff may leave. A
service always keeps at least one manager."""

from __future__ import annotations

from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user
from werkzeug.wrappers import Response

from app import access
from app.access import signed_in
from app.circle.codes import code_hash, new_code
from app.data.service.models import ServiceProvider, ServiceStaff
from app.data.service.staff import (
    InviteProblem,
    accept_staff_invite,
    create_staff_invite,
    delete_staff_row,
    get_provider,
    get_staff_row,
    managers_left_without,
    staff_of,
    staff_row,
    usable_staff_invite,
)
from app.extensions import limiter
from app.forms import ButtonForm
from app.service import bp
from app.service.forms import StaffCodeForm, StaffInviteForm

INVITE_PROBLEMS = {
    "unknown": _l("We could not find that code. Check it with your manager."),
    "used": _l("That code has been used. Ask your manager for a new one."),
    "expired": _l("That code has expired: codes last 7 days. Ask your manager for a new one."),
}


def _managed(provider_id: int) -> ServiceProvider:
    access.require_service_manager(current_user, provider_id)
    provider = get_provider(provider_id)
    if provider is None:  # pragma: no cover - a manager's service exists
        abort(404)
    return provider


def _staff_page(
    provider: ServiceProvider, form: StaffInviteForm, status: int = 200
) -> tuple[str, int]:
    return render_template(
        "service/staff.html",
        provider=provider,
        staff=staff_of(provider.id),
        form=form,
        button_form=ButtonForm(formdata=None),
    ), status


@bp.get("/<int:provider_id>/staff")
@signed_in
def staff(provider_id: int) -> tuple[str, int]:
    return _staff_page(_managed(provider_id), StaffInviteForm(formdata=None))


@bp.post("/<int:provider_id>/staff/invite")
@signed_in
def invite_staff(provider_id: int) -> tuple[str, int]:
    provider = _managed(provider_id)
    form = StaffInviteForm()
    if not form.validate():
        return _staff_page(provider, form, 400)
    code = new_code()
    create_staff_invite(provider, form.role.data, code_hash(code), current_user)
    # Shown once, in the answer to the POST: it is never stored, only its hash.
    return render_template(
        "service/staff_invite.html",
        provider=provider,
        code=code,
        link=url_for(".join_staff", code=code, _external=True),
    ), 200


@bp.post("/<int:provider_id>/staff/<int:staff_id>/remove")
@signed_in
def remove_staff_member(provider_id: int, staff_id: int) -> Response:
    provider = _managed(provider_id)
    row = get_staff_row(staff_id)
    if row is None or row.provider_id != provider.id:
        abort(404)
    return _end_place(row, provider, url_for(".staff", provider_id=provider.id))


@bp.post("/<int:provider_id>/staff/leave")
@signed_in
def leave_staff(provider_id: int) -> Response:
    access.require_service_staff(current_user, provider_id)
    row = staff_row(provider_id, current_user.id)
    provider = get_provider(provider_id)
    if row is None or provider is None:  # pragma: no cover - checked just above
        abort(404)
    return _end_place(row, provider, url_for(".manage"))


def _end_place(row: ServiceStaff, provider: ServiceProvider, back: str) -> Response:
    if row.role == "manager" and managers_left_without(row) == 0:
        flash(_("A service needs at least one manager. Invite another manager first."), "info")
        return redirect(back)
    name = row.user.name_to_show if row.user_id != current_user.id else None
    delete_staff_row(row)
    if name is None:
        flash(_("You are no longer on the staff of %(name)s.", name=provider.name), "success")
        return redirect(url_for(".manage"))
    flash(
        _("%(person)s is no longer on the staff of %(name)s.", person=name, name=provider.name),
        "success",
    )
    return redirect(back)


@bp.route("/staff/join", methods=["GET", "POST"])
@signed_in
@limiter.limit("30 per hour", methods=["POST"])
def join_staff() -> str | Response | tuple[str, int]:
    """GET: type the code (or follow the link); POST: join the staff with it."""
    source = request.form if request.method == "POST" else request.args
    form = StaffCodeForm(formdata=source if "code" in source else None)
    if "code" not in source:
        return render_template("service/staff_join.html", form=form, invite=None)
    if not form.validate():
        return render_template("service/staff_join.html", form=form, invite=None), 400
    try:
        invite = usable_staff_invite(code_hash(form.code.data))
        if request.method == "POST":
            accept_staff_invite(invite, current_user)
    except InviteProblem as problem:
        form.code.errors = [str(INVITE_PROBLEMS[str(problem)])]
        return render_template("service/staff_join.html", form=form, invite=None), 400
    if request.method == "GET":
        return render_template("service/staff_join.html", form=form, invite=invite)
    flash(_("You are on the staff of %(name)s.", name=invite.provider.name), "success")
    return redirect(url_for(".manage"))
