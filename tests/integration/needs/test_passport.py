"""My communication passport: one page with every need (and its NHS code), who can see
it, and when it was last checked; standard or large print; the person's own."""

from __future__ import annotations

from tests.support.circle import invite, join
from tests.support.helpers import page_text, post_form

NEEDS = "/account/communication-needs"
PASSPORT = "/account/communication-passport"


def test_the_passport_sums_up_the_needs_with_their_codes(client, sam):
    post_form(client, f"{NEEDS}/language", {"language": "bsl"})
    post_form(client, f"{NEEDS}/support", {"needs": ["bsl_interpreter"], "own_words": "Slowly"})
    post_form(client, f"{NEEDS}/other", {"notes": "I lip-read a little"})
    text = page_text(client.get(PASSPORT))
    assert "My communication passport" in text and "Belongs to Sam" in text
    assert "British Sign Language (BSL)" in text
    assert "204331000000107" in text and "British Sign Language interpreter needed" in text
    assert "Slowly" in text and "I lip-read a little" in text
    assert "Last checked" in text


def test_the_passport_says_who_can_see_it(app, client, other_client, sam, jo):
    post_form(client, f"{NEEDS}/formats", {"needs": ["easy_read"]})
    assert "Only you" in page_text(client.get(PASSPORT))
    join(other_client, invite(client, preset="carer_crisis_plan", label="Mum")[0])
    assert "Mum" not in page_text(client.get(PASSPORT))  # not granted the needs
    from tests.support.helpers import make_person, sign_in

    priya = make_person(app, "Priya")
    priya_client = app.test_client()
    sign_in(app, priya_client, priya)
    join(priya_client, invite(client, preset="peer_mentor_everything", label="Priya")[0])
    text = page_text(client.get(PASSPORT))
    assert "Priya (peer mentor)" in text and "Mum" not in text
    post_form(client, "/circle/pause")
    assert "Sharing is paused" in page_text(client.get(PASSPORT))


def test_the_passport_prints_in_large_print(client, sam):
    post_form(client, f"{NEEDS}/formats", {"needs": ["large_print"]})
    large = client.get(f"{PASSPORT}?size=large").get_data(as_text=True)
    assert "kw-print--large" in large and "Switch to standard print" in large
    assert 'data-module="print-button"' in large
    assert client.get(f"{PASSPORT}?size=huge").status_code == 404


def test_an_empty_passport_offers_the_questions(client, sam):
    text = page_text(client.get(PASSPORT))
    assert "Nothing is recorded yet" in text and "Not checked yet" in text


def test_the_passport_is_only_ever_the_signed_in_persons_own(client, other_client, sam, jo):
    post_form(client, f"{NEEDS}/other", {"notes": "Sam's own words"})
    join(other_client, invite(client, preset="peer_mentor_everything")[0])
    assert "Sam's own words" not in other_client.get(PASSPORT).get_data(as_text=True)
