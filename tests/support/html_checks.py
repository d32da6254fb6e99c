"""Checks every HTML page a test fetches, the way GOV.UK Notify's test client does:
one <h1>, a <title> that starts with it, no duplicate ids, every field labelled, every
form has an action, lang set, a skip link, and Get help now one tap away."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

from bs4 import BeautifulSoup


def _error_prefixes() -> list[str]:
    """ "Error: " as every catalog says it, for titles of pages with form errors."""
    from babel.messages.pofile import read_po

    prefixes = ["Error: "]
    for path in sorted(TRANSLATIONS.glob("*/LC_MESSAGES/messages.po")):
        with path.open("rb") as handle:
            message = read_po(handle).get("Error:")
        if message is not None and message.string:
            prefixes.append(" ".join(f"{message.string} ".split()) + " ")
    return prefixes


TRANSLATIONS = Path(__file__).resolve().parents[2] / "translations"
ERROR_PREFIXES = _error_prefixes()

LABELLED_INPUTS = "input:not([type=hidden]):not([type=submit]):not([type=button]), textarea, select"


def check_page(html: str, path: str = "") -> BeautifulSoup:
    soup = BeautifulSoup(html, "html.parser")
    where = f" on {path}" if path else ""
    root = soup.find("html")
    assert root is not None and root.get("lang"), f"<html> needs a lang{where}"
    assert root.get("dir") in ("ltr", "rtl"), f"<html> needs dir{where}"

    h1s = soup.find_all("h1")
    assert len(h1s) == 1, f"expected one <h1>, found {len(h1s)}{where}"
    title = soup.title.get_text(" ", strip=True) if soup.title else ""
    heading = " ".join(h1s[0].get_text(" ", strip=True).split())
    title_text = " ".join(title.split())
    for prefix in ERROR_PREFIXES:
        title_text = title_text.removeprefix(prefix)
    assert title_text.startswith(heading), f"title {title!r} should start with {heading!r}{where}"

    ids = Counter(tag["id"] for tag in soup.find_all(attrs={"id": True}))
    duplicates = [value for value, count in ids.items() if count > 1]
    assert not duplicates, f"duplicate ids {duplicates}{where}"

    for field in soup.select(LABELLED_INPUTS):
        field_id = field.get("id")
        labelled = (
            (field_id and soup.find("label", attrs={"for": field_id}))
            or field.get("aria-label")
            or field.get("aria-labelledby")
        )
        assert labelled, f"field {field.get('name')!r} has no label{where}"

    for form in soup.find_all("form"):
        assert form.get("action"), f"a form has no action{where}"
        if (form.get("method") or "get").lower() == "post":
            assert form.find("input", attrs={"name": "csrf_token"}), f"POST form lacks CSRF{where}"

    assert soup.find("main", id="maincontent"), f"no <main id=maincontent>{where}"
    skip = soup.find("a", href="#maincontent")
    assert skip is not None, f"no skip link{where}"
    assert soup.find("a", href="/help"), f"Get help now is missing{where}"
    return soup
