"""Meet: large print and language from the needs, applied to Keepwell itself when the
person says yes (and only then)."""

from __future__ import annotations

from app.data.accounts.models import User
from app.data.database import db
from tests.support.helpers import page_text, post_form

NEEDS = "/account/communication-needs"


def user(app, person):
    with app.app_context():
        return db.session.get(User, person.id)


def test_large_print_is_offered_and_applied_when_they_agree(app, client, sam):
    response = post_form(client, f"{NEEDS}/formats", {"needs": ["large_print"], "asking": "1"})
    assert "/apply/large-print" in response.location
    offer = client.get(response.location)
    assert "Make the text large in Keepwell too?" in page_text(offer)
    assert user(app, sam).text_size == "standard"  # not before they say so
    done = post_form(client, response.location.split("?")[0], {"then": f"{NEEDS}/support?asking=1"})
    assert done.location.endswith(f"{NEEDS}/support?asking=1")
    assert user(app, sam).text_size == "large"
    assert "kw-text-large" in client.get("/help").get_data(as_text=True)
    # Already large: not asked again.
    again = post_form(client, f"{NEEDS}/formats", {"needs": ["large_print", "easy_read"]})
    assert "/apply/" not in again.location


def test_saying_no_changes_nothing_and_goes_on(app, client, sam):
    response = post_form(client, f"{NEEDS}/formats", {"needs": ["large_print"], "asking": "1"})
    offer = page_text(client.get(response.location))
    assert "No, thank you" in offer
    assert user(app, sam).text_size == "standard"


def test_welsh_is_offered_for_the_app_itself(app, client, sam):
    response = post_form(client, f"{NEEDS}/language", {"language": "cy"})
    assert "/apply/language" in response.location
    assert "Use Keepwell in Cymraeg?" in page_text(client.get(response.location))
    post_form(client, "/account/communication-needs/apply/language", {"then": NEEDS})
    assert user(app, sam).locale == "cy"
    assert 'lang="cy"' in client.get(NEEDS).get_data(as_text=True)


def test_a_language_keepwell_is_not_in_is_not_offered(client, sam):
    response = post_form(client, f"{NEEDS}/language", {"language": "gu"})  # Gujarati
    assert "/apply/" not in response.location
    assert client.get(f"{NEEDS}/apply/language").status_code == 404
    assert client.get(f"{NEEDS}/apply/nonsense").status_code == 404


def test_the_way_on_stays_on_this_site(client, sam):
    post_form(client, f"{NEEDS}/formats", {"needs": ["large_print"]})
    away = post_form(client, f"{NEEDS}/apply/large-print", {"then": "https://evil.example.org/"})
    assert away.location == NEEDS
