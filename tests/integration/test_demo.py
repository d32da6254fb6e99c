from __future__ import annotations

from sqlalchemy import select

from app.data.accounts.models import User
from app.data.database import db
from app.demo.people import load_demo
from tests.support.helpers import page_text, post_form


def test_the_demo_person_is_clearly_marked_and_uses_reserved_numbers(app, client):
    with app.app_context():
        load_demo()
        load_demo()  # loading twice resets rather than duplicates
        people = db.session.scalars(select(User).where(User.is_demo.is_(True))).all()
        assert [p.display_name for p in people] == ["Sam (demo)", "Priya (demo)"]
    response = post_form(client, "/auth/demo", follow_redirects=True)
    text = page_text(response)
    assert "Demo account" in text and "not real people" in text
    html = client.get("/plan/crisis-plan").get_data(as_text=True)
    assert "07700 900461" in html and "01632 960123" in html


def test_try_the_demo_only_appears_in_demo_mode(app, client):
    assert "Try the demo" in page_text(client.get("/auth/sign-in"))
    app.config["DEMO_MODE"] = False
    try:
        assert "Try the demo" not in page_text(client.get("/auth/sign-in"))
        assert post_form(client, "/auth/demo").status_code == 404
    finally:
        app.config["DEMO_MODE"] = True


def test_the_demo_shows_progress_and_can_be_seen_from_the_mentors_side(app, client):
    with app.app_context():
        load_demo()
    post_form(client, "/auth/demo")
    progress = page_text(client.get("/progress"))
    assert "Where Priya sees things differently" in progress
    post_form(client, "/auth/sign-out")
    response = post_form(client, "/auth/demo", {"who": "mentor"}, follow_redirects=True)
    assert "People I support" in page_text(response) and "Sam (demo)" in page_text(response)
