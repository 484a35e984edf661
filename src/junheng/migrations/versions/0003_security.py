"""Server-side web sessions, and one 校舍设施 row per school.

Revision ID: 0003_security
Revises: 0002_accounts

Issue 14. ``web_sessions`` holds one row per logged-in browser (the cookie carries a random
token; the row is keyed by its SHA-256), so logout and a password change end a session at
once. ``facilities`` gets the unique key (county_code, school_year, school_id) in place of its
lookup index: two approvals racing for a school without a row had both inserted one. Rows
such a race left behind are removed first, keeping the newest (highest version, then id),
and each removal is written to the audit log.
"""

from __future__ import annotations

import json
from datetime import UTC, datetime

import sqlalchemy as sa
from alembic import op

revision = "0003_security"
down_revision = "0002_accounts"
branch_labels = None
depends_on = None

KEY = ["county_code", "school_year", "school_id"]


def upgrade() -> None:
    op.create_table(
        "web_sessions",
        sa.Column("id", sa.String(64), nullable=False),
        sa.Column("user_id", sa.Integer, nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("expires_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("client", sa.String(64), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_web_sessions"),
        sa.ForeignKeyConstraint(["user_id"], ["users.id"], ondelete="CASCADE",
                                name="fk_web_sessions_user_id_users"),
    )
    op.create_index("ix_web_sessions_user_id", "web_sessions", ["user_id"])
    _remove_duplicate_facilities()
    with op.batch_alter_table("facilities") as batch:
        batch.drop_index("ix_facilities_county_year_school")
        batch.create_unique_constraint("uq_facilities_key", KEY)


def _remove_duplicate_facilities() -> None:
    bind = op.get_bind()
    facilities = sa.table("facilities", sa.column("id"), sa.column("version"),
                          *(sa.column(c) for c in KEY))
    rows = bind.execute(sa.select(facilities).order_by(
        *(facilities.c[c] for c in KEY), facilities.c.version.desc(), facilities.c.id.desc())
    ).mappings().all()
    seen: set[tuple] = set()
    audit = sa.table("audit_log", sa.column("at", sa.DateTime(timezone=True)),
                     sa.column("before", sa.JSON), sa.column("after", sa.JSON),
                     *(sa.column(c) for c in ("username", "action", "entity", "entity_key",
                                              "county_code", "school_year", "client")))
    for row in rows:
        key = tuple(row[c] for c in KEY)
        if key not in seen:
            seen.add(key)
            continue
        bind.execute(sa.delete(facilities).where(facilities.c.id == row["id"]))
        bind.execute(sa.insert(audit).values(
            at=datetime.now(UTC), username="migration", action="remove_duplicate",
            entity="facilities", entity_key=f"{row['school_id']}（第 {row['id']} 行）",
            county_code=row["county_code"], school_year=row["school_year"],
            before=json.loads(json.dumps(dict(row), default=str)), after=None, client=""))


def downgrade() -> None:
    with op.batch_alter_table("facilities") as batch:
        batch.drop_constraint("uq_facilities_key", type_="unique")
        batch.create_index("ix_facilities_county_year_school", KEY)
    op.drop_index("ix_web_sessions_user_id", table_name="web_sessions")
    op.drop_table("web_sessions")
