"""Service view pages.

For a person: join a service with its code (the page says exactly what it will count),
see the services they joined and what each counts, and leave, keeping or withdrawing
their consent to be counted. For a service manager: the report, on screen and as CSV.
Every decision about who may do this is in app/access.py.
"""

from __future__ import annotations

import csv
import io
from typing import Any

from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
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
from app.data.service.staff import get_provider, provider_by_join_code, staff_places_of
from app.outcomes.loading import main_instrument
from app.outcomes.reviews import today_for
from app.service import bp
from app.service.charts import area_chart
from app.service.due import LOOK_AHEAD_DAYS, reviews_due
from app.service.equality import (
    QUESTIONS,
    QUESTIONS_BY_KEY,
    answer_label,
    clean_postcode_district,
)
from app.service.forms import (
    STOP_COUNTING,
    JoinCodeForm,
    LeaveForm,
    PeriodForm,
    equality_form,
)
from app.service.periods import Period, last_full_quarter, period_problem
from app.service.reporting import cell_text, csv_rows, report_for
from app.service.summary import summary_sentence
from app.service.wording import (
    AVERAGE_LABELS,
    COMPARED_LABEL,
    COUNT_LABELS,
    DUE_KIND_LABELS,
    SHARE_LABELS,
)

PERIOD_PROBLEMS = {
    "end_before_start": ("end", _l("The last day must be the same as or after the first day")),
    "too_long": ("end", _l("Choose a period of 3 years or less")),
    "in_the_future": ("start", _l("The first day must be today or earlier")),
}


def is_service_staff() -> bool:
    return bool(current_user.is_authenticated and staff_places_of(current_user.id))


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
        instrument=instrument,
        kind_labels=DUE_KIND_LABELS,
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


# Service managers ------------------------------------------------------------------------


@bp.get("/manage")
@signed_in
def manage() -> str:
    """The services this person is staff of; an empty list for anyone else (it is their
    own place, not anyone's data)."""
    return render_template("service/manage.html", places=staff_places_of(current_user.id))


@bp.get("/<int:provider_id>/due")
@signed_in
def due(provider_id: int) -> str:
    access.require_service_staff(current_user, provider_id)
    provider = get_provider(provider_id)
    if provider is None:  # pragma: no cover - staff belong to a service that exists
        abort(404)
    today = today_for(current_user)
    rows = reviews_due(provider.id, today)
    access.log_service_look(current_user, [row.person_id for row in rows])
    return render_template(
        "service/due.html",
        provider=provider,
        due=rows,
        today=today,
        look_ahead=LOOK_AHEAD_DAYS,
        kind_labels=DUE_KIND_LABELS,
    )


def _period_from(form: PeriodForm, today: Any) -> Period | None:
    if not request.args:
        return last_full_quarter(today)
    if not form.validate():
        return None
    problem = period_problem(form.start.data, form.end.data, today)
    if problem:
        field_name, message = PERIOD_PROBLEMS[problem]
        getattr(form, field_name).errors = [str(message)]
        return None
    return Period(form.start.data, form.end.data)


def _managed(provider_id: int) -> ServiceProvider:
    access.require_service_manager(current_user, provider_id)
    provider = get_provider(provider_id)
    if provider is None:  # pragma: no cover - a manager's service exists
        abort(404)
    return provider


@bp.get("/<int:provider_id>/report")
@signed_in
def report(provider_id: int) -> str | tuple[str, int]:
    provider = _managed(provider_id)
    today = today_for(current_user)
    form = PeriodForm(formdata=request.args if request.args else None)
    period = _period_from(form, today)
    if period is None:
        return render_template(
            "service/report.html", provider=provider, form=form, report=None, cell_text=cell_text
        ), 400
    if not request.args:
        form.start.data, form.end.data = period.start, period.end
    built = report_for(provider.id, period)
    return render_template(
        "service/report.html",
        provider=provider,
        form=form,
        report=built,
        summary=summary_sentence(built),
        instrument=main_instrument(),
        cell_text=cell_text,
        chart=area_chart(built.areas, [str(i.short) for i in main_instrument().items]),
        count_labels=COUNT_LABELS,
        share_labels=SHARE_LABELS,
        average_labels=AVERAGE_LABELS,
        compared_label=COMPARED_LABEL,
        questions=QUESTIONS_BY_KEY,
        answer_label=answer_label,
        join_url=url_for(".join", code=provider.join_code, _external=True),
    )


@bp.get("/<int:provider_id>/report.csv")
@signed_in
def report_csv(provider_id: int) -> Response:
    provider = _managed(provider_id)
    form = PeriodForm(formdata=request.args if request.args else None)
    period = _period_from(form, today_for(current_user))
    if period is None:
        abort(400, description=_("Choose a period on the report page first."))
    out = io.StringIO()
    writer = csv.writer(out)
    for row in csv_rows(report_for(provider.id, period), provider.name):
        writer.writerow([_csv_safe(value) for value in row])
    filename = f"keepwell-report-{period.start.isoformat()}-to-{period.end.isoformat()}.csv"
    return Response(
        out.getvalue(),
        mimetype="text/csv",
        headers={"Content-Disposition": f'attachment; filename="{filename}"'},
    )


def _csv_safe(value: str) -> str:
    """A spreadsheet must never run a cell as a formula (a service name could start =)."""
    try:
        float(value)
    except ValueError:
        return "'" + value if value[:1] in ("=", "+", "-", "@", "\t", "\r") else value
    return value
