"""Workbook format v2: the new sheets' tables, the new 教师 and 校舍设施 columns, and 县级指标
rows named by their Chinese 指标名称 alone (``indicator_code`` may be NULL).

Revision ID: 0004_workbook_v2
Revises: 0003_security

A frozen snapshot of what ``junheng.store.models`` adds for format v2 (migrations never import
the models). Every new table starts with the five shared columns of 0001_initial and has the
unique key docs/workbook.md gives for its sheet.
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0004_workbook_v2"
down_revision: str | Sequence[str] | None = "0003_security"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

KEY = ["county_code", "school_year"]


def _col(name: str, kind: sa.types.TypeEngine, nullable: bool = False) -> sa.Column:
    return sa.Column(name, kind, nullable=nullable)


def _text(name: str, nullable: bool = False) -> sa.Column:
    return _col(name, sa.String(), nullable)


def _int(name: str, nullable: bool = False) -> sa.Column:
    return _col(name, sa.Integer(), nullable)


def _num(name: str, nullable: bool = False) -> sa.Column:
    return _col(name, sa.Double(), nullable)


def _bool(name: str, nullable: bool = False) -> sa.Column:
    return _col(name, sa.Boolean(), nullable)


def _date(name: str, nullable: bool = False) -> sa.Column:
    return _col(name, sa.Date(), nullable)


def _county_row_table(name: str, *columns: sa.Column, unique: Sequence[str],
                      by_school: bool) -> None:
    """A data table: shared columns, ``columns``, its unique key and (unless the key leads with
    the school) its lookup index."""
    op.create_table(
        name,
        sa.Column("id", sa.Integer(), nullable=False),
        _text("county_code"),
        _int("school_year"),
        _int("row_no"),
        sa.Column("version", sa.Integer(), server_default="1", nullable=False),
        *columns,
        sa.ForeignKeyConstraint(KEY, ["county_years.county_code", "county_years.school_year"],
                                name=f"fk_{name}_county_year"),
        sa.PrimaryKeyConstraint("id", name=op.f(f"pk_{name}")),
        sa.UniqueConstraint(*KEY, *unique, name=f"uq_{name}_key"),
        sqlite_autoincrement=True,
    )
    if unique[0] != "school_id":
        lookup = [*KEY, "school_id"] if by_school else KEY
        suffix = "_school" if by_school else ""
        op.create_index(f"ix_{name}_county_year{suffix}", name, lookup, unique=False)


def _create_tables() -> None:
    _county_row_table("school_groups", _text("group_name"), _text("group_type"),
                      _text("school_id"), _text("role"), _int("join_year", True),
                      unique=["group_name", "school_id"], by_school=True)
    _county_row_table("rotations", _text("teacher_id"), _text("from_school_id"),
                      _text("to_school_id"), _date("start_date"), _date("end_date", True),
                      _text("mode"), unique=["teacher_id", "start_date"], by_school=False)
    _county_row_table("training", _text("teacher_id"), _int("year"), _num("hours"),
                      _text("category"), unique=["teacher_id", "year", "category"],
                      by_school=False)
    _county_row_table("principals", _text("principal_id"), _text("school_id"), _text("rank"),
                      _int("since_year"), unique=["school_id"], by_school=True)
    _county_row_table("staffing", _text("school_id"), _int("staff_quota"),
                      _int("professional_posts", True), _int("management_posts", True),
                      _int("support_posts", True), unique=["school_id"], by_school=True)
    _county_row_table("special_rooms", _text("school_id"), _text("room_type"), _text("room_no"),
                      _num("area"), unique=["school_id", "room_type", "room_no"], by_school=True)
    _county_row_table("projects", _text("school_id"), _text("name"), _text("project_type"),
                      _date("start_date", True), _date("completion_date", True),
                      _int("added_places", True), _num("added_floor_area", True),
                      _int("added_beds", True), _num("added_sports_area", True),
                      _num("investment", True), _text("funding_source", True), _text("status"),
                      unique=["school_id", "name"], by_school=True)
    _county_row_table("county_figures", _int("year"), _text("figure"), _num("value"),
                      _text("unit", True), _text("evidence", True), unique=["year", "figure"],
                      by_school=False)
    _county_row_table("county_attestations", _text("item"), _bool("answer"),
                      _int("year", True), _text("evidence"), unique=["item"], by_school=False)


NEW_TABLES = ("school_groups", "rotations", "training", "principals", "staffing",
              "special_rooms", "projects", "county_figures", "county_attestations")
TEACHER_COLUMNS = (_int("backbone_year", True), _text("post_category", True),
                   _text("quota_status", True), _text("kindergarten_post", True),
                   _bool("post_certified", True))
FACILITY_COLUMNS = (_num("building_area", True), _num("site_area", True),
                    _int("activity_rooms", True), _num("activity_room_area", True),
                    _int("design_year", True), _bool("toys_books_complete", True))
_BATCH = {"table_kwargs": {"sqlite_autoincrement": True}}


def upgrade() -> None:
    _create_tables()
    for table, columns in (("teachers", TEACHER_COLUMNS), ("facilities", FACILITY_COLUMNS)):
        # facilities is rebuilt on SQLite: 0003's batch rebuild had left it without AUTOINCREMENT
        recreate = "always" if table == "facilities" else "auto"
        with op.batch_alter_table(table, recreate=recreate, **_BATCH) as batch:
            for column in columns:
                batch.add_column(column._copy())
    with op.batch_alter_table("county_indicators", **_BATCH) as batch:
        batch.alter_column("indicator_code", existing_type=sa.String(), nullable=True)


def downgrade() -> None:
    op.execute("UPDATE county_indicators SET indicator_code = indicator_name "
               "WHERE indicator_code IS NULL")
    with op.batch_alter_table("county_indicators", **_BATCH) as batch:
        batch.alter_column("indicator_code", existing_type=sa.String(), nullable=False)
    for table, columns in (("facilities", FACILITY_COLUMNS), ("teachers", TEACHER_COLUMNS)):
        with op.batch_alter_table(table, **_BATCH) as batch:
            for column in reversed(columns):
                batch.drop_column(column.name)
    for name in reversed(NEW_TABLES):
        op.drop_table(name)  # drops its indexes with it
