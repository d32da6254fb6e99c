"""SQLite's full-text index numbers each service's row by a digest of its id

Revision ID: 0011
Revises: 0010
Create Date: 2026-11-30 05:20:00

A search near a place reads the matching rows of `services_fts` by number alone (issue
16); each row's number is now a 63-bit blake2b digest of its service's id (the same
formula as app/data/groups/search.py: fts_rowid, written out here so this revision never
changes). PostgreSQL's index is a column on `services`: nothing to do there.
"""

import hashlib

from alembic import op
import sqlalchemy as sa

# revision identifiers, used by Alembic.
revision = "0011"
down_revision = "0010"
branch_labels = None
depends_on = None


def _row_number(service_id: str) -> int:
    digest = hashlib.blake2b(service_id.encode(), digest_size=8).digest()
    return int.from_bytes(digest, "big") >> 1


def upgrade() -> None:
    bind = op.get_bind()
    if bind.dialect.name != "sqlite":
        return
    rows = bind.execute(sa.text("SELECT service_id, body FROM services_fts")).all()
    bind.execute(sa.text("DELETE FROM services_fts"))
    if rows:
        bind.execute(
            sa.text(
                "INSERT INTO services_fts (rowid, service_id, body) "
                "VALUES (:rowid, :service_id, :body)"
            ),
            [
                {"rowid": _row_number(service_id), "service_id": service_id, "body": body}
                for service_id, body in rows
            ],
        )


def downgrade() -> None:
    pass  # the numbers are as good as any others to an older version
