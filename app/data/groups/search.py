"""Building a directory search: words, filters and distance, in SQL, then ranking.

Words are matched with the database's own full-text index (SQLite FTS5, PostgreSQL
tsvector). Both are fed the same Python-normalised words (`tokens`) and asked the same
prefix query, so a search finds exactly the same groups on either database; ranking is
then done here, in plain Python, for the same reason. Distance is a bounding box in SQL
(indexed) and then the exact great-circle distance.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime
from itertools import groupby
from typing import Any

from sqlalchemy import Select, String, and_, column, exists, func, literal_column, or_, select, text
from sqlalchemy.sql.elements import ColumnElement

from app.data.groups import schedules as timing
from app.data.groups.distance import bounding_box, haversine_km
from app.data.groups.models import (
    Language,
    Location,
    Schedule,
    Service,
    ServiceAtLocation,
    ServiceAttribute,
    TaxonomyTerm,
)

MAX_QUERY_LENGTH = 200
MAX_WORDS = 12
STOP_WORDS = frozenset(
    {
        "a",
        "an",
        "and",
        "are",
        "at",
        "by",
        "for",
        "from",
        "i",
        "in",
        "is",
        "it",
        "me",
        "my",
        "of",
        "on",
        "or",
        "the",
        "to",
        "with",
    }
)


# Words ------------------------------------------------------------------------------


def tokens(text_value: str) -> list[str]:
    """Lower-case ASCII words, plurals and "-ing" trimmed, stop words dropped."""
    ascii_text = unicodedata.normalize("NFKD", text_value).encode("ascii", "ignore").decode()
    words = re.findall(r"[a-z0-9]+", ascii_text.lower())
    # Single letters ("women's" -> "women", "s") only make every query match less.
    return [stem(w) for w in words if w not in STOP_WORDS and (len(w) > 1 or w.isdigit())]


def stem(word: str) -> str:
    if len(word) > 4 and word.endswith("ies"):
        return word[:-3] + "y"
    if len(word) > 3 and word.endswith("s") and not word.endswith(("ss", "us", "is")):
        word = word[:-1]
    if len(word) > 7 and word.endswith("ing"):
        return word[:-3]
    return word


def document(parts: Iterable[str | None]) -> str:
    """The text the index holds for a service: its words, normalised, space separated."""
    return " ".join(tokens(" ".join(part for part in parts if part)))


def query_words(query: str) -> list[str]:
    unique: list[str] = []
    for word in tokens(query):
        if word not in unique:
            unique.append(word)
    return unique[:MAX_WORDS]


def fts_query(words: Sequence[str]) -> str:
    """SQLite's full-text query: every word, as the start of a word."""
    return " AND ".join(f'"{word}"*' for word in words)


def fts_rowid(service_id: str) -> int:
    """The row a service's words have in SQLite's index (`services_fts`): a 63-bit
    digest of its id, so that the rows matching some words can be read by number alone,
    without reading every matching row's text to learn whose it is (issue 16). Two ids
    sharing a digest are about as likely as guessing a random 63-bit number."""
    digest = hashlib.blake2b(service_id.encode(), digest_size=8).digest()
    return int.from_bytes(digest, "big") >> 1


# The rows of the index whose words match, by number (see fts_rowid).
FTS_MATCHING_ROWS = text("SELECT rowid FROM services_fts WHERE services_fts MATCH :fts_query")


def words_match(dialect: str, words: Sequence[str]) -> ColumnElement[bool]:
    """Services whose indexed words start with every one of `words`."""
    if dialect == "sqlite":
        matching = text(
            "SELECT service_id FROM services_fts WHERE services_fts MATCH :fts_query"
        ).bindparams(fts_query=fts_query(words))
        return Service.id.in_(matching.columns(column("service_id", String)))
    ts_query = " & ".join(f"{word}:*" for word in words)
    return literal_column("services.search_vector").op("@@")(func.to_tsquery("simple", ts_query))


def relevance(name: str, words: Sequence[str]) -> int:
    """How many search words the group's name itself starts a word with (more is better)."""
    name_words = tokens(name)
    return sum(1 for word in words if any(nw.startswith(word) for nw in name_words))


# Criteria ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Criteria:
    words: tuple[str, ...] = ()
    any_term_ids: tuple[str, ...] = ()  # group types: any of them
    all_term_ids: tuple[str, ...] = ()  # access needs, ways in: every one of them
    taxonomy_id: str | None = None
    days: tuple[int, ...] = ()  # weekday numbers, Monday = 0: any of them
    evenings: bool = False
    weekends: bool = False
    start_minutes: int | None = None  # opens at or after
    end_minutes: int | None = None  # closes at or before
    free_only: bool = False
    language: str | None = None
    minimum_age: int | None = None
    maximum_age: int | None = None
    latitude: float | None = None
    longitude: float | None = None
    radius_km: float | None = None
    active_only: bool = True
    organization_id: str | None = None
    modified_after: datetime | None = None  # the publisher's last_modified, on or after

    @property
    def has_point(self) -> bool:
        return self.latitude is not None and self.longitude is not None


@dataclass(frozen=True)
class Hit:
    service_id: str
    name: str
    distance_km: float | None = None
    location_id: str | None = None


def _no_index(column: Any) -> Any:
    """The column as a value SQLite cannot look up by index (`column || ''`): so that
    its planner starts from the place's bounding box (issue 16: a search near a town
    went from 27 to 13 ms over 10,000 listings, from the status index to the box)."""
    return column.concat("")


def filters(
    criteria: Criteria, dialect: str, *, place_first: bool = False
) -> list[ColumnElement[bool]]:
    """`place_first`: the search has a place, and SQLite should look there first."""
    conditions: list[ColumnElement[bool]] = []
    if criteria.active_only:
        status = _no_index(Service.status) if place_first else Service.status
        conditions.append(status == "active")
    if criteria.words:
        conditions.append(words_match(dialect, criteria.words))
    if criteria.any_term_ids:
        conditions.append(_has_term(ServiceAttribute.taxonomy_term_id.in_(criteria.any_term_ids)))
    for term_id in criteria.all_term_ids:
        conditions.append(_has_term(ServiceAttribute.taxonomy_term_id == term_id))
    if criteria.taxonomy_id:
        in_taxonomy = select(TaxonomyTerm.id).where(
            TaxonomyTerm.taxonomy_id == criteria.taxonomy_id
        )
        conditions.append(_has_term(ServiceAttribute.taxonomy_term_id.in_(in_taxonomy)))
    schedule_condition = _schedule_condition(criteria)
    if schedule_condition is not None:
        conditions.append(exists().where(Schedule.service_id == Service.id, schedule_condition))
    if criteria.free_only:
        conditions.append(Service.is_free.is_(True))
    if criteria.language:
        conditions.append(
            exists().where(Language.service_id == Service.id, Language.code == criteria.language)
        )
    if criteria.minimum_age is not None:
        conditions.append(Service.minimum_age >= criteria.minimum_age)
    if criteria.maximum_age is not None:
        conditions.append(Service.maximum_age <= criteria.maximum_age)
    if criteria.organization_id is not None:
        conditions.append(Service.organization_id == criteria.organization_id)
    if criteria.modified_after is not None:
        conditions.append(Service.last_modified >= criteria.modified_after)
    return conditions


def _has_term(condition: ColumnElement[bool]) -> ColumnElement[bool]:
    return exists().where(ServiceAttribute.service_id == Service.id, condition)


def _schedule_condition(criteria: Criteria) -> ColumnElement[bool] | None:
    parts: list[ColumnElement[bool]] = []
    if criteria.days:
        mask = sum(1 << day for day in set(criteria.days))
        parts.append(Schedule.day_mask.op("&")(mask) != 0)
    when: list[ColumnElement[bool]] = []
    if criteria.evenings:
        when.append(Schedule.opens_minutes >= timing.EVENING_FROM_MINUTES)
        when.append(Schedule.closes_minutes > timing.EVENING_UNTIL_MINUTES)
    if criteria.weekends:
        when.append(Schedule.day_mask.op("&")(timing.WEEKEND_MASK) != 0)
    if when:
        parts.append(or_(*when))
    if criteria.start_minutes is not None:
        parts.append(Schedule.opens_minutes >= criteria.start_minutes)
    if criteria.end_minutes is not None:
        parts.append(Schedule.closes_minutes <= criteria.end_minutes)
    return and_(*parts) if parts else None


def candidates(
    criteria: Criteria, dialect: str
) -> Select[str, str] | Select[str, str, float | None, float | None, str]:
    """Rows to rank: one per service, or (with a place) one per place it meets at."""
    if not criteria.has_point:
        return select(Service.id, Service.name).where(*filters(criteria, dialect))
    conditions = filters(criteria, dialect, place_first=dialect == "sqlite")
    assert criteria.latitude is not None and criteria.longitude is not None
    box = bounding_box(criteria.latitude, criteria.longitude, criteria.radius_km or 0)
    return (
        select(Service.id, Service.name, Location.latitude, Location.longitude, Location.id)
        .join(ServiceAtLocation, ServiceAtLocation.service_id == Service.id)
        .join(Location, Location.id == ServiceAtLocation.location_id)
        .where(
            *conditions,
            Location.latitude.between(box.min_lat, box.max_lat),
            Location.longitude.between(box.min_lon, box.max_lon),
        )
    )


def rank(rows: Iterable[Sequence[Any]], criteria: Criteria) -> list[Hit]:
    """Nearest first when there is a place (each group at its nearest place); otherwise
    groups whose name holds the search words first; then by name, then id, so the
    order is the same on every database and every run."""
    best: dict[str, Hit] = {}
    for row in rows:
        service_id, name = str(row[0]), str(row[1])
        if criteria.latitude is None or criteria.longitude is None:
            best[service_id] = Hit(service_id, name)
            continue
        distance = haversine_km(criteria.latitude, criteria.longitude, float(row[2]), float(row[3]))
        if criteria.radius_km is not None and distance > criteria.radius_km:
            continue
        current = best.get(service_id)
        if current is None or distance < (current.distance_km or 0):
            best[service_id] = Hit(service_id, name, distance, str(row[4]))

    def key(hit: Hit) -> tuple[float, int, str, str]:
        distance = round(hit.distance_km, 3) if hit.distance_km is not None else 0.0
        return (distance, -relevance(hit.name, criteria.words), hit.name.casefold(), hit.service_id)

    if not criteria.has_point or not criteria.words:
        return sorted(best.values(), key=key)
    # Near a place, relevance only breaks ties of distance (to the metre), which are
    # rare: order by distance first, and weigh the words only where two are as near.
    # The same order as `key` alone, without reading every name's words (issue 16).
    hits = sorted(
        best.values(),
        key=lambda hit: (round(hit.distance_km or 0.0, 3), hit.name.casefold(), hit.service_id),
    )
    ranked: list[Hit] = []
    for _distance, tied in groupby(hits, key=lambda hit: round(hit.distance_km or 0.0, 3)):
        group = list(tied)
        ranked.extend(sorted(group, key=key) if len(group) > 1 else group)
    return ranked
