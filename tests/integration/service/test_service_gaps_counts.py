"""The data layer's new measures on hand-built rows with known answers: reviews due
(checked against My progress's own schedule too), people signposted to each kind of
help, and peer support networks. Each is worked out in the database."""

from __future__ import annotations

import random
from datetime import UTC, date, datetime, timedelta

from app.data.database import db
from app.data.groups.listings import ListingValues, save_listing
from app.data.groups.models import GroupSave, Service
from app.data.service.listings import link_listing
from app.data.service.models import Signpost
from app.data.service.reports import (
    peer_support_counts,
    reviews_due_counts,
    signposted_counts,
)
from app.data.service.staff import get_provider
from app.outcomes.schedule import Taken, next_reviews
from tests.support.helpers import make_person
from tests.support.progress import make_assessment
from tests.support.service import add_member, make_service

START, END = date(2025, 1, 1), date(2025, 3, 31)


def _person(app, name, provider_id=None, joined=date(2024, 6, 1), left=None, withdrawn=False):
    person = make_person(app, name)
    if provider_id is not None:
        add_member(app, provider_id, person.id, joined, left, withdrawn=withdrawn)
    return person


def _history(app, person, *taken):
    for on, kind in taken:
        make_assessment(app, person.id, on, {"money": 5}, kind=kind)


# Reviews due -------------------------------------------------------------------------------


def test_reviews_due_in_the_period_with_known_answers(app):
    provider_id, _ = make_service(app, "Riverside")
    # Baseline 1 Dec: a review due 12 Jan, done late on 20 Jan; the next due 3 Mar.
    late = _person(app, "Late", provider_id)
    _history(app, late, (date(2024, 12, 1), "baseline"), (date(2025, 1, 20), "review"))
    # Baseline 31 Aug: reviewed early on 1 Oct (so 12 Oct was never due), then late on
    # 25 Jan; by then the 6-month review is due first: 28 Feb (31 Aug + 6 months).
    ongoing = _person(app, "Ongoing", provider_id)
    _history(
        app,
        ongoing,
        (date(2024, 8, 31), "baseline"),
        (date(2024, 10, 1), "review"),
        (date(2025, 1, 25), "review"),
    )
    # Reviewed early on 5 Jan: 12 Jan was never due; 16 Feb was.
    early = _person(app, "Early", provider_id)
    _history(app, early, (date(2024, 12, 1), "baseline"), (date(2025, 1, 5), "review"))
    # Due 26 Jan: counted for someone who left on 31 Jan, not for someone who left on 10 Jan.
    stayed = _person(app, "Stayed", provider_id, left=date(2025, 1, 31))
    _history(app, stayed, (date(2024, 12, 15), "baseline"))
    gone = _person(app, "Gone", provider_id, left=date(2025, 1, 10))
    _history(app, gone, (date(2024, 12, 15), "baseline"))
    # Never counted: withdrew consent, never joined, or joined after the review was due.
    withdrawn = _person(app, "Withdrawn", provider_id, withdrawn=True)
    _history(app, withdrawn, (date(2024, 12, 1), "baseline"))
    outsider = _person(app, "Outsider")
    _history(app, outsider, (date(2024, 12, 1), "baseline"))
    joined_later = _person(app, "Joined later", provider_id, joined=date(2025, 2, 1))
    _history(app, joined_later, (date(2024, 12, 1), "baseline"))
    # No baseline: nothing is scheduled yet.
    no_baseline = _person(app, "No baseline", provider_id)
    _history(app, no_baseline, (date(2024, 12, 1), "review"))
    with app.app_context():
        due = reviews_due_counts(provider_id, START, END, "llr9", 42, 6)
        # Reviews: Late 12 Jan and 3 Mar, Early 16 Feb, Stayed 26 Jan. Ongoing: 28 Feb.
        assert (due.reviews, due.ongoing_reviews) == (4, 1)
        # To 1 March: Late's 3 March is out; the 6-month review on 28 Feb (not 3 March,
        # as SQLite's own month arithmetic would have it) is in.
        short = reviews_due_counts(provider_id, START, date(2025, 3, 1), "llr9", 42, 6)
        assert (short.reviews, short.ongoing_reviews) == (3, 1)
        other = reviews_due_counts(provider_id, START, END, "other-instrument", 42, 6)
        assert (other.reviews, other.ongoing_reviews) == (0, 0)


def _expected_dues(histories, memberships, start, end):
    """Reviews due by My progress's schedule (app/outcomes/schedule.py), one history
    prefix at a time: the review due after each assessment counts if it falls in the
    period while a member and no assessment came before it."""
    reviews = ongoing = 0
    for person_id, taken in histories.items():
        for index, current in enumerate(taken):
            upcoming = next_reviews(taken[: index + 1], 42, 6)
            if upcoming is None:
                continue
            due_on = upcoming.next_on
            following = taken[index + 1].on if index + 1 < len(taken) else None
            member = any(
                joined <= due_on and (left is None or due_on <= left)
                for joined, left in memberships[person_id]
            )
            if (
                start <= due_on <= end
                and due_on > current.on
                and (following is None or following >= due_on)
                and member
            ):
                if upcoming.next_kind == "ongoing_review":
                    ongoing += 1
                else:
                    reviews += 1
    return reviews, ongoing


def test_reviews_due_agree_with_the_schedule_on_mixed_histories(app):
    """Month ends, early and late reviews, new baselines, people who left."""
    rng = random.Random(15)
    provider_id, _ = make_service(app, "Riverside")
    histories, memberships = {}, {}
    for n in range(30):
        joined = date(2024, 1, 1) + timedelta(days=rng.randint(0, 400))
        left = joined + timedelta(days=rng.randint(30, 400)) if rng.random() < 0.3 else None
        person = _person(app, f"P{n}", provider_id, joined=joined, left=left)
        memberships[person.id] = [(joined, left)]
        day = date(2024, rng.choice([1, 3, 5, 7, 8, 10, 12]), rng.choice([1, 15, 28, 29, 30, 31]))
        taken = []
        for number in range(rng.randint(1, 6)):
            kind = (
                "baseline"
                if number == 0 or rng.random() < 0.1
                else rng.choice(["review", "review", "ongoing_review"])
            )
            taken.append(Taken(day, kind))
            make_assessment(app, person.id, day, {"money": 5}, kind=kind)
            day += timedelta(days=rng.choice([20, 42, 42, 60, 120, 183]))
        histories[person.id] = taken
    for start, end in ((START, END), (date(2024, 7, 1), date(2025, 6, 30))):
        with app.app_context():
            due = reviews_due_counts(provider_id, start, end, "llr9", 42, 6)
        assert (due.reviews, due.ongoing_reviews) == _expected_dues(
            histories, memberships, start, end
        )


# Advice and navigation -------------------------------------------------------------------


def _listing(name, types, created=None):
    service = save_listing(
        ListingValues(
            name=name,
            organization_name="Org",
            description="A group",
            type_codes=types,
            town="Witney",
            latitude=51.78,
            longitude=-1.48,
        )
    )
    if created is not None:
        service.created_at_utc = created
    return service


def test_people_signposted_to_each_kind_with_known_answers(app):
    provider_id, _ = make_service(app, "Riverside")
    other_id, _ = make_service(app, "Elsewhere")
    worker = make_person(app, "Wren")
    a = _person(app, "A", provider_id)
    b = _person(app, "B", provider_id)
    c = _person(app, "C", provider_id)
    d = _person(app, "D", provider_id, left=date(2025, 1, 15))
    e = _person(app, "E", provider_id, withdrawn=True)
    f = _person(app, "F")  # never joined
    g = _person(app, "G", provider_id)
    h = _person(app, "H", provider_id)
    i = _person(app, "I", provider_id)
    with app.app_context():
        housing = _listing("Housing advice", ["housing"])
        work = _listing("Work club", ["employment-volunteering", "learning-recovery-college"])
        creative = _listing("Art group", ["creative"])

        def signpost(person, kind, on, provider=provider_id):
            db.session.add(
                Signpost(
                    provider_id=provider,
                    person_id=person.id,
                    kind=kind,
                    recorded_on=on,
                    recorded_by_id=worker.id,
                )
            )

        def saved(person, listing, on):
            db.session.add(GroupSave(user_id=person.id, service_id=listing.id, saved_on=on))

        signpost(a, "housing", date(2025, 2, 1))
        signpost(a, "housing", date(2025, 2, 10))  # the same person twice: counted once
        signpost(b, "money_advice", date(2025, 2, 1))
        saved(b, housing, date(2025, 2, 5))  # and housing, from a group saved to the plan
        saved(c, work, date(2025, 3, 1))  # two group types, one kind
        signpost(d, "talking_therapies", date(2025, 1, 10))  # while a member
        signpost(d, "housing", date(2025, 2, 1))  # after leaving: not counted
        signpost(e, "housing", date(2025, 2, 1))  # withdrew consent
        saved(f, housing, date(2025, 2, 1))  # never joined
        signpost(g, "housing", date(2025, 2, 1), provider=other_id)  # another service's
        saved(h, creative, date(2025, 2, 1))  # a type that is none of the kinds
        signpost(i, "housing", date(2024, 12, 20))  # before the period
        db.session.commit()
        assert signposted_counts(provider_id, START, END) == {
            "housing": 2,
            "money_advice": 1,
            "volunteering_education_employment": 1,
            "talking_therapies": 1,
        }
        assert signposted_counts(other_id, START, END) == {}  # G never joined it


def test_peer_support_networks_with_known_answers(app):
    provider_id, _ = make_service(app, "Riverside")
    other_id, _ = make_service(app, "Elsewhere")
    in_period = datetime(2025, 2, 1, 12, tzinfo=UTC)
    before = datetime(2024, 5, 1, tzinfo=UTC)
    with app.app_context():
        provider, other = get_provider(provider_id), get_provider(other_id)
        for listing in (
            _listing("New peer group", ["peer-support"], in_period),
            _listing("Old peer group", ["peer-support", "creative"], before),
            _listing("Unknown age peer group", ["peer-support"]),
            _listing("Art group", ["creative"], in_period),
        ):
            link_listing(provider, listing.id)
        retired = _listing("Retired peer group", ["peer-support"], in_period)
        retired.status = "inactive"
        link_listing(provider, retired.id)
        link_listing(other, _listing("Their peer group", ["peer-support"], in_period).id)
        db.session.execute(
            Service.__table__.update()
            .where(Service.name == "Unknown age peer group")
            .values(created_at_utc=None)
        )
        db.session.commit()
        counts = peer_support_counts(provider_id, START, END)
        assert (counts.listed, counts.new) == (3, 1)
        assert peer_support_counts(provider_id, date(2025, 4, 1), date(2025, 6, 30)).new == 0
