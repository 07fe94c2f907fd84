"""Saved screening runs: runs with versions (file, call, mapping, results), the officer's notes
per application with their history, and column mappings per workspace and call.

Revision ID: 0002_screening_runs
Revises: 0001_initial
Create Date: 2026-11-27 00:30:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0002_screening_runs"
down_revision = "0001_initial"
branch_labels = None
depends_on = None

# Plain JSON on both backends (see schema.Json).
JSON = sa.JSON()


def upgrade() -> None:
    op.create_table(
        "screening_runs",
        sa.Column("id", sa.String(length=64), nullable=False),
        sa.Column("workspace_id", sa.String(length=100), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("title", sa.String(length=500), nullable=False),
        sa.Column("call_id", sa.String(length=100), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("created_by", sa.String(length=320), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.Column("updated_by", sa.String(length=320), nullable=False),
        sa.ForeignKeyConstraint(
            ["workspace_id"],
            ["workspaces.id"],
            name=op.f("fk_screening_runs_workspace_id_workspaces"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_screening_runs")),
    )
    with op.batch_alter_table("screening_runs", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_screening_runs_updated_at"), ["updated_at"], unique=False)
        batch_op.create_index(batch_op.f("ix_screening_runs_workspace_id"), ["workspace_id"], unique=False)

    op.create_table(
        "screening_versions",
        sa.Column("run_id", sa.String(length=64), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("file_name", sa.String(length=500), nullable=False),
        sa.Column("file_sha256", sa.String(length=64), nullable=False),
        sa.Column("file_size", sa.Integer(), nullable=False),
        sa.Column("call_id", sa.String(length=100), nullable=False),
        sa.Column("mapping", JSON, nullable=False),
        sa.Column("summary", JSON, nullable=False),
        sa.Column("payload", sa.LargeBinary(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("created_by", sa.String(length=320), nullable=False),
        sa.ForeignKeyConstraint(
            ["run_id"],
            ["screening_runs.id"],
            name=op.f("fk_screening_versions_run_id_screening_runs"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("run_id", "version", name=op.f("pk_screening_versions")),
    )
    for table, author in (("screening_notes", "updated"), ("screening_note_revisions", "created")):
        columns = [
            sa.Column("run_id", sa.String(length=64), nullable=False),
            sa.Column("app_id", sa.String(length=500), nullable=False),
            sa.Column("revision", sa.Integer(), nullable=False),
            sa.Column("motivation", sa.Text(), nullable=True),
            sa.Column("notes", sa.Text(), nullable=False),
            sa.Column("dismissed", JSON, nullable=False),
            sa.Column("fingerprint", sa.String(length=64), nullable=False),
        ]
        if author == "updated":
            columns += [
                sa.Column("updated_at", sa.DateTime(), nullable=False),
                sa.Column("updated_by", sa.String(length=320), nullable=False),
            ]
            key = ["run_id", "app_id"]
        else:
            columns += [
                sa.Column("created_at", sa.DateTime(), nullable=False),
                sa.Column("author", sa.String(length=320), nullable=False),
            ]
            key = ["run_id", "app_id", "revision"]
        op.create_table(
            table,
            *columns,
            sa.ForeignKeyConstraint(
                ["run_id"],
                ["screening_runs.id"],
                name=op.f(f"fk_{table}_run_id_screening_runs"),
                ondelete="CASCADE",
            ),
            sa.PrimaryKeyConstraint(*key, name=op.f(f"pk_{table}")),
        )
    op.create_table(
        "screening_mappings",
        sa.Column("workspace_id", sa.String(length=100), nullable=False),
        sa.Column("call_id", sa.String(length=100), nullable=False),
        sa.Column("mapping", JSON, nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.Column("updated_by", sa.String(length=320), nullable=False),
        sa.ForeignKeyConstraint(
            ["workspace_id"],
            ["workspaces.id"],
            name=op.f("fk_screening_mappings_workspace_id_workspaces"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("workspace_id", "call_id", name=op.f("pk_screening_mappings")),
    )


def downgrade() -> None:
    op.drop_table("screening_mappings")
    op.drop_table("screening_note_revisions")
    op.drop_table("screening_notes")
    op.drop_table("screening_versions")
    with op.batch_alter_table("screening_runs", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_screening_runs_workspace_id"))
        batch_op.drop_index(batch_op.f("ix_screening_runs_updated_at"))
    op.drop_table("screening_runs")
