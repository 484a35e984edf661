"""A county's provincial overlay: ``county_overlays`` (one row per county).

Revision ID: 0014_county_overlays
Revises: 0013_project_sites

A frozen snapshot of :class:`junheng.store.overlays.CountyOverlayRow` (migrations never
import the models): the county code as key, the overlay's name, the file it came from, its
YAML text, and who set it when.
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0014_county_overlays"
down_revision: str | Sequence[str] | None = "0013_project_sites"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "county_overlays",
        sa.Column("county_code", sa.String(length=6), nullable=False),
        sa.Column("name", sa.String(length=128), nullable=False),
        sa.Column("file_name", sa.String(length=255), nullable=False),
        sa.Column("yaml_text", sa.Text(), nullable=False),
        sa.Column("set_by", sa.String(length=64), nullable=False),
        sa.Column("set_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("county_code", name=op.f("pk_county_overlays")),
    )


def downgrade() -> None:
    op.drop_table("county_overlays")
