"""Service reports: a service of 10,000 people with 5 assessments each over 2 years, on
SQLite and PostgreSQL; p95 of the quarterly report page and of its CSV. About half the
people have workers' "signposted to" records or saved a group to their plan, and the
service runs a few peer support listings, so every measure has rows to count.

    python -m bench service [--sqlite-only | --postgres-only] [--people N]

Times are server-side: each request is handled in-process by the Flask app (no network,
no client), timed from the request entering the app to the response leaving it.
"""

from __future__ import annotations

import os
import random
import statistics
import time
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from types import SimpleNamespace
from typing import Any

from bench import support
from bench.support import temporary_workdir

GOALS = {"report_p95_ms": 1000, "csv_p95_ms": 1000}
ROUNDS = 20
CHUNK = 5000


def _percentile(samples: list[float], fraction: float) -> float:
    ordered = sorted(samples)
    return ordered[min(len(ordered) - 1, int(round(fraction * (len(ordered) - 1))))]


def _timed(client: Any, url: str) -> float:
    start = time.perf_counter()
    response = client.get(url)
    elapsed = (time.perf_counter() - start) * 1000
    assert response.status_code == 200, (url, response.status_code)
    return elapsed


LISTING_TYPES = [
    ["housing"],
    ["money-benefits-advice"],
    ["physical-activity", "peer-support"],
    ["employment-volunteering"],
    ["learning-recovery-college"],
    ["crisis-safe-haven"],
    ["peer-support"],
    ["creative", "peer-support"],
    ["gardening-outdoors"],
    ["befriending"],
]


def _listings(provider_id: int) -> list[str]:
    """A few directory listings of every type; the peer support ones are the service's."""
    from app.data.groups.listings import ListingValues, save_listing
    from app.data.service.listings import link_listing
    from app.data.service.staff import get_provider

    provider = get_provider(provider_id)
    assert provider is not None
    ids = []
    for number, types in enumerate(LISTING_TYPES * 2):
        listing = save_listing(
            ListingValues(
                name=f"Bench group {number}",
                organization_name="Bench organisation",
                description="A group",
                type_codes=types,
                town="Witney",
                latitude=51.78,
                longitude=-1.48,
            )
        )
        if "peer-support" in types:
            link_listing(provider, listing.id)
        ids.append(listing.id)
    return ids


def _fill(people: int, provider_id: int, today: date) -> None:
    """People, their memberships, 5 assessments each, signposting records and groups
    saved to plans, inserted in bulk."""
    from sqlalchemy import insert, select

    from app.data.accounts.models import User
    from app.data.database import db
    from app.data.groups.models import GroupSave
    from app.data.outcomes.models import Assessment
    from app.data.service.models import ServiceMembership, Signpost
    from app.data.service.signposting import KINDS
    from app.outcomes.instruments import LLR9

    rng = random.Random(15)  # noqa: S311 - test data, not secrets
    keys = [item.key for item in LLR9.items]
    now = datetime.now(UTC)
    for first in range(0, people, CHUNK):
        count = min(CHUNK, people - first)
        db.session.execute(
            insert(User),
            [
                {"user_handle": os.urandom(32), "display_name": f"Bench {first + n}"}
                for n in range(count)
            ],
        )
    ids = list(db.session.scalars(select(User.id).order_by(User.id)))
    listing_ids = _listings(provider_id)
    memberships, assessments, signposts, saves = [], [], [], []
    for person_id in ids:
        joined = today - timedelta(days=rng.randint(0, 730))
        left = joined + timedelta(days=rng.randint(60, 500)) if rng.random() < 0.3 else None
        until = min(left or today, today)
        member_days = max(0, (until - joined).days)
        for _ in range(rng.choice([0, 0, 1, 1, 2, 3])):
            signposts.append(
                {
                    "provider_id": provider_id,
                    "person_id": person_id,
                    "kind": rng.choice(KINDS),
                    "listing_id": rng.choice([None, *listing_ids]),
                    "recorded_on": joined + timedelta(days=rng.randint(0, member_days)),
                    "recorded_by_id": ids[0],
                    "created_at_utc": now,
                }
            )
        if rng.random() < 0.3:
            for listing_id in rng.sample(listing_ids, rng.randint(1, 2)):
                saves.append(
                    {
                        "user_id": person_id,
                        "service_id": listing_id,
                        "saved_on": joined + timedelta(days=rng.randint(0, member_days)),
                    }
                )
        memberships.append(
            {
                "provider_id": provider_id,
                "person_id": person_id,
                "joined_on": joined,
                "left_on": left if left and left < today else None,
                "equality_answers": {
                    "age_band": rng.choice(["18_24", "25_34", "35_44", "45_54"]),
                    "sex": rng.choice(["female", "male", "prefer_not"]),
                },
            }
        )
        level = rng.randint(2, 6)
        for number in range(5):
            taken = joined + timedelta(days=42 * number)
            level = max(1, min(10, level + rng.choice([-1, 0, 1, 1])))
            assessments.append(
                {
                    "owner_id": person_id,
                    "instrument_key": "llr9",
                    "kind": "baseline" if number == 0 else "review",
                    "status": "complete",
                    "client_token": f"{person_id:016x}{number:016x}",
                    "answers": {k: {"score": level, "status": "scored", "help": ""} for k in keys},
                    "version": 1,
                    "taken_on": taken,
                    "completed_with": rng.choice(["alone", "peer_mentor", "worker"]),
                    "completed_at_utc": now,
                }
            )
    for first in range(0, len(memberships), CHUNK):
        db.session.execute(insert(ServiceMembership), memberships[first : first + CHUNK])
    for first in range(0, len(assessments), CHUNK):
        db.session.execute(insert(Assessment), assessments[first : first + CHUNK])
    for first in range(0, len(signposts), CHUNK):
        db.session.execute(insert(Signpost), signposts[first : first + CHUNK])
    for first in range(0, len(saves), CHUNK):
        db.session.execute(insert(GroupSave), saves[first : first + CHUNK])
    db.session.commit()


def measure(database_url: str, workdir: Path, people: int) -> dict[str, Any]:
    from flask_migrate import upgrade
    from sqlalchemy import func, select

    from app import create_app
    from app.auth.accounts import create_account
    from app.data.database import db
    from app.data.groups.models import GroupSave
    from app.data.service.models import Signpost
    from app.data.service.staff import create_provider, set_staff
    from app.service.periods import last_full_quarter
    from tests.support.helpers import sign_in

    app = create_app(
        {
            "SQLALCHEMY_DATABASE_URI": database_url,
            "SECRET_KEY": "bench",
            "INSTANCE_PATH": workdir,
            "RATELIMIT_ENABLED": False,
        }
    )
    today = date.today()
    with app.app_context():
        upgrade()
        provider = create_provider("Bench service")
        manager = create_account(display_name="Bench manager", username=None, password_hash=None)
        set_staff(provider, manager, "manager")
        db.session.commit()
        provider_id, manager_id = provider.id, manager.id
        start = time.perf_counter()
        _fill(people, provider_id, today)
        fill_seconds = time.perf_counter() - start
        signposts = db.session.scalar(select(func.count(Signpost.id)))
        saves = db.session.scalar(select(func.count(GroupSave.id)))
    client = app.test_client()
    sign_in(app, client, SimpleNamespace(id=manager_id))
    quarter = last_full_quarter(today)
    query = f"?start={quarter.start.isoformat()}&end={quarter.end.isoformat()}"
    page, csv_file = (
        f"/services/{provider_id}/report{query}",
        f"/services/{provider_id}/report.csv{query}",
    )
    _timed(client, page)  # warm caches (translations, query plans)
    pages = [_timed(client, page) for _ in range(ROUNDS)]
    csvs = [_timed(client, csv_file) for _ in range(ROUNDS)]
    with app.app_context():
        db.engine.dispose()
    return {
        "people": people,
        "assessments": people * 5,
        "signposts": signposts,
        "group_saves": saves,
        "fill_seconds": round(fill_seconds, 1),
        "report_p50_ms": round(statistics.median(pages), 1),
        "report_p95_ms": round(_percentile(pages, 0.95), 1),
        "csv_p50_ms": round(statistics.median(csvs), 1),
        "csv_p95_ms": round(_percentile(csvs, 0.95), 1),
    }


def main(argv: list[str]) -> dict[str, Any]:
    databases = support.databases_from(argv)
    people = int(argv[argv.index("--people") + 1]) if "--people" in argv else 10_000
    report: dict[str, Any] = {"measured_at_utc": datetime.now(UTC).isoformat(), "goals": GOALS}
    for kind in databases:
        with temporary_workdir() as directory:
            workdir = Path(directory)
            if kind == "postgresql":
                support.BENCH_DATABASE = "keepwell_bench_service"
            report[kind] = measure(support.fresh_database(kind, workdir), workdir, people)
    return report
