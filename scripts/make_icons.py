"""Draw the app icons (run once; the PNGs are committed). Needs Pillow (dev extra).

python scripts/make_icons.py
"""

from __future__ import annotations

from pathlib import Path

from PIL import Image, ImageDraw

OUT = Path(__file__).resolve().parent.parent / "app" / "static" / "icons"
BLUE = (0, 94, 184)
WHITE = (255, 255, 255)


def leaf(draw: ImageDraw.ImageDraw, size: int, scale: float) -> None:
    """A simple rising shoot: a stem and two leaves, for growing and keeping well."""
    c = size / 2
    s = size * scale
    stem_w = max(2, int(s * 0.06))
    draw.line([(c, c + s * 0.38), (c, c - s * 0.05)], fill=WHITE, width=stem_w)
    draw.ellipse([c - s * 0.42, c - s * 0.22, c - s * 0.02, c + s * 0.06], fill=WHITE)
    draw.ellipse([c + s * 0.02, c - s * 0.42, c + s * 0.38, c - s * 0.10], fill=WHITE)
    draw.rounded_rectangle(
        [c - s * 0.30, c + s * 0.34, c + s * 0.30, c + s * 0.42], radius=s * 0.04, fill=WHITE
    )


def icon(size: int, maskable: bool) -> Image.Image:
    image = Image.new("RGB", (size, size), BLUE)
    draw = ImageDraw.Draw(image)
    if not maskable:
        image = Image.new("RGBA", (size, size), (0, 0, 0, 0))
        draw = ImageDraw.Draw(image)
        draw.rounded_rectangle([0, 0, size - 1, size - 1], radius=size * 0.2, fill=BLUE)
    # Maskable icons keep the drawing inside the central 80% safe zone.
    leaf(draw, size, 0.6 if maskable else 0.8)
    return image


def main() -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    icon(192, False).save(OUT / "icon-192.png", optimize=True)
    icon(512, False).save(OUT / "icon-512.png", optimize=True)
    icon(512, True).save(OUT / "icon-maskable-512.png", optimize=True)
    (OUT / "icon.svg").write_text(
        '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 100 100">'
        '<rect width="100" height="100" rx="20" fill="#005eb8"/>'
        '<path d="M50 81V48" stroke="#fff" stroke-width="5"/>'
        '<ellipse cx="39" cy="46" rx="11" ry="7" fill="#fff"/>'
        '<ellipse cx="58" cy="29" rx="10" ry="7" fill="#fff"/>'
        '<rect x="26" y="77" width="48" height="7" rx="3" fill="#fff"/></svg>\n'
    )


if __name__ == "__main__":
    main()
