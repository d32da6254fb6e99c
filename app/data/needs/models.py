"""Communication needs (the Accessible Information Standard, DAPB1605): the record a
person keeps once and chooses to share, and each need in it with its NHS code.

A need is stored with the SNOMED CT concept it was recorded as (id and display term, as
they were when the person chose it), so the record still says what was meant if the
app's own list of needs changes. A need with no matching code keeps the person's words."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from app.data.base import Base, UTCDateTime, utcnow

FORMAT = "format"  # how I like to get information: large print, easy read...
SUPPORT = "support"  # communication support: a BSL interpreter, an advocate...
CONTACT = "contact"  # how to contact me: text, email, no phone calls...
KINDS = (FORMAT, SUPPORT, CONTACT)


class CommunicationNeeds(Base):
    """Recorded once, shown to everyone the person lets see it."""

    __tablename__ = "communication_needs"

    id: Mapped[int] = mapped_column(primary_key=True)
    owner_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), unique=True)
    # A key from app/needs/vocabulary.py ("bsl", "cy"), or the person's own words.
    language: Mapped[str] = mapped_column(String(80), default="")
    notes: Mapped[str] = mapped_column(Text, default="")
    updated_at_utc: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    # When the person was first asked (answered or skipped): asked once, not every visit.
    asked_at_utc: Mapped[datetime | None] = mapped_column(UTCDateTime())
    # When the person last said the record is right (the yearly review).
    checked_at_utc: Mapped[datetime | None] = mapped_column(UTCDateTime())


class CommunicationNeed(Base):
    """One need: a key from Keepwell's list with its SNOMED CT concept, or own words."""

    __tablename__ = "communication_need_items"

    id: Mapped[int] = mapped_column(primary_key=True)
    owner_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    kind: Mapped[str] = mapped_column(String(20))
    key: Mapped[str] = mapped_column(String(40), default="")  # "" for own words
    snomed_id: Mapped[str | None] = mapped_column(String(20))
    snomed_term: Mapped[str] = mapped_column(String(200), default="")
    own_words: Mapped[str] = mapped_column(Text, default="")
    created_at_utc: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)


class BslVideo(Base):
    """A British Sign Language video a service attaches to one of the main pages, with
    its WebVTT captions and a written transcript. The video file itself is kept in the
    instance folder (app/needs/bsl.py); nobody's personal data is in it."""

    __tablename__ = "bsl_videos"

    id: Mapped[int] = mapped_column(primary_key=True)
    page_key: Mapped[str] = mapped_column(String(60), unique=True)
    file_name: Mapped[str] = mapped_column(String(80))  # random, made by the app
    media_type: Mapped[str] = mapped_column(String(40))  # video/mp4 or video/webm
    captions: Mapped[str] = mapped_column(Text)  # WebVTT, checked before it is saved
    transcript: Mapped[str] = mapped_column(Text)
    updated_at_utc: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
