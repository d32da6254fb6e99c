"""Places from the offline gazetteer, distances, and the order results come in."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from app.data.groups.distance import bounding_box, haversine_km, km_to_miles
from app.data.groups.search import Criteria, document, query_words, rank, relevance, tokens
from app.groups.places import find_place


def test_towns_and_postcode_districts_are_found_offline():
    witney = find_place("witney").place
    assert witney.label == "Witney, Oxfordshire"
    assert witney.latitude == pytest.approx(51.78, abs=0.02)
    district = find_place("ox28 4ab").place  # a full postcode uses its district
    assert district.name == "OX28"
    assert (
        haversine_km(witney.latitude, witney.longitude, district.latitude, district.longitude) < 3
    )


def test_an_unknown_place_offers_close_matches():
    lookup = find_place("Chiping Nortn")
    assert lookup.place is None
    assert "Chipping Norton" in [p.name for p in lookup.suggestions]
    assert find_place("ZZ99").place is None
    assert find_place("OX99").suggestions  # other OX districts


def test_a_county_picks_between_towns_with_the_same_name():
    assert find_place("Newport, Isle of Wight").place.county.startswith("Isle of Wight")


def test_distances_are_great_circle_and_the_box_holds_the_circle():
    oxford, london = (51.752, -1.2577), (51.5074, -0.1278)
    assert haversine_km(*oxford, *london) == pytest.approx(82, abs=2)
    assert km_to_miles(1.609344) == pytest.approx(1)
    box = bounding_box(*oxford, 10)
    for bearing_point in ((51.842, -1.2577), (51.752, -1.1127), (51.752, -1.4027)):
        if haversine_km(*oxford, *bearing_point) <= 10:
            assert box.min_lat <= bearing_point[0] <= box.max_lat
            assert box.min_lon <= bearing_point[1] <= box.max_lon


def test_words_are_normalised_the_same_for_index_and_query():
    assert tokens("Gardening for Women's groups") == ["garden", "women", "group"]
    assert document(["Café", None, "BSL"]) == "cafe bsl"
    assert query_words("the the garden garden") == ["garden"]


def test_nearest_first_then_name_words_then_name():
    criteria = Criteria(words=("garden",), latitude=51.75, longitude=-1.25, radius_km=20)
    rows = [
        ("b", "Walks", 51.76, -1.25, "l1"),
        ("a", "Garden club", 51.76, -1.25, "l2"),
        ("c", "Far garden", 51.9, -1.25, "l3"),
        ("c", "Far garden", 51.751, -1.25, "l4"),  # the same group's nearer place wins
        ("d", "Too far", 53.0, -1.25, "l5"),
    ]
    hits = rank(rows, criteria)
    assert [h.service_id for h in hits] == ["c", "a", "b"]
    assert hits[0].location_id == "l4"


def test_without_a_place_groups_named_for_the_words_come_first():
    criteria = Criteria(words=("art",))
    hits = rank([("1", "Walking group"), ("2", "Art group"), ("3", "Another art café")], criteria)
    assert [h.service_id for h in hits] == ["3", "2", "1"]
    assert relevance("Art and craft", ["art", "craft"]) == 2


NAMES = ["Art group", "art Group", "Walking group", "Peer support", "Art café", "Group art"]


@given(
    rows=st.lists(
        st.tuples(
            st.integers(0, 40),  # a few places, so that distances tie
            st.sampled_from(NAMES),
            st.sampled_from([0.0, 0.01, 0.02]),
        ),
        max_size=40,
    ),
    words=st.sampled_from([("art",), ("group",), ("art", "group"), ()]),
)
def test_ranking_near_a_place_is_distance_then_words_then_name_then_id(rows, words):
    """rank weighs the words only where distances tie (issue 16): the order must be
    exactly the full sort by (distance, words in the name, name, id)."""
    criteria = Criteria(words=words, latitude=51.75, longitude=-1.26, radius_km=100)
    table = [
        (f"s{number:02}", name, 51.75 + lat, -1.26) for number, (_, name, lat) in enumerate(rows)
    ]
    expected = sorted(
        (
            (
                round(haversine_km(51.75, -1.26, lat, lon), 3),
                -relevance(name, words),
                name.casefold(),
                sid,
            )
            for sid, name, lat, lon in table
        )
    )
    assert [hit.service_id for hit in rank([(*row, "loc") for row in table], criteria)] == [
        key[3] for key in expected
    ]
