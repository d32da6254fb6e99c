"""Meet: British Sign Language videos. A service attaches its own BSL video, with WebVTT
captions and a written transcript, to any of the main pages; a page with one offers
"Watch in BSL" near the top and loads nothing until asked. No video ships with Keepwell,
and nothing is embedded from anyone else: the file is served from this server.

The checks here are pure (bytes and text in, a problem or None out)."""

from __future__ import annotations

import re
import secrets
from pathlib import Path

from flask import current_app, g, request
from flask_babel import lazy_gettext as _l
from flask_babel.speaklater import LazyString
from sqlalchemy.exc import SQLAlchemyError

from app.data.database import rollback_after_failure
from app.data.needs.bsl import bsl_video
from app.data.needs.models import BslVideo
from app.plan.parts import PARTS

# The pages a service can attach a video to, by key, with the name a manager reads.
PAGES: dict[str, LazyString] = {
    "welcome": _l("Welcome page"),
    "help": _l("Get help now"),
    **{f"plan-{part.key}": part.title for part in PARTS},
    "progress": _l("My progress"),
    "circle": _l("My circle"),
}
# The page each video is shown on: endpoint -> page key (plan parts add their own).
ENDPOINT_PAGES = {
    "home.index": "welcome",
    "help.help_now": "help",
    "outcomes.progress": "progress",
    "circle.overview": "circle",
}
PLAN_SLUGS = {part.slug: part.key for part in PARTS}

SIGNATURES = {
    "video/webm": lambda head: head.startswith(b"\x1a\x45\xdf\xa3"),  # EBML (WebM)
    "video/mp4": lambda head: head[4:8] == b"ftyp",  # ISO base media (MP4)
}
SUFFIXES = {"video/webm": ".webm", "video/mp4": ".mp4"}
CAPTIONS_MAX_BYTES = 200 * 1024
TIMESTAMP = r"(?:\d{2,}:)?[0-5]\d:[0-5]\d\.\d{3}"
CUE_TIMING = re.compile(rf"^({TIMESTAMP})[ \t]+-->[ \t]+({TIMESTAMP})(?:[ \t].*)?$")


def media_type_of(head: bytes) -> str | None:
    """The container a file really is, from its first bytes (never its name)."""
    return next((kind for kind, looks in SIGNATURES.items() if looks(head)), None)


def _seconds(stamp: str) -> float:
    parts = [float(part) for part in stamp.split(":")]
    while len(parts) < 3:
        parts.insert(0, 0.0)
    hours, minutes, seconds = parts
    return hours * 3600 + minutes * 60 + seconds


def webvtt_problem(raw: bytes) -> LazyString | None:
    """Why this is not a WebVTT file a browser will show, or None if it is. Checks the
    signature line, UTF-8, and that there is at least one cue whose timings are in
    order (the parts of the format a browser refuses a file for)."""
    if len(raw) > CAPTIONS_MAX_BYTES:
        return _l("The captions file is too big. It must be under 200 KB.")
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        return _l("The captions file must be saved as UTF-8 text.")
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    if not re.match(r"^WEBVTT(?:[ \t].*)?$", lines[0]):
        return _l("The captions file must be WebVTT: its first line must be WEBVTT.")
    cues = 0
    for line in lines[1:]:
        if "-->" not in line:
            continue
        timing = CUE_TIMING.match(line.strip())
        if timing is None or _seconds(timing.group(2)) < _seconds(timing.group(1)):
            return _l("The captions file has a cue time that is not right: %(line)s", line=line)
        cues += 1
    if cues == 0:
        return _l("The captions file has no captions in it.")
    return None


def video_folder() -> Path:
    folder = Path(current_app.instance_path) / "bsl-videos"
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def new_file_name(media_type: str) -> str:
    return secrets.token_hex(16) + SUFFIXES[media_type]


def video_path(file_name: str) -> Path:
    return video_folder() / Path(file_name).name  # never a path from outside


def delete_file(file_name: str | None) -> None:
    if file_name:
        video_path(file_name).unlink(missing_ok=True)


def page_key_for_request() -> str | None:
    endpoint = request.endpoint or ""
    if endpoint == "plan.show_part":
        key = PLAN_SLUGS.get((request.view_args or {}).get("slug", ""))
        return f"plan-{key}" if key else None
    return ENDPOINT_PAGES.get(endpoint)


def bsl_for_page() -> BslVideo | None:
    """For the layout: this page's BSL video, if the service attached one. A page must
    still work when the database does not answer (Get help now above all)."""
    if g.get("database_down") or g.get("error_page"):
        return None
    key = page_key_for_request()
    if key is None:
        return None
    try:
        return bsl_video(key)
    except SQLAlchemyError:
        rollback_after_failure()
        return None
