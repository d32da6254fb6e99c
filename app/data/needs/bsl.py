"""BSL videos on the main pages: which page has one, and its captions and transcript."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import delete, select

from app.data.base import utcnow
from app.data.database import db
from app.data.export import holds_no_personal_data
from app.data.needs.models import BslVideo

# A service's own explainer videos: public content, in nobody's data download.
holds_no_personal_data("bsl_videos")


@dataclass(frozen=True)
class VideoValues:
    file_name: str
    media_type: str
    captions: str
    transcript: str


def bsl_video(page_key: str) -> BslVideo | None:
    return db.session.scalar(select(BslVideo).where(BslVideo.page_key == page_key))


def bsl_videos() -> dict[str, BslVideo]:
    return {video.page_key: video for video in db.session.scalars(select(BslVideo))}


def save_bsl_video(page_key: str, values: VideoValues) -> str | None:
    """Attach or replace; gives back the file name that was replaced (to delete once
    the change is committed), if any."""
    video = bsl_video(page_key)
    replaced = None
    if video is None:
        video = BslVideo(page_key=page_key)
        db.session.add(video)
    elif video.file_name != values.file_name:
        replaced = video.file_name
    video.file_name = values.file_name
    video.media_type = values.media_type
    video.captions = values.captions
    video.transcript = values.transcript
    video.updated_at_utc = utcnow()
    db.session.flush()
    return replaced


def remove_bsl_video(page_key: str) -> str | None:
    """Take the video off the page; gives back its file name (to delete), if there was one."""
    video = bsl_video(page_key)
    if video is None:
        return None
    db.session.execute(delete(BslVideo).where(BslVideo.page_key == page_key))
    db.session.flush()
    return video.file_name
