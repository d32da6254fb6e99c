"""A person's plan: its parts, every earlier version of each part, and words kept when
a save met a newer version."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import (
    JSON,
    ForeignKey,
    Integer,
    String,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.data.accounts.models import User
from app.data.base import Base, UTCDateTime, utcnow

# A part's words: {section key: [entry, ...]}; an entry is {"id": ..., field: text}.
# app/plan/content.py changes them; the database keeps them as JSON.
Entry = dict[str, str]
Content = dict[str, list[Entry]]


class Plan(Base):
    """A person's Wellness Recovery Action Plan: one per person, made of parts."""

    __tablename__ = "plans"

    id: Mapped[int] = mapped_column(primary_key=True)
    owner_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), unique=True)
    review_interval_days: Mapped[int] = mapped_column(Integer, default=42)
    last_reviewed_at_utc: Mapped[datetime | None] = mapped_column(UTCDateTime())
    created_at_utc: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)

    owner: Mapped[User] = relationship()
    parts: Mapped[list[PlanPart]] = relationship(
        back_populates="plan", cascade="all, delete-orphan", passive_deletes=True
    )


class PlanPart(Base):
    """The current words of one part. Every change also becomes a PartRevision."""

    __tablename__ = "plan_parts"
    __table_args__ = (UniqueConstraint("plan_id", "part_key"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    plan_id: Mapped[int] = mapped_column(ForeignKey("plans.id", ondelete="CASCADE"))
    part_key: Mapped[str] = mapped_column(String(40))
    version: Mapped[int] = mapped_column(Integer, default=0)
    content: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    updated_at_utc: Mapped[datetime | None] = mapped_column(UTCDateTime())
    updated_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))

    plan: Mapped[Plan] = relationship(back_populates="parts")
    updated_by: Mapped[User | None] = relationship(foreign_keys=[updated_by_id])


class PartRevision(Base):
    __tablename__ = "part_revisions"
    __table_args__ = (UniqueConstraint("plan_part_id", "version"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    plan_part_id: Mapped[int] = mapped_column(ForeignKey("plan_parts.id", ondelete="CASCADE"))
    version: Mapped[int] = mapped_column(Integer)
    content: Mapped[dict[str, Any]] = mapped_column(JSON)
    change: Mapped[str] = mapped_column(String(20))
    author_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    created_at_utc: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)

    author: Mapped[User | None] = relationship()


class PartDraft(Base):
    """Words that met a newer version from another device. Kept until the person decides."""

    __tablename__ = "part_drafts"

    id: Mapped[int] = mapped_column(primary_key=True)
    plan_part_id: Mapped[int] = mapped_column(
        ForeignKey("plan_parts.id", ondelete="CASCADE"), index=True
    )
    author_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"))
    section_key: Mapped[str] = mapped_column(String(40))
    entry_id: Mapped[str] = mapped_column(String(20))
    base_version: Mapped[int] = mapped_column(Integer)
    entry: Mapped[dict[str, Any]] = mapped_column(JSON)
    created_at_utc: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)

    plan_part: Mapped[PlanPart] = relationship()
