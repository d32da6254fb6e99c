"""Fast under load (issue 16): each heavy signed-in page against a separate bare Flask
app, on the same gunicorn settings, in one run, on SQLite and PostgreSQL.

    python -m bench load [--sqlite-only | --postgres-only] [--servers] [--seconds N]

The pages, each with the data the issue names:
- My plan and the crisis plan of the demo person (26 crisis plan entries);
- People I support, for a peer mentor with 200 people;
- My progress, for a person with 100 assessments;
- Find groups results, over 10,000 listings;
and the app's bare route, signed out and signed in, for its floor.

wrk at 50 connections, gunicorn with 2 sync workers (the deployment the README gives).
`--servers` also runs every page on gunicorn's threaded workers (gthread) and on
waitress, to compare worker models on the same pages."""

from __future__ import annotations

import json
import os
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from bench import support
from bench.support import (
    bench_environment,
    fresh_database,
    get_page,
    gunicorn,
    person_with_assessments,
    signed_in_cookie,
    temporary_workdir,
    wrk,
)

GOALS = {"sqlite_vs_bare_flask": 0.40, "postgresql_vs_bare_flask": 0.30, "p99_ms": 100}
MENTORED = 200
ASSESSMENTS = 100
LISTINGS = 10_000
FIND_GROUPS = "/groups?q=group&place=Manchester&distance=25"

# label: (path, whose cookie). The two bare routes in the app measure its floor: every
# request's own hooks, and then checking a signed-in session (one query, which holds the
# idle time-out and "sign out everywhere"), before any page is drawn.
PAGES = {
    "in_app_hello_signed_out": ("/bench/hello", ""),
    "in_app_hello_signed_in": ("/bench/hello", "demo"),
    "my_plan": ("/plan", "demo"),
    "crisis_plan": ("/plan/crisis-plan", "demo"),
    "people_i_support": ("/people", "mentor"),
    "my_progress": ("/progress", "progress"),
    "find_groups": (FIND_GROUPS, "demo"),
}


def _mentor_with_people(count: int) -> Any:
    """A peer mentor in `count` people's circles, each sharing everything."""
    from sqlalchemy import insert, select

    from app.auth.accounts import create_account
    from app.circle.permissions import PEER_MENTOR, PERMISSION_KEYS
    from app.data.accounts.models import User
    from app.data.circle.models import CircleMember, Grant
    from app.data.database import db

    mentor = create_account(display_name="Bench mentor")
    db.session.flush()
    first = db.session.scalar(select(User.id).order_by(User.id.desc()).limit(1))
    db.session.execute(
        insert(User),
        [{"user_handle": os.urandom(32), "display_name": f"Person {n:03}"} for n in range(count)],
    )
    owners = list(db.session.scalars(select(User.id).where(User.id > first).order_by(User.id)))
    db.session.execute(
        insert(CircleMember),
        [
            {"owner_id": owner, "member_id": mentor.id, "role": PEER_MENTOR, "label": "Mentor"}
            for owner in owners
        ],
    )
    members = db.session.scalars(select(CircleMember.id).where(CircleMember.member_id == mentor.id))
    db.session.execute(
        insert(Grant),
        [{"circle_member_id": m, "permission": key} for m in members for key in PERMISSION_KEYS],
    )
    db.session.commit()
    return mentor


def prepare(database_url: str, workdir: Path) -> dict[str, str]:
    """Migrate, load the demo, the mentor, the assessments and the listings; return a
    signed-in cookie for each person."""
    from flask_migrate import upgrade

    from app.data.database import db
    from app.demo.people import load_demo
    from app.groups.importer import import_feed
    from bench.groups import generated_feed

    app = support.bench_app(database_url, workdir)
    with app.app_context():
        upgrade()
        cookies = {
            "demo": signed_in_cookie(app, load_demo()),
            "mentor": signed_in_cookie(app, _mentor_with_people(MENTORED)),
            "progress": signed_in_cookie(
                app, person_with_assessments(app, ASSESSMENTS, "Bench progress")
            ),
        }
        feed = json.dumps({"contents": generated_feed(LISTINGS)})
        import_feed(feed, checkpoint=db.session.commit)
        db.session.commit()
        db.engine.dispose()
    return cookies


def measure_pages(
    server_url: str, cookies: dict[str, str], bare_rps: float, seconds: int
) -> dict[str, Any]:
    result: dict[str, Any] = {}
    for label, (path, who) in PAGES.items():
        cookie = cookies[who] if who else ""
        size = len(get_page(server_url + path, cookie))
        wrk(server_url + path, cookie=cookie, seconds=3)  # warm both workers
        load = wrk(server_url + path, cookie=cookie, seconds=seconds)
        result[label] = {
            "path": path,
            "rps": round(load.requests_per_second),
            "p50_ms": round(load.p50_ms, 1),
            "p99_ms": round(load.p99_ms, 1),
            "vs_bare_flask": round(load.requests_per_second / bare_rps, 3),
            "errors": load.errors,
            "html_kb": round(size / 1024, 1),
        }
    # The same heaviest page when the browser accepts brotli: the cost of compressing
    # in the app rather than in the front proxy (KEEPWELL_COMPRESS).
    path, who = PAGES["crisis_plan"]
    compressed = wrk(
        server_url + path, cookie=cookies[who], seconds=seconds, accept_encoding="br, gzip"
    )
    result["crisis_plan_brotli"] = {
        "rps": round(compressed.requests_per_second),
        "p99_ms": round(compressed.p99_ms, 1),
        "vs_bare_flask": round(compressed.requests_per_second / bare_rps, 3),
        "errors": compressed.errors,
    }
    return result


SERVERS: dict[str, dict[str, Any]] = {
    "gunicorn_sync_2": {},
    "gunicorn_sync_4": {"workers": 4},
    "gunicorn_gthread_2x4": {"extra": ["-k", "gthread", "--threads", "4"]},
}


def measure(kind: str, servers: bool, seconds: int) -> dict[str, Any]:
    with temporary_workdir() as directory:
        workdir = Path(directory)
        url = fresh_database(kind, workdir)
        cookies = prepare(url, workdir)
        env = bench_environment(url, workdir)
        with gunicorn(env, app_spec="bench.bare_app:app", ready="/") as bare_server:
            wrk(bare_server.url + "/", seconds=3)
            bare = wrk(bare_server.url + "/", seconds=seconds)
        report: dict[str, Any] = {
            "bare_flask": {
                "rps": round(bare.requests_per_second),
                "p50_ms": round(bare.p50_ms, 1),
                "p99_ms": round(bare.p99_ms, 1),
            }
        }
        chosen = SERVERS if servers else {"gunicorn_sync_2": {}}
        for name, settings in chosen.items():
            with gunicorn(
                env, workers=settings.get("workers", 2), extra=settings.get("extra", [])
            ) as server:
                report[name] = measure_pages(server.url, cookies, bare.requests_per_second, seconds)
        if servers:
            with support.waitress(env) as server:
                report["waitress_4_threads"] = measure_pages(
                    server.url, cookies, bare.requests_per_second, seconds
                )
        return report


def main(argv: list[str]) -> dict[str, Any]:
    seconds = int(argv[argv.index("--seconds") + 1]) if "--seconds" in argv else 10
    report: dict[str, Any] = {
        "measured_at_utc": datetime.now(UTC).isoformat(),
        "goals": GOALS,
        "connections": 50,
        "workers": 2,
    }
    for kind in support.databases_from(argv):
        report[kind] = measure(kind, "--servers" in argv, seconds)
    return report
