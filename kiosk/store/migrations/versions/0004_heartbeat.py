"""heartbeat: the kiosk's version, start time and device states beside last_seen

Revision ID: 0002_heartbeat
Revises: 0001
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0002_heartbeat"
down_revision = "0002_journal"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("kiosks", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("version", sa.String(length=64), server_default="", nullable=False)
        )
        batch_op.add_column(sa.Column("started_at", sa.DateTime(timezone=True), nullable=True))
        batch_op.add_column(sa.Column("devices", sa.JSON(), server_default="{}", nullable=False))


def downgrade() -> None:
    with op.batch_alter_table("kiosks", schema=None) as batch_op:
        batch_op.drop_column("devices")
        batch_op.drop_column("started_at")
        batch_op.drop_column("version")
