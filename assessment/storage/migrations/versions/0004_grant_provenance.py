"""Share grants remember their code, its creator and when they were made, so revocation (ending a
code, removing its creator) takes the access away at once.

Revision ID: 0004_grant_provenance
Revises: 0003_workshops
Create Date: 2026-12-02 04:30:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0004_grant_provenance"
down_revision = "0003_workshops"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("assessment_grants") as batch:
        batch.add_column(sa.Column("share_hash", sa.String(length=64), nullable=True))
        batch.add_column(sa.Column("granted_by", sa.String(length=320), nullable=True))
        batch.add_column(sa.Column("granted_at", sa.DateTime(), nullable=True))
        batch.create_index(batch.f("ix_assessment_grants_share_hash"), ["share_hash"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("assessment_grants") as batch:
        batch.drop_index(batch.f("ix_assessment_grants_share_hash"))
        batch.drop_column("granted_at")
        batch.drop_column("granted_by")
        batch.drop_column("share_hash")
