"""A person and their services: join with a code (the page says exactly what will be
counted), see what each service counts, answer optional equality questions, and leave,
keeping or withdrawing consent. Only the person does any of this (app/access.py)."""

from __future__ import annotations

from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user
from werkzeug.wrappers import Response

from app import access
from app.access import Action, signed_in
from app.data.service.memberships import (
    AlreadyJoined,
    get_membership,
    join_service,
    leave_service,
    memberships_of,
    open_membership,
    save_equality_answers,
)
from app.data.service.models import ServiceMembership, ServiceProvider
from app.data.service.reports import counted_for
from app.data.service.signposting import saves_counted_for, signposts_counted_for
from app.data.service.staff import provider_by_join_code
from app.outcomes.loading import main_instrument
from app.outcomes.reviews import today_for
from app.service import bp
from app.service.equality import (
    QUESTIONS,
    clean_postcode_district,
)
from app.service.forms import (
    STOP_COUNTING,
    JoinCodeForm,
    LeaveForm,
    equality_form,
)
from app.service.wording import (
    DUE_KIND_LABELS,
    SIGNPOST_LABELS,
)


def has_joined_a_service() -> bool:
    """For the home page: a way back to Your services, once there is something there."""
    return bool(current_user.is_authenticated and memberships_of(current_user.id))


# A person's own services ---------------------------------------------------------------


@bp.get("")
@signed_in
def mine() -> str:
    person = access.viewed_person()
    access.require(current_user, person.id, access.SERVICE_MEMBERSHIPS, Action.VIEW)
    instrument = main_instrument()
    keys = [item.key for item in instrument.items]
    memberships = memberships_of(person.id)
    return render_template(
        "service/mine.html",
        memberships=memberships,
        counted={m.id: counted_for(m, instrument.key, keys) for m in memberships},
        signposts={m.id: signposts_counted_for(m) for m in memberships},
        saves={m.id: saves_counted_for(m) for m in memberships},
        instrument=instrument,
        kind_labels=DUE_KIND_LABELS,
        signpost_labels=SIGNPOST_LABELS,
    )


def _provider_for_code(form: JoinCodeForm) -> ServiceProvider | None:
    provider = provider_by_join_code(form.code.data or "")
    if provider is None:
        form.code.errors = [
            _("We could not find a service with that code. Check it with your worker.")
        ]
    return provider


@bp.route("/join", methods=["GET", "POST"])
@signed_in
def join() -> str | Response | tuple[str, int]:
    """GET with no code: a box to type it. GET with a code (the self-referral link): what
    the service will count, and the button to agree. POST: join."""
    person = access.viewed_person()
    access.require(
        current_user,
        person.id,
        access.SERVICE_MEMBERSHIPS,
        Action.CHANGE if request.method == "POST" else Action.VIEW,
    )
    source = request.form if request.method == "POST" else request.args
    form = JoinCodeForm(formdata=source if "code" in source else None)
    if "code" not in source:
        return render_template("service/join.html", form=form)
    if not form.validate() or (provider := _provider_for_code(form)) is None:
        return render_template("service/join.html", form=form), 400
    if open_membership(provider.id, person.id) is not None:
        flash(_("You are already a member of %(name)s.", name=provider.name), "info")
        return redirect(url_for(".mine"))
    if request.method == "GET":
        return render_template(
            "service/join_confirm.html",
            provider=provider,
            code=provider.join_code,
            instrument=main_instrument(),
        )
    try:
        join_service(provider, person.id, today_for(person))
    except AlreadyJoined:
        flash(_("You are already a member of %(name)s.", name=provider.name), "info")
        return redirect(url_for(".mine"))
    flash(_("You joined %(name)s.", name=provider.name), "success")
    return redirect(url_for(".mine"))


def _own_membership(membership_id: int, action: Action) -> ServiceMembership:
    membership = get_membership(membership_id)
    if membership is None:
        abort(404)
    access.require(current_user, membership.person_id, access.SERVICE_MEMBERSHIPS, action)
    return membership


@bp.route("/<int:membership_id>/leave", methods=["GET", "POST"])
@signed_in
def leave(membership_id: int) -> str | Response | tuple[str, int]:
    membership = _own_membership(
        membership_id, Action.CHANGE if request.method == "POST" else Action.VIEW
    )
    if not membership.is_open and not membership.counted:
        flash(_("You have already left, and nothing of yours is counted."), "info")
        return redirect(url_for(".mine"))
    form = LeaveForm()
    if not membership.is_open:
        # Already left: the only thing still to decide is the person's consent.
        form.choice.data = STOP_COUNTING
    if request.method == "POST" and form.validate():
        withdraw = form.choice.data == STOP_COUNTING
        leave_service(membership, today_for(current_user), withdraw_consent=withdraw)
        if withdraw:
            flash(
                _(
                    "Done. %(name)s no longer counts anything of yours, in any report.",
                    name=membership.provider.name,
                ),
                "success",
            )
        else:
            flash(_("You left %(name)s.", name=membership.provider.name), "success")
        return redirect(url_for(".mine"))
    status = 400 if request.method == "POST" else 200
    return render_template("service/leave.html", membership=membership, form=form), status


@bp.route("/<int:membership_id>/equality", methods=["GET", "POST"])
@signed_in
def equality(membership_id: int) -> str | Response | tuple[str, int]:
    """The optional equality questions, for a service the person is a member of now."""
    membership = _own_membership(
        membership_id, Action.CHANGE if request.method == "POST" else Action.VIEW
    )
    if not membership.is_open or not membership.counted:
        flash(
            _("You have left %(name)s, so nothing here is counted.", name=membership.provider.name),
            "info",
        )
        return redirect(url_for(".mine"))
    form = equality_form(
        membership.equality_answers, request.form if request.method == "POST" else None
    )
    if request.method == "POST" and form.validate():
        answers = {question.key: form[question.key].data or "" for question in QUESTIONS}
        if answers.get("postcode_district"):
            answers["postcode_district"] = (
                clean_postcode_district(answers["postcode_district"]) or ""
            )
        save_equality_answers(membership, answers)
        flash(_("Your answers are saved. You can change them at any time."), "success")
        return redirect(url_for(".mine"))
    status = 400 if request.method == "POST" else 200
    return render_template(
        "service/equality.html", membership=membership, form=form, questions=QUESTIONS
    ), status
