"""My circle, from the side of the person who shares: invite, choose, withdraw, pause,
and see who looked."""

from __future__ import annotations

from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from werkzeug.wrappers import Response

from app import access
from app.access import signed_in
from app.circle import bp, codes
from app.circle.forms import CUSTOM, CustomInviteForm, InviteForm, PermissionsForm
from app.circle.opening import owner
from app.circle.permissions import (
    PERMISSIONS,
    PRESETS_BY_KEY,
    ROLE_LABELS,
    clean_permissions,
    describe,
)
from app.circle.qr import qr_svg
from app.data.accounts.models import User
from app.data.accounts.queries import list_device_sessions
from app.data.circle.access_log import access_log
from app.data.circle.invites import (
    cancel_invite_if_open,
    create_invite,
    get_invite_for_owner,
    pending_invites,
)
from app.data.circle.members import (
    end_membership,
    get_member_for_owner,
    is_paused,
    list_members,
    pause_sharing,
    resume_sharing,
    set_permissions,
)
from app.extensions import limiter
from app.forms import ButtonForm
from app.needs import easy_read


@bp.get("/circle")
@signed_in
def overview() -> str:
    person = owner()
    return render_template(
        "circle/overview.html",
        members=list_members(person),
        invites=pending_invites(person),
        paused=is_paused(person.id),
        role_labels=ROLE_LABELS,
        describe=describe,
        button_form=ButtonForm(formdata=None),
    )


@bp.route("/circle/invite", methods=["GET", "POST"])
@signed_in
@limiter.limit("30 per hour", methods=["POST"])
def invite() -> str | Response:
    person = owner()
    form = InviteForm()
    if form.validate_on_submit():
        if form.preset.data == CUSTOM:
            custom = CustomInviteForm(formdata=None, data={"label": form.label.data})
            return render_template(
                easy_read.page("circle/invite_custom.html"), form=custom, groups=_groups()
            )
        preset = PRESETS_BY_KEY[form.preset.data]
        return _make_invite(person, preset.role, form.label.data, set(preset.permissions))
    return render_template(easy_read.page("circle/invite.html"), form=form, presets=PRESETS_BY_KEY)


@bp.post("/circle/invite/custom")
@signed_in
@limiter.limit("30 per hour")
def invite_custom() -> str | Response:
    person = owner()
    form = CustomInviteForm()
    if form.validate_on_submit():
        return _make_invite(
            person, form.role.data, form.label.data, clean_permissions(form.permissions.data)
        )
    return render_template(easy_read.page("circle/invite_custom.html"), form=form, groups=_groups())


def _groups() -> dict[str, str]:
    """Headings above the first permission of each kind in the checkbox list."""
    headings = {
        "plan": _("Parts of my plan"),
        "actions": _("With those parts"),
        "other": _("Other things"),
    }
    first_of_group: dict[str, str] = {}
    for permission in PERMISSIONS:
        first_of_group.setdefault(permission.group, permission.key)
    return {key: headings[group] for group, key in first_of_group.items()}


def _make_invite(person: User, role: str, label: str, permissions: set[str]) -> str:
    """Show the code once, in this response: only its hash is kept."""
    code = codes.new_code()
    invite = create_invite(
        person, role=role, label=label, permissions=permissions, code_hash=codes.code_hash(code)
    )
    link = url_for("circle.join_with_link", code=code, _external=True)
    return render_template(
        easy_read.page("circle/invite_ready.html"),
        invite=invite,
        code=code,
        link=link,
        qr=qr_svg(link, _("QR code for the invite link")),
        permissions=[p for p in PERMISSIONS if p.key in permissions],
        role_labels=ROLE_LABELS,
        button_form=ButtonForm(formdata=None),
    )


@bp.post("/circle/invites/<int:invite_id>/cancel")
@signed_in
def cancel_invite(invite_id: int) -> Response:
    person = owner()
    found = get_invite_for_owner(person, invite_id)
    if found is None:
        abort(404)
    if cancel_invite_if_open(found):
        flash(_("Invite cancelled. The code will not work now."), "success")
    return redirect(url_for("circle.overview"))


@bp.route("/circle/members/<int:member_row_id>", methods=["GET", "POST"])
@signed_in
def member(member_row_id: int) -> str | Response:
    person = owner()
    row = get_member_for_owner(person, member_row_id)
    if row is None:
        abort(404)
    form = PermissionsForm(
        data={"permissions": sorted(row.permissions)} if request.method == "GET" else None
    )
    if form.validate_on_submit():
        set_permissions(row, clean_permissions(form.permissions.data))
        access.forget_standing()
        flash(
            _("Saved. %(name)s can now see and do only what is ticked.", name=_name(row)), "success"
        )
        return redirect(url_for("circle.overview"))
    return render_template(
        "circle/member.html", row=row, form=form, groups=_groups(), role_labels=ROLE_LABELS
    )


@bp.route("/circle/members/<int:member_row_id>/remove", methods=["GET", "POST"])
@signed_in
def remove_member(member_row_id: int) -> str | Response:
    person = owner()
    row = get_member_for_owner(person, member_row_id)
    if row is None:
        abort(404)
    form = ButtonForm()
    if request.method == "POST" and form.validate_on_submit():
        end_membership(row)
        access.forget_standing()
        flash(_("%(name)s can no longer see anything of yours.", name=_name(row)), "success")
        return redirect(url_for("circle.overview"))
    return render_template("circle/remove_member.html", row=row, form=form)


def _name(row: object) -> str:
    return getattr(row, "label", "") or row.member.name_to_show  # type: ignore[attr-defined]


@bp.post("/circle/pause")
@signed_in
def pause() -> Response:
    person = owner()
    if not ButtonForm().validate_on_submit():
        abort(400)
    pause_sharing(person)
    flash(
        _("Sharing is paused. Nobody in your circle can see anything until you start again."),
        "success",
    )
    return redirect(url_for("circle.overview"))


@bp.post("/circle/resume")
@signed_in
def resume() -> Response:
    person = owner()
    if not ButtonForm().validate_on_submit():
        abort(400)
    resume_sharing(person)
    flash(_("Sharing is on again. Your circle can see what you chose."), "success")
    return redirect(url_for("circle.overview"))


@bp.get("/circle/activity")
@signed_in
def activity() -> str:
    person = owner()
    entries = access_log(person)
    return render_template(
        "circle/activity.html",
        others=[e for e in entries if e.actor_id != person.id],
        sign_ins=[e for e in entries if e.action == "sign_in"][:20],
        devices=list_device_sessions(person),
    )
