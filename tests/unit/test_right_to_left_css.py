"""The style sheet lays out right to left by itself: logical properties only
(`margin-inline-start`, never `margin-left`), so Urdu and Arabic mirror everything."""

from __future__ import annotations

import re
from pathlib import Path

CSS = Path(__file__).resolve().parents[2] / "app/static/css/keepwell.css"
PHYSICAL = re.compile(
    r"(?:margin|padding|border)-(?:left|right)\b"
    r"|(?<![\w-])(?:left|right)\s*:"
    r"|text-align\s*:\s*(?:left|right)"
    r"|float\s*:\s*(?:left|right)"
    r"|clear\s*:\s*(?:left|right)"
)


def physical_properties(css: str) -> list[str]:
    css = re.sub(r"/\*.*?\*/", "", css, flags=re.DOTALL)
    return [match.group(0) for match in PHYSICAL.finditer(css)]


def test_the_style_sheet_uses_logical_properties_only():
    assert physical_properties(CSS.read_text(encoding="utf-8")) == []


def test_the_check_finds_physical_properties():
    assert physical_properties(".a { margin-left: 1px; right: 0; text-align: left }") == [
        "margin-left",
        "right:",
        "text-align: left",
    ]
    assert physical_properties(".a { margin-inline-start: 1px; inset-inline-end: 0 }") == []
