"""markers for once-only jobs

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-26 15:32:49.296938
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:

    op.create_table(
        "markers",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("event_id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=300), nullable=False),
        sa.Column("value", sa.JSON(), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["event_id"],
            ["events.id"],
        ),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("event_id", "name", name="uq_marker"),
    )
    with op.batch_alter_table("markers", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_markers_event_id"), ["event_id"], unique=False)


def downgrade() -> None:

    with op.batch_alter_table("markers", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_markers_event_id"))

    op.drop_table("markers")
