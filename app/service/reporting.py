"""Making a service's report: read the numbers for the period, then suppress them; and
the same report as CSV rows. Views call `report_for`; nothing else builds a report."""

from __future__ import annotations

from collections.abc import Iterator

from flask_babel import gettext as _

from app.data.service.reports import activity_counts, score_pairs
from app.outcomes.loading import main_instrument
from app.service.measures import COUNTS, Report, build_report
from app.service.periods import Period
from app.service.suppression import FEWER_THAN_5, HIDDEN, Cell
from app.service.wording import AVERAGE_LABELS, COMPARED_LABEL, COUNT_LABELS, SHARE_LABELS


def report_for(provider_id: int, period: Period) -> Report:
    instrument = main_instrument()
    keys = [item.key for item in instrument.items]
    counts = activity_counts(provider_id, period.start, period.end, period.six_months_before_end)
    pairs = score_pairs(provider_id, period.start, period.end, instrument.key, keys)
    return build_report(period, counts, pairs, keys, instrument.higher_is_better)


def cell_text(cell: Cell, unit: str = "") -> str:
    """A published figure in words: the CSV and the page say the same thing."""
    if cell.shown:
        return f"{cell.value}{unit}"
    if cell.state == FEWER_THAN_5:
        return _("fewer than 5")
    if cell.state == HIDDEN:
        return _("not shown, to protect small numbers")
    return _("too few people to show")


def csv_rows(report: Report, service_name: str) -> Iterator[list[str]]:
    instrument = main_instrument()
    yield [_("Measure"), _("Value")]
    yield [_("Service"), service_name]
    yield [_("From"), report.period.start.isoformat()]
    yield [_("To"), report.period.end.isoformat()]
    for key in COUNTS:
        yield [str(COUNT_LABELS[key]), cell_text(report.counts[key])]
    yield [str(COMPARED_LABEL), cell_text(report.compared)]
    for key, label in SHARE_LABELS.items():
        yield [str(label), cell_text(getattr(report, key), "%")]
    for key, label in AVERAGE_LABELS.items():
        yield [str(label), cell_text(getattr(report, key))]
    for line, item in zip(report.areas, instrument.items, strict=True):
        title = str(item.title)
        yield [_("%(area)s: average at baseline", area=title), cell_text(line.baseline)]
        yield [_("%(area)s: average latest score", area=title), cell_text(line.latest)]
        yield [_("%(area)s: people whose score went up", area=title), cell_text(line.share_up, "%")]
