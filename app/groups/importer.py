"""Importing an ORUK 3.0 feed from one publisher: an upsert by id, one service at a time.

Each service is checked first (feed.check, against the official schema), then written in
its own savepoint: it is stored whole or not at all. A bad service is reported with its
id and reason and the rest carry on; nothing already stored changes for it. A service
whose record is exactly what was imported last time is left alone, so running the same
import twice changes nothing. A feed may only add and update its own listings: one that
belongs to another publisher, a service manager or the demo is refused.
"""

from __future__ import annotations

import hashlib
import json
import re
import urllib.request
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlencode, urlsplit, urlunsplit

from flask_babel import gettext as _

from app.data.groups.imports import (
    Clash,
    Known,
    Owner,
    index_services,
    prepare_import,
    refresh_statistics,
    store_service,
    stored_owner,
)
from app.groups.feed import InvalidRecord, check, merged, record_id
from app.groups.feed_files import FeedError, parse_feed, services_in

COMMIT_EVERY = 500
# An import that stored at least this many listings brings the database's statistics up
# to date (app/data/groups/imports.py: refresh_statistics).
STATISTICS_AFTER = 100
MAX_DOWNLOAD_BYTES = 50 * 1024 * 1024
URL_TIMEOUT_SECONDS = 30
DEFAULT_PUBLISHER = "feed"
DEMO_PUBLISHER = "Keepwell demo"
PUBLISHER = re.compile(r"^[^\x00-\x1f]{1,100}$")


@dataclass
class ImportReport:
    added: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    skipped: list[tuple[str, str]] = field(default_factory=list)  # (id, reason)
    warnings: list[tuple[str, str]] = field(default_factory=list)  # (id, what was dropped)

    @property
    def stored(self) -> int:
        return len(self.added) + len(self.updated)


@dataclass
class _Run:
    publisher: str
    demo: bool
    report: ImportReport = field(default_factory=ImportReport)
    seen: set[str] = field(default_factory=set)
    known: Known = field(init=False)

    def __post_init__(self) -> None:
        self.known = Known(publisher=self.publisher)


def publisher_for(source: str) -> str:
    """The publisher a feed is filed under when none is named: a web address's host."""
    if source.startswith(("http://", "https://")):
        return urlsplit(source).hostname or DEFAULT_PUBLISHER
    return DEFAULT_PUBLISHER


def check_publisher(name: str) -> str:
    name = name.strip()
    if not PUBLISHER.match(name):
        raise FeedError(_("the publisher's name must be 1 to 100 characters on one line"))
    if name == DEMO_PUBLISHER:
        raise FeedError(_("%(name)s is kept for the demo listings", name=DEMO_PUBLISHER))
    return name


def import_feed(
    raw: bytes | str,
    checkpoint: Callable[[], None] | None = None,
    publisher: str = DEFAULT_PUBLISHER,
) -> ImportReport:
    """Parse and import; raises FeedError (and imports nothing) if the file is not a feed."""
    if len(raw) > MAX_DOWNLOAD_BYTES:
        raise FeedError("the file is larger than 50 MB")
    return import_records(parse_feed(raw), checkpoint, publisher=check_publisher(publisher))


def import_source(
    source: str,
    allow_urls: bool,
    checkpoint: Callable[[], None] | None = None,
    publisher: str | None = None,
) -> ImportReport:
    name = check_publisher(publisher or publisher_for(source))
    data = read_source(source, allow_urls)
    if isinstance(data, list):
        return import_records(services_in(data), checkpoint, publisher=name)
    return import_feed(data, checkpoint, publisher=name)


def import_records(
    records: list[Any],
    checkpoint: Callable[[], None] | None = None,
    *,
    publisher: str = DEFAULT_PUBLISHER,
    demo: bool = False,
) -> ImportReport:
    """Import every record as `publisher`'s. A long import from the command line passes
    `checkpoint` (a commit) to save every COMMIT_EVERY services; from a page, the request
    commits once. Only the demo loader passes `demo`: it alone may change demo listings."""
    prepare_import()
    run = _Run(publisher=publisher, demo=demo)
    pending: list[str] = []  # stored services whose search words are still to be indexed
    changed = 0
    for number, record in enumerate(records, 1):
        stored = _import_one(record, run)
        if stored:
            pending.append(stored)
            changed += 1
        if number % COMMIT_EVERY == 0:
            _index(pending, checkpoint)
    _index(pending, checkpoint)
    if changed >= STATISTICS_AFTER:
        refresh_statistics()
        if checkpoint is not None:
            checkpoint()
    return run.report


def _index(service_ids: list[str], checkpoint: Callable[[], None] | None) -> None:
    # The index is derived from stored rows, so it is built in batches, in the same
    # transaction as the rows it describes: a commit never leaves a listing unindexed.
    index_services(service_ids)
    service_ids.clear()
    if checkpoint is not None:
        checkpoint()


def _import_one(record: Any, run: _Run) -> str | None:
    """Import one record; returns its id if it was stored."""
    rid, report = record_id(record), run.report
    if rid in run.seen:
        report.skipped.append(
            (
                rid,
                _("The same id appears more than once in this feed; only the first was imported."),
            )
        )
        return None
    run.seen.add(rid)
    owner = stored_owner(rid)
    refusal = _refusal(owner, run)
    if refusal:
        report.skipped.append((rid, refusal))
        return None
    stored = json.loads(owner.source_record) if owner and owner.source_record else None
    given = merged(record, stored)
    # The same record as last time is left alone before any checking: re-importing a
    # whole feed costs a hash per listing.
    digest = hashlib.sha256(json.dumps(given, sort_keys=True, default=str).encode()).hexdigest()
    # (A listing imported before records were kept whole has none: it is stored again.)
    if owner is not None and owner.source_record and owner.source_hash == digest:
        report.unchanged.append(rid)
        return None
    try:
        checked = check(given)
    except InvalidRecord as error:
        report.skipped.append((rid, str(error)))
        return None
    try:
        store_service(
            checked.rows,
            checked.source,
            digest,
            known=run.known,
            is_new=owner is None,
        )
    except Clash as clash:
        report.skipped.append((rid, _clash_reason(clash)))
        return None
    report.warnings.extend((rid, warning) for warning in checked.warnings)
    (report.added if owner is None else report.updated).append(rid)
    return rid


def _refusal(owner: Owner | None, run: _Run) -> str | None:
    """Why this feed may not change the stored listing (None: it may)."""
    if owner is None:
        return None
    if owner.is_demo and not run.demo:
        return _("This id belongs to a demo listing; a feed cannot change it.")
    if owner.publisher is None:
        return _(
            "This id belongs to a listing a service manager entered in Keepwell; a feed "
            "cannot change it."
        )
    if owner.publisher != run.publisher:
        return _(
            "This id belongs to the feed '%(publisher)s'; one publisher cannot change "
            "another's listing.",
            publisher=owner.publisher,
        )
    return None


def _clash_reason(clash: Clash) -> str:
    """Why a service could not be stored, naming the entity and who has its id."""
    if clash.detail:
        return _(
            "It clashes with data already stored (%(detail)s); nothing of it was stored.",
            detail=clash.detail,
        )
    if clash.owned and clash.owner:
        return _(
            "Its %(entity)s %(id)s belongs to the feed '%(publisher)s'; a feed cannot "
            "change another's.",
            entity=clash.entity,
            id=clash.entity_id,
            publisher=clash.owner,
        )
    if clash.owned:
        return _(
            "Its %(entity)s %(id)s was entered by a service manager in Keepwell; a feed "
            "cannot change it.",
            entity=clash.entity,
            id=clash.entity_id,
        )
    return _(
        "Its %(entity)s %(id)s already belongs to another listing; nothing of it was stored.",
        entity=clash.entity,
        id=clash.entity_id,
    )


# Where a feed comes from -------------------------------------------------------------


def import_web_address(url: str, allow_urls: bool, publisher: str | None = None) -> ImportReport:
    """What the service manager's page imports by address: a web address only, never a
    file on the server (finding 9.2: "/etc/passwd" and "/dev/zero" were read)."""
    if not url.startswith(("http://", "https://")):
        raise FeedError(_("give a web address starting with https://"))
    return import_source(url, allow_urls, publisher=publisher)


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
