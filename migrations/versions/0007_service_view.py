"""service view: services, their staff, and the people who joined and agreed to be counted

Revision ID: 0007
Revises: 0006
Create Date: 2026-11-29 22:00:00

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '0007'
down_revision = '0006'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('service_providers',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('name', sa.String(length=120), nullable=False),
    sa.Column('join_code', sa.String(length=20), nullable=False),
    sa.Column('created_at_utc', sa.DateTime(), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_service_providers')),
    sa.UniqueConstraint('join_code', name=op.f('uq_service_providers_join_code'))
    )
    op.create_table('service_staff',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('provider_id', sa.Integer(), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=False),
    sa.Column('role', sa.String(length=20), nullable=False),
    sa.Column('created_at_utc', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['provider_id'], ['service_providers.id'], name=op.f('fk_service_staff_provider_id_service_providers'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['user_id'], ['users.id'], name=op.f('fk_service_staff_user_id_users'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_service_staff')),
    sa.UniqueConstraint('provider_id', 'user_id', name=op.f('uq_service_staff_provider_id_user_id'))
    )
    op.create_index(op.f('ix_service_staff_provider_id'), 'service_staff', ['provider_id'], unique=False)
    op.create_index(op.f('ix_service_staff_user_id'), 'service_staff', ['user_id'], unique=False)
    op.create_table('service_memberships',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('provider_id', sa.Integer(), nullable=False),
    sa.Column('person_id', sa.Integer(), nullable=False),
    sa.Column('joined_on', sa.Date(), nullable=False),
    sa.Column('left_on', sa.Date(), nullable=True),
    sa.Column('consent_withdrawn_at_utc', sa.DateTime(), nullable=True),
    sa.Column('equality_answers', sa.JSON(), nullable=False),
    sa.Column('created_at_utc', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['person_id'], ['users.id'], name=op.f('fk_service_memberships_person_id_users'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['provider_id'], ['service_providers.id'], name=op.f('fk_service_memberships_provider_id_service_providers'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_service_memberships'))
    )
    op.create_index(op.f('ix_service_memberships_person_id'), 'service_memberships', ['person_id'], unique=False)
    op.create_index(op.f('ix_service_memberships_provider_id'), 'service_memberships', ['provider_id'], unique=False)
    op.create_table('service_staff_invites',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('provider_id', sa.Integer(), nullable=False),
    sa.Column('code_hash', sa.String(length=64), nullable=False),
    sa.Column('role', sa.String(length=20), nullable=False),
    sa.Column('created_by_id', sa.Integer(), nullable=True),
    sa.Column('created_at_utc', sa.DateTime(), nullable=False),
    sa.Column('expires_at_utc', sa.DateTime(), nullable=False),
    sa.Column('used_at_utc', sa.DateTime(), nullable=True),
    sa.Column('used_by_id', sa.Integer(), nullable=True),
    sa.ForeignKeyConstraint(['created_by_id'], ['users.id'], name=op.f('fk_service_staff_invites_created_by_id_users'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['provider_id'], ['service_providers.id'], name=op.f('fk_service_staff_invites_provider_id_service_providers'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['used_by_id'], ['users.id'], name=op.f('fk_service_staff_invites_used_by_id_users'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_service_staff_invites')),
    sa.UniqueConstraint('code_hash', name=op.f('uq_service_staff_invites_code_hash'))
    )
    op.create_index(op.f('ix_service_staff_invites_provider_id'), 'service_staff_invites', ['provider_id'], unique=False)
    # One open membership per person and service: joining twice at once makes one.
    op.create_index('uq_service_memberships_open', 'service_memberships', ['provider_id', 'person_id'], unique=True, sqlite_where=sa.text('left_on IS NULL'), postgresql_where=sa.text('left_on IS NULL'))


def downgrade():
    op.drop_index(op.f('ix_service_staff_invites_provider_id'), table_name='service_staff_invites')
    op.drop_table('service_staff_invites')
    op.drop_index('uq_service_memberships_open', table_name='service_memberships')
    op.drop_index(op.f('ix_service_memberships_provider_id'), table_name='service_memberships')
    op.drop_index(op.f('ix_service_memberships_person_id'), table_name='service_memberships')
    op.drop_table('service_memberships')
    op.drop_index(op.f('ix_service_staff_user_id'), table_name='service_staff')
    op.drop_index(op.f('ix_service_staff_provider_id'), table_name='service_staff')
    op.drop_table('service_staff')
    op.drop_table('service_providers')
