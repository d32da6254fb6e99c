"""Whether the database answers: for the health check a load balancer polls."""

from __future__ import annotations

from sqlalchemy import text

from app.data.database import db


def database_answers() -> None:
    """Ask the database the simplest question; raises if it cannot be reached."""
    db.session.execute(text("SELECT 1"))
