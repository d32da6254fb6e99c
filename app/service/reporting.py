"""Making a service's report: read the numbers for the period, then suppress them; and
the same report as CSV rows. Views call `report_for`; nothing else builds a report."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace

from flask_babel import gettext as _

from app.data.service.reports import (
    activity_counts,
    equality_counts,
    peer_support_counts,
    reviews_due_counts,
    score_pairs,
    signposted_counts,
)
from app.data.service.signposting import KINDS
from app.outcomes.loading import main_instrument
from app.outcomes.reviews import cadence
from app.service.equality import (
    NOT_ANSWERED,
    PREFER_NOT,
    QUESTIONS,
    QUESTIONS_BY_KEY,
    Question,
    answer_label,
    report_rows,
)
from app.service.measures import COUNTS, Report, build_report
from app.service.periods import Period
from app.service.suppression import FEWER_THAN_5, HIDDEN, Cell
from app.service.wording import (
    AVERAGE_LABELS,
    COMPARED_LABEL,
    COUNT_LABELS,
    PEER_SUPPORT_LABELS,
    SHARE_LABELS,
    SIGNPOST_LABELS,
)


def report_for(provider_id: int, period: Period) -> Report:
    instrument = main_instrument()
    keys = [item.key for item in instrument.items]
    interval_days, ongoing_months = cadence()
    counts = activity_counts(provider_id, period.start, period.end, period.six_months_before_end)
    due = reviews_due_counts(
        provider_id, period.start, period.end, instrument.key, interval_days, ongoing_months
    )
    counts = replace(counts, reviews_due=due.reviews, ongoing_reviews_due=due.ongoing_reviews)
    pairs = score_pairs(provider_id, period.start, period.end, instrument.key, keys)
    breakdowns = {
        question.key: grouped_answers(
            question, equality_counts(provider_id, period.start, period.end, question.key)
        )
        for question in QUESTIONS
    }
    return build_report(
        period,
        counts,
        pairs,
        keys,
        instrument.higher_is_better,
        breakdowns,
        review_days=interval_days,
        signposted=signposted_counts(provider_id, period.start, period.end),
        peer_support=peer_support_counts(provider_id, period.start, period.end),
    )


def grouped_answers(
    question: Question, raw: dict[str, tuple[int, int]]
) -> dict[str, tuple[int, int]]:
    """Answers as the report groups them (ethnicity by its five high-level groups), with
    a row for every group, found or not, so an empty row reads 0 rather than vanishing."""
    rows = {answer: (0, 0) for answer in report_rows(question)}
    for answer, (supported, new) in raw.items():
        if answer in (PREFER_NOT, NOT_ANSWERED):
            group = answer
        elif question.choices:
            group = (
                question.report_group(answer) if answer in dict(question.choices) else NOT_ANSWERED
            )
        else:
            group = answer  # a typed answer, checked when it was saved
        before = rows.get(group, (0, 0))
        rows[group] = (before[0] + supported, before[1] + new)
    return rows


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
    for kind in KINDS:
        yield [
            _("People signposted to: %(kind)s", kind=SIGNPOST_LABELS[kind]),
            cell_text(report.signposted[kind]),
        ]
    for key, label in PEER_SUPPORT_LABELS.items():
        yield [str(label), cell_text(getattr(report, key))]
    for line, item in zip(report.areas, instrument.items, strict=True):
        title = str(item.title)
        yield [_("%(area)s: average at baseline", area=title), cell_text(line.baseline)]
        yield [_("%(area)s: average latest score", area=title), cell_text(line.latest)]
        yield [_("%(area)s: people whose score went up", area=title), cell_text(line.share_up, "%")]
    for breakdown in report.breakdowns:
        question = QUESTIONS_BY_KEY[breakdown.question]
        for row in breakdown.rows:
            answer = answer_label(question, row.answer)
            yield [
                _(
                    "%(question)s, %(answer)s: people supported",
                    question=question.heading,
                    answer=answer,
                ),
                cell_text(row.supported),
            ]
            yield [
                _("%(question)s, %(answer)s: new people", question=question.heading, answer=answer),
                cell_text(row.new),
            ]
