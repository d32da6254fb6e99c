"""Charts drawn as SVG on the server: a star (radar) of baseline against latest, and a
small line chart for each area over time.

Every chart is one image to assistive technology (role="img" with a title and a
description); the page shows the same numbers as a table beside it. Colours come from
CSS classes (currentColor and the layout's custom properties), so high contrast works
and the Content-Security-Policy's ban on inline styles holds. For right-to-left pages,
CSS mirrors the line charts' data and swaps which copy of the axis labels shows.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from markupsafe import Markup, escape

RADAR_CENTRE = 180.0
RADAR_RADIUS = 100.0
LINE_WIDTH = 320
LINE_HEIGHT = 100
LINE_MARGIN = 40  # the same on both sides, so mirroring keeps the plot in place
LINE_TOP = 12
LINE_BOTTOM = 92
MARKERS_UP_TO = 24
# The star's label size in each text size, in the chart's own units; keep in step with
# keepwell.css (.kw-chart text). The page's dates sit under the line charts in HTML,
# where they grow with the text and wrap rather than overlap.
RADAR_LABEL_SIZE = {"standard": 20, "large": 26, "extra_large": 34}
AVERAGE_GLYPH_WIDTH = 0.66  # of the font size: DejaVu Sans, the widest common fallback


@dataclass(frozen=True)
class Axis:
    label: str
    baseline: int | None
    latest: int | None


def _n(value: float) -> str:
    return f"{value:.1f}".rstrip("0").rstrip(".")


def _open(chart_id: str, kind: str, width: int, height: int, title: str, desc: str) -> str:
    return (
        f'<svg class="kw-chart kw-chart--{kind}" viewBox="0 0 {width} {height}" role="img" '
        f'aria-labelledby="{chart_id}-title {chart_id}-desc" focusable="false">'
        f'<title id="{chart_id}-title">{escape(title)}</title>'
        f'<desc id="{chart_id}-desc">{escape(desc)}</desc>'
    )


def _radar_point(index: int, count: int, fraction: float) -> tuple[float, float]:
    angle = -math.pi / 2 + 2 * math.pi * index / count
    return (
        RADAR_CENTRE + RADAR_RADIUS * fraction * math.cos(angle),
        RADAR_CENTRE + RADAR_RADIUS * fraction * math.sin(angle),
    )


def _polygon(points: Sequence[tuple[float, float]], css: str) -> str:
    if len(points) < 2:
        return ""
    joined = " ".join(f"{_n(x)},{_n(y)}" for x, y in points)
    return f'<polygon class="{css}" points="{joined}"/>'


def _label_box(axes: Sequence[Axis], font_size: int) -> tuple[int, int, int, int]:
    """The box (min x, min y, width, height) that holds the star and its labels at this
    text size, so a bigger text widens the picture and shrinks the star, not the words."""
    left = top = RADAR_CENTRE - RADAR_RADIUS
    right = bottom = RADAR_CENTRE + RADAR_RADIUS
    count = len(axes)
    for i, axis in enumerate(axes):
        x, y = _radar_point(i, count, 1.12)
        width = len(axis.label) * font_size * AVERAGE_GLYPH_WIDTH
        if abs(x - RADAR_CENTRE) < 8:
            left, right = min(left, x - width / 2), max(right, x + width / 2)
            if y > RADAR_CENTRE:
                bottom = max(bottom, y + 1.2 * font_size)
            else:
                top = min(top, y - 1.1 * font_size)
        else:
            left = min(left, x - width) if x < RADAR_CENTRE else left
            right = max(right, x + width) if x > RADAR_CENTRE else right
            top, bottom = min(top, y - 0.7 * font_size), max(bottom, y + 0.5 * font_size)
    min_x, min_y = math.floor(left - 4), math.floor(top - 4)
    return min_x, min_y, math.ceil(right + 4) - min_x, math.ceil(bottom + 4) - min_y


def radar_chart(
    chart_id: str,
    axes: Sequence[Axis],
    low: int,
    high: int,
    title: str,
    desc: str,
    text_size: str = "standard",
) -> Markup:
    """Baseline (dashed, squares) against latest (solid, circles), never colour alone.
    An area left unscored is left out of that shape rather than drawn as zero."""
    count = len(axes)
    span = high - low

    def fraction(score: int) -> float:
        return 0.12 + 0.88 * (score - low) / span  # the lowest step sits off the centre

    font_size = RADAR_LABEL_SIZE.get(text_size, RADAR_LABEL_SIZE["standard"])
    min_x, min_y, width, height = _label_box(axes, font_size)
    parts = [
        f'<svg class="kw-chart kw-chart--radar" viewBox="{min_x} {min_y} {width} {height}" '
        'role="img" '
        f'aria-labelledby="{chart_id}-title {chart_id}-desc" focusable="false">'
        f'<title id="{chart_id}-title">{escape(title)}</title>'
        f'<desc id="{chart_id}-desc">{escape(desc)}</desc>'
    ]
    parts.append('<g class="kw-chart__grid">')
    for ring in (low, low + span / 2, high):
        ring_points = [_radar_point(i, count, fraction(int(ring))) for i in range(count)]
        parts.append(_polygon(ring_points, "kw-chart__ring"))
    for i in range(count):
        x, y = _radar_point(i, count, 1.0)
        parts.append(
            f'<line class="kw-chart__axis" x1="{_n(RADAR_CENTRE)}" y1="{_n(RADAR_CENTRE)}" '
            f'x2="{_n(x)}" y2="{_n(y)}"/>'
        )
    parts.append("</g>")
    for css, attribute in (("kw-chart__baseline", "baseline"), ("kw-chart__latest", "latest")):
        shape = [
            _radar_point(i, count, fraction(getattr(a, attribute)))
            for i, a in enumerate(axes)
            if getattr(a, attribute) is not None
        ]
        parts.append(_polygon(shape, css))
        for x, y in shape:
            if attribute == "baseline":
                parts.append(
                    f'<rect class="{css}-mark" x="{_n(x - 4)}" y="{_n(y - 4)}" '
                    'width="8" height="8"/>'
                )
            else:
                parts.append(f'<circle class="{css}-mark" cx="{_n(x)}" cy="{_n(y)}" r="4.5"/>')
    for i, axis in enumerate(axes):
        x, y = _radar_point(i, count, 1.12)
        side = "middle" if abs(x - RADAR_CENTRE) < 8 else ("left" if x < RADAR_CENTRE else "right")
        dy = "0.35em" if side != "middle" else ("0.9em" if y > RADAR_CENTRE else "-0.2em")
        parts.append(
            f'<text class="kw-chart__label kw-chart__label--{side}" x="{_n(x)}" y="{_n(y)}" '
            f'dy="{dy}">{escape(axis.label)}</text>'
        )
    parts.append("</svg>")
    return Markup("".join(parts))  # noqa: S704 - every text went through escape()


@dataclass(frozen=True)
class Point:
    on: date
    score: int | None


def _line_x(index: int, count: int) -> float:
    if count == 1:
        return LINE_WIDTH / 2
    return LINE_MARGIN + (LINE_WIDTH - 2 * LINE_MARGIN) * index / (count - 1)


def _line_y(score: float, low: int, high: int) -> float:
    return LINE_BOTTOM - (LINE_BOTTOM - LINE_TOP) * (score - low) / (high - low)


def _both_sides(css: str, x_ltr: float, y: float, text: str, anchor_ltr: str) -> str:
    """The same label twice, one placed for each reading direction; CSS shows one. The
    anchor stays the same: text-anchor follows the writing direction, so "end" already
    means the left edge when the page is right-to-left."""
    return (
        f'<text class="{css} kw-chart__ltr kw-chart__anchor--{anchor_ltr}" x="{_n(x_ltr)}" '
        f'y="{_n(y)}">{escape(text)}</text>'
        f'<text class="{css} kw-chart__rtl kw-chart__anchor--{anchor_ltr}" '
        f'x="{_n(LINE_WIDTH - x_ltr)}" y="{_n(y)}">{escape(text)}</text>'
    )


def line_chart(
    chart_id: str,
    points: Sequence[Point],
    low: int,
    high: int,
    title: str,
    desc: str,
) -> Markup:
    """One area's scores over time, oldest at the start side. A gap is left where the
    person chose not to score it. The first and last dates go under it, in the page."""
    count = len(points)
    parts = [_open(chart_id, "line", LINE_WIDTH, LINE_HEIGHT, title, desc)]
    parts.append('<g class="kw-chart__grid">')
    for score in (low, high):
        y = _line_y(score, low, high)
        parts.append(
            f'<line class="kw-chart__axis" x1="{LINE_MARGIN}" y1="{_n(y)}" '
            f'x2="{LINE_WIDTH - LINE_MARGIN}" y2="{_n(y)}"/>'
        )
        parts.append(_both_sides("kw-chart__tick", LINE_MARGIN - 8, y + 4, str(score), "end"))
    parts.append("</g>")
    parts.append('<g class="kw-chart__data">')
    runs: list[list[tuple[float, float]]] = [[]]
    for index, point in enumerate(points):
        if point.score is None:
            runs.append([])
            continue
        runs[-1].append((_line_x(index, count), _line_y(point.score, low, high)))
    for run in runs:
        if len(run) > 1:
            joined = " ".join(f"{_n(x)},{_n(y)}" for x, y in run)
            parts.append(f'<polyline class="kw-chart__latest" points="{joined}"/>')
    if count <= MARKERS_UP_TO or sum(len(r) for r in runs) == 1:
        for run in runs:
            for x, y in run:
                parts.append(
                    f'<circle class="kw-chart__latest-mark" cx="{_n(x)}" cy="{_n(y)}" r="4"/>'
                )
    parts.append("</g>")
    parts.append("</svg>")
    return Markup("".join(parts))  # noqa: S704 - every text went through escape()
