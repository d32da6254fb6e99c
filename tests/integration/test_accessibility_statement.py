"""The accessibility statement: published, in the UK public sector form, linked from
the footer of every page, in English and Welsh, signed in or not."""

from __future__ import annotations

from app.accessibility.preferences import LANGUAGE_COOKIE
from tests.support.helpers import make_person, page_text, sign_in

SECTIONS = [
    "How accessible Keepwell is",
    "Information in a different format",
    "Reporting accessibility problems",
    "Enforcement procedure",
    "Technical information about Keepwell's accessibility",
    "Compliance status",
    "How we tested Keepwell",
]


def test_the_statement_has_every_part_the_public_sector_form_asks_for(client):
    response = client.get("/accessibility-statement")
    assert response.status_code == 200
    text = page_text(response)
    for heading in SECTIONS:
        assert heading in text, heading
    assert "Equality and Human Rights Commission" in text
    assert "WCAG" not in text or "2.2" in text
    assert "Web Content Accessibility Guidelines version 2.2 AA" in text
    assert 'href="https://www.equalityadvisoryservice.com/"' in response.get_data(as_text=True)
    assert "29 November 2026" in text


def test_every_page_links_to_it_in_the_footer(app, client):
    for path in ("/", "/help", "/groups", "/auth/sign-in"):
        html = client.get(path).get_data(as_text=True)
        footer = html[html.index('<footer class="kw-footer">') :]
        assert 'href="/accessibility-statement"' in footer, path
    sign_in(app, client, make_person(app, "Sam"))
    html = client.get("/plan").get_data(as_text=True)
    assert 'href="/accessibility-statement"' in html[html.index("<footer") :]


def test_it_is_in_welsh_too(client):
    client.set_cookie(LANGUAGE_COOKIE, "cy")  # as the language page would
    text = page_text(client.get("/accessibility-statement"))
    assert "Datganiad hygyrchedd Keepwell" in text and "Gweithdrefn orfodi" in text
