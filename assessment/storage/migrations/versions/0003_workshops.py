"""Workshop sessions: a cross-impact matrix scored privately by participants, the facilitator's
cell decisions (revealed, locked, agreed score, dissent) and dot votes.

Revision ID: 0003_workshops
Revises: 0002_screening_runs
Create Date: 2026-12-02 04:10:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0003_workshops"
down_revision = "0002_screening_runs"
branch_labels = None
depends_on = None

JSON = sa.JSON()


def _cell_key() -> list[sa.Column[str]]:
    return [
        sa.Column("workshop_id", sa.String(length=64), nullable=False),
        sa.Column("source", sa.String(length=20), nullable=False),
        sa.Column("target", sa.String(length=20), nullable=False),
    ]


def _fk_workshop(table: str) -> sa.ForeignKeyConstraint:
    return sa.ForeignKeyConstraint(
        ["workshop_id"], ["workshops.id"], name=op.f(f"fk_{table}_workshop_id_workshops"), ondelete="CASCADE"
    )


def _fk_user(table: str) -> sa.ForeignKeyConstraint:
    return sa.ForeignKeyConstraint(
        ["user_id"], ["users.id"], name=op.f(f"fk_{table}_user_id_users"), ondelete="CASCADE"
    )


def upgrade() -> None:
    op.create_table(
        "workshops",
        sa.Column("id", sa.String(length=64), nullable=False),
        sa.Column("assessment_id", sa.String(length=64), nullable=False),
        sa.Column("title", sa.String(length=500), nullable=False),
        sa.Column("codes", JSON, nullable=False),
        sa.Column("anonymous", sa.Boolean(), nullable=False),
        sa.Column("dots", sa.Integer(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("created_by", sa.String(length=320), nullable=False),
        sa.ForeignKeyConstraint(
            ["assessment_id"],
            ["assessments.id"],
            name=op.f("fk_workshops_assessment_id_assessments"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_workshops")),
    )
    with op.batch_alter_table("workshops", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_workshops_assessment_id"), ["assessment_id"], unique=False)
    op.create_table(
        "workshop_participants",
        sa.Column("workshop_id", sa.String(length=64), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("display_name", sa.String(length=500), nullable=False),
        sa.Column("joined_at", sa.DateTime(), nullable=False),
        _fk_workshop("workshop_participants"),
        _fk_user("workshop_participants"),
        sa.PrimaryKeyConstraint("workshop_id", "user_id", name=op.f("pk_workshop_participants")),
    )
    op.create_table(
        "workshop_votes",
        *_cell_key(),
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("score", sa.Integer(), nullable=False),
        sa.Column("comment", sa.Text(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        _fk_workshop("workshop_votes"),
        _fk_user("workshop_votes"),
        sa.PrimaryKeyConstraint("workshop_id", "source", "target", "user_id", name=op.f("pk_workshop_votes")),
    )
    op.create_table(
        "workshop_cells",
        *_cell_key(),
        sa.Column("revealed", sa.Boolean(), nullable=False),
        sa.Column("locked", sa.Boolean(), nullable=False),
        sa.Column("agreed", sa.Integer(), nullable=True),
        sa.Column("comment", sa.Text(), nullable=False),
        sa.Column("dissent", sa.Text(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.Column("updated_by", sa.String(length=320), nullable=False),
        _fk_workshop("workshop_cells"),
        sa.PrimaryKeyConstraint("workshop_id", "source", "target", name=op.f("pk_workshop_cells")),
    )
    op.create_table(
        "workshop_dots",
        *_cell_key(),
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("count", sa.Integer(), nullable=False),
        _fk_workshop("workshop_dots"),
        _fk_user("workshop_dots"),
        sa.PrimaryKeyConstraint("workshop_id", "source", "target", "user_id", name=op.f("pk_workshop_dots")),
    )


def downgrade() -> None:
    op.drop_table("workshop_dots")
    op.drop_table("workshop_cells")
    op.drop_table("workshop_votes")
    op.drop_table("workshop_participants")
    with op.batch_alter_table("workshops", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_workshops_assessment_id"))
    op.drop_table("workshops")
