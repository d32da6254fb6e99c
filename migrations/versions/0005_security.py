"""security and safety: discreet mode, re-authentication time, usernames unique whatever
their case; "I need help" alerts that can be taken back and carry a call-back number

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-29 19:30:00

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '0005'
down_revision = '0004'
branch_labels = None
depends_on = None


# Plain ALTER TABLE, never batch_alter_table: on SQLite a batch copies the table and
# drops the old one, and with foreign keys on that drop deletes every row that cascades
# from it (every plan, session and circle of every user). SQLite has had ADD and DROP
# COLUMN since 3.35.


def upgrade():
    op.add_column(
        'users', sa.Column('discreet', sa.Boolean(), nullable=False, server_default=sa.false())
    )
    op.add_column('device_sessions', sa.Column('reauthenticated_at_utc', sa.DateTime()))
    op.add_column(
        'help_alerts',
        sa.Column('call_back', sa.String(length=40), nullable=False, server_default=''),
    )
    op.add_column('help_alerts', sa.Column('resolved_at_utc', sa.DateTime()))
    # Two sign-ups racing with "Alex" and "alex" must not both succeed: the app compares
    # usernames without case, so the database does too. (No model describes an
    # expression index: app/data/db_setup.py lists it as unmodelled.)
    op.create_index(
        'uq_users_username_lower', 'users', [sa.text('lower(username)')], unique=True
    )


def downgrade():
    op.drop_column('help_alerts', 'resolved_at_utc')
    op.drop_column('help_alerts', 'call_back')
    op.drop_index('uq_users_username_lower', table_name='users')
    op.drop_column('device_sessions', 'reauthenticated_at_utc')
    op.drop_column('users', 'discreet')
