"""What "My progress" shows: baseline, last and latest for each area, the change, a
one-sentence summary, and the charts. Built from saved assessments; no database here."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from flask_babel import gettext as _
from flask_babel import ngettext
from markupsafe import Markup

from app.data.outcomes.models import Assessment
from app.outcomes import charts, scoring
from app.outcomes.instruments import NOT_FOR_ME, PREFER_NOT, Instrument, Item
from app.outcomes.schedule import BASELINE
from app.outcomes.support import LowArea, low_areas
from app.template_filters import long_date

SCORED = "scored"


@dataclass(frozen=True)
class Cell:
    score: int | None
    status: str  # scored | not_for_me | prefer_not | missing


@dataclass(frozen=True)
class AreaRow:
    item: Item
    baseline: Cell
    last: Cell | None
    latest: Cell
    change: scoring.AreaChange


@dataclass(frozen=True)
class SubscaleRow:
    label: str
    baseline: float | None
    latest: float | None


@dataclass(frozen=True)
class OtherView:
    """Where a peer mentor saw an area differently in the latest review."""

    item: Item
    own: Cell
    score: int
    note: str


@dataclass
class ProgressPage:
    instrument: Instrument
    assessments: list[Assessment]  # since the latest baseline, oldest first
    baseline: Assessment
    last: Assessment | None
    latest: Assessment
    rows: list[AreaRow]
    summary: scoring.ChangeSummary
    sentence: str
    subscales: list[SubscaleRow]
    radar: Markup | None
    lines: list[tuple[Item, Markup]] = field(default_factory=list)
    other_views: list[OtherView] = field(default_factory=list)
    lows: list[LowArea] = field(default_factory=list)  # latest scores at the bottom


def cell(assessment: Assessment, key: str) -> Cell:
    answer = (assessment.answers or {}).get(key)
    if not answer:
        return Cell(None, "missing")
    return Cell(answer.get("score"), answer.get("status", SCORED))


def join_words(parts: Sequence[str]) -> str:
    """ "a, b and c", with the joining words translated."""
    if len(parts) < 2:
        return "".join(parts)
    return _("%(first)s and %(last)s", first=", ".join(parts[:-1]), last=parts[-1])


def summary_sentence(summary: scoring.ChangeSummary, about: str | None = None) -> str:
    """ "4 areas went up since you started, 1 went down": counts first, no judgement.
    `about`: the person's name, when someone who supports them is reading."""
    if summary.compared == 0:
        return _("There is nothing to compare yet.")
    parts = []
    if summary.up:
        parts.append(ngettext("%(num)d area went up", "%(num)d areas went up", summary.up))
    if summary.down:
        parts.append(ngettext("%(num)d area went down", "%(num)d areas went down", summary.down))
    if summary.same:
        parts.append(
            ngettext("%(num)d area stayed the same", "%(num)d areas stayed the same", summary.same)
        )
    if about:
        return _("Since %(name)s started, %(changes)s.", name=about, changes=join_words(parts))
    return _("Since you started, %(changes)s.", changes=join_words(parts))


def since_latest_baseline(assessments: Sequence[Assessment]) -> list[Assessment]:
    starts = [i for i, a in enumerate(assessments) if a.kind == BASELINE]
    return list(assessments[starts[-1] :]) if starts else list(assessments)


def _radar(
    page_id: str,
    instrument: Instrument,
    rows: list[AreaRow],
    sentence: str,
    reviewed: bool,
    about: str | None,
    text_size: str,
) -> Markup:
    """The star: baseline against latest, or (before the first review) the baseline alone."""
    axes = [
        charts.Axis(str(r.item.short), r.baseline.score, r.latest.score if reviewed else None)
        for r in rows
    ]
    if about:
        title = (
            _("Star chart: %(name)s's first scores and latest scores", name=about)
            if reviewed
            else _("Star chart: %(name)s's baseline scores", name=about)
        )
    else:
        title = (
            _("Star chart: your first scores and your latest scores")
            if reviewed
            else _("Star chart: your baseline scores")
        )
    return charts.radar_chart(
        f"{page_id}-radar",
        axes,
        instrument.low,
        instrument.high,
        title,
        (sentence + " " if sentence else "") + _("The table below has the same numbers."),
        text_size=text_size,
    )


def _line(index: int, instrument: Instrument, item: Item, history: list[Assessment]) -> Markup:
    points = [charts.Point(a.taken_on, cell(a, item.key).score) for a in history]  # type: ignore[arg-type]
    scored = [p for p in points if p.score is not None]
    if scored:
        desc = _(
            "From %(first)s on %(first_date)s to %(last)s on %(last_date)s.",
            first=scored[0].score,
            first_date=long_date(scored[0].on),
            last=scored[-1].score,
            last_date=long_date(scored[-1].on),
        )
    else:
        desc = _("Not scored yet.")
    return charts.line_chart(
        f"line-{index}",
        points,
        instrument.low,
        instrument.high,
        _("%(area)s over time", area=item.title),
        desc,
    )


def build_progress(
    instrument: Instrument,
    assessments: Sequence[Assessment],
    about: str | None = None,
    text_size: str = "standard",
) -> ProgressPage | None:
    """`about`: the person's name when someone in their circle is looking (the words are
    then about them, not to them)."""
    history = since_latest_baseline(assessments)
    if not history:
        return None
    baseline, latest = history[0], history[-1]
    last = history[-2] if len(history) >= 3 else None
    keys = [item.key for item in instrument.items]
    changes = scoring.compare(
        keys, baseline.scores(), last.scores() if last else None, latest.scores()
    )
    rows = [
        AreaRow(
            item,
            cell(baseline, item.key),
            cell(last, item.key) if last else None,
            cell(latest, item.key),
            change,
        )
        for item, change in zip(instrument.items, changes, strict=True)
    ]
    summary = scoring.summarise(changes)
    sentence = summary_sentence(summary, about) if len(history) > 1 else ""
    subscales = [
        SubscaleRow(
            str(sub.label),
            scoring.subscale_score(sub.items, baseline.scores()),
            scoring.subscale_score(sub.items, latest.scores()),
        )
        for sub in instrument.subscales
    ]
    page = ProgressPage(
        instrument, history, baseline, last, latest, rows, summary, sentence, subscales, None
    )
    page.other_views = [
        OtherView(item, cell(latest, item.key), int(view["score"]), str(view.get("note", "")))
        for item in instrument.items
        if (view := (latest.other_views or {}).get(item.key)) and view.get("score") is not None
    ]
    page.lows = low_areas(instrument, latest)
    page.radar = _radar(
        instrument.key, instrument, rows, sentence, len(history) > 1, about, text_size
    )
    if len(history) > 1:
        page.lines = [
            (item, _line(i, instrument, item, history)) for i, item in enumerate(instrument.items)
        ]
    return page


def answer_words(instrument: Instrument, item: Item, answer: dict | None) -> str:
    """How an answer reads back to the person, in their words."""
    if not answer:
        return _("Not answered yet")
    status = answer.get("status")
    if status == NOT_FOR_ME:
        return str(item.not_for_me_label or _("Not for me right now"))
    if status == PREFER_NOT:
        return _("I would rather not say")
    score = int(answer.get("score") or 0)
    return _("%(score)s: %(words)s", score=score, words=instrument.words_for(item, score))
