"""QR codes drawn on the server as SVG (segno: pure Python, no image libraries), so the
invite can be scanned face to face without any JavaScript."""

from __future__ import annotations

import segno
from markupsafe import Markup


def qr_svg(text: str, title: str) -> Markup:
    # Always black on white with a quiet zone: phone cameras need that contrast,
    # whatever display mode the page is in.
    code = segno.make(text, error="m")
    svg = code.svg_inline(
        scale=5, border=4, dark="#000", light="#fff", svgclass="kw-qr", lineclass=None, title=title
    )
    # An image with a name for screen readers; the code and link are on the page as text too.
    return Markup(svg.replace("<svg ", '<svg role="img" ', 1))  # noqa: S704 - segno's own SVG
