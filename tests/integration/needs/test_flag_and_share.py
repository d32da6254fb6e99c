"""Flag and share: a member granted "see my communication needs" sees a flag at the top of
every page about the person, beside their name in People I support, and first when
reviewing together; nobody else ever does, and every look is in Who looked."""

from __future__ import annotations

import pytest
from bs4 import BeautifulSoup
from sqlalchemy import func, select

from app.data.circle.models import AccessLogEntry
from app.data.database import db
from tests.support.circle import invite, join
from tests.support.helpers import make_person, page_text, post_form, sign_in

NEEDS = "/account/communication-needs"
FLAG = "Needs a BSL interpreter · Easy read"


@pytest.fixture
def needs_recorded(client, sam):
    """Sam needs easy read, large print and a BSL interpreter (the issue's example)."""
    post_form(client, f"{NEEDS}/formats", {"needs": ["easy_read", "large_print"]})
    post_form(client, f"{NEEDS}/support", {"needs": ["bsl_interpreter"]})


def flag_text(response):
    soup = BeautifulSoup(response.get_data(as_text=True), "html.parser")
    flag = soup.select_one("main .kw-needs-flag")
    return " ".join(flag.get_text(" ").split()) if flag else None


def looks_at_needs(app, owner_id, actor_id):
    with app.app_context():
        return db.session.scalar(
            select(func.count())
            .select_from(AccessLogEntry)
            .where(
                AccessLogEntry.owner_id == owner_id,
                AccessLogEntry.actor_id == actor_id,
                AccessLogEntry.area == "communication_needs",
            )
        )


def test_a_granted_mentor_sees_the_flag_on_every_page_about_the_person(
    app, client, other_client, sam, jo, needs_recorded
):
    join(other_client, invite(client, preset="peer_mentor_everything")[0])
    for path in ("", "/plan", "/plan/crisis-plan", "/progress"):
        text = flag_text(other_client.get(f"/people/{sam.id}{path}"))
        assert text is not None and FLAG in text, path
        assert "Large print" in text
    people = other_client.get("/people")
    assert FLAG in page_text(people)
    assert looks_at_needs(app, sam.id, jo.id) >= 5
    who_looked = page_text(client.get("/circle/activity"))
    assert "Jo" in who_looked and "communication needs" in who_looked


def test_the_flag_comes_first_when_reviewing_together(
    app, client, other_client, sam, jo, needs_recorded
):
    join(other_client, invite(client, preset="peer_mentor_everything")[0])
    html = other_client.get(f"/people/{sam.id}/progress/llr9/start").get_data(as_text=True)
    main = html[html.index('id="maincontent"') :]
    assert FLAG in main
    assert main.index(FLAG) < main.index("<h1")


def test_a_carer_without_the_grant_never_sees_the_flag_nor_is_it_logged(
    app, client, other_client, sam, jo, needs_recorded
):
    join(other_client, invite(client, preset="carer_crisis_plan")[0])
    for path in (f"/people/{sam.id}", f"/people/{sam.id}/plan/crisis-plan", "/people"):
        response = other_client.get(path)
        assert response.status_code == 200
        assert flag_text(response) is None
        assert "BSL" not in page_text(response) and "Easy read" not in page_text(response)
    assert looks_at_needs(app, sam.id, jo.id) == 0


def test_the_flag_goes_when_the_grant_is_taken_away_or_sharing_paused(
    app, client, other_client, sam, jo, needs_recorded
):
    join(other_client, invite(client, preset="peer_mentor_everything")[0])
    assert flag_text(other_client.get(f"/people/{sam.id}/plan")) is not None
    post_form(client, "/circle/pause")
    assert FLAG not in page_text(other_client.get("/people"))
    post_form(client, "/circle/resume")
    assert FLAG in page_text(other_client.get("/people"))


def test_the_flag_shows_only_what_was_recorded_and_nothing_when_nothing_was(
    app, client, other_client, sam, jo
):
    join(other_client, invite(client, preset="peer_mentor_everything")[0])
    assert flag_text(other_client.get(f"/people/{sam.id}/plan")) is None
    post_form(client, f"{NEEDS}/language", {"language": "pl"})
    post_form(client, f"{NEEDS}/contact", {"needs": [], "own_words": "Texts after 10am"})
    text = flag_text(other_client.get(f"/people/{sam.id}/plan"))
    assert "Texts after 10am" in text and "Polish" in text


def test_my_own_pages_never_flag_me_to_myself(client, sam, needs_recorded):
    assert flag_text(client.get("/plan")) is None


def test_two_people_supported_each_get_their_own_flag(app, client, other_client, sam, jo):
    post_form(client, f"{NEEDS}/formats", {"needs": ["easy_read"]})
    join(other_client, invite(client, preset="peer_mentor_everything")[0])
    from flask.testing import FlaskClient

    lee = make_person(app, "Lee")
    lee_client: FlaskClient = app.test_client()
    sign_in(app, lee_client, lee)
    post_form(lee_client, f"{NEEDS}/support", {"needs": ["lipspeaker"]})
    join(other_client, invite(lee_client, preset="peer_mentor_everything")[0])
    people = BeautifulSoup(other_client.get("/people").get_data(as_text=True), "html.parser")
    cards = {
        card.select_one("h2").get_text(strip=True): card.get_text(" ", strip=True)
        for card in people.select(".kw-card")
    }
    assert "Easy read" in cards["Sam"] and "lipspeaker" not in cards["Sam"]
    assert "Needs a lipspeaker" in cards["Lee"] and "Easy read" not in cards["Lee"]


def test_people_i_support_reads_the_same_few_queries_for_two_people_or_eight(
    app, client, other_client, sam, jo
):
    """A peer mentor may support hundreds: the page asks access and reads needs for the
    whole page at once (issue 16), and still logs one look per person it flags."""
    from flask.testing import FlaskClient
    from sqlalchemy import event

    def reads(path):
        seen = []

        def count(conn, cursor, statement, *args):
            if not statement.lstrip().upper().startswith("INSERT"):
                seen.append(statement)

        with app.app_context():
            engine = db.engine
        event.listen(engine, "before_cursor_execute", count)
        try:
            response = other_client.get(path)
        finally:
            event.remove(engine, "before_cursor_execute", count)
        assert response.status_code == 200
        return len(seen), response

    def supported_by_jo(name, preset):
        person = make_person(app, name)
        person_client: FlaskClient = app.test_client()
        sign_in(app, person_client, person)
        post_form(person_client, f"{NEEDS}/formats", {"needs": ["easy_read"]})
        join(other_client, invite(person_client, preset=preset)[0])
        return person

    post_form(client, f"{NEEDS}/formats", {"needs": ["easy_read"]})
    join(other_client, invite(client, preset="peer_mentor_everything")[0])
    carer_of = supported_by_jo("Ash", "carer_crisis_plan")  # no grant: no flag, no look
    few, _ = reads("/people")
    for number in range(6):  # joining with a code is rate limited per address
        supported_by_jo(f"Person {number:02}", "peer_mentor_everything")
    many, response = reads("/people")
    assert many == few
    assert page_text(response).count("Easy read") == 7
    assert looks_at_needs(app, sam.id, jo.id) == 2  # once on each visit
    assert looks_at_needs(app, carer_of.id, jo.id) == 0
