"""The report's one-sentence summary, in words that respect suppression."""

from __future__ import annotations

from flask_babel import gettext as _

from app.service.measures import Report
from app.service.reporting import cell_text
from app.template_filters import long_date


def summary_sentence(report: Report) -> str:
    supported = report.counts["supported"]
    new = report.counts["new"]
    dates = {"start": long_date(report.period.start), "end": long_date(report.period.end)}
    if supported.shown and supported.value == 0:
        return _(
            "From %(start)s to %(end)s, nobody who agreed to be counted was supported.", **dates
        )
    text = _(
        "From %(start)s to %(end)s, the service supported %(supported)s people who agreed to "
        "be counted, %(new)s of them new.",
        supported=cell_text(supported),
        new=cell_text(new),
        **dates,
    )
    text += " " + _(
        "%(reviews_due)s 6-week reviews fell due and %(reviews_done)s were done; "
        "%(ongoing_due)s 6-month reviews of ongoing support fell due and %(ongoing_done)s "
        "were done.",
        reviews_due=cell_text(report.counts["reviews_due"]),
        reviews_done=cell_text(report.counts["reviews_done"]),
        ongoing_due=cell_text(report.counts["ongoing_reviews_due"]),
        ongoing_done=cell_text(report.counts["ongoing_reviews_done"]),
    )
    if report.making_progress.shown:
        text += " " + _(
            "%(share)s%% of those with a baseline and a later assessment made positive progress.",
            share=report.making_progress.value,
        )
    return text
