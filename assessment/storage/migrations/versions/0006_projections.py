"""The assessments' projection (what the portfolio views read), kept beside the document.

Revision ID: 0006_projections
Revises: 0005_throttle
Create Date: 2026-12-02 19:30:00

The new column is filled from every current document here, so the first portfolio after the
upgrade is as fast as later ones. A document that no longer validates keeps an empty projection;
the store then computes it from the document when read (and says what is wrong there).
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0006_projections"
down_revision = "0005_throttle"
branch_labels = None
depends_on = None

_BATCH = 500


def upgrade() -> None:
    with op.batch_alter_table("assessments") as batch:
        batch.add_column(sa.Column("projection", sa.JSON(), nullable=True))
    _backfill()


def _backfill() -> None:
    # The application's own code, as of this release: the projection is derived data, and a
    # later shape is recognised by its version and recomputed by the store.
    from assessment.domain.projection import projection_data
    from assessment.storage.documents import from_document

    table = sa.table(
        "assessments",
        sa.column("id", sa.String()),
        sa.column("document", sa.JSON()),
        sa.column("projection", sa.JSON()),
    )
    bind = op.get_bind()
    ids = [row[0] for row in bind.execute(sa.select(table.c.id).order_by(table.c.id))]
    for start in range(0, len(ids), _BATCH):
        rows = bind.execute(
            sa.select(table.c.id, table.c.document).where(table.c.id.in_(ids[start : start + _BATCH]))
        ).all()
        updates = []
        for assessment_id, document in rows:
            try:
                model = from_document(document)
            except ValueError:  # pydantic's ValidationError is a ValueError
                continue
            updates.append({"key": assessment_id, "value": projection_data(model, model.to_document())})
        if updates:
            bind.execute(
                table.update().where(table.c.id == sa.bindparam("key")).values(projection=sa.bindparam("value")),
                updates,
            )


def downgrade() -> None:
    with op.batch_alter_table("assessments") as batch:
        batch.drop_column("projection")
