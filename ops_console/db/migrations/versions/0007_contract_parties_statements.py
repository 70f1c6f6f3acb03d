"""contract parties and availability terms; issued SLA statements (结算单) and their revisions

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-04
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

import ops_console.db.models.base

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # existing contracts name no parties and have no availability term (NULL): their
    # statements say the parties are not named, as before
    with op.batch_alter_table("contracts") as batch:
        batch.add_column(sa.Column("parties_json", sa.Text(), nullable=True))
        batch.add_column(sa.Column("availability_json", sa.Text(), nullable=True))
    op.create_table(
        "sla_statements",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("number", sa.String(length=64), nullable=False),
        sa.Column("contract_id", sa.Integer(), nullable=False),
        sa.Column("year", sa.Integer(), nullable=False),
        sa.Column("month", sa.Integer(), nullable=False),
        sa.Column("revision", sa.Integer(), nullable=False),
        sa.Column("replaces_id", sa.Integer(), nullable=True),
        sa.Column("figures_json", sa.Text(), nullable=False),
        sa.Column("figures_sha256", sa.String(length=64), nullable=False),
        sa.Column(
            "issued_at", ops_console.db.models.base.UTCDateTime(timezone=True), nullable=False
        ),
        sa.Column("issued_by", sa.String(length=64), nullable=False),
        sa.ForeignKeyConstraint(
            ["contract_id"],
            ["contracts.id"],
            name=op.f("fk_sla_statements_contract_id_contracts"),
            ondelete="RESTRICT",
        ),
        sa.ForeignKeyConstraint(
            ["replaces_id"],
            ["sla_statements.id"],
            name=op.f("fk_sla_statements_replaces_id_sla_statements"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_sla_statements")),
        sa.UniqueConstraint(
            "contract_id",
            "year",
            "month",
            "revision",
            name=op.f("uq_sla_statements_contract_id"),
        ),
        sa.UniqueConstraint("number", name=op.f("uq_sla_statements_number")),
    )


def downgrade() -> None:
    op.drop_table("sla_statements")
    with op.batch_alter_table("contracts") as batch:
        batch.drop_column("availability_json")
        batch.drop_column("parties_json")
