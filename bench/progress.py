"""My progress and reminders: dispatching 10,000 due reminders to a (strict) fake push
service against the bare cost of encrypting and signing 10,000 payloads with pywebpush's
own code, on SQLite and PostgreSQL; and the progress page for a person with 100
assessments under 50 concurrent clients.

    python -m bench progress [dispatch] [page] [--sqlite-only | --postgres-only] [--count N]
"""

from __future__ import annotations

import json
import multiprocessing
import resource
import time
import urllib.request
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from bench import support
from bench.support import bench_environment, fresh_database, gunicorn, temporary_workdir, wrk

GOALS = {"dispatch_vs_bare_ratio": 0.70, "dispatch_peak_mb": 200, "progress_p99_ms": 100}
PAYLOAD = {"url": "/progress/llr9/start", "kind": "review_due"}


def _push_service(public_key: str, count: int, ready: Any, stop: Any, verify: bool = True) -> None:
    """The fake push service in its own process (the other CPU core), as in real life."""
    from cryptography.hazmat.primitives.asymmetric import ec

    from tests.support.fake_push import FakePushService

    service = FakePushService(public_key, verify=verify).start()
    key = ec.generate_private_key(ec.SECP256R1())
    subscriptions = [service.new_device(key).subscription() for _ in range(count)]
    ready.send((service.origin, subscriptions))
    stop.recv()
    service.stop()


def _app(database_url: str, workdir: Path, origin: str = "") -> Any:
    return support.bench_app(
        database_url,
        workdir,
        TESTING=True,  # lets the plain-http fake push service through
        PUSH_INSECURE_ORIGINS=[origin] if origin else [],
    )


def _load_due_reminders(app: Any, subscriptions: list[dict[str, Any]]) -> None:
    """One person per subscription, each with one reminder due now (bulk inserts)."""
    import secrets

    from sqlalchemy import insert, select

    from app.data.accounts.models import User
    from app.data.database import db
    from app.data.reminders.models import PushSubscription, Reminder, ReminderSettings

    now = datetime.now(UTC)
    with app.app_context():
        db.session.execute(
            insert(User),
            [
                {
                    "user_handle": secrets.token_bytes(32),
                    "display_name": f"Bench {n}",
                    "timezone": "UTC",
                    "text_size": "standard",
                    "high_contrast": False,
                    "reduced_motion": False,
                    "is_demo": False,
                    "created_at_utc": now,
                }
                for n in range(len(subscriptions))
            ],
        )
        ids = list(db.session.scalars(select(User.id).order_by(User.id)))
        settings, devices, reminders = [], [], []
        for owner_id, sub in zip(ids, subscriptions, strict=True):
            settings.append(
                {
                    "owner_id": owner_id,
                    "quiet_start": datetime.min.time(),
                    "quiet_end": datetime.min.time(),
                    "replan_after_utc": now + timedelta(days=1),
                }
            )
            devices.append(
                {
                    "owner_id": owner_id,
                    "endpoint": sub["endpoint"],
                    "p256dh": sub["keys"]["p256dh"],
                    "auth": sub["keys"]["auth"],
                    "device": "bench",
                }
            )
            reminders.append(
                {
                    "owner_id": owner_id,
                    "kind": "review_due",
                    "subject": "bench",
                    "url": PAYLOAD["url"],
                    "send_after_utc": now - timedelta(minutes=1),
                }
            )
        for model, rows in (
            (ReminderSettings, settings),
            (PushSubscription, devices),
            (Reminder, reminders),
        ):
            db.session.execute(insert(model), rows)
        db.session.commit()


def _dispatch(database_url: str, workdir: str, origin: str, out: Any) -> None:
    """Runs in a fresh process so its peak memory is the dispatcher's own."""
    from app.reminders.dispatcher import Dispatcher

    app = _app(database_url, Path(workdir), origin)
    dispatcher = Dispatcher(app)
    started = time.perf_counter()
    report = dispatcher.run_pass()
    seconds = time.perf_counter() - started
    dispatcher.close()
    peak_mb = _own_peak_mb()
    out.send({"seconds": seconds, "sent": report.sent, "failed": report.failed, "peak_mb": peak_mb})


def _own_peak_mb() -> float:
    """This process's own peak memory. Linux carries ru_maxrss across the fork and exec
    that start a spawned process, so after a big benchmark in the parent (make bench runs
    groups first) it would report the parent's size; VmHWM belongs to this process alone."""
    try:
        with open("/proc/self/status") as status:
            for line in status:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) / 1024
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _bare(subscriptions: list[dict[str, Any]], private_key_pem: str) -> float:
    """pywebpush's own encryption and VAPID signing, once per message, no network."""
    from urllib.parse import urlsplit

    from py_vapid import Vapid
    from pywebpush import WebPusher

    vapid = Vapid.from_pem(private_key_pem.encode())
    data = json.dumps(PAYLOAD).encode()
    started = time.perf_counter()
    for sub in subscriptions:
        WebPusher(sub).encode(data, "aes128gcm")
        parts = urlsplit(sub["endpoint"])
        vapid.sign(
            {
                "aud": f"{parts.scheme}://{parts.netloc}",
                "exp": int(time.time()) + 43200,
                "sub": "mailto:bench@keepwell.invalid",
            }
        )
    return len(subscriptions) / (time.perf_counter() - started)


def measure_dispatch(kind: str, count: int) -> dict[str, Any]:
    from flask_migrate import upgrade

    from app.reminders.vapid import KEY_FILE, vapid_keys

    spawn = multiprocessing.get_context("spawn")
    with temporary_workdir() as directory:
        workdir = Path(directory)
        url = fresh_database(kind, workdir)
        app = _app(url, workdir)
        with app.app_context():
            upgrade()
            public_key = vapid_keys().public_key
        ready_here, ready_there = spawn.Pipe()
        stop_here, stop_there = spawn.Pipe()
        service = spawn.Process(
            target=_push_service, args=(public_key, count, ready_there, stop_there)
        )
        service.start()
        origin, subscriptions = ready_here.recv()
        _load_due_reminders(_app(url, workdir, origin), subscriptions)
        bare_rate = _bare(subscriptions, (workdir / KEY_FILE).read_text())
        result_here, result_there = spawn.Pipe()
        worker = spawn.Process(target=_dispatch, args=(url, str(workdir), origin, result_there))
        worker.start()
        result = result_here.recv()
        worker.join()
        stats = json.loads(urllib.request.urlopen(origin + "/stats").read())  # noqa: S310
        stop_here.send("stop")
        service.join()
    rate = result["sent"] / result["seconds"]
    return {
        "reminders": count,
        "delivered_and_decrypted": stats["received"],
        "push_service_refusals": stats["errors"],
        "sent": result["sent"],
        "dispatch_seconds": round(result["seconds"], 2),
        "dispatch_per_second": round(rate),
        "bare_encrypt_and_sign_per_second": round(bare_rate),
        "dispatch_vs_bare_ratio": round(rate / bare_rate, 2),
        "dispatch_peak_mb": round(result["peak_mb"], 1),
    }


def _prepare_page(database_url: str, workdir: Path, assessments: int = 100) -> str:
    from flask_migrate import upgrade

    from app.data.database import db

    app = _app(database_url, workdir)
    with app.app_context():
        upgrade()
        cookie = support.signed_in_cookie(
            app, support.person_with_assessments(app, assessments, "Bench")
        )
        db.engine.dispose()
    return cookie


def _wait_until_served(url: str, cookie: str) -> None:
    """gunicorn can take longer than bench.support waits on a busy machine."""
    for _ in range(300):
        try:
            request = urllib.request.Request(url, headers={"Cookie": cookie})
            if urllib.request.urlopen(request, timeout=5).status == 200:  # noqa: S310
                return
        except OSError:
            time.sleep(0.2)
    raise SystemExit(f"{url} never answered")


def measure_page(kind: str) -> dict[str, Any]:
    with temporary_workdir() as directory:
        workdir = Path(directory)
        url = fresh_database(kind, workdir)
        cookie = _prepare_page(url, workdir)
        with gunicorn(bench_environment(url, workdir)) as server:
            _wait_until_served(server.url + "/progress", cookie)
            wrk(server.url + "/progress", cookie=cookie, seconds=3)  # warm both workers
            result = wrk(server.url + "/progress", cookie=cookie, connections=50, seconds=10)
            # The same load on a bare route and on a foundation page, for scale.
            hello = wrk(server.url + "/bench/hello", connections=50, seconds=10)
            plan = wrk(server.url + "/plan/crisis-plan", cookie=cookie, connections=50, seconds=10)
            size = len(
                urllib.request.urlopen(  # noqa: S310
                    urllib.request.Request(server.url + "/progress", headers={"Cookie": cookie})
                ).read()
            )
    return {
        "assessments": 100,
        "concurrent_clients": 50,
        "requests_per_second": round(result.requests_per_second),
        "p50_ms": round(result.p50_ms, 1),
        "p99_ms": round(result.p99_ms, 1),
        "errors": result.errors,
        "html_kb_uncompressed": round(size / 1024, 1),
        "same_server_hello_rps": round(hello.requests_per_second),
        "same_server_hello_p99_ms": round(hello.p99_ms, 1),
        "same_server_plan_page_rps": round(plan.requests_per_second),
        "same_server_plan_page_p99_ms": round(plan.p99_ms, 1),
    }


def main(argv: list[str]) -> dict[str, Any]:
    wanted = {arg for arg in argv if not arg.startswith("--") and not arg.isdigit()} or {
        "dispatch",
        "page",
    }
    count = int(argv[argv.index("--count") + 1]) if "--count" in argv else 10_000
    databases = support.databases_from(argv)
    report: dict[str, Any] = {"measured_at_utc": datetime.now(UTC).isoformat(), "goals": GOALS}
    for kind in databases:
        if "dispatch" in wanted:
            report[f"dispatch_{kind}"] = measure_dispatch(kind, count)
        if "page" in wanted:
            report[f"progress_page_{kind}"] = measure_page(kind)
    return report
