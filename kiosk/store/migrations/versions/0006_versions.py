"""service versions published to the hall; the version each visit ran

Revision ID: 0002_versions
Revises: 0002_heartbeat
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0002_versions"
down_revision = "0002_report"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "service_versions",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("service_id", sa.String(length=64), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("content", sa.Text(), nullable=True),
        sa.Column("sha256", sa.String(length=64), nullable=False),
        sa.Column("filename", sa.String(length=200), nullable=False),
        sa.Column("author", sa.String(length=100), nullable=False),
        sa.Column("note", sa.Text(), nullable=False),
        sa.Column("rollback_of", sa.Integer(), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("service_versions", schema=None) as batch_op:
        batch_op.create_index(
            "ix_service_versions_service_version", ["service_id", "version"], unique=True
        )
        batch_op.create_index(
            batch_op.f("ix_service_versions_created_at"), ["created_at"], unique=False
        )
    with op.batch_alter_table("visits", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("service_version", sa.Integer(), server_default="0", nullable=False)
        )


def downgrade() -> None:
    with op.batch_alter_table("visits", schema=None) as batch_op:
        batch_op.drop_column("service_version")
    with op.batch_alter_table("service_versions", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_service_versions_created_at"))
        batch_op.drop_index("ix_service_versions_service_version")
    op.drop_table("service_versions")
