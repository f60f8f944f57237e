"""the hall server: phone links, counter tickets linked to their visit

Revision ID: 0002_web
Revises: 0001
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0002_web"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "phone_links",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("token_hash", sa.String(length=64), nullable=False),
        sa.Column("visit_id", sa.String(length=32), nullable=False),
        sa.Column("kiosk_id", sa.String(length=64), nullable=False),
        sa.Column("content", sa.JSON(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("expires_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("revoked_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("revoked_by", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(["revoked_by"], ["staff_members.id"]),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("token_hash"),
    )
    with op.batch_alter_table("phone_links", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_phone_links_visit_id"), ["visit_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_phone_links_expires_at"), ["expires_at"], unique=False)
    with op.batch_alter_table("counter_tickets", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("counter", sa.String(length=16), nullable=False, server_default="")
        )
        batch_op.create_index(batch_op.f("ix_counter_tickets_visit_id"), ["visit_id"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("counter_tickets", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_counter_tickets_visit_id"))
        batch_op.drop_column("counter")
    with op.batch_alter_table("phone_links", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_phone_links_expires_at"))
        batch_op.drop_index(batch_op.f("ix_phone_links_visit_id"))
    op.drop_table("phone_links")
