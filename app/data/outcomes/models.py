"""Assessments: a person's self-scored outcomes, a baseline and then reviews.

An assessment is a draft while it is being filled in (one area per page, "save and
finish later"), then complete. Completing and every later correction (its author may
correct it for 24 hours) make a numbered revision, guarded like plan parts so two
devices never both think they made the same version. Everything cascades from `users`.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta
from typing import Any

from sqlalchemy import (
    JSON,
    Date,
    ForeignKey,
    Index,
    Integer,
    String,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.data.accounts.models import User
from app.data.base import Base, UTCDateTime, utcnow

DRAFT = "draft"
COMPLETE = "complete"
CORRECTION_WINDOW = timedelta(hours=24)

# Who the person filled it in with. A peer mentor's own account joins with the circle of
# support (`with_user_id`); until then a name is enough.
ALONE = "alone"
WITH_PEER_MENTOR = "peer_mentor"
WITH_WORKER = "worker"
WITH_CARER = "carer"
WITH_SOMEONE_ELSE = "someone_else"

Answers = dict[str, dict[str, Any]]


class Assessment(Base):
    __tablename__ = "assessments"
    __table_args__ = (
        UniqueConstraint("owner_id", "client_token"),
        Index(
            "ix_assessments_owner_id_instrument_key_status", "owner_id", "instrument_key", "status"
        ),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    owner_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"))
    instrument_key: Mapped[str] = mapped_column(String(32))
    kind: Mapped[str] = mapped_column(String(20))  # baseline | review | ongoing_review
    status: Mapped[str] = mapped_column(String(10), default=DRAFT)
    # From the start form, so a double-tapped "Start" makes one assessment, not two.
    client_token: Mapped[str] = mapped_column(String(32))
    # {item_key: {"score": 1-10 or None, "status": "scored"|"not_for_me"|"prefer_not",
    #             "help": "what would help"}}
    answers: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    version: Mapped[int] = mapped_column(Integer, default=0)  # 0 while a draft
    taken_on: Mapped[date | None] = mapped_column(Date)
    completed_with: Mapped[str] = mapped_column(String(20), default=ALONE)
    with_name: Mapped[str] = mapped_column(String(80), default="")
    with_user_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    # Room for a peer mentor's differing view, area by area: {item_key: {"score": n, "note": ""}}
    other_views: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    ongoing_support: Mapped[str | None] = mapped_column(String(20))  # yes | not_sure | no
    author_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    created_at_utc: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    updated_at_utc: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    completed_at_utc: Mapped[datetime | None] = mapped_column(UTCDateTime())

    @property
    def is_draft(self) -> bool:
        return self.status == DRAFT

    def scores(self) -> dict[str, int | None]:
        return {key: answer.get("score") for key, answer in (self.answers or {}).items()}

    def snapshot(self) -> dict[str, Any]:
        return {
            "answers": self.answers,
            "taken_on": self.taken_on.isoformat() if self.taken_on else None,
            "kind": self.kind,
            "completed_with": self.completed_with,
            "with_name": self.with_name,
            "with_user_id": self.with_user_id,
            "other_views": self.other_views,
            "ongoing_support": self.ongoing_support,
        }


class AssessmentRevision(Base):
    __tablename__ = "assessment_revisions"
    __table_args__ = (UniqueConstraint("assessment_id", "version"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    assessment_id: Mapped[int] = mapped_column(ForeignKey("assessments.id", ondelete="CASCADE"))
    version: Mapped[int] = mapped_column(Integer)
    content: Mapped[dict[str, Any]] = mapped_column(JSON)
    change: Mapped[str] = mapped_column(String(20))  # saved | corrected
    author_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    created_at_utc: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)

    author: Mapped[User | None] = relationship()
