"""Offline first: what the demo person's whole plan costs on the phone, how long ten
changes made offline take to reach the server once the signal is back, and the
JavaScript the whole site sends (SQLite, gunicorn, Debian's Chromium).

    python -m bench offline
"""

from __future__ import annotations

import gzip
import statistics
import time
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from bench.foundation import prepare
from bench.support import bench_environment, fresh_database, gunicorn, temporary_workdir
from tests.browser.support import QUEUED

ROOT = Path(__file__).resolve().parent.parent
GOALS = {"javascript_whole_site_kb_compressed": 20}
STORED = """async () => {
  const cache = await caches.open('kw-private');
  let bytes = 0;
  const keys = await cache.keys();
  for (const request of keys) bytes += (await (await cache.match(request)).blob()).size;
  return [keys.length, bytes];
}"""


def javascript_size(server_url: str) -> dict[str, Any]:
    """Every script the site can send, gzip -9 (what a proxy would send), worker included."""
    import urllib.request

    files = sorted((ROOT / "app" / "static" / "js").rglob("*.js"))
    bodies = [path.read_bytes() for path in files]
    bodies.append(urllib.request.urlopen(server_url + "/sw.js").read())  # noqa: S310
    return {
        "files": len(bodies),
        "raw_kb": round(sum(len(b) for b in bodies) / 1024, 1),
        "gzip_each_kb": round(sum(len(gzip.compress(b, 9)) for b in bodies) / 1024, 1),
    }


SYNCED = "() => localStorage.getItem('keepwell-offline-synced')"


def _poll(page: Any, script: str, expected: Any = None, timeout: float = 60) -> None:
    """Until the page's `script` gives `expected` (or anything truthy when None)."""
    deadline = time.monotonic() + timeout

    def condition() -> bool:
        value = page.evaluate(script)
        return bool(value) if expected is None else value == expected

    while not condition():
        if time.monotonic() > deadline:
            raise TimeoutError
        page.wait_for_timeout(20)


def measure_device(server_url: str, cookie: str, rounds: int = 3) -> dict[str, Any]:
    from playwright.sync_api import sync_playwright

    from tests.browser.conftest import CHROMIUM, CHROMIUM_FLAGS

    stored: list[tuple[int, int]] = []
    keep_seconds: list[float] = []
    send_seconds: list[float] = []
    transferred: list[int] = []
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_FLAGS)
        for _ in range(rounds):
            context = browser.new_context(viewport={"width": 360, "height": 740})
            name, value = cookie.split("=", 1)
            context.add_cookies([{"name": name, "value": value, "url": server_url}])
            page = context.new_page()
            wire: list[int] = []
            page.on(
                "response",
                lambda r, wire=wire: (
                    wire.append(r.request.sizes()["responseBodySize"])
                    if r.request.headers.get("keepwell-background") == "1"
                    else None
                ),
            )
            page.goto(server_url + "/")
            page.wait_for_function("() => navigator.serviceWorker.ready.then((r) => !!r.active)")
            started = time.monotonic()
            page.reload()  # controlled by the worker; the page keeps the whole plan
            _poll(page, SYNCED)
            keep_seconds.append(time.monotonic() - started)
            transferred.append(sum(wire))
            stored.append(tuple(page.evaluate(STORED)))  # type: ignore[arg-type]

            # Ten changes with no signal, then the signal comes back.
            page.goto(server_url + "/plan/crisis-plan")
            links = page.locator("a[href*='/plan/crisis-plan/']").evaluate_all(
                "links => links.map((a) => a.getAttribute('href'))"
                ".filter((h) => /^\\/plan\\/crisis-plan\\/[a-z_]+\\/[0-9a-f]{8,}$/.test(h))"
            )[:10]
            assert len(links) == 10, links
            context.set_offline(True)
            for number, href in enumerate(links):
                page.goto(server_url + href)
                field = page.locator("textarea").first
                field.fill(field.input_value() + f" (offline {number})")
                page.locator("form[data-offline-queue] button[type=submit]").first.click()
                page.wait_for_url("**/plan/crisis-plan")
            assert page.evaluate(QUEUED) == ["waiting"] * len(links)
            started = time.monotonic()
            context.set_offline(False)
            try:
                _poll(page, QUEUED, [])
            except TimeoutError:
                raise TimeoutError(page.evaluate(QUEUED)) from None
            send_seconds.append(time.monotonic() - started)
            context.close()
        browser.close()
    pages, size = stored[-1]
    return {
        "pages_kept": pages,
        "bytes_kept_kb": round(size / 1024, 1),
        "bytes_downloaded_to_keep_them_kb": round(transferred[-1] / 1024, 1),
        "keep_whole_plan_seconds_median": round(statistics.median(keep_seconds), 2),
        "ten_changes_sent_seconds_median": round(statistics.median(send_seconds), 2),
        "ten_changes_sent_seconds_each": [round(s, 2) for s in send_seconds],
    }


def main(argv: list[str]) -> dict[str, Any]:
    report: dict[str, Any] = {"measured_at_utc": datetime.now(UTC).isoformat(), "goals": GOALS}
    with temporary_workdir() as directory:
        workdir = Path(directory)
        url = fresh_database("sqlite", workdir)
        cookie = prepare(url, workdir)["cookie"]
        with gunicorn(bench_environment(url, workdir)) as server:
            report["javascript"] = javascript_size(server.url)
            report["device_sqlite"] = measure_device(server.url, cookie)
    return report
