"""`make screenshots`: pictures of pages at 360 px wide, as a person would see them.

    python -m scripts.screenshots [--all] [OUTPUT_DIR]

Without --all it refreshes the README's pictures in docs/screenshots/. With --all it
photographs every page in standard, large print and Welsh into screenshots/tmp/ (not
committed), for looking over a change.
"""

from __future__ import annotations

import sys
import tempfile
import threading
from pathlib import Path

from werkzeug.serving import make_server

ROOT = Path(__file__).resolve().parent.parent
README_SHOTS = [
    ("plan-crisis-360", "/plan/crisis-plan", "standard", "en", False),
    ("help-large-360", "/help", "large_high_contrast", "en", False),
    ("home-cy-360", "/", "standard", "cy", False),
    ("crisis-ur-360", "/plan/crisis-plan", "standard", "ur", False),
    ("language-zh-360", "/language", "standard", "zh_Hant", False),
]
ALL_PAGES = [
    "/",
    "/help",
    "/plan",
    "/plan/crisis-plan",
    "/plan/triggers",
    "/plan/triggers/triggers/add",
    "/plan/crisis-plan/supporters/add",
    "/plan/crisis-plan/history",
    "/plan/print?size=large",
    "/account",
    "/display",
]


def main(argv: list[str]) -> int:
    from flask_migrate import upgrade
    from playwright.sync_api import sync_playwright

    from app import create_app
    from app.demo.people import load_demo
    from tests.browser.conftest import CHROMIUM, CHROMIUM_FLAGS
    from tests.browser.support import DISPLAY_MODES

    everything = "--all" in argv
    args = [a for a in argv if not a.startswith("--")]
    output = (
        Path(args[0]) if args else ROOT / ("screenshots/tmp" if everything else "docs/screenshots")
    )
    output.mkdir(parents=True, exist_ok=True)
    shots = README_SHOTS
    if everything:
        shots = [
            (
                f"{mode}-{lang}-{path.strip('/').replace('/', '-').replace('?', '-') or 'home'}",
                path,
                mode,
                lang,
                True,
            )
            for path in ALL_PAGES
            for mode, lang in (
                ("standard", "en"),
                ("extra_large", "en"),
                ("standard", "cy"),
                ("standard", "ur"),
                ("large", "pa"),
            )
        ]
    with tempfile.TemporaryDirectory() as directory:
        app = create_app(
            {
                "SQLALCHEMY_DATABASE_URI": f"sqlite:///{directory}/shots.sqlite3",
                "SECRET_KEY": "screenshots",
                "INSTANCE_PATH": directory,
                "DEMO_MODE": True,
                "SESSION_COOKIE_SECURE": False,
            }
        )
        with app.app_context():
            upgrade()
            load_demo()
        server = make_server("localhost", 0, app, threaded=True)
        threading.Thread(target=server.serve_forever, daemon=True).start()
        base = f"http://localhost:{server.server_port}"
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_FLAGS)
            for name, path, mode, lang, full_page in shots:
                context = browser.new_context(viewport={"width": 360, "height": 740}, base_url=base)
                context.add_cookies(
                    [
                        {"name": "kw_display", "value": DISPLAY_MODES[mode], "url": base},
                        {"name": "kw_lang", "value": lang, "url": base},
                    ]
                )
                page = context.new_page()
                page.goto("/auth/sign-in")
                page.locator("form[action='/auth/demo'] button").first.click()
                page.wait_for_url(base + "/")
                page.goto(path)
                page.screenshot(path=str(output / f"{name}.png"), full_page=full_page)
                context.close()
            browser.close()
        server.shutdown()
    print(f"Screenshots written to {output}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
