"""journal record ids: every journalled row carries its record's id, unique

Revision ID: 0002_journal
Revises: 0001
Create Date: 2026-12-04 21:00:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0002_journal"
down_revision = "0002_web"
branch_labels = None
depends_on = None

# table -> the columns holding a journal record's id (a replay finds the row and writes nothing)
COLUMNS = {
    "visit_events": ("record_id",),
    "help_requests": ("record_id",),
    "audit_entries": ("record_id",),
    "print_jobs": ("record_id", "finish_record_id"),
    "device_events": ("record_id",),
}


def upgrade() -> None:
    for table, columns in COLUMNS.items():
        with op.batch_alter_table(table, schema=None) as batch_op:
            for column in columns:
                batch_op.add_column(sa.Column(column, sa.String(length=32), nullable=True))
                batch_op.create_index(f"ix_{table}_{column}", [column], unique=True)


def downgrade() -> None:
    for table, columns in COLUMNS.items():
        with op.batch_alter_table(table, schema=None) as batch_op:
            for column in columns:
                batch_op.drop_index(f"ix_{table}_{column}")
                batch_op.drop_column(column)
