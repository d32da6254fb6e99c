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
]


@pytest.mark.parametrize(("criteria", "expected"), EXPECTED)
def test_searches_find_exactly_these_groups_in_this_order(app, directory, criteria, expected):
    with app.app_context():
        found = [hit.name for hit in search_services(criteria)]
    assert found == expected
