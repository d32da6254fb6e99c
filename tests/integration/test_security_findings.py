"""One regression test per finding of the outside ASVS 5.0 Level 2 audit (issue 9). Each
test names its finding. The findings about the directory and its API (9.2, 9.8, 9.11
for feeds, 9.14, 9.18) are tested with Find groups in tests/integration/groups/."""

from __future__ import annotations

import json
import re
import socket
import threading
from datetime import timedelta

import pytest
from sqlalchemy import func, select, update

from app.auth.reauth import RECENT
from app.data.accounts.models import DeviceSession, User
from app.data.base import utcnow
from app.data.circle.access_log import AccessLogEntry
from app.data.circle.models import CircleMember, Grant, Invite
from app.data.database import db
from app.data.outcomes.models import Assessment
from app.data.reminders.models import Reminder
from app.reminders.push import Message, PushSender, Subscription
from tests.support.circle import invite
from tests.support.helpers import csrf_token, make_person, page_text, post_form, sign_in
from tests.support.progress import TOKEN

NUMBERS = ("999", "111", "116 123", "85258")


def _member(app, owner, member, role, permissions):
    with app.app_context():
        row = CircleMember(owner_id=owner.id, member_id=member.id, role=role)
        row.grants = [Grant(permission=p) for p in sorted(permissions)]
        db.session.add(row)
        db.session.commit()


def _start_review(client, base=""):
    page = client.get(f"{base}/progress/llr9/start").get_data(as_text=True)
    token = TOKEN.search(page).group(1)
    return post_form(client, f"{base}/progress/llr9/start", {"client_token": token})


# High -------------------------------------------------------------------------------------


def test_review_together_alone_does_not_show_a_persons_unfinished_answers(
    app, client, other_client
):
    """Finding 9.1: a member granted "review together" but not "see my progress" read the
    person's unfinished self-assessment, "what would help" included."""
    sam = make_person(app, "Sam")
    jo = make_person(app, "Jo")
    _member(app, sam, jo, "carer", {"review_together"})
    sign_in(app, client, sam)
    started = _start_review(client)
    aid = int(re.search(r"/assessments/(\d+)", started.location).group(1))
    post_form(
        client,
        f"/progress/assessments/{aid}/areas/money",
        {"answer": "2", "help": "Private words about debts", "action": "continue"},
    )
    sign_in(app, other_client, jo)
    base = f"/people/{sam.id}/progress/assessments/{aid}"
    for url in (f"{base}/check", f"{base}/areas/money", f"{base}/with"):
        response = other_client.get(url)
        assert response.status_code == 403, url
        assert "Private words about debts" not in response.get_data(as_text=True)


def test_get_help_now_and_every_error_page_work_with_the_database_down(app, database_url):
    """Finding 9.3: with the database down a signed-in person got a 500 on Get help now,
    and the 500 page had no crisis numbers."""
    from app import create_app

    unreachable = (
        "postgresql+psycopg://postgres@127.0.0.1:1/gone"
        if database_url.startswith("postgresql")
        else "sqlite:////nonexistent-folder/keepwell.sqlite3"
    )
    down = create_app(
        {
            "TESTING": True,
            "SQLALCHEMY_DATABASE_URI": unreachable,
            "SECRET_KEY": "database-down-test",
            "SESSION_COOKIE_SECURE": False,
            "INSTANCE_PATH": app.instance_path,
        }
    )
    client = down.test_client()
    with client.session_transaction() as session:  # signed in, as far as the cookie says
        session["sid"] = "a-token-the-database-would-know"
        session["_user_id"] = "1"
    for path, status in (("/help", 200), ("/plan", 503), ("/no-such-page", 404)):
        response = client.get(path)
        assert response.status_code == status, path
        text = page_text(response)
        for number in NUMBERS:
            assert number in text, (path, number)
        # Nobody could be checked: no phone is told to forget its offline copy.
        assert "Keepwell-Viewer" not in response.headers, path
    assert client.get("/offline/whoami").status_code == 503


def test_the_500_page_shows_the_crisis_numbers(app):
    """Finding 9.3: the 500 page had only a link back to /help, no crisis numbers."""
    from app import create_app

    broken = create_app(
        {
            "TESTING": True,
            "PROPAGATE_EXCEPTIONS": False,  # answer as in production: the 500 page
            "SQLALCHEMY_DATABASE_URI": app.config["SQLALCHEMY_DATABASE_URI"],
            "SECRET_KEY": "error-page-test",
            "SESSION_COOKIE_SECURE": False,
            "INSTANCE_PATH": app.instance_path,
        }
    )

    from app.access import public

    @broken.get("/broken-on-purpose")
    @public
    def broken_on_purpose() -> str:
        raise RuntimeError("a fault nobody foresaw")

    response = broken.test_client().get("/broken-on-purpose")
    assert response.status_code == 500
    text = page_text(response)
    for number in NUMBERS:
        assert number in text, number


@pytest.mark.parametrize(
    ("path", "method", "status"),
    [
        ("/no-such-page", "GET", 404),
        ("/people/99999/plan", "GET", 404),
        ("/help", "DELETE", 405),
        ("/display", "POST", 400),  # CSRF: no token
    ],
)
def test_error_pages_show_the_crisis_numbers(app, client, path, method, status):
    """Finding 9.3: every error page shows 999, NHS 111 option 2, Samaritans and Shout."""
    sign_in(app, client, make_person(app))
    response = client.open(path, method=method)
    assert response.status_code == status
    for number in NUMBERS:
        assert number in page_text(response)


# Medium -----------------------------------------------------------------------------------


def test_a_member_cannot_throw_away_the_persons_unfinished_assessment(app, client, other_client):
    """Finding 9.4: a member could discard the person's unfinished assessment."""
    sam = make_person(app, "Sam")
    priya = make_person(app, "Priya")
    _member(app, sam, priya, "peer_mentor", {"view:progress", "review_together"})
    sign_in(app, client, sam)
    aid = int(re.search(r"/assessments/(\d+)", _start_review(client).location).group(1))
    sign_in(app, other_client, priya)
    url = f"/people/{sam.id}/progress/assessments/{aid}/discard"
    assert other_client.get(url).status_code == 403
    assert post_form(other_client, url).status_code == 403
    with app.app_context():
        assert db.session.get(Assessment, aid) is not None


def test_opening_the_with_page_as_a_member_changes_nothing(app, client, other_client):
    """Finding 9.4: a plain GET of .../assessments/<id>/with rewrote the person's draft as
    "with a peer mentor" (a change on GET, forgeable from another site)."""
    sam = make_person(app, "Sam")
    priya = make_person(app, "Priya")
    _member(app, sam, priya, "peer_mentor", {"view:progress", "review_together"})
    sign_in(app, client, sam)
    aid = int(re.search(r"/assessments/(\d+)", _start_review(client).location).group(1))
    sign_in(app, other_client, priya)
    url = f"/people/{sam.id}/progress/assessments/{aid}/with"
    page = other_client.get(url)
    assert page.status_code == 200 and "Do this review together with Sam?" in page_text(page)
    with app.app_context():
        assert db.session.get(Assessment, aid).with_user_id is None
    joined = post_form(other_client, url)
    assert joined.status_code == 302 and "/areas/" in joined.location
    with app.app_context():
        assert db.session.get(Assessment, aid).with_user_id == priya.id


def _at_once(calls):
    """Run the calls together, released at the same moment; their results in order."""
    results = [None] * len(calls)
    start = threading.Barrier(len(calls))

    def run(index):
        start.wait()
        results[index] = calls[index]()

    threads = [threading.Thread(target=run, args=(i,)) for i in range(len(calls))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return results


def test_one_invite_code_admits_one_person_however_many_try_at_once(app, client):
    """Finding 9.5: one invite accepted by 4 accounts at the same moment admitted 2
    (SQLite) or 3 (PostgreSQL)."""
    sign_in(app, client, make_person(app, "Sam"))
    code, _page = invite(client)
    joiners = []
    for number in range(4):
        joiner = app.test_client()
        sign_in(app, joiner, make_person(app, f"Joiner {number}"))
        joiners.append((joiner, csrf_token(joiner)))

    def accept(joiner, token):
        return lambda: (
            joiner.post(
                f"/circle/join/{code}", data={"csrf_token": token, "answer": "accept"}
            ).status_code
        )

    statuses = _at_once([accept(*pair) for pair in joiners])
    assert sorted(statuses) == [302, 400, 400, 400]
    with app.app_context():
        assert db.session.scalar(select(func.count()).select_from(CircleMember)) == 1
        assert db.session.scalar(select(Invite.accepted_by_id)) is not None


def test_one_recovery_code_opens_one_session_however_many_try_at_once(app, client):
    """Finding 9.5: one recovery code sent 4 times at once opened 3 or 4 sessions."""
    person = make_person(app, "Robin", username="robin", password="a long passphrase here")
    sign_in(app, client, person)
    html = post_form(client, "/account/recovery-codes").get_data(as_text=True)
    code = re.findall(r"[A-Z0-9]{4}-[A-Z0-9]{4}-[A-Z0-9]{4}-[A-Z0-9]{4}", html)[0]
    with app.app_context():
        db.session.execute(db.delete(DeviceSession))
        db.session.commit()
    tries = []
    for _ in range(4):
        stranger = app.test_client()
        tries.append((stranger, csrf_token(stranger, "/auth/sign-in/recovery-code")))

    def use(stranger, token):
        return lambda: (
            stranger.post(
                "/auth/sign-in/recovery-code", data={"csrf_token": token, "code": code}
            ).status_code
        )

    statuses = _at_once([use(*pair) for pair in tries])
    assert sorted(statuses) == [200, 200, 200, 302]
    with app.app_context():
        assert db.session.scalar(select(func.count()).select_from(DeviceSession)) == 1


def _make_it_long_ago(app, person):
    """As if the person signed in (or last confirmed it was them) a while ago."""
    with app.app_context():
        db.session.execute(
            update(DeviceSession)
            .where(DeviceSession.user_id == person.id)
            .values(reauthenticated_at_utc=utcnow() - RECENT - timedelta(minutes=1))
        )
        db.session.commit()


@pytest.mark.parametrize(
    ("method", "path"),
    [
        ("POST", "/account/recovery-codes"),
        ("POST", "/account/passkeys"),
        ("GET", "/account/password"),
        ("GET", "/account/delete"),
        ("POST", "/account/delete"),
    ],
)
def test_a_borrowed_signed_in_phone_cannot_take_over_or_erase_the_account(
    app, client, method, path
):
    """Finding 9.6: no re-authentication before new recovery codes, adding a passkey,
    changing the password or deleting the account."""
    person = make_person(app, "Robin", username="robin", password="a long passphrase here")
    sign_in(app, client, person)
    _make_it_long_ago(app, person)
    data = {"csrf_token": csrf_token(client), "confirm": "y", "final": "yes", "credential": "{}"}
    response = client.open(path, method=method, data=data if method == "POST" else None)
    assert response.status_code == 302 and "/auth/confirm" in response.location
    assert (
        client.post(
            "/account/passkeys/options", data={"csrf_token": data["csrf_token"]}
        ).status_code
        == 403
    )
    with app.app_context():
        assert db.session.get(User, person.id) is not None


def test_confirming_with_the_password_opens_the_account_actions_for_five_minutes(app, client):
    """Finding 9.6: the password (or a passkey) made in the last five minutes lets the
    person carry on; the wrong password does not."""
    person = make_person(app, "Robin", username="robin", password="a long passphrase here")
    sign_in(app, client, person)
    _make_it_long_ago(app, person)
    wrong = post_form(client, "/auth/confirm/password?next=/account/password", {"password": "no"})
    assert wrong.status_code == 400 and "not your password" in page_text(wrong)
    assert client.get("/account/password").status_code == 302
    right = post_form(
        client,
        "/auth/confirm/password?next=/account/password",
        {"password": "a long passphrase here"},
    )
    assert right.status_code == 302 and right.location.endswith("/account/password")
    assert client.get("/account/password").status_code == 200


def test_a_members_look_through_a_change_or_suggest_form_is_in_who_looked(
    app, client, other_client
):
    """Finding 9.7: reads through the edit, remove and suggest forms (which show the
    entry's words) were not logged; only plain views were."""
    sam = make_person(app, "Sam")
    jo = make_person(app, "Jo")
    _member(app, sam, jo, "carer", {"view:plan_part:triggers", "edit", "suggest"})
    sign_in(app, client, sam)
    page = client.get("/plan/triggers/triggers/add").get_data(as_text=True)
    entry = re.search(r'name="entry_id" value="([^"]+)"', page).group(1)
    post_form(
        client,
        "/plan/triggers/triggers/add",
        {"text": "Loud crowds", "entry_id": entry, "base_version": "0"},
    )
    sign_in(app, other_client, jo)
    base = f"/people/{sam.id}/plan/triggers/triggers"
    for url in (f"{base}/{entry}", f"{base}/{entry}/remove", f"{base}/{entry}/suggest"):
        with app.app_context():
            before = db.session.scalar(select(func.count()).select_from(AccessLogEntry))
        response = other_client.get(url)
        assert response.status_code == 200 and "Loud crowds" in page_text(response), url
        with app.app_context():
            assert (
                db.session.scalar(select(func.count()).select_from(AccessLogEntry)) == before + 1
            ), url


def test_two_dispatchers_planning_the_same_new_person_do_not_crash(app, monkeypatch):
    """Finding 9.9: two reminder dispatchers at once: one crashed with a unique violation
    while planning reminders for new people. Here the second dispatcher read "nothing
    planned yet" just before the first saved its plan."""
    from app.data.reminders import queries

    person = make_person(app)
    now = utcnow()
    wanted = [("check_in", "daily", "/plan", now + timedelta(hours=1))]
    with app.app_context():
        queries.apply_plan(person.id, wanted, now + timedelta(days=1))
        db.session.commit()
    monkeypatch.setattr(queries, "existing_reminders", lambda owner_id: [])  # a stale read
    with app.app_context():
        queries.apply_plan(person.id, wanted, now + timedelta(days=1))
        db.session.commit()
        assert db.session.scalar(select(func.count()).select_from(Reminder)) == 1


# Low --------------------------------------------------------------------------------------


def test_an_id_beyond_the_databases_range_is_not_found(app, client):
    """Finding 9.10: ids beyond the database's integer range gave a 500 on every <int:>
    route."""
    sign_in(app, client, make_person(app))
    for path in (
        "/people/9223372036854775808/plan",
        "/people/2147483648/progress",
        "/progress/assessments/99999999999999999999",
        "/account/passkeys/2147483648/name",
    ):
        assert client.get(path).status_code == 404, path


def test_deeply_nested_json_is_refused_not_a_crash(app, client):
    """Finding 9.11: deeply nested JSON gave a 500 on the public passkey endpoints."""
    nested = "[" * 20_000 + "]" * 20_000  # within the size limit, far past Python's depth
    token = csrf_token(client, "/auth/sign-in")
    response = client.post(
        "/auth/sign-in/passkey", data={"csrf_token": token, "passkey-credential": nested}
    )
    assert response.status_code == 400
    sign_in(app, client, make_person(app))
    response = post_form(client, "/reminders/devices", {"subscription": "[" * 3000})
    assert response.status_code != 500


def test_a_new_password_signs_out_the_other_devices(app, client, other_client):
    """Finding 9.12: changing the password neither ended nor offered to end other
    sessions (ASVS 7.4.3)."""
    person = make_person(app, "Robin", username="robin", password="a long passphrase here")
    sign_in(app, client, person)
    sign_in(app, other_client, person)
    response = post_form(
        client,
        "/account/password",
        {
            "username": "robin",
            "current_password": "a long passphrase here",
            "password": "another long passphrase",
            "confirm": "another long passphrase",
        },
        follow_redirects=True,
    )
    assert "signed out on 1 other device" in page_text(response)
    assert other_client.get("/plan").status_code == 302  # sent to sign in
    assert client.get("/plan").status_code == 200


def test_guessing_one_accounts_password_from_many_addresses_slows_down(app, client):
    """Finding 9.13: rate limits counted per address only."""
    make_person(app, "Robin", username="robin", password="a long passphrase here")
    token = csrf_token(client, "/auth/sign-in")
    statuses = [
        client.post(
            "/auth/sign-in/password",
            data={"csrf_token": token, "username": "Robin", "password": f"guess {n}"},
            environ_base={"REMOTE_ADDR": f"198.51.100.{n}"},
        ).status_code
        for n in range(7)
    ]
    assert statuses[:5] == [200] * 5 and statuses[5:] == [429, 429]


def test_hidden_and_reversing_characters_are_taken_out_of_names(app, client):
    """Finding 9.15: right-to-left override and zero-width characters were kept in display
    names, so a name in Who looked could pass for another."""
    token = csrf_token(client, "/auth/sign-up/password")
    client.post(
        "/auth/sign-up/password",
        data={
            "csrf_token": token,
            "display_name": "S\u200bam\u202e",
            "username": "sam2",
            "password": "a long passphrase here",
            "confirm": "a long passphrase here",
        },
    )
    with app.app_context():
        assert db.session.scalar(select(User.display_name).where(User.username == "sam2")) == "Sam"


def test_sign_ups_racing_for_one_username_get_one_account_and_no_500s(app):
    """Finding 9.16: concurrent sign-ups with the same username: 3 of 4 got 500s."""
    clients = [app.test_client() for _ in range(4)]
    tokens = [csrf_token(c, "/auth/sign-up/password") for c in clients]

    def sign_up(c, token, n):
        return lambda: c.post(
            "/auth/sign-up/password",
            data={
                "csrf_token": token,
                "display_name": f"Twin {n}",
                "username": "twin" if n % 2 else "TWIN",
                "password": "a long passphrase here",
                "confirm": "a long passphrase here",
            },
            environ_base={"REMOTE_ADDR": f"198.51.100.{n}"},
        )

    responses = _at_once(
        [sign_up(c, t, n) for n, (c, t) in enumerate(zip(clients, tokens, strict=True))]
    )
    assert all(r.status_code == 200 for r in responses)
    assert sum("That username is taken" in page_text(r) for r in responses) == 3
    with app.app_context():
        assert db.session.scalar(select(func.count()).select_from(User)) == 1


@pytest.mark.parametrize("rating_id", ["²", "٣", "99999999999999999999", "-1"])
def test_the_comment_form_refuses_odd_ids_without_a_500(app, client, rating_id):
    """Finding 9.16: the manager's comment form gave a 500 for a non-ASCII digit or a
    huge id."""
    from app.data.groups.people import grant_manager

    manager = make_person(app, "Manager", username="manager")
    with app.app_context():
        grant_manager(db.session.get(User, manager.id))
        db.session.commit()
    sign_in(app, client, manager)
    response = post_form(
        client, "/groups/manage/comments", {"rating_id": rating_id, "decision": "approve"}
    )
    assert response.status_code == 302


def test_push_never_goes_to_a_name_that_leads_to_a_private_address(app, monkeypatch, push_service):
    """Finding 9.17: push endpoints refused IP literals and localhost, but not host names
    that resolve to internal addresses."""
    addresses = {"push.example.org": "10.0.0.7", "push.example.net": "93.184.216.34"}
    real = socket.getaddrinfo
    connected = []

    def resolve(host, port, *args, **kwargs):
        if host in addresses:
            return [(socket.AF_INET, socket.SOCK_STREAM, 6, "", (addresses[host], port))]
        return real(host, port, *args, **kwargs)

    def connect(self, where):
        connected.append(where[0])
        raise ConnectionRefusedError(where)

    monkeypatch.setattr(socket, "getaddrinfo", resolve)
    monkeypatch.setattr(socket.socket, "connect", connect)
    keys = json.loads(push_service.new_device().subscription_json())["keys"]
    with app.app_context():
        from app.reminders.vapid import vapid_keys

        sender = PushSender(vapid_keys(), timeout=2)
        message = Message({"url": "/"}, 60, "normal", "t")
        private = sender.send(
            Subscription("https://push.example.org/send/a", keys["p256dh"], keys["auth"]), message
        )
        public = sender.send(
            Subscription("https://push.example.net/send/b", keys["p256dh"], keys["auth"]), message
        )
        sender.close()
    assert private.status == 400  # refused: never worth retrying
    assert public.status is None  # tried, and the (pretend) network said no
    assert connected == ["93.184.216.34", "93.184.216.34"]  # the public one, twice; never 10.0.0.7


def test_security_txt_says_how_to_report_a_vulnerability(client):
    """Issue 9: /.well-known/security.txt (RFC 9116), with a contact and an expiry."""
    response = client.get("/.well-known/security.txt")
    assert response.status_code == 200 and response.mimetype == "text/plain"
    fields = dict(line.split(": ", 1) for line in response.get_data(as_text=True).splitlines())
    assert fields["Contact"].startswith(("mailto:", "https://"))
    assert fields["Expires"] > utcnow().strftime("%Y-%m-%dT%H:%M:%SZ")


@pytest.mark.parametrize(
    "path",
    [
        "/groups/%00",
        "/groups?language=%00",
        "/groups?q=%00&place=Witney",
        "/api/oruk/services/%00",
        "/api/oruk/services?taxonomy_term_id=%00",
        "/plan/%00",
    ],
)
def test_a_nul_byte_anywhere_is_a_bad_request_not_a_500(app, client, path):
    """Finding 9.8: on PostgreSQL a NUL byte in an id or query parameter gave an
    unauthenticated 500 (as HTML, even on the API)."""
    response = client.get(path, check_html=False)
    assert response.status_code == 400
    if path.startswith("/api/"):
        assert response.is_json
