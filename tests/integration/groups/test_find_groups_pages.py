"""Finding groups in the browser without JavaScript: results, bad input, group pages."""

from __future__ import annotations

import re

import pytest
from sqlalchemy import inspect

from app.data.database import db
from app.data.db_setup import include_object
from tests.support.helpers import page_text


def names(response):
    return re.findall(
        r'kw-group-card__name"><a href="[^"]*"[^>]*>([^<]*)</a>', response.get_data(as_text=True)
    )


def test_find_groups_is_open_to_everyone_and_in_the_menu(client):
    response = client.get("/groups")
    assert response.status_code == 200
    assert 'href="/groups"' in response.get_data(as_text=True)
    assert "Find groups" in page_text(client.get("/"))


def test_words_filters_and_a_town_find_nearest_first(client, directory):
    response = client.get("/groups?q=garden&place=Witney&distance=25")
    assert names(response)[:2] == ["Bridewell garden days", "Bridewell women&#39;s garden day"]
    text = page_text(response)
    assert "Nearest to Witney, Oxfordshire first." in text and "miles away" in text
    women = client.get("/groups?access=women-only&types=gardening-outdoors")
    assert names(women) == ["Bridewell women&#39;s garden day"]
    evenings = names(client.get("/groups?when=evenings&days=TU"))
    assert evenings == ["Banbury wellbeing drop-in", "Oxford Survivors evening group"]
    weekend_free = names(client.get("/groups?when=weekends&free=y&place=Bicester&distance=3"))
    assert weekend_free == ["Bicester walking group"]
    cantonese = names(client.get("/groups?language=yue"))
    assert cantonese == ["Chinese community advice and wellbeing"]


def test_near_me_uses_the_position_the_browser_gave(client, directory):
    response = client.get("/groups?lat=51.79&lon=-1.49&distance=3")
    assert "Nearest to where you are first." in page_text(response)
    assert len(names(response)) == 2


def test_results_are_paged(client, directory):
    first = client.get("/groups?place=Oxford&distance=25")
    assert len(names(first)) == 10 and 'rel="next"' in first.get_data(as_text=True)
    third = client.get("/groups?place=Oxford&distance=25&page=3")
    assert 'rel="prev"' in third.get_data(as_text=True)


@pytest.mark.parametrize(
    ("query", "message", "status"),
    [
        ("q=zzzzqqq", "No groups found", 200),
        ("place=Witnee", "We could not find “Witnee”", 200),
        ("place=Witnee", "Witney, Oxfordshire", 200),
        ("place=Oxford&distance=-5", "Distance must be more than 0 miles", 200),
        ("place=Oxford&distance=7", "Choose how far you can travel from the list", 200),
        ("q=group&page=99", "There is no page 99 of results", 404),
        ("q=group&page=-1", "There is no page", 404),
        ("q=group&page=abc", "There is no page", 404),
        ("q=" + "a" * 201, "Search words must be 200 characters or fewer", 200),
        ("types=not-a-type&days=XX", "groups found", 200),
        ("lat=999&lon=abc", "groups found", 200),
    ],
)
def test_bad_input_gets_a_clear_message_never_an_error(client, directory, query, message, status):
    response = client.get(f"/groups?{query}")
    assert response.status_code == status
    assert message in page_text(response)


def test_no_results_suggests_widening_without_the_extra_choices(client, directory):
    text = page_text(client.get("/groups?q=garden&access=bsl"))
    assert "Try fewer words, fewer choices, or a longer distance." in text
    assert "Search again without the extra choices" in text


def test_a_group_page_has_everything_known_about_it(client, directory):
    html = client.get("/groups?q=safe+haven").get_data(as_text=True)
    url = re.search(r'href="(/groups/[0-9a-f-]{36})[?"]', html).group(1)
    text = page_text(client.get(url))
    for expected in (
        "Oxford safe haven",
        "Oxfordshire Mind",
        "Demo listing",
        "Next:",
        "Every Monday, Friday, Saturday and Sunday, 18:00 to 23:00",
        "Wheelchair access",
        "Quiet space",
        "Call 01632 960",
        "Free",
        "Sign in to save this group to your plan",
        "Nobody has rated",
    ):
        assert expected in text, expected
    ics = client.get(url + "/next-session.ics")
    assert ics.mimetype == "text/calendar"
    body = ics.get_data(as_text=True)
    assert "BEGIN:VEVENT" in body and "SUMMARY:Oxford safe haven" in body
    assert re.search(r"DTSTART:\d{8}T\d{6}Z", body)
    assert client.get("/groups/no-such-group").status_code == 404


def test_welsh_words_find_groups_by_type(client, directory):
    client.set_cookie("kw_lang", "cy")
    response = client.get("/groups?q=garddio")
    assert "Bridewell garden days" in response.get_data(as_text=True)
    assert "Dod o hyd i grwpiau" in page_text(response)


def test_search_index_objects_exist_and_only_they_are_hidden_from_the_drift_check(app):
    with app.app_context():
        inspector = inspect(db.engine)
        if db.engine.dialect.name == "sqlite":
            assert "services_fts" in inspector.get_table_names()
        else:
            assert "search_vector" in {c["name"] for c in inspector.get_columns("services")}
    assert include_object(None, "services_fts_data", "table", True, None) is False
    assert include_object(None, "services", "table", True, None) is True
    assert include_object(None, "ix_services_search_vector", "index", True, None) is False
    assert include_object(None, "ix_services_status", "index", True, None) is True
