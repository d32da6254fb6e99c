"""`flask demo load` and `flask groups demo`."""

from __future__ import annotations

import click
from flask.cli import AppGroup

demo_cli = AppGroup("demo", help="The clearly marked demo person.")


@demo_cli.command("load")
def demo_load() -> None:
    """Create (or reset) the demo person and their filled-in plan."""
    from app.demo.people import load_demo

    person = load_demo()
    click.echo(f"Demo person ready: {person.display_name}. Use 'Try the demo' on the sign-in page.")


@click.command("demo")
def groups_demo_command() -> None:
    """Load (or reload) the clearly marked demo listings for Oxfordshire."""
    from app.demo.listings import load_demo_directory

    report = load_demo_directory()
    click.echo(f"Demo listings ready: {report.stored} stored, {len(report.unchanged)} unchanged.")
