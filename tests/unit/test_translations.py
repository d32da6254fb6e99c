"""Every shipped catalog is complete, and every string a person sees is marked for
translation (so a new sentence cannot ship in English only)."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest
from babel import Locale
from babel.messages.pofile import read_po

from app.accessibility.languages import LANGUAGES

ROOT = Path(__file__).resolve().parents[2]
CATALOGS = sorted((ROOT / "translations").glob("*/LC_MESSAGES/messages.po"))
TEMPLATES = sorted((ROOT / "app").rglob("templates/**/*.html"))
PLACEHOLDER = re.compile(r"%\([a-z_]+\)[sd]")

# Words that are the same in every language: the brand and sign-in method names.
# "·" separates the translated word "Language" from the English one in the menu.
ALLOWED_LITERALS = {"·", "Keepwell", "–", "›", "‹", "…", "&amp;", ":", ",", ".", "(", ")", "Error"}


def load(path: Path):
    with path.open("rb") as handle:
        return read_po(handle)


def test_every_language_offered_has_a_catalog_and_every_catalog_is_offered():
    shipped = {path.parts[-3] for path in CATALOGS}
    offered = {language.locale for code, language in LANGUAGES.items() if code != "en"}
    assert shipped == offered


@pytest.mark.parametrize("path", CATALOGS, ids=lambda p: p.parts[-3])
def test_each_catalog_says_whether_a_fluent_speaker_has_reviewed_it(path):
    first = path.read_text(encoding="utf-8").splitlines()[0]
    assert first in ("# Review-Status: reviewed", "# Review-Status: not-reviewed")


# Numbers that fall in every plural category of the languages we ship.
SAMPLE_COUNTS = [0, 1, 2, 3, 4, 5, 6, 7, 11, 12, 14, 21, 22, 25, 100, 101, 102, 111, 1000]


@pytest.mark.parametrize("path", CATALOGS, ids=lambda p: p.parts[-3])
def test_plural_forms_are_the_languages_own(path):
    """One form per plural category a count can fall in (CLDR, through Babel: Arabic
    six, Welsh six, Polish three...), and the catalog's formula sends the numbers of one
    category to one form, and different categories to different forms."""
    catalog = load(path)
    rule = Locale.parse(path.parts[-3]).plural_form
    # Whole numbers only: CLDR's extra categories for fractions (Polish "other") are
    # never used for a count.
    assert catalog.num_plurals == len({rule(n) for n in SAMPLE_COUNTS})
    index_of = {}
    for n in SAMPLE_COUNTS:
        index = int(_plural_index(catalog, n))
        index_of.setdefault(rule(n), set()).add(index)
    assert all(len(indexes) == 1 for indexes in index_of.values()), index_of
    used = [next(iter(indexes)) for indexes in index_of.values()]
    assert len(set(used)) == len(used) == catalog.num_plurals, index_of


def _plural_index(catalog, n: int) -> int:
    from gettext import c2py

    return c2py(catalog.plural_expr)(n)


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
            "-k",
            "lazy_pgettext:1c,2",
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


# Numbers a person in crisis dials or texts: every translation keeps each one its
# English has, digit for digit (a slip here sends someone to the wrong line).
SAFETY_NUMBERS = ["999", "111", "116 123", "85258", "0808 164 0123", "18001"]


@pytest.mark.parametrize("path", CATALOGS, ids=lambda p: p.parts[-3])
def test_translations_keep_every_crisis_number(path):
    lost = []
    for message in load(path):
        if not message.id:
            continue
        ids = message.id if isinstance(message.id, tuple) else (message.id,)
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        for number in SAFETY_NUMBERS:
            if re.search(rf"(?<!\d){number}(?!\d)", ids[0]):
                lost += [(ids[0], number) for text in strings if number not in text]
    assert lost == []
