"""The store's tables: one typed class per workbook sheet, plus ``county_years`` and ``import_log``.

Every data row carries the county-year key (``county_code`` + ``school_year``), so one
database holds many counties and years; a surrogate ``id``; ``row_no``, its position in the
sheet (so a county loads back in the order it was imported); and ``version``, which the ORM
bumps on every update (optimistic concurrency for the web editor: an update whose version
is stale matches no row and raises ``StaleDataError``).

Columns mirror :mod:`junheng.model.schema` one to one (``tests/store`` checks that they stay
in step). Kinds map to types as follows: code, text and enum -> ``String`` (enums hold the
English code, e.g. ``"teaching_point"``), integer -> ``Integer``, number -> ``Double``, bool
-> ``Boolean``, date -> ``Date``. Required columns are ``NOT NULL``; an empty optional cell is
``NULL`` (unknown), never zero. One rename: the 在校生历史 column 学年 is ``history_year`` here,
because ``school_year`` is the county-year key (:data:`COLUMN_RENAMES`).

Indexes: every data table is indexed on (county_code, school_year, school_id) when it has a
school, else on (county_code, school_year). The keys WORKBOOK.md calls unique are unique
constraints per county-year: 学校标识码, (学校, 年级, 班号), 教师编号, and the school of a
校舍设施 row (the web writes that table; migration ``0003``); so are the keys of the sheets
format v2 added (docs/workbook.md), created by migration ``0004_workbook_v2``.

Adding tables
-------------
Later tables (accounts, audit log, submissions) subclass the same :class:`Base` in their own
module inside ``junheng.store`` and get their own migration (``versions/0002_...``);
``migrations/env.py`` imports every module of this package, so autogenerate sees them.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Annotated, Any, ClassVar

from sqlalchemy import (
    JSON,
    Boolean,
    Date,
    DateTime,
    Double,
    ForeignKey,
    ForeignKeyConstraint,
    Index,
    Integer,
    String,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, declared_attr, mapped_column

from junheng.store.base import Base

Code = Annotated[str, mapped_column(String)]
Text = Annotated[str, mapped_column(String)]
Count = Annotated[int, mapped_column(Integer)]
Amount = Annotated[float, mapped_column(Double)]
Flag = Annotated[bool, mapped_column(Boolean)]
Day = Annotated[date, mapped_column(Date)]

# Schema keys whose store column has another name, per sheet key.
COLUMN_RENAMES: dict[str, dict[str, str]] = {"enrolment_history": {"school_year": "history_year"}}


class CountyYearRow(Base):
    """One county and school year held in the store (the 基本信息 sheet)."""

    __tablename__ = "county_years"
    __table_args__ = (UniqueConstraint("county_code", "school_year", name="uq_county_years_key"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    county_code: Mapped[Code]
    school_year: Mapped[Count]
    county_name: Mapped[Text]
    city_name: Mapped[Text]
    primary_funding_quota: Mapped[Amount]
    junior_funding_quota: Mapped[Amount]
    # 基本信息 values outside the v1 columns, kept so a round trip loses nothing.
    extra_info: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    imported_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    import_id: Mapped[int] = mapped_column(ForeignKey("import_log.id"))


class ImportLogRow(Base):
    """One successful import: when, from which file, how many rows, by whom."""

    __tablename__ = "import_log"

    id: Mapped[int] = mapped_column(primary_key=True)
    imported_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    county_code: Mapped[Code]
    school_year: Mapped[Count]
    source: Mapped[Text]
    file_hash: Mapped[Code]
    row_counts: Mapped[dict[str, int]] = mapped_column(JSON)
    user_name: Mapped[Text]
    replaced: Mapped[Flag]

    __table_args__ = (Index("ix_import_log_county_year", "county_code", "school_year"),)


class CountyRow:
    """Columns and constraints every data row shares."""

    id: Mapped[int] = mapped_column(primary_key=True, sort_order=-10)
    county_code: Mapped[Code] = mapped_column(sort_order=-9)
    school_year: Mapped[Count] = mapped_column(sort_order=-8)
    row_no: Mapped[Count] = mapped_column(sort_order=-7)
    version: Mapped[Count] = mapped_column(default=1, server_default="1", sort_order=-6)

    # Set on subclasses: the keys WORKBOOK.md calls unique, and whether rows name a school.
    _unique: ClassVar[tuple[str, ...]] = ()
    _by_school: ClassVar[bool] = True

    @declared_attr.directive
    def __table_args__(cls) -> tuple[Any, ...]:
        return county_row_constraints(cls.__tablename__, unique=cls._unique,
                                      by_school=cls._by_school)

    @declared_attr.directive
    def __mapper_args__(cls) -> dict[str, Any]:
        return {"version_id_col": cls.__table__.c.version}


def county_row_constraints(table: str, *, unique: tuple[str, ...] = (), by_school: bool = True
                           ) -> tuple[Any, ...]:
    """The foreign key to ``county_years``, the lookup index and the unique key of a table."""
    key = ("county_code", "school_year")
    args: list[Any] = [
        ForeignKeyConstraint(list(key), ["county_years.county_code", "county_years.school_year"],
                             name=f"fk_{table}_county_year"),
        {"sqlite_autoincrement": True},
    ]
    if unique:
        args.insert(0, UniqueConstraint(*key, *unique, name=f"uq_{table}_key"))
    if not unique or unique[0] != "school_id":
        lookup = (*key, "school_id") if by_school else key
        suffix = "_school" if by_school else ""
        args.insert(0, Index(f"ix_{table}_county_year{suffix}", *lookup))
    return tuple(args)


class School(CountyRow, Base):
    """学校: every school, teaching point and kindergarten."""

    __tablename__ = "schools"
    _unique = ("school_id",)

    school_id: Mapped[Code]
    name: Mapped[Text]
    school_type: Mapped[Code]
    ownership: Mapped[Code]
    affordable: Mapped[Flag | None]
    town_code: Mapped[Code]
    urban_rural_code: Mapped[Code]
    lon: Mapped[Amount]
    lat: Mapped[Amount]
    crs: Mapped[Code]
    central_school: Mapped[Code | None]
    boarding: Mapped[Flag]
    boarding_beds: Mapped[Count | None]
    school_group: Mapped[Text | None]


class SchoolClass(CountyRow, Base):
    """班级: every class with its pupils."""

    __tablename__ = "classes"
    _unique = ("school_id", "grade", "class_no")

    school_id: Mapped[Code]
    grade: Mapped[Code]
    class_no: Mapped[Text]
    students: Mapped[Count]
    boarders: Mapped[Count | None]
    migrant_students: Mapped[Count | None]
    disabled_students: Mapped[Count | None]


class Enrolment(CountyRow, Base):
    """招生: this year's entrants per school and entry grade."""

    __tablename__ = "enrolment"

    school_id: Mapped[Code]
    grade: Mapped[Code]
    entrants: Mapped[Count]
    zone_entrants: Mapped[Count]
    migrant_entrants: Mapped[Count | None]


class Teacher(CountyRow, Base):
    """教师: one anonymised staff member."""

    __tablename__ = "teachers"
    _unique = ("teacher_id",)

    teacher_id: Mapped[Text]
    school_id: Mapped[Code]
    stage: Mapped[Code]
    subject: Mapped[Code]
    full_time: Mapped[Flag]
    degree: Mapped[Code]
    title: Mapped[Code]
    backbone: Mapped[Code]
    certified: Mapped[Flag]
    sex: Mapped[Code]
    birth_year: Mapped[Count]
    work_start_year: Mapped[Count]
    school_start_year: Mapped[Count]
    training_hours_5y: Mapped[Amount]
    rotated_in: Mapped[Flag]
    from_school_id: Mapped[Code | None]
    backbone_year: Mapped[Count | None]
    post_category: Mapped[Code | None]
    quota_status: Mapped[Code | None]
    kindergarten_post: Mapped[Code | None]
    post_certified: Mapped[Flag | None]
    cert_stage: Mapped[Code | None]


class Facility(CountyRow, Base):
    """校舍设施: a school's buildings and equipment (blank = unknown), one row per school."""

    __tablename__ = "facilities"
    _unique = ("school_id",)  # two approvals racing for a school without a row cannot both insert

    school_id: Mapped[Code]
    teaching_area: Mapped[Amount | None]
    sports_area: Mapped[Amount | None]
    equipment_value: Mapped[Amount | None]
    books: Mapped[Count | None]
    computers: Mapped[Count | None]
    multimedia_rooms: Mapped[Count | None]
    classrooms: Mapped[Count | None]
    music_rooms: Mapped[Count | None]
    music_room_area: Mapped[Amount | None]
    art_rooms: Mapped[Count | None]
    art_room_area: Mapped[Amount | None]
    outdoor_play_area: Mapped[Amount | None]
    building_area: Mapped[Amount | None]
    site_area: Mapped[Amount | None]
    activity_rooms: Mapped[Count | None]
    activity_room_area: Mapped[Amount | None]
    design_year: Mapped[Count | None]
    toys_books_complete: Mapped[Flag | None]


class Funding(CountyRow, Base):
    """经费: a school's funding this year."""

    __tablename__ = "funding"

    school_id: Mapped[Code]
    public_funding: Mapped[Amount]
    training_funding: Mapped[Amount]


class Village(CountyRow, Base):
    """村居: a village or community with its children by single year of age."""

    __tablename__ = "villages"
    _by_school = False

    village_code: Mapped[Code]
    name: Mapped[Text]
    town_code: Mapped[Code]
    urban_rural_code: Mapped[Code]
    lon: Mapped[Amount]
    lat: Mapped[Amount]
    crs: Mapped[Code]
    age_0: Mapped[Count]
    age_1: Mapped[Count]
    age_2: Mapped[Count]
    age_3: Mapped[Count]
    age_4: Mapped[Count]
    age_5: Mapped[Count]
    age_6: Mapped[Count]
    age_7: Mapped[Count]
    age_8: Mapped[Count]
    age_9: Mapped[Count]
    age_10: Mapped[Count]
    age_11: Mapped[Count]
    age_12: Mapped[Count]
    age_13: Mapped[Count]
    age_14: Mapped[Count]
    zone_primary: Mapped[Code | None]
    zone_junior: Mapped[Code | None]


class Birth(CountyRow, Base):
    """出生: births in a town in a year."""

    __tablename__ = "births"
    _by_school = False

    town_code: Mapped[Code]
    year: Mapped[Count]
    births: Mapped[Count]


class EnrolmentHistory(CountyRow, Base):
    """在校生历史: past enrolment by school and grade (学年 is ``history_year``)."""

    __tablename__ = "enrolment_history"

    history_year: Mapped[Count]
    school_id: Mapped[Code]
    grade: Mapped[Code]
    students: Mapped[Count]


class CountyIndicator(CountyRow, Base):
    """县级指标: an item measured outside the schools' own data."""

    __tablename__ = "county_indicators"
    _by_school = False

    indicator_code: Mapped[Text | None]
    indicator_name: Mapped[Text]
    value: Mapped[Amount]
    evidence: Mapped[Text | None]


class SchoolGroup(CountyRow, Base):
    """学校组织: a school's membership of an education group, alliance, community or 学区."""

    __tablename__ = "school_groups"
    _unique = ("group_name", "school_id")

    group_name: Mapped[Text]
    group_type: Mapped[Code]
    school_id: Mapped[Code]
    role: Mapped[Code]
    join_year: Mapped[Count | None]


class Rotation(CountyRow, Base):
    """教师交流记录: one period a teacher spent at another school."""

    __tablename__ = "rotations"
    _unique = ("teacher_id", "start_date")
    _by_school = False

    teacher_id: Mapped[Text]
    from_school_id: Mapped[Code]
    to_school_id: Mapped[Code]
    start_date: Mapped[Day]
    end_date: Mapped[Day | None]
    mode: Mapped[Code]


class Training(CountyRow, Base):
    """教师培训: a teacher's training hours of one category in one year."""

    __tablename__ = "training"
    _unique = ("teacher_id", "year", "category")
    _by_school = False

    teacher_id: Mapped[Text]
    year: Mapped[Count]
    hours: Mapped[Amount]
    category: Mapped[Code]


class Principal(CountyRow, Base):
    """校长: a school's principal (anonymised), grade and first year in office."""

    __tablename__ = "principals"
    _unique = ("school_id",)

    principal_id: Mapped[Text]
    school_id: Mapped[Code]
    rank: Mapped[Code]
    since_year: Mapped[Count]


class Staffing(CountyRow, Base):
    """编制岗位: a school's staffing quota and posts by category."""

    __tablename__ = "staffing"
    _unique = ("school_id",)

    school_id: Mapped[Code]
    staff_quota: Mapped[Count]
    professional_posts: Mapped[Count | None]
    management_posts: Mapped[Count | None]
    support_posts: Mapped[Count | None]


class SpecialRoom(CountyRow, Base):
    """专用教室: one special-purpose room and its area."""

    __tablename__ = "special_rooms"
    _unique = ("school_id", "room_type", "room_no")

    school_id: Mapped[Code]
    room_type: Mapped[Code]
    room_no: Mapped[Text]
    area: Mapped[Amount]


class Project(CountyRow, Base):
    """建设项目: a construction project of a school (or of a school being built)."""

    __tablename__ = "projects"
    _unique = ("school_id", "name")

    school_id: Mapped[Code]
    name: Mapped[Text]
    project_type: Mapped[Code]
    start_date: Mapped[Day | None]
    completion_date: Mapped[Day | None]
    added_places: Mapped[Count | None]
    added_floor_area: Mapped[Amount | None]
    added_beds: Mapped[Count | None]
    added_sports_area: Mapped[Amount | None]
    investment: Mapped[Amount | None]
    funding_source: Mapped[Text | None]
    status: Mapped[Code]
    # migration 0013_project_sites: the new site of a 新建 or 迁建 and a 新建's town
    site_lon: Mapped[Amount | None]
    site_lat: Mapped[Amount | None]
    town_code: Mapped[Code | None]


class CountyFigure(CountyRow, Base):
    """县级年度数据: a county figure of one calendar year."""

    __tablename__ = "county_figures"
    _unique = ("year", "figure")
    _by_school = False

    year: Mapped[Count]
    figure: Mapped[Code]
    value: Mapped[Amount]
    unit: Mapped[Text | None]
    evidence: Mapped[Text | None]


class CountyAttestation(CountyRow, Base):
    """县级认定: an item the county attests, with its evidence."""

    __tablename__ = "county_attestations"
    _unique = ("item",)
    _by_school = False

    item: Mapped[Code]
    answer: Mapped[Flag]
    year: Mapped[Count | None]
    evidence: Mapped[Text]


class Town(CountyRow, Base):
    """乡镇: a town's code and name (format v2, optional; migration 0012_town_names)."""

    __tablename__ = "towns"
    _unique = ("town_code",)
    _by_school = False

    town_code: Mapped[Code]
    town_name: Mapped[Text]


# Table sheet key -> model, in workbook order (inserts follow it; deletes go in reverse).
SHEET_MODELS: dict[str, type[CountyRow]] = {
    "schools": School,
    "classes": SchoolClass,
    "enrolment": Enrolment,
    "teachers": Teacher,
    "facilities": Facility,
    "funding": Funding,
    "villages": Village,
    "births": Birth,
    "enrolment_history": EnrolmentHistory,
    "county_indicators": CountyIndicator,
    "school_groups": SchoolGroup,
    "rotations": Rotation,
    "training": Training,
    "principals": Principal,
    "staffing": Staffing,
    "special_rooms": SpecialRoom,
    "projects": Project,
    "county_figures": CountyFigure,
    "county_attestations": CountyAttestation,
    "towns": Town,
}


def store_column(sheet_key: str, column_key: str) -> str:
    """The store column that holds schema column ``column_key`` of sheet ``sheet_key``."""
    return COLUMN_RENAMES.get(sheet_key, {}).get(column_key, column_key)
