"""The database session every data function uses. Only `app.data` and the places that
own a transaction (the request boundary in app/web.py, CLI commands, the reminder
dispatcher) touch it; routes call data functions instead (an import contract checks)."""

from __future__ import annotations

from flask_sqlalchemy import SQLAlchemy

from app.data.base import Base

db = SQLAlchemy(model_class=Base)
