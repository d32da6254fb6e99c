"""Command-line tools that belong to no one capability: `flask translate ...`."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import click
from flask import Flask
from flask.cli import AppGroup

ROOT = Path(__file__).resolve().parent.parent
TRANSLATIONS = ROOT / "translations"
POT = TRANSLATIONS / "messages.pot"

# The first lines of a new catalog; `pybabel update` keeps comments at the top.
NOT_REVIEWED_HEADER = (
    "# Review-Status: not-reviewed\n"
    "# Machine-drafted; not yet reviewed by a fluent speaker. See translations/README.md.\n"
)

translate_cli = AppGroup("translate", help="Extract, update and compile translations.")


def _pybabel(*args: str) -> None:
    command = [sys.executable, "-m", "babel.messages.frontend", *args]
    subprocess.run(command, check=True, cwd=ROOT)  # noqa: S603


@translate_cli.command("extract")
def extract() -> None:
    """Collect every marked string into translations/messages.pot."""
    _pybabel(
        "extract",
        "-F",
        str(ROOT / "babel.cfg"),
        "-k",
        "_l",
        "-k",
        "lazy_pgettext:1c,2",
        "--no-location",
        "--sort-output",
        "--add-comments=Translators:",
        "-o",
        str(POT),
        ".",
    )


@translate_cli.command("update")
def update() -> None:
    """Extract, then merge new strings into every language's catalog."""
    extract.callback()  # type: ignore[misc]
    _pybabel(
        "update",
        "-i",
        str(POT),
        "-d",
        str(TRANSLATIONS),
        "--no-fuzzy-matching",
        "--ignore-obsolete",
    )


@translate_cli.command("init")
@click.argument("language")
def init(language: str) -> None:
    """Start a catalog for a new language, marked as not yet reviewed by a fluent
    speaker (change the first line to "reviewed" once one has checked it)."""
    _pybabel("init", "-i", str(POT), "-d", str(TRANSLATIONS), "-l", language)
    catalog = TRANSLATIONS / language / "LC_MESSAGES" / "messages.po"
    catalog.write_text(NOT_REVIEWED_HEADER + catalog.read_text(encoding="utf-8"), encoding="utf-8")


@translate_cli.command("compile")
def compile_catalogs() -> None:
    """Compile every catalog to the .mo files the app reads."""
    _pybabel("compile", "-d", str(TRANSLATIONS), "--statistics")


def init_app(app: Flask) -> None:
    app.cli.add_command(translate_cli)
