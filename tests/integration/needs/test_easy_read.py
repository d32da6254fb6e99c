"""Meet: easy read. Someone who needs easy read gets the easy-read pages from then on;
anyone can switch on this device; the pictures are served from the app."""

from __future__ import annotations

from bs4 import BeautifulSoup

from app.accessibility.preferences import LANGUAGE_COOKIE
from tests.support.helpers import csrf_token, page_text, post_form

NEEDS = "/account/communication-needs"


def is_easy(response):
    return 'class="kw-easy"' in response.get_data(as_text=True)


def test_choosing_easy_read_turns_on_the_easy_read_pages(client, sam):
    assert not is_easy(client.get("/help"))
    post_form(client, f"{NEEDS}/formats", {"needs": ["easy_read"]})
    help_page = client.get("/help")
    assert is_easy(help_page)
    text = page_text(help_page)
    assert "Are you in danger now?" in text and "Call 999." in text
    post_form(client, f"{NEEDS}/formats", {"needs": []})
    assert not is_easy(client.get("/help"))


def test_every_point_has_a_picture_served_from_the_app_and_loaded_lazily(client, sam):
    post_form(client, f"{NEEDS}/formats", {"needs": ["easy_read"]})
    soup = BeautifulSoup(client.get("/help").get_data(as_text=True), "html.parser")
    points = soup.select(".kw-easy__point")
    assert len(points) >= 6
    for point in points:
        picture = point.select_one("img.kw-easy__picture")
        assert picture["src"].startswith("/static/easy-read/") and picture["loading"] == "lazy"
        assert picture["alt"] == ""  # the words beside it say everything
        svg = client.get(picture["src"])
        assert svg.status_code == 200 and svg.data.startswith(b"<svg")


def test_anyone_can_switch_on_this_device_and_back(client):
    assert not is_easy(client.get("/"))
    response = client.post(
        "/easy-read", data={"csrf_token": csrf_token(client), "on": "1", "next": "/"}
    )
    assert response.status_code == 302 and response.location == "/"
    welcome = client.get("/")
    assert is_easy(welcome) and "You choose who can see your plan." in page_text(welcome)
    assert is_easy(client.get("/help"))
    client.post("/easy-read", data={"csrf_token": csrf_token(client), "on": "0", "next": "/help"})
    assert not is_easy(client.get("/"))


def test_the_switch_on_the_device_wins_over_the_needs(client, sam):
    post_form(client, f"{NEEDS}/formats", {"needs": ["easy_read"]})
    client.post("/easy-read", data={"csrf_token": csrf_token(client), "on": "0", "next": "/"})
    assert not is_easy(client.get("/help"))


def test_switching_needs_a_form_and_goes_only_to_this_site(client):
    assert client.get("/easy-read").status_code == 405
    no_token = client.post("/easy-read", data={"on": "1"})
    assert no_token.status_code == 400
    away = client.post(
        "/easy-read",
        data={"csrf_token": csrf_token(client), "on": "1", "next": "https://evil.example.org/"},
    )
    assert away.location == "/"


def test_easy_read_is_in_welsh_too(client):
    client.post("/easy-read", data={"csrf_token": csrf_token(client), "on": "1", "next": "/"})
    client.set_cookie(LANGUAGE_COOKIE, "cy")  # as the language page would
    text = page_text(client.get("/help"))
    assert "Ydych chi mewn perygl nawr?" in text


def test_the_easy_read_help_page_shows_no_empty_list_of_supporters(client, sam):
    post_form(client, f"{NEEDS}/formats", {"needs": ["easy_read"]})
    text = page_text(client.get("/help"))
    assert "Call 999" in text  # and, signed in with nobody added yet, no empty list
    assert "These people can help you" not in text


def test_each_plan_part_has_easy_read_guidance(client, sam):
    post_form(client, f"{NEEDS}/formats", {"needs": ["easy_read"]})
    for slug, words in (
        ("wellness-toolbox", "Write the things that help you feel better."),
        ("daily-plan", "Write what you do each day to stay well."),
        ("triggers", "Some things can make you feel worse. Write them here."),
        ("early-warning-signs", "Write the first signs that you are not so well."),
        ("when-things-are-breaking-down", "Write the signs that things are getting very bad."),
        ("crisis-plan", "This plan is for when you cannot look after yourself."),
        ("after-a-crisis", "Write what helps you get better after a crisis."),
    ):
        response = client.get(f"/plan/{slug}")
        assert words in page_text(response), slug
        assert is_easy(response), slug


def test_a_member_sees_the_standard_words_about_the_person(app, client, other_client, sam, jo):
    from tests.support.circle import invite, join

    join(other_client, invite(client, preset="peer_mentor_everything")[0])
    client.post("/easy-read", data={"csrf_token": csrf_token(client), "on": "1", "next": "/"})
    other_client.post(
        "/easy-read", data={"csrf_token": csrf_token(other_client), "on": "1", "next": "/"}
    )
    text = page_text(other_client.get(f"/people/{sam.id}/plan/crisis-plan"))
    assert "This plan is for when you cannot look after yourself." not in text


def test_sign_up_invite_reminders_and_progress_questions_open_with_easy_read_points(app, client):
    client.post("/easy-read", data={"csrf_token": csrf_token(client), "on": "1", "next": "/"})
    assert "Make an account to keep your plan." in page_text(client.get("/auth/sign-up"))
    assert "Choose a password that only you know." in page_text(
        client.get("/auth/sign-up/password")
    )
    from tests.support.helpers import make_person, sign_in

    sign_in(app, client, make_person(app, "Sam"))
    assert "You choose what they can see." in page_text(client.get("/circle/invite"))
    assert "Keepwell can remind you on your phone." in page_text(client.get("/reminders"))
    client.post("/easy-read", data={"csrf_token": csrf_token(client), "on": "0", "next": "/"})
    assert "You choose what they can see." not in page_text(client.get("/circle/invite"))
