"""Get help now has the national routes for Deaf people and anyone who cannot talk on
the phone, with the links their official pages give, signed in or not."""

from __future__ import annotations

from bs4 import BeautifulSoup

from app.accessibility.preferences import LANGUAGE_COOKIE
from tests.support.helpers import make_person, page_text, sign_in


def deaf_section(response):
    soup = BeautifulSoup(response.get_data(as_text=True), "html.parser")
    return soup.find(id="deaf-title").find_parent("section")


def test_the_four_national_routes_are_there_with_their_official_links(client):
    section = deaf_section(client.get("/help"))
    links = {a.get_text(" ", strip=True): a["href"] for a in section.find_all("a")}
    assert links["Open 999 BSL"] == "https://999bsl.co.uk/"
    assert links["Text register to 999"] == "sms:999?&body=register"
    assert links["Call 18000"] == "tel:18000"
    assert links["About Relay UK"] == "https://www.relayuk.bt.com/"
    assert links["Open NHS 111 BSL"] == "https://signvideo.co.uk/nhs111/"
    text = section.get_text(" ", strip=True)
    assert "You do not need to register" in text  # 999 BSL
    assert "text the word register to 999" in text  # emergencySMS must be set up first


def test_they_are_there_for_a_signed_in_person_and_in_welsh(app, client):
    sign_in(app, client, make_person(app, "Sam"))
    assert "999 BSL" in page_text(client.get("/help"))
    client.set_cookie(LANGUAGE_COOKIE, "cy")  # as the language page would
    text = deaf_section(client.get("/help")).get_text(" ", strip=True)
    assert "Os ydych chi'n Fyddar" in text and "18000" in text


def test_the_emergency_call_still_comes_first(client):
    html = client.get("/help").get_data(as_text=True)
    assert html.index('href="tel:999"') < html.index('id="deaf-title"')
