"""`flask service ...`: make a service, set its first manager, add or remove staff, link
it to its listings in Find groups. Each command is a transaction of its own and commits
what it did."""

from __future__ import annotations

import click
from flask.cli import AppGroup

from app.data.accounts.models import User
from app.data.accounts.queries import find_user_by_username
from app.data.database import db
from app.data.service.listings import LinkedElsewhere, link_listing, unlink_listing
from app.data.service.models import STAFF_ROLES, ServiceProvider
from app.data.service.staff import create_provider, provider_named, remove_staff, set_staff

service_cli = AppGroup("service", help="Services: their managers and workers.")


def _user_named(username: str) -> User:
    user = find_user_by_username(username)
    if user is None:
        raise click.ClickException(f"No one has the username {username!r}.")
    return user


def _service_named(name: str) -> ServiceProvider:
    provider = provider_named(name)
    if provider is None:
        raise click.ClickException(f"There is no service called {name!r}.")
    return provider


@service_cli.command("create")
@click.argument("name")
@click.argument("manager")
def create_command(name: str, manager: str) -> None:
    """Make a service called NAME with MANAGER (a username) as its first manager."""
    if provider_named(name) is not None:
        raise click.ClickException(f"There is already a service called {name!r}.")
    provider = create_provider(name)
    set_staff(provider, _user_named(manager), "manager")
    db.session.commit()
    click.echo(f"Made {name!r}; {manager} manages it. People join with code {provider.join_code}.")


@service_cli.command("add-staff")
@click.argument("name")
@click.argument("username")
@click.option("--role", type=click.Choice(STAFF_ROLES), default="worker", show_default=True)
def add_staff_command(name: str, username: str, role: str) -> None:
    """Make USERNAME a manager or worker of the service NAME."""
    changed = set_staff(_service_named(name), _user_named(username), role)
    db.session.commit()
    click.echo(f"{username} is {'now' if changed else 'already'} a {role} of {name!r}.")


@service_cli.command("remove-staff")
@click.argument("name")
@click.argument("username")
def remove_staff_command(name: str, username: str) -> None:
    """Take USERNAME off the service's staff; it takes effect on their next click."""
    changed = remove_staff(_service_named(name), _user_named(username))
    db.session.commit()
    click.echo(f"{username} {'is no longer' if changed else 'was not'} staff of {name!r}.")


@service_cli.command("link-listing")
@click.argument("name")
@click.argument("listing_id")
def link_listing_command(name: str, listing_id: str) -> None:
    """Link the service NAME to its listing LISTING_ID in Find groups: its managers may
    then edit that listing (and it counts among its peer support networks, if it is one).
    Linking is for whoever runs Keepwell, who knows the listing is the service's own."""
    provider = _service_named(name)
    try:
        changed = link_listing(provider, listing_id)
    except LookupError:
        raise click.ClickException(f"There is no listing with the id {listing_id!r}.") from None
    except LinkedElsewhere as other:
        raise click.ClickException(
            f"That listing is linked to {other}; unlink it there first."
        ) from None
    db.session.commit()
    click.echo(f"{listing_id} is {'now' if changed else 'already'} linked to {name!r}.")


@service_cli.command("unlink-listing")
@click.argument("name")
@click.argument("listing_id")
def unlink_listing_command(name: str, listing_id: str) -> None:
    """Unlink a listing from the service NAME: its managers can no longer edit it."""
    changed = unlink_listing(_service_named(name), listing_id)
    db.session.commit()
    click.echo(f"{listing_id} {'is no longer' if changed else 'was not'} linked to {name!r}.")
