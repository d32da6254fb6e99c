"""Static files are served with a content hash in the URL, so browsers may cache them
for a year and still see a change the moment it ships."""

from __future__ import annotations

import hashlib
from pathlib import Path

from flask import Flask, current_app, url_for

_HASHES_KEY = "keepwell_asset_hashes"


def init_assets(app: Flask) -> None:
    static = Path(app.static_folder or "")
    hashes: dict[str, str] = {}
    for path in sorted(static.rglob("*")):
        if path.is_file():
            digest = hashlib.sha256(path.read_bytes()).hexdigest()[:10]
            hashes[path.relative_to(static).as_posix()] = digest
    app.extensions[_HASHES_KEY] = hashes


def asset_hashes() -> dict[str, str]:
    return current_app.extensions[_HASHES_KEY]


def asset_url(filename: str) -> str:
    # Every page asks for the same few files; building each URL once saves a little on
    # every request (the app's root path never changes while it runs).
    urls: dict[str, str] = current_app.extensions.setdefault("keepwell_asset_urls", {})
    if filename not in urls:
        digest = asset_hashes().get(filename)
        if digest is None:
            raise KeyError(f"No static file called {filename}")
        urls[filename] = url_for("static", filename=filename, v=digest)
    return urls[filename]


def assets_version() -> str:
    """One hash of every static file: the service worker's cache name follows it."""
    joined = "".join(f"{name}:{digest}" for name, digest in sorted(asset_hashes().items()))
    return hashlib.sha256(joined.encode()).hexdigest()[:12]


def script_url(filename: str) -> str:
    """JavaScript modules import each other by relative URL, so they all share one version:
    main.js passes its own `?v=` on to every module it loads."""
    if filename not in asset_hashes():
        raise KeyError(f"No static file called {filename}")
    return url_for("static", filename=filename, v=assets_version())
