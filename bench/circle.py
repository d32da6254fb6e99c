"""Circle of support: a peer mentor supporting 200 people opens People I support, under
50 concurrent clients on gunicorn; and what the access check costs per request,
measured with and without it in the same run.

    python -m bench circle [--sqlite-only | --postgres-only]
"""

from __future__ import annotations

import statistics
import time
from pathlib import Path
from typing import Any

from bench import support
from bench.support import bench_environment, fresh_database, gunicorn, temporary_workdir, wrk

PEOPLE = 200
GOALS = {"people_page_p99_ms": 100, "access_check_ms": 1.0}


def prepare(database_url: str, workdir: Path) -> dict[str, Any]:
    """A mentor, 200 people who share everything with them, and a signed-in cookie."""
    from flask_migrate import upgrade

    from app import create_app
    from app.auth.accounts import create_account
    from app.circle.permissions import PRESETS_BY_KEY
    from app.data.accounts.queries import open_device_session
    from app.data.circle.models import CircleMember, Grant
    from app.data.database import db
    from app.data.plans.queries import get_part, get_plan_for_owner, save_part
    from app.demo.people import DEMO_PLAN

    app = create_app(
        {
            "SQLALCHEMY_DATABASE_URI": database_url,
            "SECRET_KEY": "bench-secret-key",
            "INSTANCE_PATH": workdir,
        }
    )
    permissions = sorted(PRESETS_BY_KEY["peer_mentor_everything"].permissions)
    with app.app_context():
        upgrade()
        mentor = create_account(display_name="Mentor")
        db.session.flush()
        first_person = None
        for number in range(PEOPLE):
            person = create_account(display_name=f"Person {number:03d}")
            db.session.flush()
            first_person = first_person or person
            row = CircleMember(owner_id=person.id, member_id=mentor.id, role="peer_mentor")
            row.grants = [Grant(permission=p) for p in permissions]
            db.session.add(row)
        db.session.commit()
        part = get_part(get_plan_for_owner(first_person.id), "crisis_plan")
        save_part(
            part, DEMO_PLAN["crisis_plan"], author=first_person, change="demo", expected_version=0
        )
        token = open_device_session(mentor, remember=True, method="bench", user_agent="wrk")
        db.session.commit()
        serializer = app.session_interface.get_signing_serializer(app)  # type: ignore[attr-defined]
        cookie = "keepwell_session=" + serializer.dumps({"sid": token, "_user_id": str(mentor.id)})
        mentor_id, first_person_id = mentor.id, first_person.id
        access_cost = measure_access_check(app, mentor_id, first_person_id)
        db.engine.dispose()
    return {"cookie": cookie, "first_person": first_person_id, "access": access_cost}


def measure_access_check(app: Any, mentor_id: int, person_id: int) -> dict[str, float]:
    """The same member page, served in-process, with the policy and with it replaced by
    an always-yes stand-in: the difference is what the check costs per request."""
    from app import access
    from app.data.accounts.models import User

    client = app.test_client()
    with client.session_transaction() as session:
        with app.app_context():
            from app.data.accounts.queries import open_device_session
            from app.data.database import db

            token = open_device_session(
                db.session.get(User, mentor_id), remember=True, method="bench", user_agent="bench"
            )
            db.session.commit()
        session["sid"] = token
    url = f"/people/{person_id}/plan/crisis-plan"

    def timed(rounds: int = 300) -> float:
        samples = []
        for _ in range(rounds):
            started = time.perf_counter()
            response = client.get(url)
            samples.append(time.perf_counter() - started)
            assert response.status_code == 200, response.status_code
        return statistics.median(samples) * 1000

    timed(50)
    with_check = timed()
    real_decide = access.decide
    access.decide = lambda *args, **kwargs: access.ALLOW  # type: ignore[assignment]
    try:
        without_check = timed()
    finally:
        access.decide = real_decide  # type: ignore[assignment]
    with_again = timed()
    return {
        "page_median_ms_with_check": round((with_check + with_again) / 2, 3),
        "page_median_ms_without_check": round(without_check, 3),
        "access_check_ms": round((with_check + with_again) / 2 - without_check, 3),
    }


def main(argv: list[str]) -> dict[str, Any]:
    databases = support.databases_from(argv)
    report: dict[str, Any] = {"goals": GOALS, "people_supported": PEOPLE}
    for kind in databases:
        with temporary_workdir() as directory:
            workdir = Path(directory)
            url = fresh_database(kind, workdir)
            prepared = prepare(url, workdir)
            with gunicorn(bench_environment(url, workdir)) as server:
                wrk(server.url + "/people", cookie=prepared["cookie"], seconds=3)
                people = wrk(server.url + "/people", cookie=prepared["cookie"])
            report[kind] = {
                "people_page_rps": round(people.requests_per_second),
                "people_page_p50_ms": round(people.p50_ms, 1),
                "people_page_p99_ms": round(people.p99_ms, 1),
                "errors": people.errors,
                **prepared["access"],
            }
    return report
