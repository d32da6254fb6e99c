"""Open Referral UK for real: which feed (publisher) owns each listing, organisation and
place; the record each feed sent, kept whole so nothing it said is lost; Keepwell's own
change time beside the publisher's; who last checked a listing; an address's county

Revision ID: 0006
Revises: 0005
Create Date: 2026-11-29 22:20:00

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '0006'
down_revision = '0005'
branch_labels = None
depends_on = None


# Plain ADD and DROP COLUMN, never batch_alter_table (see 0005): a batch copies and drops
# the table, and dropping `services` would cascade to every rating and saved group.


def upgrade():
    op.add_column('services', sa.Column('publisher', sa.String(length=100)))
    op.add_column('services', sa.Column('source_record', sa.Text()))
    op.add_column('services', sa.Column('changed_at_utc', sa.DateTime()))
    op.add_column('services', sa.Column('checked_by', sa.String(length=100)))
    op.create_index('ix_services_publisher', 'services', ['publisher'])
    op.create_index('ix_services_last_modified', 'services', ['last_modified'])
    op.add_column('organizations', sa.Column('publisher', sa.String(length=100)))
    op.add_column('organizations', sa.Column('source_record', sa.Text()))
    op.add_column('locations', sa.Column('publisher', sa.String(length=100)))
    op.add_column('locations', sa.Column('state_province', sa.String(length=100)))
    # Listings imported before this revision came from a feed: file them under the
    # default publisher (the demo's under its own), so that feed may go on updating them
    # and no other can; their organisations and places go with them.
    op.execute(
        "UPDATE services SET publisher = CASE WHEN is_demo THEN 'Keepwell demo' "
        "ELSE 'feed' END, checked_by = CASE WHEN assured_date IS NULL THEN NULL "
        "WHEN is_demo THEN 'Keepwell demo' ELSE 'feed' END WHERE source_hash IS NOT NULL"
    )
    op.execute(
        "UPDATE organizations SET publisher = (SELECT MIN(s.publisher) FROM services s "
        "WHERE s.organization_id = organizations.id AND s.publisher IS NOT NULL)"
    )
    op.execute(
        "UPDATE locations SET publisher = (SELECT MIN(s.publisher) FROM services s "
        "JOIN service_at_locations l ON l.service_id = s.id "
        "WHERE l.location_id = locations.id AND s.publisher IS NOT NULL)"
    )


def downgrade():
    op.drop_column('locations', 'state_province')
    op.drop_column('locations', 'publisher')
    op.drop_column('organizations', 'source_record')
    op.drop_column('organizations', 'publisher')
    op.drop_index('ix_services_last_modified', table_name='services')
    op.drop_index('ix_services_publisher', table_name='services')
    op.drop_column('services', 'checked_by')
    op.drop_column('services', 'changed_at_utc')
    op.drop_column('services', 'source_record')
    op.drop_column('services', 'publisher')
