"""security: discreet mode, re-authentication time, usernames unique whatever their case

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


def upgrade():
    with op.batch_alter_table('users', schema=None) as batch_op:
        batch_op.add_column(
            sa.Column('discreet', sa.Boolean(), nullable=False, server_default=sa.false())
        )
    with op.batch_alter_table('device_sessions', schema=None) as batch_op:
        batch_op.add_column(sa.Column('reauthenticated_at_utc', sa.DateTime(), nullable=True))
    # Two sign-ups racing with "Alex" and "alex" must not both succeed: the app compares
    # usernames without case, so the database does too. (No model describes an
    # expression index: app/data/db_setup.py lists it as unmodelled.)
    op.create_index(
        'uq_users_username_lower', 'users', [sa.text('lower(username)')], unique=True
    )


def downgrade():
    op.drop_index('uq_users_username_lower', table_name='users')
    with op.batch_alter_table('device_sessions', schema=None) as batch_op:
        batch_op.drop_column('reauthenticated_at_utc')
    with op.batch_alter_table('users', schema=None) as batch_op:
        batch_op.drop_column('discreet')
