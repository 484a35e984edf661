"""Workbook v2's 建设项目 gains 新址经度, 新址纬度 and 所在乡镇代码 (all optional).

Revision ID: 0013_project_sites
Revises: 0012_town_names

Three nullable columns on ``projects``: the WGS-84 site of a 新建 or 迁建 school and the town
code of a 新建. Existing rows read them as unknown; a batch rebuild on SQLite keeps the table's
AUTOINCREMENT (as in 0004_workbook_v2).
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0013_project_sites"
down_revision: str | Sequence[str] | None = "0012_town_names"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

COLUMNS = (("site_lon", sa.Double), ("site_lat", sa.Double), ("town_code", sa.String))
_BATCH = {"table_kwargs": {"sqlite_autoincrement": True}}


def upgrade() -> None:
    with op.batch_alter_table("projects", **_BATCH) as batch:
        for name, kind in COLUMNS:
            batch.add_column(sa.Column(name, kind(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("projects", **_BATCH) as batch:
        for name, _ in reversed(COLUMNS):
            batch.drop_column(name)
