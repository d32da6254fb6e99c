"""The other side of the circle: joining with a code, People I support, and one
person's page as their carer or peer mentor sees it."""

from __future__ import annotations

from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user
from werkzeug.wrappers import Response

from app import access
from app.access import Action, public, signed_in
from app.circle import bp, codes
from app.circle.forms import FindPersonForm, JoinForm
from app.circle.permissions import ROLE_LABELS, describe_for_member
from app.data.accounts.models import User
from app.data.base import utcnow
from app.data.circle.invites import accept_invite, find_invite, invite_problem
from app.data.circle.members import supported_people
from app.extensions import limiter
from app.forms import ButtonForm, requested_page
from app.needs import easy_read
from app.needs.flag import needs_for_member, read_needs_flags

GUESS_LIMIT = "10 per 15 minutes"
PEOPLE_PER_PAGE = 20


def _problem_message(problem: str) -> str:
    messages = {
        "unknown": _("That code is not right. Check it with the person who gave it to you."),
        "expired": _("That invite has expired. Ask the person to send you a new one."),
        "used": _("That invite has already been used. Ask the person to send you a new one."),
        "cancelled": _("That invite was cancelled. Ask the person to send you a new one."),
        "own": _("This is your own invite. Give the code to the person you want to invite."),
    }
    return messages[problem]


@bp.route("/circle/join", methods=["GET", "POST"])
@signed_in
@limiter.limit(GUESS_LIMIT, methods=["POST"])
def join() -> str | Response:
    form = JoinForm()
    if form.validate_on_submit():
        return redirect(url_for("circle.join_with_link", code=codes.normalise(form.code.data)))
    return render_template("circle/join.html", form=form)


@bp.route("/circle/join/<code>", methods=["GET", "POST"])
@public
@limiter.limit(GUESS_LIMIT)
def join_with_link(code: str) -> str | Response:
    """The invite link. Someone without an account yet is told who invited them and what
    they will see, and offered "Create an account" first; the invite comes with them
    through signing up or in (issue 10)."""
    invite = find_invite(codes.code_hash(code))
    problem = invite_problem(invite, utcnow())
    if not current_user.is_authenticated:
        if problem is not None or request.method == "POST":
            return redirect(url_for("auth.sign_in", next=request.path))
        assert invite is not None
        return render_template(
            easy_read.page("circle/join_landing.html"),
            invite=invite,
            permissions=describe_for_member(set(invite.permissions), invite.owner.name_to_show),
            role_labels=ROLE_LABELS,
            carry_next=request.path,
        )
    if problem is None and invite is not None and invite.owner_id == current_user.id:
        problem = "own"
    if problem is not None:
        form = JoinForm(formdata=None, data={"code": code[:40]})
        form.code.errors = [_problem_message(problem)]
        return render_template("circle/join.html", form=form), 400  # type: ignore[return-value]
    assert invite is not None
    form = ButtonForm()
    if request.method == "POST" and form.validate_on_submit():
        if request.form.get("answer") != "accept":
            flash(_("You said no. Nothing has been shared with you."), "info")
            return redirect(url_for("home.index"))
        accepted = accept_invite(invite, access.current_person())
        if accepted is None:  # someone else used it a moment ago
            form = JoinForm(formdata=None, data={"code": code[:40]})
            form.code.errors = [_problem_message("used")]
            return render_template("circle/join.html", form=form), 400  # type: ignore[return-value]
        membership, already = accepted
        access.forget_standing()
        flash(
            _("Your access has been updated.") if already else _("You have joined the circle."),
            "success",
        )
        return redirect(url_for("circle.person", person_id=membership.owner_id))
    return render_template(
        easy_read.page("circle/join_confirm.html"),
        invite=invite,
        code=code,
        permissions=describe_for_member(set(invite.permissions), invite.owner.name_to_show),
        role_labels=ROLE_LABELS,
        form=form,
    )


@bp.get("/people")
@signed_in
def people() -> tuple[str, int]:
    """Everyone who shares with me, by name, a page at a time, with a name search once
    there are more than fit on a page (a peer mentor may support hundreds)."""
    form = FindPersonForm(formdata=request.args)
    name = (form.name.data or "") if form.validate() else ""
    page = requested_page(request.args)
    found = supported_people(
        access.current_person().id, page=max(page, 1), per_page=PEOPLE_PER_PAGE, name=name
    )
    missing = page < 1 or page > found.pages
    if not missing:
        read_needs_flags([person.owner_id for person in found.people])
    return render_template(
        "circle/people.html",
        form=form,
        found=found,
        name=name,
        missing=missing,
        show_find=bool(request.args.get("name")) or found.total > PEOPLE_PER_PAGE,
        role_labels=ROLE_LABELS,
    ), 404 if missing else 200


@bp.get("/people/<int:person_id>")
@signed_in
def person() -> str:
    # person_id has been taken from the URL and checked: see app/circle/mounting.py.
    someone: User = access.viewed_person()
    if someone.id == current_user.id:
        abort(404)
    access.require(current_user, someone.id, access.SHARING_WITH_ME, Action.VIEW)
    needs = needs_for_member(someone.id)
    standing = access.standing_of(current_user.id, someone.id)
    if standing is None:  # require above has let in only someone in the circle
        abort(404)
    return render_template(
        "circle/person.html",
        someone=someone,
        needs=needs,
        permissions=describe_for_member(standing.permissions, someone.name_to_show),
        role=ROLE_LABELS.get(standing.role, ""),
        can_see_plan=access.shares_any_plan_part(standing.permissions),
        button_form=ButtonForm(formdata=None),
    )
