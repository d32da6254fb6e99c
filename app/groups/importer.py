"""Importing an ORUK 3.0 feed: an upsert by id, one service at a time.

Each service is checked first (feed.check), then written in its own savepoint: it is
stored whole or not at all. A bad service is reported with its id and reason and the
rest carry on. A service whose record is exactly what was imported last time is left
alone, so running the same import twice changes nothing.
"""

from __future__ import annotations

import hashlib
import json
import urllib.request
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlencode, urlsplit, urlunsplit

from sqlalchemy import delete, insert, select, update
from sqlalchemy.exc import SQLAlchemyError

from app.data.base import utcnow
from app.data.directory import (
    Accessibility,
    Contact,
    CostOption,
    Language,
    Location,
    Organization,
    Phone,
    Schedule,
    Service,
    ServiceAtLocation,
    ServiceAttribute,
    Taxonomy,
    TaxonomyTerm,
)
from app.data.directory_listings import ensure_taxonomies
from app.data.directory_search import refresh_search_index
from app.extensions import db
from app.groups import taxonomy
from app.groups.feed import Checked, FeedError, InvalidRecord, check, parse_feed, record_id

COMMIT_EVERY = 500
MAX_DOWNLOAD_BYTES = 50 * 1024 * 1024
URL_TIMEOUT_SECONDS = 30


@dataclass
class ImportReport:
    added: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    skipped: list[tuple[str, str]] = field(default_factory=list)  # (id, reason)

    @property
    def stored(self) -> int:
        return len(self.added) + len(self.updated)


def import_feed(raw: bytes | str) -> ImportReport:
    """Parse and import; raises FeedError (and imports nothing) if the file is not a feed."""
    if len(raw) > MAX_DOWNLOAD_BYTES:
        raise FeedError("the file is larger than 50 MB")
    return import_records(parse_feed(raw))


def import_source(source: str, allow_urls: bool) -> ImportReport:
    data = read_source(source, allow_urls)
    return import_records(data) if isinstance(data, list) else import_feed(data)


def import_records(records: list[Any]) -> ImportReport:
    ensure_taxonomies()
    db.session.commit()
    report = ImportReport()
    pending: list[str] = []  # stored services whose search words are still to be indexed
    for number, record in enumerate(records, 1):
        stored = _import_one(record, report)
        if stored:
            pending.append(stored)
        if number % COMMIT_EVERY == 0:
            _index_and_commit(pending)
    _index_and_commit(pending)
    return report


def _index_and_commit(service_ids: list[str]) -> None:
    # The index is derived from stored rows, so it is built in batches, in the same
    # transaction as the rows it describes: a commit never leaves a listing unindexed.
    refresh_search_index(service_ids)
    service_ids.clear()
    db.session.commit()


def _import_one(record: Any, report: ImportReport) -> str | None:
    """Import one record; returns its id if it was stored."""
    rid = record_id(record)
    try:
        checked = check(record)
    except InvalidRecord as error:
        report.skipped.append((rid, str(error)))
        return None
    digest = hashlib.sha256(json.dumps(record, sort_keys=True, default=str).encode()).hexdigest()
    existing = db.session.execute(
        select(Service.source_hash).where(Service.id == checked.service["id"])
    ).first()
    if existing is not None and existing.source_hash == digest:
        report.unchanged.append(rid)
        return None
    savepoint = db.session.begin_nested()
    try:
        _write(checked, digest, is_new=existing is None)
        savepoint.commit()
    except SQLAlchemyError as error:
        savepoint.rollback()
        reason = str(getattr(error, "orig", error)).splitlines()[0][:200]
        report.skipped.append((rid, f"it clashes with data already stored: {reason}"))
        return None
    (report.added if existing is None else report.updated).append(rid)
    return str(checked.service["id"])


def _upsert(model: Any, values: dict[str, Any]) -> None:
    found = db.session.execute(select(model.id).where(model.id == values["id"])).first()
    if found is None:
        db.session.execute(insert(model), [values])
    else:
        db.session.execute(update(model).where(model.id == values["id"]).values(**values))


def _write(checked: Checked, digest: str, is_new: bool) -> None:
    _upsert(Organization, checked.organization)
    # Our own taxonomies are defined by taxonomy.py; a feed may use them, not rewrite them.
    ours = {t.id for t in taxonomy.TAXONOMIES} | set(taxonomy.TERMS_BY_ID)
    for row in _unique(checked.taxonomies):
        if row["id"] not in ours:
            _upsert(Taxonomy, row)
    for row in _unique(checked.terms):
        if row["id"] not in ours:
            _upsert(TaxonomyTerm, row)
    for row in _unique(checked.locations):
        _upsert(Location, row)
    sid = checked.service["id"]
    values = {**checked.service, "source_hash": digest, "last_modified": utcnow()}
    if is_new:
        db.session.execute(insert(Service), [values])
    else:
        db.session.execute(update(Service).where(Service.id == sid).values(**values))
        # Children are the feed's to say: what it no longer lists goes.
        for model in (
            Schedule,
            Phone,
            Contact,
            CostOption,
            Language,
            ServiceAttribute,
            ServiceAtLocation,
        ):
            db.session.execute(delete(model).where(model.service_id == sid))
    location_ids = sorted({row["id"] for row in checked.locations})
    if location_ids:
        db.session.execute(delete(Accessibility).where(Accessibility.location_id.in_(location_ids)))
    link_ids = {row["id"] for row in checked.links}
    for row in checked.schedules:
        if row["service_at_location_id"] not in link_ids:
            row["service_at_location_id"] = None
    for model, rows in (
        (Accessibility, checked.accessibility),
        (ServiceAtLocation, checked.links),
        (Schedule, checked.schedules),
        (ServiceAttribute, checked.attributes),
        (Contact, checked.contacts),
        (Phone, checked.phones),
        (CostOption, checked.cost_options),
        (Language, checked.languages),
    ):
        if rows:
            db.session.execute(insert(model), rows)


def _unique(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    by_id = {row["id"]: row for row in rows}
    return list(by_id.values())


# Where a feed comes from -------------------------------------------------------------


def read_source(source: str, allow_urls: bool) -> bytes | list[Any]:
    """A local file's bytes, or (only when allowed by configuration) a URL's records."""
    if source.startswith(("http://", "https://")):
        if not allow_urls:
            raise FeedError(
                "importing from a web address is turned off; set "
                "KEEPWELL_GROUPS_IMPORT_FROM_URLS=1 to allow it, or give a file"
            )
        return _fetch_all_pages(source)
    try:
        with open(source, "rb") as handle:
            return handle.read(MAX_DOWNLOAD_BYTES + 1)
    except OSError as error:
        raise FeedError(f"cannot read {source}: {error.strerror}") from error


def _fetch_all_pages(url: str) -> list[Any]:
    records: list[Any] = []
    page, pages = 1, 1
    while page <= pages and page <= 1000:
        data = json.loads(_get(_with_page(url, page)))
        if not isinstance(data, dict) or "contents" not in data:
            return parse_feed(json.dumps(data))
        records.extend(parse_feed(json.dumps(data)))
        pages = int(data.get("total_pages") or 1)
        page += 1
    # A list endpoint gives one-to-one fields only: ask for each service in full.
    base = url.split("?")[0].rstrip("/")
    return [
        json.loads(_get(f"{base}/{item['id']}"))
        if isinstance(item, dict) and "id" in item and "service_at_locations" not in item
        else item
        for item in records
    ]


def _with_page(url: str, page: int) -> str:
    parts = urlsplit(url)
    query = (parts.query + "&" if parts.query else "") + urlencode({"page": page})
    return urlunsplit(parts._replace(query=query))


def _get(url: str) -> bytes:
    request = urllib.request.Request(url, headers={"Accept": "application/json"})  # noqa: S310
    try:
        with urllib.request.urlopen(request, timeout=URL_TIMEOUT_SECONDS) as response:  # noqa: S310
            body = response.read(MAX_DOWNLOAD_BYTES + 1)
    except OSError as error:
        raise FeedError(f"could not fetch {url}: {error}") from error
    if len(body) > MAX_DOWNLOAD_BYTES:
        raise FeedError(f"{url} is larger than 50 MB")
    return body
