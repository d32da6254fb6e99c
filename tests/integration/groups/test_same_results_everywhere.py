"""The same search gives the same groups in the same order on SQLite and PostgreSQL: this
file's expectations are exact, and the suite runs on both databases."""

from __future__ import annotations

import pytest

from app.data.groups import taxonomy
from app.data.groups.listings import search_services
from app.data.groups.search import Criteria, query_words

EXPECTED = [
    (
        Criteria(words=tuple(query_words("garden"))),
        [
            "Bridewell garden days",
            "Bridewell women's garden day",
            "Restore Elder Stubbs garden",
            "Root and Branch garden",
            "Restore Fleet Meadow",
        ],
    ),
    (Criteria(words=tuple(query_words("survivors evening"))), ["Oxford Survivors evening group"]),
    (Criteria(words=tuple(query_words("cantonese"))), ["Chinese community advice and wellbeing"]),
    (
        Criteria(words=tuple(query_words("walk")), weekends=True),
        ["Bicester walking group", "Carterton wellbeing walk"],
    ),
    (
        Criteria(
            any_term_ids=(taxonomy.term_for("creative").id,),
            latitude=51.75,
            longitude=-1.2577,
            radius_km=8,
        ),
        ["Restore Beehive", "Cowley community resource project"],
    ),
    (
        Criteria(
            words=tuple(query_words("advice money")),
            all_term_ids=(taxonomy.term_for("wheelchair").id,),
        ),
        ["Wantage money and benefits advice", "Chinese community advice and wellbeing"],
    ),
    # Words near a place: on SQLite, found by the index rows' numbers (issue 16). Nearest
    # first; as near, named for the words first; then by name.
    (
        Criteria(
            words=tuple(query_words("group")), latitude=51.75, longitude=-1.2577, radius_km=15
        ),
        [
            "Deaf wellbeing group (BSL)",
            "Oxford Survivors evening group",
            "Chinese community advice and wellbeing",
            "Gemini recovery days",
            "Archway Friday social (Abingdon)",
        ],
    ),
    (
        Criteria(words=tuple(query_words("peer")), latitude=51.75, longitude=-1.2577, radius_km=5),
        [
            "Chinese community advice and wellbeing",
            "Deaf wellbeing group (BSL)",
            "Gemini recovery days",
            "Oxford Survivors evening group",
            "Cowley community resource project",
        ],
    ),
    (
        Criteria(
            words=tuple(query_words("walk women")), latitude=51.75, longitude=-1.2577, radius_km=40
        ),
        [],
    ),
]


@pytest.mark.parametrize(("criteria", "expected"), EXPECTED)
def test_searches_find_exactly_these_groups_in_this_order(app, directory, criteria, expected):
    with app.app_context():
        found = [hit.name for hit in search_services(criteria)]
    assert found == expected


def test_every_listing_has_its_words_indexed_under_its_own_number(app, directory):
    """SQLite's index numbers each service's row by a digest of its id (search.fts_rowid),
    which a search near a place relies on; PostgreSQL keeps the words on the row."""
    from sqlalchemy import select, text

    from app.data.database import db
    from app.data.groups.models import Service
    from app.data.groups.search import fts_rowid

    with app.app_context():
        ids = set(db.session.scalars(select(Service.id)))
        assert ids
        if db.engine.dialect.name == "sqlite":
            rows = db.session.execute(text("SELECT rowid, service_id FROM services_fts")).all()
            assert {service_id for _, service_id in rows} == ids
            assert all(rowid == fts_rowid(service_id) for rowid, service_id in rows)
        else:
            empty = db.session.scalar(
                text("SELECT count(*) FROM services WHERE search_vector = ''::tsvector")
            )
            assert empty == 0
