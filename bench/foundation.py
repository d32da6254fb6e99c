"""Foundation: page weight of a first visit, and plan-page throughput against a bare
route on the same gunicorn server, on SQLite and PostgreSQL.

    python -m bench foundation [weight] [throughput] [--sqlite-only | --postgres-only]
"""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from bench import support
from bench.support import (
    bench_environment,
    fresh_database,
    gunicorn,
    temporary_workdir,
    wrk,
)

GOALS = {
    "html_plus_css_kb": 14,
    "first_load_kb": 60,
    "javascript_kb": 20,
    "plan_vs_hello_ratio": 0.40,
    "p99_ms": 100,
}


def prepare(database_url: str, workdir: Path) -> dict[str, str]:
    """Migrate, load the demo person, and return a signed-in session cookie for them."""
    from flask_migrate import upgrade

    from app.data.database import db
    from app.demo.people import load_demo

    app = support.bench_app(database_url, workdir)
    with app.app_context():
        upgrade()
        cookie = support.signed_in_cookie(app, load_demo())
        db.engine.dispose()
    return {"cookie": cookie}


def measure_weight(server_url: str, cookie: str) -> dict[str, Any]:
    from playwright.sync_api import sync_playwright

    from app.accessibility.languages import LANGUAGES
    from tests.browser.conftest import CHROMIUM, CHROMIUM_FLAGS

    # label: (path, session cookie, language). Get help now in every language, since a
    # script's letters take more bytes (Urdu, Panjabi, Chinese: 2-3 per letter in UTF-8).
    pages: dict[str, tuple[str, str | None, str]] = {
        "/": ("/", None, "en"),
        "/help": ("/help", None, "en"),
        "/plan/crisis-plan": ("/plan/crisis-plan", cookie, "en"),
    }
    for code in LANGUAGES:
        if code != "en":
            pages[f"/help [{code}]"] = ("/help", None, code)
    results: dict[str, Any] = {}
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_FLAGS)
        for label, (path, session_cookie, language) in pages.items():
            context = browser.new_context(viewport={"width": 360, "height": 740})
            context.add_cookies([{"name": "kw_lang", "value": language, "url": server_url}])
            if session_cookie:
                name, value = session_cookie.split("=", 1)
                context.add_cookies([{"name": name, "value": value, "url": server_url}])
            seen: list[tuple[str, str, int]] = []
            precache: list[int] = []
            kept: list[int] = []

            def record(
                response: Any,
                seen: list[tuple[str, str, int]] = seen,
                precache: list[int] = precache,
                kept: list[int] = kept,
            ) -> None:
                if response.from_service_worker:
                    return  # answered from the worker's cache: nothing crossed the wire
                size = response.request.sizes()["responseBodySize"]
                if response.request.service_worker is not None:
                    precache.append(size)  # the worker filling its offline cache
                elif response.request.headers.get("keepwell-background") == "1":
                    kept.append(size)  # the person's own pages, kept for offline use
                else:
                    seen.append((response.request.resource_type, response.url, size))

            context.on("response", record)
            page = context.new_page()
            page.goto(server_url + path, wait_until="networkidle")
            page.wait_for_function("async () => !!(await navigator.serviceWorker.ready).active")
            page.wait_for_timeout(500)
            context.close()
            document = sum(size for kind, _, size in seen if kind == "document")
            css = sum(size for kind, _, size in seen if kind == "stylesheet")
            scripts = sum(s for kind, url, s in seen if kind == "script" or url.endswith(".js"))
            results[label] = {
                "html_bytes": document,
                "css_bytes": css,
                "html_plus_css_kb": round((document + css) / 1024, 1),
                "javascript_kb": round(scripts / 1024, 1),
                "first_load_kb": round(sum(size for *_, size in seen) / 1024, 1),
                "offline_precache_kb": round(sum(precache) / 1024, 1),
                "offline_own_pages_kb": round(sum(kept) / 1024, 1),
                "first_load_with_precache_kb": round(
                    (sum(size for *_, size in seen) + sum(precache)) / 1024, 1
                ),
                "requests": len(seen) + len(precache),
                "offline_own_pages_requests": len(kept),
            }
        browser.close()
    return results


PLAN_PAGES = {"plan": "/plan", "crisis_plan": "/plan/crisis-plan"}


def measure_bare_flask(env: dict[str, str]) -> Any:
    """A separate bare Flask app (bench/bare_app.py) on the same gunicorn settings."""
    with gunicorn(env, app_spec="bench.bare_app:app", ready="/") as bare:
        wrk(bare.url + "/", seconds=3)
        return wrk(bare.url + "/")


def measure_throughput(server_url: str, cookie: str, env: dict[str, str]) -> dict[str, Any]:
    """A bare Flask app, the in-app bare route and each plan page, one after another on
    the same gunicorn settings: the overview ("My plan") and the demo's crisis plan (26
    entries, the heaviest page). Ratios are to the bare Flask app, as issue 16 asks."""
    bare = measure_bare_flask(env)
    wrk(server_url + "/bench/hello", seconds=3)  # warm up both workers
    for path in PLAN_PAGES.values():
        wrk(server_url + path, cookie=cookie, seconds=3)
    hello = wrk(server_url + "/bench/hello")
    result: dict[str, Any] = {
        "bare_flask_rps": round(bare.requests_per_second),
        "bare_flask_p99_ms": round(bare.p99_ms, 1),
        "hello_rps": round(hello.requests_per_second),
        "hello_p99_ms": round(hello.p99_ms, 1),
        "hello_vs_bare_flask": round(hello.requests_per_second / bare.requests_per_second, 2),
    }
    errors = hello.errors + bare.errors
    for name, path in PLAN_PAGES.items():
        page = wrk(server_url + path, cookie=cookie)
        errors += page.errors
        result[f"{name}_rps"] = round(page.requests_per_second)
        result[f"{name}_p50_ms"] = round(page.p50_ms, 1)
        result[f"{name}_p99_ms"] = round(page.p99_ms, 1)
        result[f"{name}_vs_hello"] = round(page.requests_per_second / hello.requests_per_second, 2)
        result[f"{name}_vs_bare_flask"] = round(
            page.requests_per_second / bare.requests_per_second, 2
        )
    result["errors"] = errors
    return result


def main(argv: list[str]) -> dict[str, Any]:
    wanted = {arg for arg in argv if not arg.startswith("--")} or {"weight", "throughput"}
    databases = support.databases_from(argv)
    report: dict[str, Any] = {"measured_at_utc": datetime.now(UTC).isoformat(), "goals": GOALS}
    for kind in databases:
        with temporary_workdir() as directory:
            workdir = Path(directory)
            url = fresh_database(kind, workdir)
            cookie = prepare(url, workdir)["cookie"]
            env = bench_environment(url, workdir)
            with gunicorn(env) as server:
                if "weight" in wanted and kind == "sqlite":
                    report["weight"] = measure_weight(server.url, cookie)
                if "throughput" in wanted:
                    report[f"throughput_{kind}"] = measure_throughput(server.url, cookie, env)
    return report
