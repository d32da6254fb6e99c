"""The directory listings a service runs: linked from the command line, or when one of
its managers adds a listing. The access policy reads them to let a service's managers
edit their own listings and no others."""

from __future__ import annotations

from sqlalchemy import delete, select

from app.data.database import db
from app.data.export import holds_no_personal_data
from app.data.groups.models import Service
from app.data.service.models import ProviderListing, ServiceProvider

holds_no_personal_data("provider_listings")


class LinkedElsewhere(Exception):
    """The listing is already linked to another service (named in the message)."""


def provider_of_listing(listing_id: str) -> int | None:
    return db.session.scalar(
        select(ProviderListing.provider_id).where(ProviderListing.listing_id == listing_id)
    )


def link_listing(provider: ServiceProvider, listing_id: str) -> bool:
    """Link a listing to the service. Returns whether anything changed; a listing linked
    to another service is refused (unlink it there first)."""
    if db.session.get(Service, listing_id) is None:
        raise LookupError(listing_id)
    row = db.session.scalar(select(ProviderListing).where(ProviderListing.listing_id == listing_id))
    if row is not None:
        if row.provider_id != provider.id:
            raise LinkedElsewhere(row.provider.name)
        return False
    db.session.add(ProviderListing(provider_id=provider.id, listing_id=listing_id))
    db.session.flush()
    return True


def unlink_listing(provider: ServiceProvider, listing_id: str) -> bool:
    result = db.session.execute(
        delete(ProviderListing).where(
            ProviderListing.provider_id == provider.id, ProviderListing.listing_id == listing_id
        )
    )
    return bool(getattr(result, "rowcount", 0))


def listings_of(provider_id: int) -> list[Service]:
    """The service's listings, by name (retired ones too: they are still its own)."""
    return list(
        db.session.scalars(
            select(Service)
            .join(ProviderListing, ProviderListing.listing_id == Service.id)
            .where(ProviderListing.provider_id == provider_id)
            .order_by(Service.name, Service.id)
        )
    )
