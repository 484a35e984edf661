"""Workbook v2's optional 乡镇 sheet: the ``towns`` table (town code and name per county-year).

Revision ID: 0012_town_names
Revises: 0010_ledger_entries

A frozen snapshot of :class:`junheng.store.models.Town` (migrations never import the models),
built like the v2 tables of 0004_workbook_v2: the five shared columns, the town's code and
name, the unique key (county, year, town code) and the county-year lookup index.
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0012_town_names"
down_revision: str | Sequence[str] | None = "0011_zone_plans"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

KEY = ["county_code", "school_year"]


def upgrade() -> None:
    op.create_table(
        "towns",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("county_code", sa.String(), nullable=False),
        sa.Column("school_year", sa.Integer(), nullable=False),
        sa.Column("row_no", sa.Integer(), nullable=False),
        sa.Column("version", sa.Integer(), server_default="1", nullable=False),
        sa.Column("town_code", sa.String(), nullable=False),
        sa.Column("town_name", sa.String(), nullable=False),
        sa.ForeignKeyConstraint(KEY, ["county_years.county_code", "county_years.school_year"],
                                name="fk_towns_county_year"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_towns")),
        sa.UniqueConstraint(*KEY, "town_code", name="uq_towns_key"),
        sqlite_autoincrement=True,
    )
    op.create_index("ix_towns_county_year", "towns", KEY, unique=False)


def downgrade() -> None:
    op.drop_table("towns")  # drops its index with it
