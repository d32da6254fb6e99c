"""Shared pieces for benchmarks: a gunicorn server on a fresh database, a signed-in
cookie, and wrk for load (a C load generator, so the client does not steal the
server's CPU the way a Python one would)."""

from __future__ import annotations

import os
import re
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from sqlalchemy import create_engine, text

ROOT = Path(__file__).resolve().parent.parent
POSTGRES_ADMIN_URL = os.environ.get(
    "KEEPWELL_BENCH_POSTGRES_ADMIN", "postgresql+psycopg://postgres@127.0.0.1:5432/postgres"
)
BENCH_DATABASE = "keepwell_bench"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def fresh_database(kind: str, workdir: Path) -> str:
    if kind == "sqlite":
        return f"sqlite:///{workdir / 'bench.sqlite3'}"
    admin = create_engine(POSTGRES_ADMIN_URL, isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.execute(text(f"DROP DATABASE IF EXISTS {BENCH_DATABASE} WITH (FORCE)"))
        connection.execute(text(f"CREATE DATABASE {BENCH_DATABASE}"))
    admin.dispose()
    return POSTGRES_ADMIN_URL.rsplit("/", 1)[0] + f"/{BENCH_DATABASE}"


def databases_from(argv: list[str]) -> list[str]:
    """Both databases, unless `--sqlite-only` or `--postgres-only` says otherwise."""
    if "--sqlite-only" in argv:
        return ["sqlite"]
    if "--postgres-only" in argv:
        return ["postgresql"]
    return ["sqlite", "postgresql"]


def bench_environment(database_url: str, workdir: Path) -> dict[str, str]:
    return {
        **os.environ,
        "DATABASE_URL": database_url,
        "SECRET_KEY": "bench-secret-key",
        "KEEPWELL_SECURE_COOKIES": "0",
        "KEEPWELL_BENCH_ROUTES": "1",
        "KEEPWELL_INSTANCE_PATH": str(workdir),
        "FLASK_APP": "app:create_app",
    }


def run_flask(env: dict[str, str], *args: str) -> str:
    result = subprocess.run(  # noqa: S603
        [sys.executable, "-m", "flask", *args],
        env=env,
        cwd=ROOT,
        check=True,
        capture_output=True,
        text=True,
    )
    return result.stdout


def bench_app(database_url: str, workdir: Path, **overrides: Any) -> Any:
    """The app on a benchmark's database, to fill it (the servers read the same
    settings from bench_environment)."""
    from app import create_app

    return create_app(
        {
            "SQLALCHEMY_DATABASE_URI": database_url,
            "SECRET_KEY": "bench-secret-key",
            "INSTANCE_PATH": workdir,
            **overrides,
        }
    )


def signed_in_cookie(app: Any, person: Any) -> str:
    """A `Cookie:` value signing `person` in on a device of their own (in an app
    context; commits the device session)."""
    from app.data.accounts.queries import open_device_session
    from app.data.database import db

    token = open_device_session(person, remember=True, method="bench", user_agent="wrk")
    db.session.commit()
    serializer = app.session_interface.get_signing_serializer(app)
    return "keepwell_session=" + serializer.dumps({"sid": token, "_user_id": str(person.id)})


def person_with_assessments(app: Any, count: int, display_name: str) -> Any:
    """A new person with `count` weekly LLR9 assessments, the first a baseline."""
    from app.auth.accounts import create_account
    from app.data.database import db
    from tests.support.progress import LLR_KEYS, make_assessment

    person = create_account(display_name=display_name)
    db.session.commit()
    start = date.today() - timedelta(days=7 * count)
    for n in range(count):
        scores = {key: 1 + (n + i) % 10 for i, key in enumerate(LLR_KEYS)}
        kind = "baseline" if n == 0 else "review"
        make_assessment(app, person.id, start + timedelta(days=7 * n), scores, kind=kind)
    return db.session.merge(person)


def get_page(url: str, cookie: str = "") -> bytes:
    """One GET, as the cookie's person; anything but 200 is a failure."""
    request = urllib.request.Request(url, headers={"Cookie": cookie} if cookie else {})
    with urllib.request.urlopen(request, timeout=30) as response:  # noqa: S310
        assert response.status == 200, (url, response.status)
        return bytes(response.read())


@dataclass
class Server:
    url: str
    env: dict[str, str]


@contextmanager
def gunicorn(
    env: dict[str, str],
    workers: int = 2,
    app_spec: str = "app:create_app()",
    ready: str = "/healthz",
    extra: list[str] | None = None,
) -> Iterator[Server]:
    port = free_port()
    command = ["-m", "gunicorn", "-w", str(workers), "-b", f"127.0.0.1:{port}"]
    command += ["--log-level", "warning", *(extra or []), app_spec]
    with _serving([sys.executable, *command], env, port, ready) as server:
        yield server


@contextmanager
def waitress(env: dict[str, str], threads: int = 4) -> Iterator[Server]:
    """Waitress (Pylons' production WSGI server): one process, a pool of threads."""
    port = free_port()
    command = [sys.executable, "-m", "waitress", f"--listen=127.0.0.1:{port}"]
    command += [f"--threads={threads}", "--call", "app:create_app"]
    with _serving(command, env, port, "/healthz") as server:
        yield server


@contextmanager
def _serving(command: list[str], env: dict[str, str], port: int, ready: str) -> Iterator[Server]:
    process = subprocess.Popen(command, env=env, cwd=ROOT)  # noqa: S603
    url = f"http://127.0.0.1:{port}"
    try:
        for _ in range(100):
            try:
                urllib.request.urlopen(url + ready, timeout=1)  # noqa: S310
                break
            except OSError:
                time.sleep(0.1)
        yield Server(url, env)
    finally:
        process.terminate()
        process.wait(timeout=10)


@dataclass
class LoadResult:
    requests_per_second: float
    p50_ms: float
    p99_ms: float
    errors: int


def _to_ms(value: str) -> float:
    number = float(re.match(r"[\d.]+", value).group(0))
    if value.endswith("us"):
        return number / 1000
    if value.endswith("ms"):
        return number
    if value.endswith("s"):
        return number * 1000
    return number


def wrk(
    url: str,
    *,
    cookie: str = "",
    connections: int = 50,
    seconds: int = 10,
    accept_encoding: str = "",
) -> LoadResult:
    if shutil.which("wrk") is None:
        raise SystemExit("wrk is missing: sudo apt-get install wrk")
    command = ["wrk", "-t2", f"-c{connections}", f"-d{seconds}s", "--latency", url]
    if cookie:
        command[1:1] = ["-H", f"Cookie: {cookie}"]
    if accept_encoding:
        command[1:1] = ["-H", f"Accept-Encoding: {accept_encoding}"]
    output = subprocess.run(command, check=True, capture_output=True, text=True).stdout  # noqa: S603
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1))
    p50 = _to_ms(re.search(r"^\s+50%\s+(\S+)", output, re.M).group(1))
    p99 = _to_ms(re.search(r"^\s+99%\s+(\S+)", output, re.M).group(1))
    errors = re.search(r"Non-2xx or 3xx responses: (\d+)", output)
    socket_errors = re.search(r"Socket errors: (.*)", output)
    count = int(errors.group(1)) if errors else 0
    if socket_errors:
        count += sum(int(n) for n in re.findall(r"\d+", socket_errors.group(1)))
    return LoadResult(rps, p50, p99, count)


def temporary_workdir() -> tempfile.TemporaryDirectory[str]:
    return tempfile.TemporaryDirectory(prefix="keepwell-bench-")
