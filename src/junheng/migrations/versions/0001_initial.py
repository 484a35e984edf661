"""Initial store: county years, the import log, and one table per workbook sheet.

Revision ID: 0001_initial
Revises:
Create Date: 2025-11-23

A frozen snapshot of ``junheng.store.models`` at v1 of the workbook (migrations never import
the models, which move on). Every data table starts with the same five columns: ``id``,
``county_code``, ``school_year`` (the county-year key, a foreign key to ``county_years``),
``row_no`` (position in the sheet) and ``version`` (optimistic concurrency).
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0001_initial"
down_revision: str | Sequence[str] | None = None
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

KEY = ["county_code", "school_year"]


def _code(name: str, nullable: bool = False) -> sa.Column:
    return sa.Column(name, sa.String(), nullable=nullable)


def _int(name: str, nullable: bool = False) -> sa.Column:
    return sa.Column(name, sa.Integer(), nullable=nullable)


def _num(name: str, nullable: bool = False) -> sa.Column:
    return sa.Column(name, sa.Double(), nullable=nullable)


def _bool(name: str, nullable: bool = False) -> sa.Column:
    return sa.Column(name, sa.Boolean(), nullable=nullable)


def _county_row_table(name: str, *columns: sa.Column, unique: Sequence[str] = (),
                      index: Sequence[str] | None = None) -> None:
    """Create a data table: the shared columns, ``columns``, its unique key and lookup index."""
    constraints: list[sa.SchemaItem] = [
        sa.ForeignKeyConstraint(KEY, ["county_years.county_code", "county_years.school_year"],
                                name=f"fk_{name}_county_year"),
        sa.PrimaryKeyConstraint("id", name=op.f(f"pk_{name}")),
    ]
    if unique:
        constraints.append(sa.UniqueConstraint(*KEY, *unique, name=f"uq_{name}_key"))
    op.create_table(
        name,
        sa.Column("id", sa.Integer(), nullable=False),
        _code("county_code"),
        _int("school_year"),
        _int("row_no"),
        sa.Column("version", sa.Integer(), server_default="1", nullable=False),
        *columns,
        *constraints,
        sqlite_autoincrement=True,
    )
    if index is not None:
        suffix = "_school" if "school_id" in index else ""
        op.create_index(f"ix_{name}_county_year{suffix}", name, [*KEY, *index], unique=False)


def _create_registry_tables() -> None:
    op.create_table(
        "import_log",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("imported_at", sa.DateTime(timezone=True), nullable=False),
        _code("county_code"),
        _int("school_year"),
        _code("source"),
        _code("file_hash"),
        sa.Column("row_counts", sa.JSON(), nullable=False),
        _code("user_name"),
        _bool("replaced"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_import_log")),
    )
    op.create_index("ix_import_log_county_year", "import_log", KEY, unique=False)
    op.create_table(
        "county_years",
        sa.Column("id", sa.Integer(), nullable=False),
        _code("county_code"),
        _int("school_year"),
        _code("county_name"),
        _code("city_name"),
        _num("primary_funding_quota"),
        _num("junior_funding_quota"),
        sa.Column("extra_info", sa.JSON(), nullable=False),
        sa.Column("imported_at", sa.DateTime(timezone=True), nullable=False),
        _int("import_id"),
        sa.ForeignKeyConstraint(["import_id"], ["import_log.id"],
                                name=op.f("fk_county_years_import_id_import_log")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_county_years")),
        sa.UniqueConstraint(*KEY, name="uq_county_years_key"),
    )


def _create_school_tables() -> None:
    _county_row_table(
        "schools",
        _code("school_id"), _code("name"), _code("school_type"), _code("ownership"),
        _bool("affordable", True), _code("town_code"), _code("urban_rural_code"),
        _num("lon"), _num("lat"), _code("crs"), _code("central_school", True),
        _bool("boarding"), _int("boarding_beds", True), _code("school_group", True),
        unique=["school_id"],
    )
    _county_row_table(
        "classes",
        _code("school_id"), _code("grade"), _code("class_no"), _int("students"),
        _int("boarders", True), _int("migrant_students", True), _int("disabled_students", True),
        unique=["school_id", "grade", "class_no"],
    )
    _county_row_table(
        "enrolment",
        _code("school_id"), _code("grade"), _int("entrants"), _int("zone_entrants"),
        _int("migrant_entrants", True),
        index=["school_id"],
    )
    _county_row_table(
        "teachers",
        _code("teacher_id"), _code("school_id"), _code("stage"), _code("subject"),
        _bool("full_time"), _code("degree"), _code("title"), _code("backbone"),
        _bool("certified"), _code("sex"), _int("birth_year"), _int("work_start_year"),
        _int("school_start_year"), _num("training_hours_5y"), _bool("rotated_in"),
        _code("from_school_id", True),
        unique=["teacher_id"], index=["school_id"],
    )
    _county_row_table(
        "facilities",
        _code("school_id"), _num("teaching_area", True), _num("sports_area", True),
        _num("equipment_value", True), _int("books", True), _int("computers", True),
        _int("multimedia_rooms", True), _int("classrooms", True), _int("music_rooms", True),
        _num("music_room_area", True), _int("art_rooms", True), _num("art_room_area", True),
        _num("outdoor_play_area", True),
        index=["school_id"],
    )
    _county_row_table(
        "funding",
        _code("school_id"), _num("public_funding"), _num("training_funding"),
        index=["school_id"],
    )


def _create_area_tables() -> None:
    _county_row_table(
        "villages",
        _code("village_code"), _code("name"), _code("town_code"), _code("urban_rural_code"),
        _num("lon"), _num("lat"), _code("crs"),
        *(_int(f"age_{age}") for age in range(15)),
        _code("zone_primary", True), _code("zone_junior", True),
        index=[],
    )
    _county_row_table(
        "births",
        _code("town_code"), _int("year"), _int("births"),
        index=[],
    )
    _county_row_table(
        "enrolment_history",
        _int("history_year"), _code("school_id"), _code("grade"), _int("students"),
        index=["school_id"],
    )
    _county_row_table(
        "county_indicators",
        _code("indicator_code"), _code("indicator_name"), _num("value"),
        _code("evidence", True),
        index=[],
    )


DATA_TABLES = ("schools", "classes", "enrolment", "teachers", "facilities", "funding",
               "villages", "births", "enrolment_history", "county_indicators")


def upgrade() -> None:
    _create_registry_tables()
    _create_school_tables()
    _create_area_tables()


def downgrade() -> None:
    for name in reversed(DATA_TABLES):
        op.drop_table(name)  # drops its indexes with it
    op.drop_table("county_years")
    op.drop_index("ix_import_log_county_year", table_name="import_log")
    op.drop_table("import_log")
