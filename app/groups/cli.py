"""`flask groups ...`: import a feed, grant or revoke the service manager role. Each
command is a transaction of its own and commits what it did."""

from __future__ import annotations

import click
from flask import current_app
from flask.cli import AppGroup

from app.data.accounts.models import User
from app.data.accounts.queries import find_user_by_username
from app.data.database import db
from app.data.groups.people import grant_manager, revoke_manager
from app.groups.feed_files import FeedError
from app.groups.importer import ImportReport, import_source

groups_cli = AppGroup("groups", help="Find groups: imports, demo listings, service managers.")


def echo_report(report: ImportReport) -> None:
    click.echo(
        f"{len(report.added)} added, {len(report.updated)} updated, "
        f"{len(report.unchanged)} unchanged, {len(report.skipped)} skipped."
    )
    for record_id, reason in report.skipped:
        click.echo(f"  skipped {record_id}: {reason}", err=True)
    for record_id, warning in report.warnings:
        click.echo(f"  warning {record_id}: {warning}", err=True)


@groups_cli.command("import")
@click.argument("source")
@click.option(
    "--publisher",
    help="Whose feed this is (a local authority, a platform). Only this publisher's "
    "listings are added or updated. Default: the web address's host, or 'feed' for a file.",
)
def import_command(source: str, publisher: str | None) -> None:
    """Import an ORUK 3.0 feed from a file (or a URL, if allowed). Safe to run again.
    Exits with status 1 if any listing was skipped."""
    try:
        report = import_source(
            source,
            current_app.config.get("GROUPS_IMPORT_FROM_URLS", False),
            checkpoint=db.session.commit,
            publisher=publisher,
        )
    except FeedError as error:
        raise click.ClickException(f"Nothing was imported: {error}.") from error
    echo_report(report)
    if report.skipped:
        raise SystemExit(1)


@groups_cli.command("grant-manager")
@click.argument("username")
def grant_manager_command(username: str) -> None:
    """Make a person a service manager (they must have a username)."""
    changed = grant_manager(_user_named(username))
    db.session.commit()
    click.echo(f"{username} is {'now' if changed else 'already'} a service manager.")


@groups_cli.command("revoke-manager")
@click.argument("username")
def revoke_manager_command(username: str) -> None:
    """Stop a person being a service manager."""
    changed = revoke_manager(_user_named(username))
    db.session.commit()
    click.echo(f"{username} {'is no longer' if changed else 'was not'} a service manager.")


def _user_named(username: str) -> User:
    user = find_user_by_username(username)
    if user is None:
        raise click.ClickException(f"No account has the username {username!r}.")
    return user
