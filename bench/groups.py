"""Find groups with 10,000 generated listings across England, on SQLite and PostgreSQL:
import time from an ORUK feed, search p95 (words + two filters + distance), the ORUK
services list p95, and the weight of a results page.

    python -m bench groups [--sqlite-only | --postgres-only] [--listings N]

Times are server-side: each request is handled in-process by the Flask app (no network,
no client), timed from the request entering the app to the response leaving it.
"""

from __future__ import annotations

import json
import random
import statistics
import time
import uuid
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from bench import support
from bench.support import temporary_workdir

EXAMPLES = Path(__file__).resolve().parent.parent / "tests/integration/groups/oruk_examples/oruk"
GOALS = {"search_p95_ms": 30, "api_services_p95_ms": 50, "import_seconds": 60, "results_kb": 14}
WORDS = ["peer", "garden", "art", "walk", "advice", "carers", "cafe", "music", "support"]
TYPES = [
    "peer-support",
    "befriending",
    "gardening-outdoors",
    "creative",
    "physical-activity",
    "employment-volunteering",
    "money-benefits-advice",
    "carers-support",
]
DAYS = ["MO", "TU", "WE", "TH", "FR", "SA", "SU"]
ENGLAND = (49.9, 55.8, -5.7, 1.8)


def english_towns() -> list[Any]:
    from app.groups.places import gazetteer

    towns = []
    for places in gazetteer().towns.values():
        place = places[0]
        if ENGLAND[0] < place.latitude < ENGLAND[1] and ENGLAND[2] < place.longitude < ENGLAND[3]:
            towns.append(place)
    return sorted(towns, key=lambda p: p.name)


def generated_feed(count: int, seed: int = 4) -> list[dict[str, Any]]:
    from app.data.groups import taxonomy

    rng = random.Random(seed)  # noqa: S311 - test data, not secrets
    towns = english_towns()
    records = []
    for number in range(count):
        town = rng.choice(towns)
        kind = rng.choice(TYPES)
        words = rng.sample(WORDS, 3)
        sid = str(uuid.UUID(int=rng.getrandbits(128)))
        opens = rng.choice(["09:30", "10:00", "13:00", "17:30", "18:30"])
        records.append(
            {
                "id": sid,
                "name": f"{town.name} {words[0]} {words[1]} group {number}",
                "description": f"A {words[2]} group in {town.name} for adults. Everyone welcome.",
                "url": f"https://listing{number}.example.org",
                "status": "active",
                "organization": {
                    "id": str(uuid.UUID(int=number % 700 + 1)),
                    "name": f"Organisation {number % 700}",
                    "description": "Demo.",
                },
                "service_at_locations": [
                    {
                        "id": str(uuid.uuid5(uuid.NAMESPACE_URL, sid + "/sal")),
                        "location": {
                            "id": str(uuid.uuid5(uuid.NAMESPACE_URL, sid + "/loc")),
                            "location_type": "physical",
                            "latitude": round(town.latitude + rng.uniform(-0.02, 0.02), 5),
                            "longitude": round(town.longitude + rng.uniform(-0.02, 0.02), 5),
                            "name": town.name,
                        },
                    }
                ],
                "schedules": [
                    {
                        "id": str(uuid.uuid5(uuid.NAMESPACE_URL, sid + "/schedule")),
                        "freq": "WEEKLY",
                        "byday": ",".join(rng.sample(DAYS, 2)),
                        "opens_at": opens,
                        "closes_at": "20:00" if opens > "17" else "15:00",
                    }
                ],
                "attributes": [
                    {
                        "id": str(uuid.uuid5(uuid.NAMESPACE_URL, sid + "/" + code)),
                        "taxonomy_term": {
                            "id": taxonomy.term_for(code).id,
                            "name": code,
                            "description": taxonomy.term_for(code).description,
                        },
                    }
                    for code in {
                        kind,
                        rng.choice(["wheelchair", "hearing-loop", "quiet-space"]),
                        "self-referral",
                    }
                ],
                "cost_options": [
                    {
                        "id": str(uuid.uuid5(uuid.NAMESPACE_URL, sid + "/cost")),
                        "amount": rng.choice([0, 0, 0, 3]),
                        "currency": "GBP",
                    }
                ],
            }
        )
    return records


def _percentile(samples: list[float], fraction: float) -> float:
    ordered = sorted(samples)
    return ordered[min(len(ordered) - 1, int(round(fraction * (len(ordered) - 1))))]


def _timed(client: Any, url: str, headers: dict[str, str] | None = None) -> tuple[float, Any]:
    start = time.perf_counter()
    response = client.get(url, headers=headers or {})
    elapsed = (time.perf_counter() - start) * 1000
    assert response.status_code == 200, (url, response.status_code)
    return elapsed, response


def measure(database_url: str, workdir: Path, listings: int) -> dict[str, Any]:
    from flask_migrate import upgrade

    from app import create_app
    from app.data.database import db
    from app.groups.importer import import_feed

    app = create_app(
        {
            "SQLALCHEMY_DATABASE_URI": database_url,
            "SECRET_KEY": "bench",
            "INSTANCE_PATH": workdir,
            "RATELIMIT_ENABLED": False,
        }
    )
    feed = json.dumps({"contents": generated_feed(listings)})
    with app.app_context():
        upgrade()
        start = time.perf_counter()
        # As `flask groups import` runs it: a commit every COMMIT_EVERY listings.
        report = import_feed(feed, checkpoint=db.session.commit)
        import_seconds = time.perf_counter() - start
        again = time.perf_counter()
        second = import_feed(feed, checkpoint=db.session.commit)
        reimport_seconds = time.perf_counter() - again
    client = app.test_client()
    rng = random.Random(7)  # noqa: S311
    towns = [t for t in english_towns() if len(t.name) < 20]
    searches, api = [], []
    for _ in range(20):  # warm caches (gazetteer, translations, query plans)
        _timed(client, "/groups?q=garden&place=Leeds&distance=10&types=creative&when=evenings")
    for _ in range(300):
        town = rng.choice(towns)
        url = (
            f"/groups?q={rng.choice(WORDS)}&place={town.name}&distance=10"
            f"&types={rng.choice(TYPES)}&days={rng.choice(DAYS)}"
        )
        searches.append(_timed(client, url)[0])
    for page in range(1, 301):
        api.append(
            _timed(
                client, f"/api/oruk/services?per_page=50&page={page % max(1, listings // 50) + 1}"
            )[0]
        )
    _ms, response = _timed(
        client, "/groups?q=group&place=Manchester&distance=25", {"Accept-Encoding": "br, gzip"}
    )
    with app.app_context():
        db.engine.dispose()
    return {
        "listings": listings,
        "import_seconds": round(import_seconds, 1),
        "imported": len(report.added),
        "reimport_seconds": round(reimport_seconds, 1),
        "reimport_unchanged": len(second.unchanged),
        "search_p50_ms": round(statistics.median(searches), 1),
        "search_p95_ms": round(_percentile(searches, 0.95), 1),
        "api_services_p50_ms": round(statistics.median(api), 1),
        "api_services_p95_ms": round(_percentile(api, 0.95), 1),
        "results_kb": round(len(response.get_data()) / 1024, 1),
        "results_encoding": response.headers.get("Content-Encoding", "none"),
        **round_trip(app),
    }


def _leaves(value: Any, prefix: str = "") -> dict[str, Any]:
    if isinstance(value, dict):
        items = value.items()
    elif isinstance(value, list):
        items = ((f"[{index}]", item) for index, item in enumerate(value))
    else:
        return {prefix: value}
    found: dict[str, Any] = {}
    for key, item in items:
        found.update(_leaves(item, f"{prefix}.{key}" if prefix and key[0] != "[" else prefix + key))
    return found


def round_trip(app: Any) -> dict[str, Any]:
    """The official ORUK 3.0 service_full example: fields in, fields out, and how many
    differ after import -> API (issue 14: none may be dropped or changed)."""
    from app.data.database import db
    from app.groups.importer import import_feed

    path = EXAMPLES / "service_full.json"
    record = json.loads(path.read_text())
    for link in record.get("service_at_locations", []):  # a placeholder latitude of 100,
        location = link.get("location", {})  # which the import rightly drops (with a warning)
        if location.get("latitude") == 100:
            location["latitude"], location["longitude"] = 51.75, -1.25
    with app.app_context():
        import_feed(json.dumps(record), publisher="bench round trip")
        db.session.commit()
    out = app.test_client().get(f"/api/oruk/services/{record['id']}").get_json()
    fields_in, fields_out = _leaves(record), _leaves(out)
    differ = {
        k for k in fields_in.keys() | fields_out.keys() if fields_in.get(k) != fields_out.get(k)
    }
    return {
        "round_trip_fields_in": len(fields_in),
        "round_trip_fields_out": len(fields_out),
        "round_trip_fields_differing": len(differ),
    }


def main(argv: list[str]) -> dict[str, Any]:
    databases = support.databases_from(argv)
    listings = int(argv[argv.index("--listings") + 1]) if "--listings" in argv else 10_000
    report: dict[str, Any] = {"measured_at_utc": datetime.now(UTC).isoformat(), "goals": GOALS}
    for kind in databases:
        with temporary_workdir() as directory:
            workdir = Path(directory)
            # Its own PostgreSQL database, so it never drops one another benchmark is using.
            support.BENCH_DATABASE = "keepwell_bench_groups"
            report[kind] = measure(support.fresh_database(kind, workdir), workdir, listings)
    return report
