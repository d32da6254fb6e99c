"""Display preferences paint on the first byte; the app speaks English and Welsh."""

from __future__ import annotations

import pytest

from tests.support.helpers import make_person, page_text, post_form, sign_in


@pytest.mark.parametrize(
    ("choice", "expected"),
    [
        ({"text_size": "large"}, 'class="kw-text-large"'),
        ({"text_size": "extra_large"}, 'class="kw-text-xlarge"'),
        ({"text_size": "standard", "high_contrast": "y"}, 'class="kw-high-contrast"'),
        ({"text_size": "standard", "reduced_motion": "y"}, 'class="kw-reduced-motion"'),
    ],
)
def test_display_preferences_are_rendered_by_the_server(client, choice, expected):
    response = post_form(client, "/display", choice)
    assert response.status_code == 302
    assert "kw_display=" in response.headers["Set-Cookie"]
    assert expected in client.get("/help").get_data(as_text=True)


def test_a_bad_display_choice_keeps_the_others_and_says_what_to_do(client):
    response = post_form(client, "/display", {"text_size": "enormous", "high_contrast": "y"})
    assert response.status_code == 200
    assert "Not a valid choice" in page_text(response) or "Choose a text size" in page_text(
        response
    )


def test_a_tampered_display_cookie_falls_back_to_standard(client):
    client.set_cookie("kw_display", "text=<script>&contrast=evil")
    html = client.get("/").get_data(as_text=True)
    assert 'class=""' in html


def test_display_preferences_are_saved_to_the_account_for_new_devices(app, client, other_client):
    person = make_person(app)
    sign_in(app, client, person)
    post_form(client, "/display", {"text_size": "large"})
    sign_in(app, other_client, person)
    assert 'class="kw-text-large"' in other_client.get("/").get_data(as_text=True)


def test_switching_to_welsh_sets_lang_and_keeps_the_page(client):
    response = post_form(client, "/language", {"language": "cy", "next": "/help"})
    assert response.status_code == 302 and response.location == "/help"
    html = client.get("/help").get_data(as_text=True)
    assert '<html lang="cy" dir="ltr"' in html
    assert "Cael help nawr" in html


def test_an_old_language_link_changes_nothing_and_leads_to_the_language_page(client):
    response = client.get("/language/cy?next=/help")
    assert response.status_code == 302
    assert response.location == "/language?next=/help"
    assert "kw_lang" not in response.headers.get("Set-Cookie", "")
    assert '<html lang="en-GB"' in client.get("/help").get_data(as_text=True)


def test_an_unknown_language_says_so_and_next_stays_on_this_site(client):
    response = post_form(client, "/language", {"language": "xx", "next": "/help"})
    assert response.status_code == 400
    assert "Choose a language from the list." in page_text(response)
    assert "kw_lang" not in response.headers.get("Set-Cookie", "")
    response = post_form(
        client, "/language", {"language": "cy", "next": "https://evil.example.org"}
    )
    assert response.location == "/"
    assert client.get("/language?next=//evil.example.org").status_code == 200


def test_choosing_a_language_needs_the_forms_csrf_token(client):
    response = client.post("/language", data={"language": "cy"})
    assert response.status_code == 400
    assert "kw_lang" not in response.headers.get("Set-Cookie", "")


def test_welsh_speakers_browser_setting_is_respected(client):
    html = client.get("/", headers={"Accept-Language": "cy-GB,cy;q=0.9,en;q=0.5"}).get_data(
        as_text=True
    )
    assert '<html lang="cy"' in html


def test_a_signed_in_persons_language_follows_them(app, client, other_client):
    person = make_person(app)
    sign_in(app, client, person)
    post_form(client, "/language", {"language": "cy"})
    sign_in(app, other_client, person)
    assert '<html lang="cy"' in other_client.get("/").get_data(as_text=True)
