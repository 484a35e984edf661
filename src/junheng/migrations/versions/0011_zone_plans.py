"""就近划片 plans: ``zone_plans`` (drafts, the plan in force, superseded plans).

Revision ID: 0011_zone_plans
Revises: 0010_ledger_entries

A frozen snapshot of :mod:`junheng.store.zone_plans` (migrations never import the models).
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0011_zone_plans"
down_revision: str | Sequence[str] | None = "0010_ledger_entries"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "zone_plans",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("county_code", sa.String(length=6), nullable=False),
        sa.Column("school_year", sa.Integer(), nullable=False),
        sa.Column("stage", sa.String(length=16), nullable=False),
        sa.Column("name", sa.String(length=128), nullable=False),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("job_id", sa.String(length=40), nullable=True),
        sa.Column("options", sa.JSON(), nullable=False),
        sa.Column("blocks", sa.JSON(), nullable=False),
        sa.Column("schools", sa.JSON(), nullable=False),
        sa.Column("figures", sa.JSON(), nullable=False),
        sa.Column("solver_status", sa.String(length=32), nullable=False),
        sa.Column("gap", sa.Float(), nullable=False),
        sa.Column("created_by", sa.String(length=64), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("adopted_by", sa.String(length=64), nullable=True),
        sa.Column("adopted_at", sa.DateTime(timezone=True), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_zone_plans")),
        sa.UniqueConstraint("job_id", name=op.f("uq_zone_plans_job_id")),
    )
    op.create_index("ix_zone_plans_county_stage_year", "zone_plans",
                    ["county_code", "stage", "school_year"])


def downgrade() -> None:
    op.drop_index("ix_zone_plans_county_stage_year", table_name="zone_plans")
    op.drop_table("zone_plans")
