"""The report's chart: each area's average at baseline and latest, as server-drawn SVG
with the same numbers as the table beside it. Only figures that are published (shown
cells) are drawn, so the chart can never say more than the table."""

from __future__ import annotations

from collections.abc import Sequence

from flask_babel import gettext as _
from markupsafe import Markup, escape

from app.service.measures import AreaLine

WIDTH = 320
ROW = 64
BAR = 12
SCALE_TOP = 10


def _description() -> str:
    return _(
        "For each area, a bar for the average at baseline and one for the average latest "
        "score, out of 10. The table below has the same numbers."
    )


def _bar(y: float, value: float | int | None, kind: str) -> str:
    if value is None:
        return ""
    length = WIDTH * float(value) / SCALE_TOP
    return (
        f'<rect class="kw-chart__bar kw-chart__bar--{kind}" x="0" y="{y}" '
        f'width="{length:.1f}" height="{BAR}"/>'
    )


def area_chart(lines: Sequence[AreaLine], labels: Sequence[str]) -> Markup:
    drawn = [
        (line, label) for line, label in zip(lines, labels, strict=True) if line.baseline.shown
    ]
    if not drawn:
        return Markup("")
    height = ROW * len(drawn)
    parts = [
        f'<svg class="kw-chart kw-chart--bars" viewBox="0 0 {WIDTH} {height}" role="img" '
        'aria-labelledby="area-chart-title area-chart-desc" focusable="false">',
        f'<title id="area-chart-title">{escape(_("Average score in each area"))}</title>',
        f'<desc id="area-chart-desc">{escape(_description())}</desc>',
    ]
    for index, (line, label) in enumerate(drawn):
        top = index * ROW
        parts.append(f'<text class="kw-chart__tick" x="0" y="{top + 18}">{escape(label)}</text>')
        parts.append(_bar(top + 26, line.baseline.value, "baseline"))
        parts.append(
            _bar(top + 26 + BAR + 2, line.latest.value if line.latest.shown else None, "latest")
        )
    parts.append("</svg>")
    return Markup("".join(parts))  # noqa: S704 - every text went through escape()
