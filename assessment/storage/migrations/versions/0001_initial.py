"""Initial schema: users, workspaces, assessments with revisions, shares, UI state.

Revision ID: 0001_initial
Revises: -
Create Date: 2026-11-26 18:54:39.023181
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = '0001_initial'
down_revision = None
branch_labels = None
depends_on = None

# Plain JSON on both backends (see schema.Json).
JSON = sa.JSON()


def upgrade() -> None:
    op.create_table('users',
    sa.Column('id', sa.Integer(), autoincrement=True, nullable=False),
    sa.Column('username', sa.String(length=320), nullable=False),
    sa.Column('display_name', sa.String(length=500), nullable=False),
    sa.Column('password_hash', sa.String(length=500), nullable=True),
    sa.Column('oidc_subject', sa.String(length=500), nullable=True),
    sa.Column('is_site_admin', sa.Boolean(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_users')),
    sa.UniqueConstraint('oidc_subject', name=op.f('uq_users_oidc_subject')),
    sa.UniqueConstraint('username', name=op.f('uq_users_username'))
    )
    op.create_table('workspaces',
    sa.Column('id', sa.String(length=100), nullable=False),
    sa.Column('name', sa.String(length=500), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_workspaces'))
    )
    op.create_table('assessments',
    sa.Column('id', sa.String(length=64), nullable=False),
    sa.Column('workspace_id', sa.String(length=100), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('title', sa.String(length=500), nullable=False),
    sa.Column('kind', sa.String(length=50), nullable=False),
    sa.Column('date', sa.Date(), nullable=True),
    sa.Column('tags', JSON, nullable=False),
    sa.Column('municipalities', JSON, nullable=False),
    sa.Column('search_text', sa.Text(), nullable=False),
    sa.Column('document', JSON, nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.Column('updated_by', sa.String(length=320), nullable=False),
    sa.ForeignKeyConstraint(['workspace_id'], ['workspaces.id'], name=op.f('fk_assessments_workspace_id_workspaces'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_assessments'))
    )
    with op.batch_alter_table('assessments', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_assessments_updated_at'), ['updated_at'], unique=False)
        batch_op.create_index(batch_op.f('ix_assessments_workspace_id'), ['workspace_id'], unique=False)

    op.create_table('memberships',
    sa.Column('user_id', sa.Integer(), nullable=False),
    sa.Column('workspace_id', sa.String(length=100), nullable=False),
    sa.Column('role', sa.String(length=20), nullable=False),
    sa.ForeignKeyConstraint(['user_id'], ['users.id'], name=op.f('fk_memberships_user_id_users'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['workspace_id'], ['workspaces.id'], name=op.f('fk_memberships_workspace_id_workspaces'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('user_id', 'workspace_id', name=op.f('pk_memberships'))
    )
    op.create_table('ui_state',
    sa.Column('user_id', sa.Integer(), nullable=False),
    sa.Column('data', JSON, nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['user_id'], ['users.id'], name=op.f('fk_ui_state_user_id_users'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('user_id', name=op.f('pk_ui_state'))
    )
    op.create_table('assessment_grants',
    sa.Column('user_id', sa.Integer(), nullable=False),
    sa.Column('assessment_id', sa.String(length=64), nullable=False),
    sa.Column('role', sa.String(length=20), nullable=False),
    sa.Column('expires_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['assessment_id'], ['assessments.id'], name=op.f('fk_assessment_grants_assessment_id_assessments'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['user_id'], ['users.id'], name=op.f('fk_assessment_grants_user_id_users'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('user_id', 'assessment_id', name=op.f('pk_assessment_grants'))
    )
    op.create_table('assessment_labels',
    sa.Column('assessment_id', sa.String(length=64), nullable=False),
    sa.Column('kind', sa.String(length=20), nullable=False),
    sa.Column('value', sa.String(length=500), nullable=False),
    sa.ForeignKeyConstraint(['assessment_id'], ['assessments.id'], name=op.f('fk_assessment_labels_assessment_id_assessments'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('assessment_id', 'kind', 'value', name=op.f('pk_assessment_labels'))
    )
    with op.batch_alter_table('assessment_labels', schema=None) as batch_op:
        batch_op.create_index('ix_assessment_labels_kind_value', ['kind', 'value'], unique=False)

    op.create_table('revisions',
    sa.Column('assessment_id', sa.String(length=64), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('author', sa.String(length=320), nullable=False),
    sa.Column('summary', JSON, nullable=False),
    sa.Column('document', JSON, nullable=False),
    sa.ForeignKeyConstraint(['assessment_id'], ['assessments.id'], name=op.f('fk_revisions_assessment_id_assessments'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('assessment_id', 'version', name=op.f('pk_revisions'))
    )
    op.create_table('shares',
    sa.Column('code_hash', sa.String(length=64), nullable=False),
    sa.Column('assessment_id', sa.String(length=64), nullable=False),
    sa.Column('role', sa.String(length=20), nullable=False),
    sa.Column('expires_at', sa.DateTime(), nullable=False),
    sa.Column('created_by', sa.String(length=320), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['assessment_id'], ['assessments.id'], name=op.f('fk_shares_assessment_id_assessments'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('code_hash', name=op.f('pk_shares'))
    )
    with op.batch_alter_table('shares', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_shares_assessment_id'), ['assessment_id'], unique=False)



def downgrade() -> None:
    with op.batch_alter_table('shares', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_shares_assessment_id'))

    op.drop_table('shares')
    op.drop_table('revisions')
    with op.batch_alter_table('assessment_labels', schema=None) as batch_op:
        batch_op.drop_index('ix_assessment_labels_kind_value')

    op.drop_table('assessment_labels')
    op.drop_table('assessment_grants')
    op.drop_table('ui_state')
    op.drop_table('memberships')
    with op.batch_alter_table('assessments', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_assessments_workspace_id'))
        batch_op.drop_index(batch_op.f('ix_assessments_updated_at'))

    op.drop_table('assessments')
    op.drop_table('workspaces')
    op.drop_table('users')
