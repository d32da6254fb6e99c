"""The demo person: made up, clearly marked, with reserved phone numbers (Ofcom's drama
ranges 07700 900xxx and 01632 960xxx) and example.org addresses."""

from __future__ import annotations

from datetime import datetime, timedelta

from sqlalchemy import delete

from app.auth.accounts import create_account
from app.data.accounts.models import User
from app.data.base import utcnow
from app.data.database import db
from app.data.plans.queries import get_part, get_plan_for_owner, save_part
from app.plan.content import Content, new_entry_id


def _texts(*lines: str) -> list[dict[str, str]]:
    return [{"id": new_entry_id(), "text": line} for line in lines]


DEMO_PLAN: dict[str, Content] = {
    "wellness_toolbox": {
        "tools": _texts(
            "A walk along the canal, even just 10 minutes",
            "Ringing my sister Jo",
            "Music with headphones on: my calm playlist",
            "A hot bath and an early night",
            "The Tuesday peer support group",
        ),
    },
    "daily_maintenance": {
        "when_well": _texts(
            "I get up by 9 and I enjoy cooking",
            "I laugh at daft things and text my friends back",
        ),
        "every_day": _texts(
            "Take my tablets with breakfast",
            "Get outside at least once",
            "Eat a proper meal at lunchtime",
        ),
        "might_do": _texts("Go to the Tuesday group", "Help out at the community garden"),
    },
    "triggers": {
        "triggers": _texts(
            "Brown envelopes and money worries",
            "The anniversary of Mum's death in March",
            "Loud arguments",
        ),
        "actions": _texts(
            "Open post with Jo on the phone",
            "Use something from my toolbox",
            "Book a money advice appointment",
        ),
    },
    "early_warning_signs": {
        "signs": _texts("Sleeping past midday", "Not answering my phone", "Skipping meals"),
        "actions": _texts(
            "Tell my peer mentor at the next group",
            "Do one thing from my daily plan, however small",
        ),
    },
    "breaking_down": {
        "signs": _texts("Not leaving the flat for days", "Feeling everyone is against me"),
        "actions": _texts("Call the crisis line", "Ask Jo to come and stay"),
    },
    "crisis_plan": {
        "when_well": _texts("Chatty, busy in the kitchen, on time for things"),
        "take_over_signs": _texts("I stop eating and drinking", "I do not know what day it is"),
        "supporters": [
            {
                "id": new_entry_id(),
                "name": "Jo Rivers",
                "relationship": "Sister",
                "phone": "07700 900461",
                "helps_with": "Staying with me, looking after the cat, talking to the doctor",
            },
            {
                "id": new_entry_id(),
                "name": "Priya Shah",
                "relationship": "Peer mentor",
                "phone": "01632 960123",
                "helps_with": "Going to appointments with me",
            },
        ],
        "not_involved": [
            {"id": new_entry_id(), "name": "My ex-partner", "reason": "It makes things worse"}
        ],
        "medicines": [
            {
                "id": new_entry_id(),
                "name": "Sertraline",
                "dose": "100 mg each morning",
                "what_for": "Depression and anxiety",
            }
        ],
        "allergies": _texts("Penicillin"),
        "treatments_help": _texts("A short stay at the crisis house", "Talking therapy"),
        "treatments_avoid": _texts("Being moved far from home"),
        "care_at_home": _texts("Jo and my friend Dee take turns to stay"),
        "places_prefer": _texts("The safe haven in town"),
        "places_avoid": _texts("Wards out of county"),
        "want_from_supporters": _texts("Sit with me and keep things quiet", "Feed Biscuit the cat"),
        "dont_want_from_supporters": _texts("Do not call my employer"),
        "no_longer_needed": _texts("I am sleeping through the night and want to go out"),
    },
    "post_crisis": {
        "coming_out_signs": _texts("I can make a cup of tea and watch a whole programme"),
        "help_needed": _texts("Someone to come food shopping with me for a few weeks"),
        "steps_back": _texts("Back to the Tuesday group", "Cook one meal a day"),
        "learning": _texts("Asking Jo sooner helped"),
    },
}


# Sam's progress: a baseline twelve weeks ago and a review with Priya six weeks later,
# where Priya saw money differently. Steps are 1 to 10.
DEMO_BASELINE = {
    "emotional": 3,
    "physical": 5,
    "home": 4,
    "money": 2,
    "safety": 6,
    "risks": 5,
    "relationships": 4,
    "community": 2,
    "work": None,
}
DEMO_REVIEW = {
    "emotional": 5,
    "physical": 5,
    "home": 6,
    "money": 4,
    "safety": 7,
    "risks": 6,
    "relationships": 6,
    "community": 4,
    "work": None,
}
DEMO_HELP = {"money": "Help to fill in the PIP form", "community": "A walking group near me"}


def load_demo() -> User:
    db.session.execute(delete(User).where(User.is_demo.is_(True)))
    db.session.flush()
    person = create_account(display_name="Sam (demo)", is_demo=True, locale=None)
    started = utcnow() - timedelta(weeks=12)
    person.created_at_utc = started
    plan = get_plan_for_owner(person.id)
    assert plan is not None
    plan.created_at_utc = started
    plan.last_reviewed_at_utc = utcnow() - timedelta(days=38)  # due for a look in a few days
    db.session.flush()
    for part_key, content in DEMO_PLAN.items():
        part = get_part(plan, part_key)
        save_part(part, content, author=person, change="demo", expected_version=part.version)
    mentor = _demo_mentor(person)
    _demo_progress(person, mentor, started)
    db.session.commit()  # loading the demo is a transaction of its own (CLI, tests)
    return person


def _demo_mentor(person: User) -> User:
    from app.circle.permissions import PRESETS_BY_KEY
    from app.data.circle.models import CircleMember, Grant

    mentor = create_account(display_name="Priya (demo)", is_demo=True)
    row = CircleMember(owner_id=person.id, member_id=mentor.id, role="peer_mentor", label="Priya")
    row.grants = [
        Grant(permission=p) for p in sorted(PRESETS_BY_KEY["peer_mentor_everything"].permissions)
    ]
    db.session.add(row)
    db.session.flush()
    return mentor


def _demo_progress(person: User, mentor: User, started: datetime) -> None:
    from app.data.outcomes.models import Assessment, AssessmentRevision

    def answers(scores: dict[str, int | None]) -> dict[str, dict[str, object]]:
        return {
            key: {
                "score": score,
                "status": "scored" if score is not None else "not_for_me",
                "help": DEMO_HELP.get(key, "") if scores is DEMO_REVIEW else "",
            }
            for key, score in scores.items()
        }

    for weeks, kind, scores, author in (
        (0, "baseline", DEMO_BASELINE, person),
        (6, "review", DEMO_REVIEW, mentor),
    ):
        completed = started + timedelta(weeks=weeks)
        joint = author is mentor
        assessment = Assessment(
            owner_id=person.id,
            instrument_key="llr9",
            kind=kind,
            status="complete",
            client_token=f"demo{kind:0>28}"[:32],
            answers=answers(scores),
            version=1,
            taken_on=completed.date(),
            completed_with="peer_mentor" if joint else "alone",
            with_name="Priya" if joint else "",
            with_user_id=mentor.id if joint else None,
            other_views={
                "money": {"score": 3, "note": "The debt letters are still coming", "by": mentor.id}
            }
            if joint
            else {},
            author_id=author.id,
            completed_at_utc=completed,
            created_at_utc=completed,
            updated_at_utc=completed,
        )
        db.session.add(assessment)
        db.session.flush()
        db.session.add(
            AssessmentRevision(
                assessment_id=assessment.id,
                version=1,
                content=assessment.snapshot(),
                change="saved",
                author_id=author.id,
                created_at_utc=completed,
            )
        )
