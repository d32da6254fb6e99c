"""service gaps: a service's own directory listings, workers' "signposted to" records,
the groups people save to their plan (which and when only), and when a listing was
first stored; an index so a report finds one person's memberships of one service

`provider_listings` links a service to the listings it runs, so its managers may edit
those and no others. `service_signposts` holds a type from a fixed list, a date and
perhaps a listing: never any words. `group_saves` lets a service count the kind of group
its members found without reading their plans. `services.created_at_utc` is new, so
listings stored before this stay without it (None: never counted as new). The
downgrade drops exactly these; nothing that was there before is touched.

Revision ID: 0009
Revises: 0008
Create Date: 2026-12-01 10:00:00

"""

from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = "0009"
down_revision = "0008"
branch_labels = None
depends_on = None

# Plain ALTER TABLE, never batch_alter_table (see 0005): on SQLite a batch copies and
# drops the table, and the drop cascades.


def upgrade():
    op.add_column("services", sa.Column("created_at_utc", sa.DateTime(), nullable=True))
    # A report asks, for each row it counts, whether the person was a member that day.
    op.create_index(
        "ix_service_memberships_person_id_provider_id",
        "service_memberships",
        ["person_id", "provider_id"],
        unique=False,
    )
    op.create_table(
        "provider_listings",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("provider_id", sa.Integer(), nullable=False),
        sa.Column("listing_id", sa.String(length=64), nullable=False),
        sa.Column("linked_at_utc", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["listing_id"],
            ["services.id"],
            name=op.f("fk_provider_listings_listing_id_services"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["provider_id"],
            ["service_providers.id"],
            name=op.f("fk_provider_listings_provider_id_service_providers"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_provider_listings")),
        sa.UniqueConstraint("listing_id", name=op.f("uq_provider_listings_listing_id")),
    )
    op.create_index(
        op.f("ix_provider_listings_provider_id"), "provider_listings", ["provider_id"], unique=False
    )
    op.create_table(
        "service_signposts",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("provider_id", sa.Integer(), nullable=False),
        sa.Column("person_id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=40), nullable=False),
        sa.Column("listing_id", sa.String(length=64), nullable=True),
        sa.Column("recorded_on", sa.Date(), nullable=False),
        sa.Column("recorded_by_id", sa.Integer(), nullable=True),
        sa.Column("created_at_utc", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["listing_id"],
            ["services.id"],
            name=op.f("fk_service_signposts_listing_id_services"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["person_id"],
            ["users.id"],
            name=op.f("fk_service_signposts_person_id_users"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["provider_id"],
            ["service_providers.id"],
            name=op.f("fk_service_signposts_provider_id_service_providers"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["recorded_by_id"],
            ["users.id"],
            name=op.f("fk_service_signposts_recorded_by_id_users"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_service_signposts")),
    )
    op.create_index(
        op.f("ix_service_signposts_person_id"), "service_signposts", ["person_id"], unique=False
    )
    op.create_index(
        "ix_service_signposts_provider_id_recorded_on",
        "service_signposts",
        ["provider_id", "recorded_on"],
        unique=False,
    )
    op.create_table(
        "group_saves",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("service_id", sa.String(length=64), nullable=False),
        sa.Column("saved_on", sa.Date(), nullable=False),
        sa.ForeignKeyConstraint(
            ["service_id"],
            ["services.id"],
            name=op.f("fk_group_saves_service_id_services"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["user_id"], ["users.id"], name=op.f("fk_group_saves_user_id_users"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_group_saves")),
        sa.UniqueConstraint(
            "user_id",
            "service_id",
            "saved_on",
            name=op.f("uq_group_saves_user_id_service_id_saved_on"),
        ),
    )
    op.create_index(op.f("ix_group_saves_service_id"), "group_saves", ["service_id"], unique=False)
    op.create_index(op.f("ix_group_saves_user_id"), "group_saves", ["user_id"], unique=False)


def downgrade():
    op.drop_index(op.f("ix_group_saves_user_id"), table_name="group_saves")
    op.drop_index(op.f("ix_group_saves_service_id"), table_name="group_saves")
    op.drop_table("group_saves")
    op.drop_index("ix_service_signposts_provider_id_recorded_on", table_name="service_signposts")
    op.drop_index(op.f("ix_service_signposts_person_id"), table_name="service_signposts")
    op.drop_table("service_signposts")
    op.drop_index(op.f("ix_provider_listings_provider_id"), table_name="provider_listings")
    op.drop_table("provider_listings")
    op.drop_index("ix_service_memberships_person_id_provider_id", table_name="service_memberships")
    op.drop_column("services", "created_at_utc")
