"""Every shipped catalog is complete, and every string a person sees is marked for
translation (so a new sentence cannot ship in English only)."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest
from babel.messages.pofile import read_po

ROOT = Path(__file__).resolve().parents[2]
CATALOGS = sorted((ROOT / "translations").glob("*/LC_MESSAGES/messages.po"))
TEMPLATES = sorted((ROOT / "app").rglob("templates/**/*.html"))
PLACEHOLDER = re.compile(r"%\([a-z_]+\)[sd]")

# Words that are the same in every language: the brand and sign-in method names.
ALLOWED_LITERALS = {"Keepwell", "–", "›", "‹", "…", "&amp;", ":", ",", ".", "(", ")", "Error"}


def load(path: Path):
    with path.open("rb") as handle:
        return read_po(handle)


def test_there_is_a_welsh_catalog():
    assert ROOT / "translations/cy/LC_MESSAGES/messages.po" in CATALOGS


@pytest.mark.parametrize("path", CATALOGS, ids=lambda p: p.parts[-3])
def test_catalog_has_no_untranslated_or_fuzzy_entries(path):
    catalog = load(path)
    missing = []
    for message in catalog:
        if not message.id:
            continue
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        if message.fuzzy or not all(strings):
            missing.append(message.id)
    assert missing == []


@pytest.mark.parametrize("path", CATALOGS, ids=lambda p: p.parts[-3])
def test_translations_keep_every_placeholder(path):
    for message in load(path):
        if not message.id:
            continue
        ids = message.id if isinstance(message.id, tuple) else (message.id,)
        wanted = set(PLACEHOLDER.findall(ids[-1]))
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        for text in strings:
            found = set(PLACEHOLDER.findall(text))
            assert found <= wanted | {"%(num)d"}, f"{ids[0]!r}: {found - wanted}"
            if not isinstance(message.id, tuple):
                assert found == wanted, f"{ids[0]!r} lost {wanted - found}"


def test_every_marked_string_is_in_every_catalog(tmp_path):
    pot = tmp_path / "messages.pot"
    subprocess.run(  # noqa: S603
        [
            sys.executable,
            "-m",
            "babel.messages.frontend",
            "extract",
            "-F",
            "babel.cfg",
            "-k",
            "_l",
            "--no-location",
            "-o",
            str(pot),
            ".",
        ],
        cwd=ROOT,
        check=True,
        capture_output=True,
    )
    wanted = {message.id for message in load(pot) if message.id}
    for path in CATALOGS:
        have = {message.id for message in load(path) if message.id}
        missing = sorted(str(m) for m in wanted - have)
        assert missing == [], f"run `make translations-update` and translate: {missing[:10]}"


JINJA = re.compile(r"\{\{.*?\}\}|\{%.*?%\}|\{#.*?#\}", re.DOTALL)
TAG = re.compile(r"<[^>]*>", re.DOTALL)
ATTRIBUTE = re.compile(r'\b(?:aria-label|alt|title|placeholder)="([^"]*)"')


def unmarked_text(source: str) -> list[str]:
    without_jinja = JINJA.sub(" ", source)
    found = [value for value in ATTRIBUTE.findall(without_jinja) if re.search(r"[A-Za-z]", value)]
    for chunk in TAG.sub("\n", without_jinja).split("\n"):
        words = chunk.strip()
        if words and re.search(r"[A-Za-z]{2,}", words) and words not in ALLOWED_LITERALS:
            found.append(words)
    return [text for text in found if text not in ALLOWED_LITERALS]


@pytest.mark.parametrize("path", TEMPLATES, ids=lambda p: str(p.relative_to(ROOT / "app")))
def test_templates_have_no_text_outside_gettext(path):
    source = path.read_text()
    source = re.sub(r"<script.*?</script>", "", source, flags=re.DOTALL)
    source = re.sub(r"<title>.*?</title>", "", source, flags=re.DOTALL)
    assert unmarked_text(source) == []


def test_the_checker_catches_unmarked_text():
    assert unmarked_text("<p>Hello there</p>") == ["Hello there"]
    assert unmarked_text('<a aria-label="Close">x</a>') == ["Close"]
    assert unmarked_text("<p>{{ _('Hello there') }}</p>") == []
