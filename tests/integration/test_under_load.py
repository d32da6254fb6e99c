"""What issue 16's speed work must never change: the same person, language and display
mode get the same page, byte for byte, from a cold server and a warm one; and a change
to a plan part is seen on the very next request by every other app process."""

from __future__ import annotations

import os
import re
from pathlib import Path

from flask import Flask
from sqlalchemy import select

from app.data.accounts.models import User
from app.data.database import db
from app.demo.people import load_demo
from tests.support.helpers import sign_in

# What rightly differs between two requests for the same page: the form's token, and
# the id a new entry's form is given (so that sending it twice adds it once).
PER_REQUEST = re.compile(r'(name="(?:csrf_token|entry_id)" value=")[^"]+(")')
SAMPLE = [
    "/",
    "/help",
    "/plan",
    "/plan/crisis-plan",
    "/plan/crisis-plan/supporters/add",
    "/progress",
    "/groups?q=walk&place=Oxford&distance=10",
    "/account",
]
MODES = [
    ("en", ""),
    ("cy", "text=extra_large&contrast=high&motion=reduced&name=shown"),
    ("ur", "text=large&contrast=standard&motion=standard&name=hidden"),
]


def _masked(html: str) -> str:
    return PER_REQUEST.sub(r"\1-\2", html)


def _fresh_app(app: Flask) -> Flask:
    """A second app from the same settings: its own template, translation and
    directory caches, all cold."""
    from app import create_app
    from app.data.groups import listings
    from app.plan.fragments import forget_drawings

    listings._LANGUAGES_CACHE.clear()  # kept per process, by database
    forget_drawings()  # plan parts' sections, kept per process
    return create_app(
        {key: app.config[key] for key in ("TESTING", "SQLALCHEMY_DATABASE_URI", "SECRET_KEY")}
        | {
            "INSTANCE_PATH": Path(app.instance_path),
            "SESSION_COOKIE_SECURE": False,
            "WTF_CSRF_SSL_STRICT": False,
            "DEMO_MODE": True,
            "SERVER_NAME": None,
        }
    )


def test_every_sampled_page_is_the_same_bytes_cold_and_warm(app: Flask) -> None:
    with app.app_context():
        sam = load_demo()
        priya = db.session.scalar(select(User).where(User.display_name == "Priya (demo)"))
        for person in (sam, priya):
            db.session.refresh(person)
        db.session.expunge_all()
    cold_app = _fresh_app(app)
    pages = [(sam, path) for path in SAMPLE]
    pages += [(priya, "/people"), (priya, f"/people/{sam.id}/plan/crisis-plan")]
    for language, display in MODES:
        clients = {}
        for person in (sam, priya):
            client = cold_app.test_client()
            sign_in(cold_app, client, person)
            client.set_cookie("kw_lang", language)
            if display:
                client.set_cookie("kw_display", display)
            clients[person.id] = client
        first = {}
        for person, path in pages:
            response = clients[person.id].get(path)
            assert response.status_code == 200, (path, language)
            first[(person.id, path)] = _masked(response.get_data(as_text=True))
        for _ in range(3):  # warm every cache there is
            for person, path in pages:
                clients[person.id].get(path)
        for person, path in pages:
            again = _masked(clients[person.id].get(path).get_data(as_text=True))
            assert again == first[(person.id, path)], (path, language, display)
    # Nothing a cold or warm page showed may come from another person: Priya's view of
    # Sam's crisis plan names Sam, and Sam's own page never says "Sam's".
    assert "Sam" in first[(priya.id, f"/people/{sam.id}/plan/crisis-plan")]


def test_a_changed_crisis_plan_is_seen_at_once_by_another_app_process(app: Flask) -> None:
    """Two app servers on one database, as behind a load balancer: what the person
    saves through one is on the very next page from the other (a stale crisis plan
    is a hazard). Each server is warmed on the page first."""
    from app.data.plans.queries import get_part, get_plan_for_owner, save_part
    from app.plan.content import new_entry_id
    from bench.support import get_page, gunicorn, signed_in_cookie

    with app.app_context():
        sam = load_demo()
        cookie = signed_in_cookie(app, sam)
        sam_id = sam.id
    env = {
        **os.environ,
        "DATABASE_URL": app.config["SQLALCHEMY_DATABASE_URI"],
        "SECRET_KEY": app.config["SECRET_KEY"],
        "KEEPWELL_SECURE_COOKIES": "0",
        "KEEPWELL_INSTANCE_PATH": str(app.instance_path),
        "KEEPWELL_RATELIMIT": "0",
    }

    def crisis_plan(server) -> str:
        return get_page(server.url + "/plan/crisis-plan", cookie).decode()

    with gunicorn(env, workers=1) as first, gunicorn(env, workers=1) as second:
        for server in (first, second):
            for _ in range(3):
                assert "999" in crisis_plan(server)
        for number in range(3):
            words = f"Call my sister Ana, version {number}"
            with app.app_context():
                plan = get_plan_for_owner(sam_id)
                part = get_part(plan, "crisis_plan")
                content = dict(part.content)
                supporters = list(content.get("supporters", []))
                supporters.append({"id": new_entry_id(), "name": words, "phone": "07700 900462"})
                content["supporters"] = supporters
                person = db.session.get(User, sam_id)
                save_part(
                    part, content, author=person, change="test", expected_version=part.version
                )
                db.session.commit()
            for server in (second, first):
                assert words in crisis_plan(server), server.url


def test_compression_can_be_left_to_the_front_proxy(app: Flask, monkeypatch) -> None:
    """KEEPWELL_COMPRESS=0: the proxy compresses, the app servers spend no CPU on it."""
    asks = {"Accept-Encoding": "br, gzip"}
    compressed = app.test_client().get("/help", headers=asks, check_html=False)
    assert compressed.headers.get("Content-Encoding") == "br"
    monkeypatch.setenv("KEEPWELL_COMPRESS", "0")
    plain = _fresh_app(app).test_client().get("/help", headers=asks)
    assert plain.status_code == 200 and "Content-Encoding" not in plain.headers
    assert "Get help now" in plain.get_data(as_text=True)


def test_a_kept_drawing_of_a_plan_part_is_only_ever_the_one_its_viewer_would_get(
    app: Flask, client, other_client, sam, jo
) -> None:
    """The plan part's sections are kept once drawn (app/plan/fragments.py). Whoever
    looks next, in whatever language, gets exactly what a cold server would draw for
    them: the person their change links, a carer their suggest links, Welsh in Welsh."""
    from app.plan.fragments import forget_drawings
    from tests.support.circle import invite, join
    from tests.support.helpers import make_person, post_form

    add = "/plan/crisis-plan/supporters/add"
    hidden = dict(
        re.findall(
            r'type="hidden" name="(\w+)" value="([^"]*)"', client.get(add).get_data(as_text=True)
        )
    )
    post_form(client, add, {**hidden, "name": "Ana Lopez", "phone": "07700 900463"})
    join(other_client, invite(client, preset="carer_crisis_plan")[0])
    lee = make_person(app, "Lee")
    lee_client = app.test_client()
    sign_in(app, lee_client, lee)
    join(lee_client, invite(client, preset="peer_mentor_everything")[0])
    for viewer in (client, other_client, lee_client):
        viewer.get("/help")  # shows, and so clears, "You have joined the circle"
    looks = [
        (client, "/plan/crisis-plan", "en"),
        (client, "/plan/crisis-plan", "cy"),
        (other_client, f"/people/{sam.id}/plan/crisis-plan", "en"),
        (lee_client, f"/people/{sam.id}/plan/crisis-plan", "en"),
        (other_client, f"/people/{sam.id}/plan/crisis-plan", "ur"),
    ]

    def page(viewer, path, language):
        viewer.set_cookie("kw_lang", language)
        response = viewer.get(path)
        assert response.status_code == 200
        return _masked(response.get_data(as_text=True))

    cold = {}
    for look in looks:
        forget_drawings()
        cold[look] = page(*look)
    for look in looks + looks:  # each after another's drawing was kept
        assert page(*look) == cold[look], look
    assert "Ana Lopez" in cold[looks[2]]
    assert "Change, move or remove" in cold[looks[0]]
    assert "Change, move or remove" not in cold[looks[2]]
    assert "Suggest a change" in cold[looks[2]]
    assert "Change, move or remove" in cold[looks[3]]  # the peer mentor may edit
