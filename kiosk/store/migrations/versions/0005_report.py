"""rating follow-up cases; withdrawn ratings; an index for the report

Revision ID: 0002_report
Revises: 0002_web
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0002_report"
down_revision = "0002_heartbeat"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("visit_events", schema=None) as batch_op:
        batch_op.create_index(
            "ix_visit_events_kind_visit_step", ["kind", "visit_id", "step"], unique=False
        )
    with op.batch_alter_table("ratings", schema=None) as batch_op:
        batch_op.add_column(sa.Column("withdrawn_at", sa.DateTime(timezone=True), nullable=True))
        batch_op.add_column(
            sa.Column("withdrawn_reason", sa.Text(), nullable=False, server_default="")
        )
    op.create_table(
        "rating_cases",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("rating_id", sa.Integer(), nullable=False),
        sa.Column("category", sa.String(length=16), nullable=False),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("opened_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("due_on", sa.Date(), nullable=False),
        sa.Column("contacted_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("contact_result", sa.Text(), nullable=False),
        sa.Column("rectified_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("rectification", sa.Text(), nullable=False),
        sa.Column("closed_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("closure", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(["rating_id"], ["ratings.id"]),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("rating_id"),
    )
    with op.batch_alter_table("rating_cases", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_rating_cases_status"), ["status"], unique=False)
        batch_op.create_index(batch_op.f("ix_rating_cases_due_on"), ["due_on"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("rating_cases", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_rating_cases_due_on"))
        batch_op.drop_index(batch_op.f("ix_rating_cases_status"))
    op.drop_table("rating_cases")
    with op.batch_alter_table("ratings", schema=None) as batch_op:
        batch_op.drop_column("withdrawn_reason")
        batch_op.drop_column("withdrawn_at")
    with op.batch_alter_table("visit_events", schema=None) as batch_op:
        batch_op.drop_index("ix_visit_events_kind_visit_step")
