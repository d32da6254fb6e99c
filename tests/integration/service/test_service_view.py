"""Service view, as its people meet it: a person joins a service knowing exactly what is
counted, sees it, leaves, and takes themselves out of reports; a manager reads the
report and its CSV; nobody else reads it; nobody's words or small numbers get out."""

from __future__ import annotations

import csv
import io
from datetime import date

import pytest
from sqlalchemy import event, func, select

from app.data.accounts.models import User
from app.data.database import db
from app.data.service.memberships import AlreadyJoined, join_service
from app.data.service.models import ServiceMembership
from app.data.service.staff import get_provider, remove_staff
from tests.support.helpers import delete_account, make_person, page_text, post_form, sign_in
from tests.support.progress import all_scores, make_assessment
from tests.support.service import add_member, add_staff, make_service

Q = "?start=2025-01-01&end=2025-03-31"
SECRET = "Words only Sam wrote 5e2c"


@pytest.fixture
def manager(app):
    return make_person(app, "Morgan Manager")


@pytest.fixture
def service(app, manager):
    return make_service(app, "Riverside Recovery", manager)


def members(app, provider_id, count, *, joined=date(2024, 6, 1), left=None, progress=True):
    """`count` people who joined, each with a baseline (4s) and a review in the period (6s)."""
    people = []
    for n in range(count):
        person = make_person(app, f"Member {n}")
        add_member(app, provider_id, person.id, joined, left)
        if progress:
            make_assessment(app, person.id, date(2024, 6, 10), all_scores(4), kind="baseline")
            make_assessment(app, person.id, date(2025, 2, 1), all_scores(6), kind="review")
        people.append(person)
    return people


def report_rows(client, provider_id, query=Q):
    response = client.get(f"/services/{provider_id}/report.csv{query}")
    assert response.status_code == 200
    assert response.mimetype == "text/csv"
    return {row[0]: row[1] for row in csv.reader(io.StringIO(response.get_data(as_text=True)))}


SUPPORTED = "People supported in the period"


# Joining ----------------------------------------------------------------------------------


def test_a_person_sees_what_is_counted_before_joining_and_then_joins(app, client, service):
    provider_id, code = service
    sam = make_person(app, "Sam")
    sign_in(app, client, sam)
    consent = page_text(client.get(f"/services/join?code={code}"))
    assert "Join Riverside Recovery?" in consent
    assert "never sees" in consent and "Your plan, your notes" in consent
    with app.app_context():
        assert (
            db.session.scalar(select(func.count(ServiceMembership.id))) == 0
        )  # a GET joins nobody
    response = post_form(client, "/services/join", {"code": code.lower().replace("-", " ")})
    assert response.status_code == 302
    mine = page_text(client.get("/services"))
    assert "Riverside Recovery" in mine and "You joined on" in mine
    assert "What the service counts" in mine


def test_a_code_that_does_not_exist_is_told_and_kept(app, client, service):
    sign_in(app, client, make_person(app, "Sam"))
    response = client.get("/services/join?code=NOPE1-NOPE2")
    assert response.status_code == 400
    assert "could not find a service with that code" in page_text(response)
    assert 'value="NOPE1-NOPE2"' in response.get_data(as_text=True)
    assert post_form(client, "/services/join", {"code": "NOPE1-NOPE2"}).status_code == 400
    assert client.get("/services/join?code=").status_code == 400


def test_joining_twice_says_already_a_member_and_keeps_one_membership(app, client, service):
    provider_id, code = service
    sam = make_person(app, "Sam")
    sign_in(app, client, sam)
    post_form(client, "/services/join", {"code": code})
    again = post_form(client, "/services/join", {"code": code}, follow_redirects=True)
    assert "You are already a member of Riverside Recovery" in page_text(again)
    assert "already a member" in page_text(
        client.get(f"/services/join?code={code}", follow_redirects=True)
    )
    with app.app_context():
        # Two requests racing past the check meet the partial unique index.
        with pytest.raises(AlreadyJoined):
            db.session.add(
                ServiceMembership(provider_id=provider_id, person_id=sam.id, joined_on=date.today())
            )
            try:
                db.session.flush()
            except Exception as error:  # the index refuses it, as join_service expects
                db.session.rollback()
                raise AlreadyJoined from error
        with pytest.raises(AlreadyJoined):
            join_service(get_provider(provider_id), sam.id, date.today())
        db.session.rollback()
        count = db.session.scalar(select(func.count(ServiceMembership.id)))
    assert count == 1


def test_joining_again_after_leaving_starts_a_new_membership(app, client, service):
    provider_id, code = service
    sam = make_person(app, "Sam")
    sign_in(app, client, sam)
    post_form(client, "/services/join", {"code": code})
    with app.app_context():
        membership_id = db.session.scalar(select(ServiceMembership.id))
    post_form(client, f"/services/{membership_id}/leave", {"choice": "stay_counted"})
    post_form(client, "/services/join", {"code": code})
    with app.app_context():
        rows = db.session.scalars(select(ServiceMembership).order_by(ServiceMembership.id)).all()
        assert [r.left_on is None for r in rows] == [False, True]


# Consent: leaving and withdrawing --------------------------------------------------------


def test_leaving_keeps_the_past_and_withdrawing_takes_a_person_out_of_every_report(
    app, client, other_client, service, manager
):
    provider_id, code = service
    members(app, provider_id, 11)
    sam = make_person(app, "Sam")
    add_member(app, provider_id, sam.id, date(2024, 6, 1))
    sign_in(app, other_client, manager)
    assert report_rows(other_client, provider_id)[SUPPORTED] == "12"

    sign_in(app, client, sam)
    with app.app_context():
        membership_id = db.session.scalar(
            select(ServiceMembership.id).where(ServiceMembership.person_id == sam.id)
        )
    leave_page = client.get(f"/services/{membership_id}/leave")
    assert leave_page.status_code == 200
    no_choice = post_form(client, f"/services/{membership_id}/leave", {})
    assert no_choice.status_code == 400
    assert "Choose what should happen" in page_text(no_choice)

    post_form(client, f"/services/{membership_id}/leave", {"choice": "stay_counted"})
    # Leaving today: the past quarter still counts the time Sam was a member.
    assert report_rows(other_client, provider_id)[SUPPORTED] == "12"
    assert "They still count the time you were with them" in page_text(client.get("/services"))

    response = post_form(client, f"/services/{membership_id}/leave", {"choice": "stop_counting"})
    assert response.status_code == 302
    # The very next report, for a past period, no longer counts Sam.
    assert report_rows(other_client, provider_id)[SUPPORTED] == "11"
    assert "Nothing of yours is counted" in page_text(client.get("/services"))


def test_withdrawing_when_leaving_is_effective_on_the_next_request(
    app, client, other_client, service, manager
):
    provider_id, _ = service
    members(app, provider_id, 11)
    sam = make_person(app, "Sam")
    membership_id = add_member(app, provider_id, sam.id, date(2024, 6, 1))
    sign_in(app, other_client, manager)
    sign_in(app, client, sam)
    post_form(client, f"/services/{membership_id}/leave", {"choice": "stop_counting"})
    assert report_rows(other_client, provider_id)[SUPPORTED] == "11"
    page = page_text(other_client.get(f"/services/{provider_id}/report{Q}"))
    assert "supported 11 people" in page


def test_nothing_is_counted_before_joining_or_after_leaving_or_for_people_who_never_joined(
    app, client, service, manager
):
    provider_id, _ = service
    members(app, provider_id, 10)
    # Left before the period: not supported in it, and their later review is not counted.
    early = members(app, provider_id, 5, left=date(2024, 12, 1))
    # Never joined, but did a review in the period: not counted.
    stranger = make_person(app, "Not a member")
    make_assessment(app, stranger.id, date(2025, 2, 2), all_scores(9), kind="review")
    # Joined after the period: not counted in it.
    late = make_person(app, "Late")
    add_member(app, provider_id, late.id, date(2025, 5, 1))
    make_assessment(app, late.id, date(2025, 2, 3), all_scores(9), kind="baseline")
    sign_in(app, client, manager)
    rows = report_rows(client, provider_id)
    assert rows[SUPPORTED] == "10"
    assert rows["6-week reviews done"] == "10"
    assert rows["Baseline assessments done"] == "0"
    assert rows["People making positive progress (latest score above baseline)"] == "100%"
    assert rows["Average outcome score at baseline (1 to 10)"] == "4.0"
    assert rows["Average change among people making progress"] == "2.0"
    assert len(early) == 5


def test_the_report_counts_new_people_leavers_and_long_stayers(app, client, service, manager):
    provider_id, _ = service
    members(app, provider_id, 20, joined=date(2024, 6, 1))  # more than 6 months by 31 March
    new = members(app, provider_id, 10, joined=date(2025, 2, 1), progress=False)
    for person in new[:5]:
        make_assessment(app, person.id, date(2025, 2, 3), all_scores(5), kind="baseline")
    members(app, provider_id, 5, joined=date(2024, 6, 1), left=date(2025, 3, 1), progress=False)
    sign_in(app, client, manager)
    rows = report_rows(client, provider_id)
    assert rows[SUPPORTED] == "35"
    assert rows["New people (joined in the period)"] == "10"
    assert rows["People who left in the period"] == "5"
    assert rows["People supported for more than 6 months at the end of the period"] == "20"
    assert rows["Baseline assessments done"] == "5"
    assert rows["New people with a baseline assessment"] == "50%"


# Small numbers and words ------------------------------------------------------------------


def test_small_numbers_are_never_shown_on_the_page_or_in_the_csv(app, client, service, manager):
    provider_id, _ = service
    members(app, provider_id, 3)
    sign_in(app, client, manager)
    rows = report_rows(client, provider_id)
    assert rows[SUPPORTED] == "fewer than 5"
    assert rows["6-week reviews done"] == "fewer than 5"
    assert rows["Average outcome score at baseline (1 to 10)"] == "too few people to show"
    assert "3" not in {rows[SUPPORTED], rows["6-week reviews done"]}
    page = page_text(client.get(f"/services/{provider_id}/report{Q}"))
    assert "supported fewer than 5 people" in page
    assert "supported 3" not in page


def test_a_count_that_would_reveal_a_small_one_is_not_shown(app, client, service, manager):
    provider_id, _ = service
    members(app, provider_id, 3, joined=date(2024, 6, 1))
    members(app, provider_id, 11, joined=date(2025, 2, 1), progress=False)
    sign_in(app, client, manager)
    rows = report_rows(client, provider_id)
    assert rows[SUPPORTED] == "14"
    assert rows["New people (joined in the period)"] == "not shown, to protect small numbers"


def test_no_ones_words_or_names_reach_the_report_or_its_csv(app, client, service, manager):
    provider_id, _ = service
    people = members(app, provider_id, 12)
    sam = people[0]
    with app.app_context():
        from app.data.outcomes.models import Assessment
        from app.data.plans.queries import get_plan_for_owner, save_part

        user = db.session.get(User, sam.id)
        part = next(p for p in get_plan_for_owner(user.id).parts if p.part_key == "triggers")
        save_part(
            part,
            {"triggers": [{"id": "e1", "text": SECRET}]},
            author=user,
            change="edit",
            expected_version=0,
        )
        for assessment in db.session.scalars(
            select(Assessment).where(Assessment.owner_id == sam.id)
        ):
            assessment.answers = {
                key: {**value, "help": SECRET} for key, value in assessment.answers.items()
            }
            assessment.with_name = SECRET
        db.session.commit()
    sign_in(app, client, manager)
    page = client.get(f"/services/{provider_id}/report{Q}").get_data(as_text=True)
    csv_text = client.get(f"/services/{provider_id}/report.csv{Q}").get_data(as_text=True)
    for body in (page, csv_text):
        assert SECRET not in body
        assert "Member 0" not in body and "Member 11" not in body


def test_the_report_reads_scores_by_path_and_never_a_plan_table(app, client, service, manager):
    provider_id, _ = service
    members(app, provider_id, 12)
    statements: list[str] = []
    sign_in(app, client, manager)
    with app.app_context():
        engine = db.engine

        def remember(conn, cursor, statement, parameters, context, executemany):  # noqa: ARG001
            statements.append(statement.lower())

        event.listen(engine, "before_cursor_execute", remember)
        try:
            assert client.get(f"/services/{provider_id}/report.csv{Q}").status_code == 200
        finally:
            event.remove(engine, "before_cursor_execute", remember)
    reads = [s for s in statements if "assessments" in s]
    assert reads, "the report read no assessments at all"
    for statement in statements:
        for table in ("plan_parts", "plan_versions", "part_drafts", "circle_suggestions"):
            assert table not in statement
        assert "with_name" not in statement
        # The answers column only ever appears inside a JSON path to one score (on
        # PostgreSQL, parsed once into a CTE column that is itself only read by path).
        rest = statement
        for allowed in (
            "json_extract(assessments.answers,",
            "assessments.answers #>",
            "cast(assessments.answers as jsonb) as doc",
        ):
            rest = rest.replace(allowed, "")
        assert "assessments.answers" not in rest, statement
        assert rest.count("kept.doc") == rest.count("kept.doc #>"), statement


def test_a_service_name_cannot_become_a_spreadsheet_formula(app, client, manager):
    provider_id, _ = make_service(app, '=HYPERLINK("http://example.org")', manager)
    sign_in(app, client, manager)
    rows = report_rows(client, provider_id)
    assert rows["Service"].startswith("'=")


# Bad input --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("query", "message"),
    [
        (
            "?start=2025-03-31&end=2025-01-01",
            "The last day must be the same as or after the first day",
        ),
        ("?start=2020-01-01&end=2025-01-01", "Choose a period of 3 years or less"),
        ("?start=2099-01-01&end=2099-02-01", "The first day must be today or earlier"),
        ("?start=31/02/2025&end=2025-03-31", "Enter the first day as year, month and day"),
        ("?start=&end=2025-03-31", "Enter the first day of the period"),
        ("?start=2025-01-01&end=<script>", "Enter the last day as year, month and day"),
    ],
)
def test_a_period_that_cannot_be_reported_says_why_and_keeps_what_was_typed(
    app, client, service, manager, query, message
):
    provider_id, _ = service
    sign_in(app, client, manager)
    response = client.get(f"/services/{provider_id}/report{query}")
    assert response.status_code == 400
    text = page_text(response)
    assert message in text
    assert "Error:" in response.get_data(as_text=True)
    typed = query.split("end=")[1]
    if typed and typed != "<script>":
        assert f'value="{typed}"' in response.get_data(as_text=True)
    assert client.get(f"/services/{provider_id}/report.csv{query}").status_code == 400


def test_the_default_period_is_the_last_full_quarter(app, client, service, manager):
    from app.service.periods import last_full_quarter

    provider_id, _ = service
    sign_in(app, client, manager)
    response = client.get(f"/services/{provider_id}/report")
    assert response.status_code == 200
    quarter = last_full_quarter(date.today())
    assert f'value="{quarter.start.isoformat()}"' in response.get_data(as_text=True)
    assert f'value="{quarter.end.isoformat()}"' in response.get_data(as_text=True)


# Who may see a report ---------------------------------------------------------------------


def test_only_the_services_own_managers_see_its_report(app, client, service, manager):
    provider_id, _ = service
    worker = make_person(app, "Wren Worker")
    add_staff(app, provider_id, worker, "worker")
    other_manager = make_person(app, "Other Manager")
    other_id, _ = make_service(app, "Hillside", other_manager)
    directory_manager = make_person(app, "Directory")
    with app.app_context():
        from app.data.groups.people import grant_manager

        grant_manager(db.session.get(User, directory_manager.id))
        db.session.commit()
    member = make_person(app, "Member")
    add_member(app, provider_id, member.id, date(2024, 1, 1))
    expected = {worker: 403, other_manager: 404, directory_manager: 404, member: 404}
    for person, status in expected.items():
        sign_in(app, client, person)
        for path in (f"/services/{provider_id}/report", f"/services/{provider_id}/report.csv"):
            assert client.get(path).status_code == status, (person.display_name, path)
        assert "Riverside" not in client.get(f"/services/{provider_id}/report").get_data(
            as_text=True
        )
    sign_in(app, client, other_manager)
    assert client.get(f"/services/{other_id}/report").status_code == 200
    assert "Riverside" not in page_text(client.get("/services/manage"))


def test_a_manager_removed_from_the_staff_is_refused_on_the_next_request(
    app, client, service, manager
):
    provider_id, _ = service
    sign_in(app, client, manager)
    assert client.get(f"/services/{provider_id}/report").status_code == 200
    assert "Report for Riverside Recovery" in page_text(client.get("/services/manage"))
    with app.app_context():
        remove_staff(get_provider(provider_id), db.session.get(User, manager.id))
        db.session.commit()
    assert client.get(f"/services/{provider_id}/report").status_code == 404
    assert client.get(f"/services/{provider_id}/report.csv{Q}").status_code == 404
    assert "You are not on the staff of a service" in page_text(client.get("/services/manage"))


def test_only_the_person_may_leave_their_service(app, client, service):
    provider_id, _ = service
    sam = make_person(app, "Sam")
    membership_id = add_member(app, provider_id, sam.id, date(2024, 1, 1))
    sign_in(app, client, make_person(app, "Stranger"))
    assert client.get(f"/services/{membership_id}/leave").status_code == 404
    response = post_form(client, f"/services/{membership_id}/leave", {"choice": "stop_counting"})
    assert response.status_code == 404
    with app.app_context():
        row = db.session.get(ServiceMembership, membership_id)
        assert row.left_on is None and row.consent_withdrawn_at_utc is None


# The person's own data ------------------------------------------------------------------


def test_the_data_download_includes_service_memberships(app, client, service):
    provider_id, _ = service
    sam = make_person(app, "Sam")
    add_member(app, provider_id, sam.id, date(2024, 6, 1), date(2025, 1, 1))
    with app.app_context():
        from app.data.export import export_person

        data = export_person(db.session.get(User, sam.id))
    assert data["services"]["memberships"] == [
        {
            "service": "Riverside Recovery",
            "joined_on": "2024-06-01",
            "left_on": "2025-01-01",
            "counted_in_reports": True,
            "consent_withdrawn_at_utc": None,
            "equality_answers": {},
        }
    ]


def test_deleting_an_account_takes_the_person_out_of_every_report(
    app, client, other_client, service, manager
):
    provider_id, _ = service
    members(app, provider_id, 11)
    sam = make_person(app, "Sam", username="sam_deletes", password="a long pass phrase 42")
    add_member(app, provider_id, sam.id, date(2024, 6, 1))
    sign_in(app, other_client, manager)
    assert report_rows(other_client, provider_id)[SUPPORTED] == "12"
    sign_in(app, client, sam)
    delete_account(client)
    assert report_rows(other_client, provider_id)[SUPPORTED] == "11"


UP_TO_DATE = (
    "People whose outcome scores are up to date and were completed jointly with a worker or "
    "peer mentor (the target is 90 in 100)"
)


def test_scores_up_to_date_and_completed_jointly(app, client, service, manager):
    from sqlalchemy import update

    from app.data.outcomes.models import Assessment

    provider_id, _ = service
    people = members(app, provider_id, 15)
    for person in people[:10]:  # a joint review in the last 6 weeks of the quarter
        make_assessment(app, person.id, date(2025, 3, 20), all_scores(7), kind="review")
    with app.app_context():
        db.session.execute(
            update(Assessment)
            .where(Assessment.taken_on == date(2025, 3, 20))
            .values(completed_with="peer_mentor")
        )
        db.session.commit()
    sign_in(app, client, manager)
    assert report_rows(client, provider_id)[UP_TO_DATE] == "67%"  # 10 of 15


def test_the_home_page_leads_back_to_your_services_once_joined(app, client, service):
    provider_id, _ = service
    sam = make_person(app, "Sam")
    sign_in(app, client, sam)
    assert "Your services" not in page_text(client.get("/"))
    add_member(app, provider_id, sam.id, date(2024, 6, 1))
    home = client.get("/").get_data(as_text=True)
    assert 'href="/services"' in home


def test_the_menu_offers_your_service_to_its_staff_only_from_their_next_page(
    app, client, other_client
):
    """ "Your service" in the menu comes from a flag read with the session: it follows
    joining and leaving the staff on the very next page."""
    from bs4 import BeautifulSoup

    from app.data.service.staff import get_provider, remove_staff
    from tests.support.helpers import make_person, sign_in
    from tests.support.service import add_staff, make_service

    def menu(viewer):
        html = viewer.get("/").get_data(as_text=True)
        return BeautifulSoup(html, "html.parser").select_one("nav.kw-nav").get_text(" ")

    worker, someone = make_person(app, "Wren"), make_person(app, "Lee")
    sign_in(app, client, worker)
    sign_in(app, other_client, someone)
    provider_id, _ = make_service(app, "Witney peer support")
    assert "Your service" not in menu(client)
    add_staff(app, provider_id, worker, "worker")
    assert "Your service" in menu(client)
    assert "Your service" not in menu(other_client)
    with app.app_context():
        remove_staff(get_provider(provider_id), db.session.get(User, worker.id))
        db.session.commit()
    assert "Your service" not in menu(client)
