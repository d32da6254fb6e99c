"""changes made offline, remembered by id so that one sent twice is applied once

Revision ID: 0010
Revises: 0009
Create Date: 2026-11-30 01:30:00

"""

from alembic import op
import sqlalchemy as sa

# revision identifiers, used by Alembic.
revision = "0010"
down_revision = "0009"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "replayed_changes",
        sa.Column("change_id", sa.String(length=40), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("created_at_utc", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["user_id"],
            ["users.id"],
            name=op.f("fk_replayed_changes_user_id_users"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("change_id", name=op.f("pk_replayed_changes")),
    )
    op.create_index(
        op.f("ix_replayed_changes_user_id"), "replayed_changes", ["user_id"], unique=False
    )


def downgrade() -> None:
    op.drop_index(op.f("ix_replayed_changes_user_id"), table_name="replayed_changes")
    op.drop_table("replayed_changes")
