"""Manual ledger values entered in the web: ``ledger_entries`` and their ``ledger_files``.

Revision ID: 0010_ledger_entries
Revises: 0009_province_results

A frozen snapshot of :mod:`junheng.store.ledger_entries` (migrations never import the models).
Each entry is a version; (county, plan, target, year, version) is unique.
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0010_ledger_entries"
down_revision: str | Sequence[str] | None = "0009_province_results"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "ledger_entries",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("county_code", sa.String(length=6), nullable=False),
        sa.Column("plan", sa.String(length=128), nullable=False),
        sa.Column("target_id", sa.String(length=64), nullable=False),
        sa.Column("school_year", sa.Integer(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("value", sa.JSON(), nullable=False),
        sa.Column("value_date", sa.Date(), nullable=True),
        sa.Column("note", sa.Text(), nullable=False),
        sa.Column("entered_by", sa.String(length=64), nullable=False),
        sa.Column("entered_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_ledger_entries")),
        sa.UniqueConstraint("county_code", "plan", "target_id", "school_year", "version",
                            name="uq_ledger_entries_key"),
    )
    op.create_index("ix_ledger_entries_county_plan", "ledger_entries", ["county_code", "plan"])
    op.create_table(
        "ledger_files",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("entry_id", sa.Integer(), nullable=False),
        sa.Column("filename", sa.String(length=255), nullable=False),
        sa.Column("content_type", sa.String(length=128), nullable=False),
        sa.Column("size", sa.Integer(), nullable=False),
        sa.Column("sha256", sa.String(length=64), nullable=False),
        sa.Column("data", sa.LargeBinary(), nullable=False),
        sa.ForeignKeyConstraint(["entry_id"], ["ledger_entries.id"],
                                name=op.f("fk_ledger_files_entry_id_ledger_entries")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_ledger_files")),
    )
    op.create_index(op.f("ix_ledger_files_entry_id"), "ledger_files", ["entry_id"])


def downgrade() -> None:
    op.drop_index(op.f("ix_ledger_files_entry_id"), table_name="ledger_files")
    op.drop_table("ledger_files")
    op.drop_index("ix_ledger_entries_county_plan", table_name="ledger_entries")
    op.drop_table("ledger_entries")
