"""Who may reach what: every route declares who may use it; a table of expected answers
for each role on the routes that serve someone else's data; and every route tried by
people who should not see Alice's private words, with Alice's identifiers in the URL."""

from __future__ import annotations

import json
from datetime import date

import pytest
from sqlalchemy import select

from app import access
from app.circle.permissions import PRESETS_BY_KEY, view_part
from app.data.accounts.models import Passkey, User
from app.data.circle.alerts import create_help_alert
from app.data.circle.invites import create_invite
from app.data.circle.members import end_membership, pause_sharing
from app.data.circle.models import CircleMember, Grant
from app.data.circle.suggestions import create_suggestion
from app.data.database import db
from app.data.export import export_person
from app.data.groups import taxonomy
from app.data.groups.listings import ListingValues, save_listing
from app.data.needs.records import replace_needs, save_notes
from app.data.outcomes.models import Assessment
from app.data.plans.models import PartDraft, PlanPart
from app.data.reminders.models import PushSubscription
from app.needs.vocabulary import coded
from tests.support.helpers import csrf_token, make_person, page_text, sign_in
from tests.support.progress import make_assessment

SECRET = "Private trigger words 7f3a"
CRISIS = "Crisis plan words 91bc"
ENTRY = "e1234567890ab"
ROLES = [
    "owner",
    "carer_with",
    "carer_without",
    "peer_mentor",
    "withdrawn",
    "paused",
    "stranger",
    "service_manager",
    "signed_out",
]


def endpoints(app):
    for rule in app.url_map.iter_rules():
        if rule.endpoint != "static":
            yield rule


def build(rule, values):
    """The rule's URL with a real value for every parameter. A route whose parameter has
    no real value here fails the crawl: a made-up id would only meet a 404, before any
    access check ran, and prove nothing."""
    missing = set(rule.arguments) - set(values)
    assert not missing, f"{rule.endpoint}: give the crawl a real value for {sorted(missing)}"
    return rule.build({name: values[name] for name in rule.arguments}, append_unknown=False)[1]


def test_every_route_declares_who_may_use_it(app):
    undeclared = [
        rule.endpoint
        for rule in endpoints(app)
        if not hasattr(app.view_functions[rule.endpoint], "access_rule")
    ]
    assert undeclared == []


def test_signed_in_routes_send_signed_out_people_to_sign_in(app, client, alice):
    values = crawl_values(alice)
    token = csrf_token(client)
    for rule in endpoints(app):
        if access.rule_for(app.view_functions[rule.endpoint]) != access.SIGNED_IN:
            continue
        url = build(rule, values)
        method = "GET" if "GET" in rule.methods else "POST"
        response = client.open(url, method=method, data={"csrf_token": token})
        assert response.status_code == 302, f"{method} {url}"
        assert "/auth/sign-in" in response.location, f"{method} {url}"


# Alice and the people around her ---------------------------------------------------------


def _member(owner_id, member_id, role, permissions, *, ended=False):
    row = CircleMember(owner_id=owner_id, member_id=member_id, role=role)
    row.grants = [Grant(permission=p) for p in sorted(permissions)]
    db.session.add(row)
    db.session.flush()
    if ended:
        end_membership(row)
    return row


@pytest.fixture
def alice(app):
    """Alice with a plan, a conflict draft, a passkey, and a circle of every kind."""
    person = make_person(app, "Alice")
    people = {role: make_person(app, role.replace("_", " ").title()) for role in ROLES[1:-1]}
    with app.app_context():
        from app.data.plans.queries import get_plan_for_owner, keep_draft, save_part

        user = db.session.get(User, person.id)
        plan = get_plan_for_owner(user.id)
        for part in plan.parts:
            words = CRISIS if part.part_key == "crisis_plan" else SECRET
            section = (
                "allergies"
                if part.part_key == "crisis_plan"
                else (_part(part.part_key).sections[0].key)
            )
            save_part(
                part,
                {section: [{"id": ENTRY, "text": words}]},
                author=user,
                change="edit",
                expected_version=0,
            )
        triggers = next(p for p in plan.parts if p.part_key == "triggers")
        keep_draft(triggers, user, "triggers", ENTRY, 0, {"text": SECRET})
        db.session.add(
            Passkey(
                user_id=user.id,
                credential_id=b"alice-key",
                public_key=b"k",
                name=SECRET,
                transports=[],
            )
        )
        carer = {view_part("crisis_plan"), "suggest", "help_alerts"}
        _member(user.id, people["carer_with"].id, "carer", carer)
        _member(user.id, people["carer_without"].id, "carer", set())
        _member(
            user.id,
            people["peer_mentor"].id,
            "peer_mentor",
            PRESETS_BY_KEY["peer_mentor_everything"].permissions,
        )
        _member(user.id, people["withdrawn"].id, "carer", carer, ended=True)
        from app.data.groups.people import grant_manager

        grant_manager(db.session.get(User, people["service_manager"].id))
        db.session.add(
            PushSubscription(
                owner_id=user.id,
                endpoint="https://push.example.org/alice",
                p256dh=SECRET,
                auth="x",
                device=SECRET,
            )
        )
        invite_row = create_invite(
            user, role="carer", label=SECRET, permissions={"suggest"}, code_hash="a" * 64
        )
        suggestion = create_suggestion(
            user.id,
            db.session.get(User, people["carer_with"].id),
            part_key="crisis_plan",
            section_key="allergies",
            entry_id=None,
            values={"text": SECRET},
            note=SECRET,
        )
        alert = create_help_alert(user)
        # Communication needs, seen only by a member granted them (the peer mentor).
        save_notes(user.id, SECRET)
        replace_needs(user.id, "format", [coded("easy_read")])
        listing = save_listing(
            ListingValues(
                name="Alice's walking group",
                organization_name="Walkers",
                description="A walk",
                town="Witney",
                latitude=51.78,
                longitude=-1.48,
            )
        )
        from app.data.service.models import ServiceMembership
        from app.data.service.staff import create_provider, set_staff

        provider = create_provider("Alice's service")
        set_staff(provider, db.session.get(User, people["service_manager"].id), "manager")
        set_staff(provider, db.session.get(User, people["peer_mentor"].id), "worker")
        from app.data.service.staff import staff_row

        membership = ServiceMembership(
            provider_id=provider.id, person_id=user.id, joined_on=date(2024, 12, 1)
        )
        db.session.add(membership)
        db.session.commit()
        groups_ids = {
            "provider_id": provider.id,
            "membership_id": membership.id,
            "staff_id": staff_row(provider.id, people["peer_mentor"].id).id,
            "invite_id": invite_row.id,
            "suggestion_id": suggestion.id,
            "alert_id": alert.id,
            "service_id": listing.id,
            "link_id": listing.service_at_locations[0].id,
            "organization_id": listing.organization_id,
            "member_row_id": db.session.scalar(
                select(CircleMember.id).where(
                    CircleMember.owner_id == user.id,
                    CircleMember.member_id == people["peer_mentor"].id,
                )
            ),
        }
    assessment_id = make_assessment(app, person.id, date(2025, 1, 6), {"money": 4}, kind="baseline")
    with app.app_context():
        assessment = db.session.get(Assessment, assessment_id)
        assessment.answers = {"money": {"score": 4, "status": "scored", "help": SECRET}}
        assessment.with_name = SECRET
        db.session.commit()
        ids = {
            "alice": person.id,
            "draft_id": db.session.scalar(select(PartDraft.id)),
            "passkey_id": db.session.scalar(select(Passkey.id)),
            "assessment_id": assessment_id,
            "subscription_id": db.session.scalar(select(PushSubscription.id)),
        }
    return {"person": person, "people": people, **ids, **groups_ids}


def crawl_values(alice):
    """A real value for every URL parameter of every route, all of them Alice's."""
    return {
        "slug": "triggers",
        "section_key": "triggers",
        "entry_id": ENTRY,
        "draft_id": alice["draft_id"],
        "passkey_id": alice["passkey_id"],
        "person_id": alice["alice"],
        "code": "en",
        "version": 1,
        "assessment_id": alice["assessment_id"],
        "instrument_key": "llr9",
        "item_key": "money",
        "subscription_id": alice["subscription_id"],
        "invite_id": alice["invite_id"],
        "member_row_id": alice["member_row_id"],
        "suggestion_id": alice["suggestion_id"],
        "alert_id": alice["alert_id"],
        "service_id": alice["service_id"],
        "link_id": alice["link_id"],
        "organization_id": alice["organization_id"],
        "taxonomy_id": taxonomy.GROUP_TYPES.id,
        "term_id": taxonomy.term_for("peer-support").id,
        "filename": "css/keepwell.css",
        "provider_id": alice["provider_id"],
        "membership_id": alice["membership_id"],
        "staff_id": alice["staff_id"],
        "user_id": alice["alice"],
        "question": "other",
        "page_key": "help",
        "what": "large-print",
    }


def _part(key):
    from app.plan.parts import PARTS_BY_KEY

    return PARTS_BY_KEY[key]


def as_role(app, client, alice, role):
    """Sign `client` in as `role`. For "paused", a member whose person paused sharing."""
    if role == "signed_out":
        return
    if role == "owner":
        sign_in(app, client, alice["person"])
        return
    if role == "paused":
        with app.app_context():
            _member(
                alice["alice"],
                alice["people"]["paused"].id,
                "carer",
                {view_part("crisis_plan"), "suggest"},
            )
            pause_sharing(db.session.get(User, alice["alice"]))
            db.session.commit()
    sign_in(app, client, alice["people"][role])


# The table: status for each role, in ROLES order --------------------------------------

OK, GO, BAD, NO, GONE, SIGN_IN = 200, 302, 400, 403, 404, "sign_in"
P = "/people/{alice}"
A = f"/plan/crisis-plan/allergies/{ENTRY}"
# fmt: off
MATRIX = [
    # method, path,                             owner carer+ carer- mentor ended paused stranger manager signed-out
    ("GET",  P,                                  GONE, OK,   OK,   OK,   NO,   NO,   GONE, GONE, SIGN_IN),
    ("GET",  P + "/plan",                        OK,   OK,   OK,   OK,   NO,   NO,   GONE, GONE, SIGN_IN),
    ("GET",  P + "/plan/crisis-plan",            OK,   OK,   NO,   OK,   NO,   NO,   GONE, GONE, SIGN_IN),
    ("GET",  P + "/plan/triggers",               OK,   NO,   NO,   OK,   NO,   NO,   GONE, GONE, SIGN_IN),
    # History: only for a part the member may change (issue 10); the carer may only suggest.
    ("GET",  P + "/plan/crisis-plan/history",    OK,   NO,   NO,   OK,   NO,   NO,   GONE, GONE, SIGN_IN),
    ("GET",  P + "/plan/crisis-plan/history/1",  OK,   NO,   NO,   OK,   NO,   NO,   GONE, GONE, SIGN_IN),
    ("GET",  P + "/plan/triggers/history/1",     OK,   NO,   NO,   OK,   NO,   NO,   GONE, GONE, SIGN_IN),
    ("GET",  P + "/plan/print?part=crisis-plan", OK,   OK,   NO,   OK,   NO,   NO,   GONE, GONE, SIGN_IN),
    ("GET",  P + "/plan/print",                  OK,   NO,   NO,   OK,   NO,   NO,   GONE, GONE, SIGN_IN),
    ("GET",  P + "/plan/crisis-plan/allergies/add", OK, NO,  NO,   OK,   NO,   NO,   GONE, GONE, SIGN_IN),
    ("GET",  P + A,                              OK,   NO,   NO,   OK,   NO,   NO,   GONE, GONE, SIGN_IN),
    ("GET",  P + "/plan/crisis-plan/allergies/suggest", OK, OK, NO, OK,  NO,   NO,   GONE, GONE, SIGN_IN),
    ("GET",  P + A + "/suggest",                 OK,   OK,   NO,   OK,   NO,   NO,   GONE, GONE, SIGN_IN),
    ("GET",  P + "/plan/triggers/triggers/suggest", OK, NO,  NO,   OK,   NO,   NO,   GONE, GONE, SIGN_IN),
    ("POST", P + "/plan/reviewed",               GO,   NO,   NO,   NO,   NO,   NO,   GONE, GONE, SIGN_IN),
    ("POST", P + A + "/move",                    GO,   NO,   NO,   GO,   NO,   NO,   GONE, GONE, SIGN_IN),
    # Putting a version back is the person's own decision, even for a mentor who may edit.
    ("GET",  P + "/plan/crisis-plan/history/1/restore", OK, NO, NO, NO,  NO,   NO,   GONE, GONE, SIGN_IN),
    ("POST", P + "/plan/crisis-plan/history/1/restore", GO, NO, NO, NO,  NO,   NO,   GONE, GONE, SIGN_IN),
    ("GET",  P + "/progress",                    OK,   NO,   NO,   OK,   NO,   NO,   GONE, GONE, SIGN_IN),
    ("GET",  P + "/progress/assessments/{aid}",  OK,   NO,   NO,   OK,   NO,   NO,   GONE, GONE, SIGN_IN),
    ("GET",  P + "/progress/llr9/start",         OK,   NO,   NO,   OK,   NO,   NO,   GONE, GONE, SIGN_IN),
    # The ORUK API is the public directory: the same answer for everyone, signed in or not.
    ("GET",  "/api/oruk/organizations",          OK,   OK,   OK,   OK,   OK,   OK,   OK,   OK,   OK),
    ("GET",  "/api/oruk/organizations/{org}",    OK,   OK,   OK,   OK,   OK,   OK,   OK,   OK,   OK),
    ("GET",  "/api/oruk/organizations/none",     GONE, GONE, GONE, GONE, GONE, GONE, GONE, GONE, GONE),
    # Communication needs: always the signed-in person's own; Alice's never shown here.
    ("GET",  "/account/communication-needs",     OK,   OK,   OK,   OK,   OK,   OK,   OK,   OK,   SIGN_IN),
    ("GET",  "/account/communication-needs/ask", OK,   OK,   OK,   OK,   OK,   OK,   OK,   OK,   SIGN_IN),
    ("GET",  "/account/communication-needs/other", OK, OK,   OK,   OK,   OK,   OK,   OK,   OK,   SIGN_IN),
    ("POST", "/account/communication-needs/still-right", GO, GO, GO, GO, GO,   GO,   GO,   GO,   SIGN_IN),
    ("GET",  "/account/communication-passport",  OK,   OK,   OK,   OK,   OK,   OK,   OK,   OK,   SIGN_IN),
    ("GET",  "/account/communication-needs/apply/large-print", OK, OK, OK, OK, OK, OK, OK, OK, SIGN_IN),
    ("GET",  "/accessibility-statement",         OK,   OK,   OK,   OK,   OK,   OK,   OK,   OK,   OK),
    ("POST", "/easy-read",                       GO,   GO,   GO,   GO,   GO,   GO,   GO,   GO,   GO),
    # BSL videos: service managers only; anyone may watch one (none attached here).
    ("GET",  "/manage/bsl-videos",               NO,   NO,   NO,   NO,   NO,   NO,   NO,   OK,   SIGN_IN),
    ("GET",  "/manage/bsl-videos/help",          NO,   NO,   NO,   NO,   NO,   NO,   NO,   OK,   SIGN_IN),
    ("GET",  "/bsl/help/video",                  GONE, GONE, GONE, GONE, GONE, GONE, GONE, GONE, GONE),
    # Alice's place in a service is hers alone to leave (the POST lacks a choice: 400).
    ("GET",  "/services/{mid}/leave",            OK,   NO,   NO,   NO,   NO,   NO,   GONE, GONE, SIGN_IN),
    ("POST", "/services/{mid}/leave",            BAD,  NO,   NO,   NO,   NO,   NO,   GONE, GONE, SIGN_IN),
    ("GET",  "/services/{mid}/equality",         OK,   NO,   NO,   NO,   NO,   NO,   GONE, GONE, SIGN_IN),
    ("POST", "/services/{mid}/equality",         GO,   NO,   NO,   NO,   NO,   NO,   GONE, GONE, SIGN_IN),
    # The service's report: its manager only; the peer mentor is a worker there (403).
    ("GET",  "/services/{pid}/report",           GONE, GONE, GONE, NO,   GONE, GONE, GONE, OK,   SIGN_IN),
    ("GET",  "/services/{pid}/report.csv",       GONE, GONE, GONE, NO,   GONE, GONE, GONE, OK,   SIGN_IN),
    # Reviews due (names and dates of members): the service's staff only.
    ("GET",  "/services/{pid}/due",              GONE, GONE, GONE, OK,   GONE, GONE, GONE, OK,   SIGN_IN),
    # Alice's page at the service (she is a member): its staff only; the POST lacks a
    # kind (400). Her own page is not hers to open: it is what the staff see.
    ("GET",  "/services/{pid}/people",           GONE, GONE, GONE, OK,   GONE, GONE, GONE, OK,   SIGN_IN),
    ("GET",  "/services/{pid}/people/{alice}",   GONE, GONE, GONE, OK,   GONE, GONE, GONE, OK,   SIGN_IN),
    ("POST", "/services/{pid}/people/{alice}/signposts", GONE, GONE, GONE, BAD, GONE, GONE, GONE, BAD, SIGN_IN),
    # Listings: a service's managers add one for it (a worker is told no); any listing
    # is edited by a directory manager, and here by nobody else (it is not linked).
    ("GET",  "/groups/manage/for/{pid}/new",     GONE, GONE, GONE, NO,   GONE, GONE, GONE, OK,   SIGN_IN),
    ("GET",  "/groups/manage/{svc}/edit",        NO,   NO,   NO,   NO,   NO,   NO,   NO,   OK,   SIGN_IN),
    # Its staff: managers only; the POST lacks a role (400). Removing the peer mentor
    # from the staff, and each member leaving it, come last: they change who may do what.
    ("GET",  "/services/{pid}/staff",            GONE, GONE, GONE, NO,   GONE, GONE, GONE, OK,   SIGN_IN),
    ("POST", "/services/{pid}/staff/invite",     GONE, GONE, GONE, NO,   GONE, GONE, GONE, BAD,  SIGN_IN),
    ("POST", "/services/{pid}/staff/{sid}/remove", GONE, GONE, GONE, NO, GONE, GONE, GONE, GO,   SIGN_IN),
    # The only manager may not leave (told so, 302); the peer mentor leaves.
    ("POST", "/services/{pid}/staff/leave",      GONE, GONE, GONE, GO,   GONE, GONE, GONE, GO,   SIGN_IN),
]
# fmt: on


@pytest.mark.parametrize("role", ROLES)
def test_each_role_gets_exactly_the_expected_answer_on_someone_elses_data(app, client, alice, role):
    as_role(app, client, alice, role)
    token = csrf_token(client)
    for method, path, *expected in MATRIX:
        want = expected[ROLES.index(role)]
        url = path.format(
            alice=alice["alice"],
            aid=alice["assessment_id"],
            org=alice["organization_id"],
            mid=alice["membership_id"],
            pid=alice["provider_id"],
            sid=alice["staff_id"],
            svc=alice["service_id"],
        )
        data = {"csrf_token": token, "direction": "up"} if method == "POST" else None
        response = client.open(url, method=method, data=data)
        if want == SIGN_IN:
            assert response.status_code == 302 and "/auth/sign-in" in response.location, url
        else:
            assert response.status_code == want, f"{role}: {method} {url}"
        if want == OK and path.endswith("/plan/crisis-plan"):
            assert CRISIS in response.get_data(as_text=True), f"{role} should see {url}"
        if role in (
            "stranger",
            "service_manager",
            "withdrawn",
            "paused",
            "carer_without",
            "signed_out",
        ):
            assert CRISIS not in response.get_data(as_text=True), f"{role} saw {url}"
        if role != "owner" and role != "peer_mentor":
            assert SECRET not in response.get_data(as_text=True), f"{role} saw {url}"


def test_a_member_who_is_told_no_hears_why(app, client, alice):
    as_role(app, client, alice, "withdrawn")
    assert "Access ended" in page_text(client.get(f"/people/{alice['alice']}/plan"))


def test_a_paused_member_is_told_sharing_is_paused(app, client, alice):
    as_role(app, client, alice, "paused")
    assert "Sharing is paused" in page_text(client.get(f"/people/{alice['alice']}/plan"))


# Every route, with Alice's identifiers, by people who must not see her words ------------


def _snapshot(app, user_id):
    with app.app_context():
        data = export_person(db.session.get(User, user_id))
        data.pop("exported_at_utc")
        data["account"].pop("signed_in_devices")
        data["circle"].pop("access_log")  # grows with every look: that is its job
        return json.dumps(data, sort_keys=True)


FORM_DATA = {
    "text": "Mallory was here",
    "name": "Mallory",
    "choice": "mine",
    "direction": "up",
    "base_version": "1",
    "confirm": "y",
    "entry_id": ENTRY,
    "credential": "{}",
    "text_size": "large",
    "username": "mallory",
    "password": "mallory passphrase",
    "current_password": "x",
    "answer": "accept",
    "permissions": "edit",
    "label": "Mallory",
    "preset": "carer_crisis_plan",
    "role": "carer",
    "code": "AAAAA-BBBBB",
    "needs": "email",
    "completed_with": "alone",
    "with_name": "Mallory",
    "taken_on": "2025-01-07",
    "version": "1",
    "item_key": "money",
    "target": "toolbox",
    "subscription": '{"endpoint": "https://push.example.org/alice", "keys": {}}',
    "endpoint": "https://push.example.org/alice",
    "client_token": "ab" * 16,
}
NOT_TRIED = {"auth.sign_out", "auth.sign_out_everywhere", "account.delete"}


@pytest.mark.parametrize(
    "role", ["stranger", "service_manager", "carer_without", "withdrawn", "paused", "carer_with"]
)
def test_no_route_gives_away_or_changes_what_alice_did_not_share(app, client, alice, role):
    as_role(app, client, alice, role)
    before = _snapshot(app, alice["alice"])
    hidden = [SECRET] if role == "carer_with" else [SECRET, CRISIS]
    values = crawl_values(alice)
    for rule in endpoints(app):
        if rule.endpoint in NOT_TRIED:
            continue
        url = build(rule, values)
        for method in sorted(rule.methods - {"HEAD", "OPTIONS"}):
            data = {"csrf_token": csrf_token(client), **FORM_DATA} if method == "POST" else None
            response = client.open(url, method=method, data=data, check_html=False)
            assert response.status_code != 500, f"{method} {url}"
            body = response.get_data(as_text=True)
            for words in hidden:
                assert words not in body, f"{role}: {method} {url} showed {words!r}"
    after = _snapshot(app, alice["alice"])
    if role == "carer_with":
        # The carer may suggest; a suggestion changes nothing in the plan itself.
        before_plan, after_plan = json.loads(before)["plan"], json.loads(after)["plan"]
        assert before_plan == after_plan
    else:
        assert after == before
    with app.app_context():
        for part in db.session.scalars(select(PlanPart)):
            if part.plan.owner_id != alice["alice"]:
                assert SECRET not in json.dumps(part.content)
