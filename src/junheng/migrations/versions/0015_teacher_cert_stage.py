"""教师 column 教师资格证学段 (workbook v2): ``teachers.cert_stage``, NULL = unknown.

Revision ID: 0015_teacher_cert_stage
Revises: 0014_county_overlays

A frozen snapshot of :class:`junheng.store.models.Teacher`'s ``cert_stage`` (migrations never
import the models): a code of ``codes_v2.CERTIFICATE_STAGES``, nullable.
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0015_teacher_cert_stage"
down_revision: str | Sequence[str] | None = "0014_county_overlays"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_BATCH = {"table_kwargs": {"sqlite_autoincrement": True}}


def upgrade() -> None:
    with op.batch_alter_table("teachers", **_BATCH) as batch:
        batch.add_column(sa.Column("cert_stage", sa.String(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("teachers", **_BATCH) as batch:
        batch.drop_column("cert_stage")
