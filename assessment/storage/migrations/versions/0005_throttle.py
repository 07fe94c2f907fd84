"""Brute-force protection: failed local logins and share-code attempts per key, with a lock.

Revision ID: 0005_throttle
Revises: 0004_grant_provenance
Create Date: 2026-12-02 05:00:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0005_throttle"
down_revision = "0004_grant_provenance"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "throttle",
        sa.Column("key", sa.String(length=400), nullable=False),
        sa.Column("failures", sa.Integer(), nullable=False),
        sa.Column("window_start", sa.DateTime(), nullable=False),
        sa.Column("locked_until", sa.DateTime(), nullable=True),
        sa.PrimaryKeyConstraint("key", name=op.f("pk_throttle")),
    )


def downgrade() -> None:
    op.drop_table("throttle")
