"""For a service's staff: the report its managers give commissioners (on screen and as
CSV, suppressed), and the list of reviews due for its workers. app/access.py decides who."""

from __future__ import annotations

import csv
import io
from typing import Any

from flask import abort, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user
from werkzeug.wrappers import Response

from app import access
from app.access import signed_in
from app.data.service.listings import listings_of
from app.data.service.models import MANAGER, ServiceProvider
from app.data.service.staff import get_provider, staff_places_of
from app.outcomes.loading import main_instrument
from app.outcomes.reviews import today_for
from app.person_flags import person_flag
from app.service import bp
from app.service.charts import area_chart
from app.service.due import LOOK_AHEAD_DAYS, reviews_due
from app.service.equality import (
    QUESTIONS_BY_KEY,
    answer_label,
)
from app.service.forms import (
    PeriodForm,
)
from app.service.periods import Period, last_full_quarter, period_problem
from app.service.reporting import cell_text, csv_rows, report_for
from app.service.summary import summary_sentence
from app.service.wording import (
    AVERAGE_LABELS,
    COMPARED_LABEL,
    COUNT_LABELS,
    DUE_KIND_LABELS,
    PEER_SUPPORT_LABELS,
    SHARE_LABELS,
    SIGNPOST_LABELS,
)

PERIOD_PROBLEMS = {
    "end_before_start": ("end", _l("The last day must be the same as or after the first day")),
    "too_long": ("end", _l("Choose a period of 3 years or less")),
    "in_the_future": ("start", _l("The first day must be today or earlier")),
}


def is_service_staff() -> bool:
    if not current_user.is_authenticated:
        return False
    return person_flag("is_staff_anywhere", lambda: staff_places_of(current_user.id))


# Service managers ------------------------------------------------------------------------


@bp.get("/manage")
@signed_in
def manage() -> str:
    """The services this person is staff of, and the directory listings of those they
    manage; an empty list for anyone else (it is their own place, not anyone's data)."""
    places = staff_places_of(current_user.id)
    listings = {
        place.provider_id: listings_of(place.provider_id)
        for place in places
        if place.role == MANAGER
    }
    return render_template("service/manage.html", places=places, listings=listings)


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
        signpost_labels=SIGNPOST_LABELS,
        peer_support_labels=PEER_SUPPORT_LABELS,
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
