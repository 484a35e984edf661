"""Province runs: the ``province_results`` table, one row per county-year, job and data stamp.

Revision ID: 0009_province_results
Revises: 0004_workbook_v2

A frozen snapshot of :class:`junheng.store.province.ProvinceResultRow` (migrations never import
the models). The unique key (county_code, school_year, job, stamp) makes a retried task replace
its row instead of adding a second one.
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0009_province_results"
down_revision: str | Sequence[str] | None = "0004_workbook_v2"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "province_results",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("county_code", sa.String(), nullable=False),
        sa.Column("school_year", sa.Integer(), nullable=False),
        sa.Column("job", sa.String(), nullable=False),
        sa.Column("stamp", sa.String(), nullable=False),
        sa.Column("county_name", sa.String(), nullable=False),
        sa.Column("city_name", sa.String(), nullable=False),
        sa.Column("import_id", sa.Integer(), nullable=False),
        sa.Column("status", sa.String(), nullable=False),
        sa.Column("result", sa.JSON(), nullable=False),
        sa.Column("error", sa.String(), nullable=False),
        sa.Column("seconds", sa.Double(), nullable=False),
        sa.Column("worker", sa.String(), nullable=False),
        sa.Column("finished_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_province_results")),
        sa.UniqueConstraint("county_code", "school_year", "job", "stamp",
                            name="uq_province_results_key"),
    )


def downgrade() -> None:
    op.drop_table("province_results")
