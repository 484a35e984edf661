"""The county as it will stand when its committed building projects (建设项目) are in use.

:func:`county_at` takes a county and a target school year and returns the county with the
projects that open by then, and the list of what was counted and what was not, for every plan
(forecast classroom gap, 达标路径, 布局调整, 就近划片) to start from and to print.

Which projects count (the rule):

1. status in ``statuses`` (default 在建 and 规划; a parameter);
2. 竣工日期 filled in and on or before 1 September of the target year (the school year starts);
3. 竣工 projects never count again: a snapshot's 竣工 project is already in its 学校 and 校舍设施
   rows (the demo generator adds a finished project's beds, rooms, areas and new site to the
   year it is finished in, :func:`junheng.demo.events.apply_finished`; the schema asks for the
   actual completion date of a 竣工 project, i.e. one the school already uses).

What a counted project adds at an existing school:

* 新增学位 → 普通教室数 += ``floor(places / standard class size)``, the class size of the
  school's first stage (小学、教学点、九年一贯制、十二年一贯制 45 — a 教学点 too, as its new rooms
  are full-size; 初级中学、完全中学 50; 高级中学 50; 幼儿园 30, 中班); without places, 新增建筑面积 of a
  新建/改扩建 project counts ``floor(area / 120 m²)`` rooms (the layout's building area of
  one classroom with its share of auxiliary rooms and corridors);
* 新增建筑面积 of a 新建/改扩建 project at an existing school → 教学及辅助用房面积 (a teaching
  building's building area is teaching and auxiliary area); a new school's (a 新建 project
  building a whole campus: dormitories, canteen, offices too) counts :data:`TEACHING_SHARE`
  of it (假设值, :data:`TEACHING_SHARE_NOTE`); a 新增宿舍 or 其他 project's area is not teaching area,
  nor is a 迁建's (its new campus replaces the old buildings; the sheet does not say by how much
  it is larger), but a 迁建's 新增学位 count as rooms;
* 新增床位 → 宿舍床位数 (the school becomes a boarding school);
* 新增运动场面积 → 体育运动场馆面积.

A 迁建 keeps its 学校标识码; from the first school year it is in use (counted) the school stands
at its 新址经度/新址纬度 (WGS-84), and without them on its reported site. Every school with a
迁建 not yet finished is in ``relocating`` = ``no_build``: no plan builds there (rooms, area,
beds, multimedia rooms; the new campus is built by the project, "正在迁建，新校址建设按项目实施").
A 新建 project whose school is not in 学校 becomes a new school with no pupils: its type from
its name (…小学, …初级中学, …九年一贯制学校, …幼儿园); its site the project's 新址 with its 乡镇 the
given 所在乡镇代码, else the town of the 村居 nearest the site; without a 新址, its 乡镇 from the
乡镇/街道 its name contains and its site the centre of that town's 村居 (else of its schools); a
new school placed by neither is counted only in the county's totals (``unplaced``). A 新建 project whose school is already listed in 学校 adds to that row (its
site is the row's); a school without a 校舍设施 row gets one holding what its projects build.
A reported value left empty stays empty (unknown plus a project is still unknown), and so
does a new school's figure its project leaves empty (no 新增建筑面积: its teaching area; no
新增学位 nor area: its classrooms): 待核实 in every output, never 0; a project without its
竣工日期 is listed as not counted, its date 待核实.

>>> data = CountyData.from_records(
...     {"county_code": "410306", "school_year": 2025, "county_name": "示例县"},
...     schools=[{"school_id": "S1", "name": "示例县第一小学", "school_type": "primary_school",
...               "town_code": "410306001", "lon": 112.0, "lat": 34.0}],
...     facilities=[{"school_id": "S1", "classrooms": 12, "teaching_area": 2000.0}],
...     projects=[{"school_id": "S1", "name": "示例县第一小学教学楼改扩建", "project_type": "expansion",
...                "completion_date": "2026-08-20", "added_places": 270, "status": "under_construction"}])
>>> built = county_at(data, 2026)
>>> int(built.data.facilities.at[0, "classrooms"]), float(built.data.facilities.at[0, "teaching_area"])
(18, 2000.0)
>>> print(built.lines()[0])
已计入的在建、规划项目（2026 学年开学前竣工，共 1 项）：
"""

from __future__ import annotations

import math
import re
from collections.abc import Collection, Mapping
from dataclasses import dataclass, field
from datetime import date

import pandas as pd

from junheng.forecast.county import NewSchoolRooms
from junheng.model import CountyData
from junheng.model.codes import SCHOOL_TYPES
from junheng.model.county import typed_frame
from junheng.model.numbers import is_missing, number
from junheng.model.places import school_names, town_names
from junheng.planning.project_entry import (
    _STATUS_LABELS,
    COUNTED_STATUSES,
    PENDING,
    SCHOOL_START,
    ProjectEntry,
    first_year,  # noqa: F401 (its importers read it from here)
)
from junheng.standards import load_class_size

ROOM_FLOOR_AREA_M2 = 120.0  # building area of one classroom with its share (layout's default)
#: Share of a new school's building area that is 教学及辅助用房 (假设值): in the Ministry of
#: Education's 2020 education statistics (全国教育事业发展统计, 校舍情况), teaching and auxiliary
#: rooms are about 55 % of the school building area of 小学 and 初中; the rest is 行政办公用房,
#: 生活用房 (dormitories, canteens) and other rooms.
TEACHING_SHARE = 0.55
TEACHING_SHARE_NOTE = (
    f"在建、规划项目新建学校的教学及辅助用房面积按其新增建筑面积的 {TEACHING_SHARE:.0%} 计（假设值，"
    "依据教育部 2020 年全国教育事业发展统计：小学、初中教学及辅助用房约占校舍建筑面积的 55%，其余为"
    "行政办公、生活用房等）；项目未填的面积、学位按待核实计，不按 0 计。")
TEACHING_TYPES = frozenset({"new_build", "expansion"})
FIRST_GRADE = {"junior_school": "g7", "complete_secondary": "g7", "senior_school": "s1",
               "kindergarten": "k2"}
_NEW_TYPES = (("十二年一贯制", "twelve_year"), ("九年一贯制", "nine_year"),
              ("完全中学", "complete_secondary"), ("高级中学", "senior_school"),
              ("高中", "senior_school"), ("初级中学", "junior_school"), ("初中", "junior_school"),
              ("幼儿园", "kindergarten"), ("小学", "primary_school"))
_PROJECT_SUFFIX = re.compile(r"(新建工程|新建项目|建设工程|建设项目|工程|项目)$")
NO_BUILD_NOTE = "正在迁建，新校址建设按项目实施"
BUILDING_PROJECTS = ("building", "renovation", "repair", "sports")  # plan actions that build at a school
_SCHOOL_TYPE_LABELS = {v: k for k, v in SCHOOL_TYPES.items()}


@dataclass(frozen=True)
class CountyAtYear:
    """The county with its counted projects, and the lists every output prints."""

    data: CountyData
    target_year: int
    entries: tuple[ProjectEntry, ...] = ()
    relocating: frozenset[str] = frozenset()
    new_schools: tuple[str, ...] = ()
    unplaced: tuple[ProjectEntry, ...] = field(default_factory=tuple)
    #: the day the plan is made: projects past their 竣工日期 and not 竣工 are flagged
    today: date | None = None
    leads: Mapping[str, int] | None = None  #: build times: a 规划 project's earliest year (rv6 N10)

    @property
    def overdue(self) -> tuple[ProjectEntry, ...]:
        """The projects still 在建 or 规划 though their 竣工日期 is before :attr:`today`."""
        return tuple(e for e in self.entries if e.overdue(self.today))

    @property
    def no_build(self) -> frozenset[str]:
        """Schools no plan builds at: those being relocated (:data:`NO_BUILD_NOTE`)."""
        return self.relocating

    @property
    def counted(self) -> tuple[ProjectEntry, ...]:
        return tuple(e for e in self.entries if e.counted)

    @property
    def left_out(self) -> tuple[ProjectEntry, ...]:
        return tuple(e for e in self.entries if not e.counted)

    def lines(self) -> list[str]:
        """The Chinese lines every output prints (a heading, then one line per project)."""
        if not self.entries:
            return ["已计入的在建、规划项目：无（建设项目表无项目）。"]
        counted, left = self.counted, self.left_out
        out = [f"已计入的在建、规划项目（{self.target_year} 学年开学前竣工，共 {len(counted)} 项）："
               if counted else f"已计入的在建、规划项目：无（{self.target_year} 学年开学前无在建、规划项目竣工）。"]
        out += [f"  {e.line(self.today, self.leads)}" for e in counted]
        if left:
            out.append(f"未计入的项目（共 {len(left)} 项）：")
            out += [f"  {e.line(self.today)}" for e in left]
        if self.relocating:
            names = school_names(self.data)
            out.append("迁建中的学校（" + NO_BUILD_NOTE + "，本方案不在该校新增校舍）："
                       + "、".join(names.get(s, s) for s in sorted(self.relocating)) + "。")
        return out

    def existing_schools(self, used: Collection[str] = ()) -> CountyData:
        """The county with its counted projects but without the new schools (for a plan
        that works on today's pupils school by school and cannot move them to a new one),
        except those in ``used`` (a layout plan in force gives them pupils)."""
        new = set(self.new_schools) - set(used)
        if not new:
            return self.data
        keep = {k: self.data.tables[k] for k in ("schools", "facilities")}
        return self.data.with_tables(**{k: v[~v["school_id"].astype(str).isin(new)]
                                        .reset_index(drop=True) for k, v in keep.items()})

    def plan_notes(self, plan: str, actions: pd.DataFrame | None = None,
                   new_schools_used: bool | Mapping[str, int] = False) -> list[str]:
        """Sentences for a plan's 说明: the projects counted and not, the new schools, and,
        for a plan that builds (``actions``: school_id, name, project; None for one that does
        not), whether it builds at a school being relocated. ``new_schools_used`` is True for
        a plan that assigns pupils to the new schools itself, or the pupils per new school
        that a layout plan in force gives them (planner review finding 9: the compliance
        plan said it gave 城东新区第二小学 none while the layout gave it 371)."""
        if not self.entries:
            return [self.lines()[0]]
        out = [_joined(self.lines()[0], self.counted, self.today, self.leads), _joined(
            f"未计入的项目（共 {len(self.left_out)} 项）：", self.left_out, self.today)]
        given = new_schools_used if isinstance(new_schools_used, Mapping) else {}
        new = [e for e in self.counted if e.school_id in self.new_schools or e in self.unplaced]
        used = [f"新建学校{e.school}按布局调整方案计入，规划年学生 {given[e.school_id]:,} 人"
                for e in new if e.school_id in given]
        if used:
            out.append("；".join(used) + f"，{plan}按这些学生计算（项目未填的教学仪器设备值"
                       "按布局方案新建学校的标准计，普通教室均按多媒体教室计）。")
        idle = [e.school for e in new if e.school_id not in given]
        if idle and new_schools_used is not True:
            out.append(f"新建学校{'、'.join(idle)}尚无在校生，{plan}未给其分配学生，其学位须经就近划片"
                       "分流后才能缓解其他学校。")
        out.append(self._relocation_note(plan, actions))
        return [text for text in out if text]

    def _relocation_note(self, plan: str, actions: pd.DataFrame | None) -> str:
        if not self.relocating or actions is None:
            return ""
        from junheng.planning.layout_conditions import moving_names

        moving = moving_names(school_names(self.data), self.relocating, self.data.tables.get("projects"))
        built = actions.iloc[:0] if actions.empty else actions[
            actions["school_id"].astype(str).isin(self.relocating)
            & actions["project"].isin(BUILDING_PROJECTS)]
        if built.empty:
            return f"迁建中或已列入迁建的学校：{moving}，新校址建设按项目实施，{plan}未在该校安排校舍或场地建设。"
        where = "、".join(pd.unique(built["name"].astype(str)))
        return (f"注意：{where}正在迁建（或已列入迁建），{plan}仍在其原址安排了校舍或场地建设，"
                "请在迁建项目中统筹，避免重复投资。")


def _joined(head: str, entries: tuple[ProjectEntry, ...], today: date | None = None, leads=None) -> str:
    if not entries:
        return head if head.endswith("。") else ""
    return head + "；".join(e.line(today, leads) for e in entries) + "。"


def county_at(data: CountyData, target_year: int,
              statuses: Collection[str] = COUNTED_STATUSES, today: date | None = None
              ) -> CountyAtYear:
    """``data`` with every project counted by the rule of the module docstring; ``today``, the
    day the plan is made, flags projects past their 竣工日期 (:data:`OVERDUE`)."""
    if data.projects.empty:
        return CountyAtYear(data, target_year, today=today)
    projects = typed_frame("projects", data.projects)  # every column, whoever built the frame
    cutoff = date(target_year, *SCHOOL_START)
    listed = set(data.schools["school_id"].astype(str))
    entries, new_rows, unplaced = [], [], []
    schools, facilities = data.schools.copy(), data.facilities.copy()
    for row in projects.itertuples(index=False):
        reason = _left_out_reason(row, cutoff, statuses)
        sid = str(row.school_id)
        if reason or sid in listed:
            entry = _entry(row, schools, facilities, reason)
            if not reason:
                schools, facilities = _add_to_school(schools, facilities, row, entry.rooms)
                if row.project_type == "relocation" and has_site(row):
                    schools = _moved(schools, row)
        else:
            entry, new = _new_school(data, row)
            if new is None:
                unplaced.append(entry)
            else:
                new_rows.append(new)
        entries.append(entry)
    schools, facilities = _with_new_schools(schools, facilities, new_rows)
    relocating = no_build_ids(data) & listed
    return CountyAtYear(data.with_tables(schools=schools, facilities=facilities), target_year,
                        tuple(entries), relocating,
                        tuple(s["school"]["school_id"] for s in new_rows), tuple(unplaced), today)


def new_build_ids(data: CountyData) -> frozenset[str]:
    """The schools an unfinished 新建 project (规划 or 在建) builds."""
    return _unfinished(data, "new_build")


def no_build_ids(data: CountyData) -> frozenset[str]:
    """The schools no plan builds at: those an unfinished 迁建 (规划 or 在建) moves, whatever
    its date ("正在迁建，新校址建设按项目实施": the new campus is the project's, before and after
    the move). The compliance plan (constraint (14)) and the layout (rule (7)) honour it."""
    return _unfinished(data, "relocation")


def _unfinished(data: CountyData, project_type: str) -> frozenset[str]:
    projects = data.tables.get("projects")
    if projects is None or projects.empty:
        return frozenset()
    ids = projects.loc[(projects["project_type"] == project_type)
                       & (projects["status"] != "completed"), "school_id"]
    return frozenset(ids.astype(str))


def _left_out_reason(row, cutoff: date, statuses: Collection[str]) -> str:
    """Why a project is not counted ("" when it is)."""
    if row.status == "completed":
        return "已竣工，视为已包含在学校、校舍设施数据中，不重复计入"
    if row.status not in statuses:
        return f"状态为{_STATUS_LABELS.get(row.status, '未填')}，本方案只计入" + \
            "、".join(_STATUS_LABELS[s] for s in statuses if s in _STATUS_LABELS) + "项目"
    if pd.isna(row.completion_date):
        return f"竣工日期{PENDING}（建设项目表未填），无法判断能否按期使用，暂不计入"
    if row.completion_date.date() > cutoff:
        return f"计划竣工晚于 {cutoff.year} 年 9 月 1 日开学，{cutoff.year} 学年尚不能使用"
    return ""


def class_size_of(school_type: str) -> float:
    """The standard class size a project's places are divided by.

    >>> class_size_of("primary_school"), class_size_of("teaching_point"), class_size_of("junior_school")
    (45.0, 45.0, 50.0)
    """
    grade = FIRST_GRADE.get(school_type, "g1")
    return float(load_class_size().class_sizes(["primary_school"] if grade == "g1"
                                                else [school_type], [grade])[0, 0])


def rooms_of(row, school_type: str) -> tuple[int, str]:
    """Classrooms a project adds and the Chinese words saying how they were counted."""
    places = row.added_places
    if not is_missing(places) and places > 0:
        size = class_size_of(school_type)
        rooms = math.floor(float(places) / size + 1e-9)
        return rooms, f"新增学位 {number(int(places))} 个（按每班 {number(size)} 人折合普通教室 {rooms} 间）"
    area = row.added_floor_area
    if row.project_type in TEACHING_TYPES and not is_missing(area) and area > 0:
        rooms = math.floor(float(area) / ROOM_FLOOR_AREA_M2 + 1e-9)
        return rooms, (f"未填新增学位，按建筑面积每间 {number(ROOM_FLOOR_AREA_M2)} 平方米折合普通教室 "
                       f"{rooms} 间")
    return 0, ""


def new_teaching_area(area) -> float:
    """A new school's 教学及辅助用房面积 from its project's 新增建筑面积: :data:`TEACHING_SHARE`
    of it; NaN (待核实) when the project leaves it empty.

    >>> new_teaching_area(26000.0), math.isnan(new_teaching_area(None))
    (14300.0, True)
    """
    return math.nan if is_missing(area) else round(float(area) * TEACHING_SHARE, 1)


def _area_text(row, new: bool) -> str:
    area = row.added_floor_area
    if is_missing(area) or area <= 0:
        return (f"新增建筑面积未填，新校教学及辅助用房面积{PENDING}" if new
                else f"新增建筑面积未填（{PENDING}），教学及辅助用房面积按现状计"
                if row.project_type in TEACHING_TYPES else "")
    if new:
        return (f"建筑面积 {number(area)} 平方米（按 {TEACHING_SHARE:.0%} 计入教学及辅助用房面积 "
                f"{number(new_teaching_area(area))} 平方米，假设值）")
    return f"建筑面积 {number(area)} 平方米" + (
        "（计入教学及辅助用房面积）" if row.project_type in TEACHING_TYPES
        else "（新校区替换原校舍，不计为新增）" if row.project_type == "relocation"
        else "（不计入教学及辅助用房面积）")


def _amounts_text(row, rooms_text: str, new: bool = False) -> str:
    """What a project adds in words; ``new``: it builds a new school (:data:`TEACHING_SHARE`)."""
    if new and not rooms_text:
        rooms_text = f"新增学位、建筑面积均未填，新校普通教室数{PENDING}"
    parts = [rooms_text] if rooms_text else []
    if _area_text(row, new):
        parts.append(_area_text(row, new))
    if not is_missing(row.added_beds) and row.added_beds > 0:
        parts.append(f"宿舍床位 {number(int(row.added_beds))} 张")
    if not is_missing(row.added_sports_area) and row.added_sports_area > 0:
        parts.append(f"运动场面积 {number(row.added_sports_area)} 平方米")
    text = "；".join(parts) if parts else "不增加教室、床位、教学用房或运动场"
    if row.project_type == "relocation":
        text += (f"；迁建：自竣工后的学年起按新址（{site_text(row)}）计" if has_site(row)
                 else "；迁建：建设项目表无新址，按原址计")
    return text


def has_site(row) -> bool:
    """Whether a project row gives its new site (新址经度 and 新址纬度)."""
    return not is_missing(row.site_lon) and not is_missing(row.site_lat)


def site_text(row) -> str:
    """A new site in words.

    >>> site_text(pd.Series({"site_lon": 112.45391, "site_lat": 34.6}))
    '东经 112.4539 度、北纬 34.6000 度'
    """
    return f"东经 {float(row.site_lon):.4f} 度、北纬 {float(row.site_lat):.4f} 度"


def _moved(schools: pd.DataFrame, row) -> pd.DataFrame:
    """The school of a counted 迁建 at its new site (WGS-84)."""
    schools = schools.copy()
    at = schools["school_id"].astype(str) == str(row.school_id)
    schools.loc[at, "lon"] = float(row.site_lon)
    schools.loc[at, "lat"] = float(row.site_lat)
    schools.loc[at, "crs"] = "WGS84"
    return schools


def _entry(row, schools: pd.DataFrame, facilities: pd.DataFrame, reason: str) -> ProjectEntry:
    at = schools.index[schools["school_id"].astype(str) == str(row.school_id)]
    school_type = str(schools.at[at[0], "school_type"]) if len(at) else "primary_school"
    school = str(schools.at[at[0], "name"]) if len(at) else new_school_name(str(row.name))
    rooms, rooms_text = rooms_of(row, school_type)
    new = row.project_type == "new_build" and not _has_facility(facilities, row)
    return _make_entry(row, school, _amounts_text(row, rooms_text, new), reason, rooms)


def _has_facility(facilities: pd.DataFrame, row) -> bool:
    return bool((facilities["school_id"].astype(str) == str(row.school_id)).any())


def _make_entry(row, school: str, adds: str, reason: str, rooms: int) -> ProjectEntry:
    done = None if pd.isna(row.completion_date) else row.completion_date.date()
    places = 0 if reason or is_missing(row.added_places) else int(row.added_places)
    return ProjectEntry(str(row.name), str(row.school_id), school, str(row.project_type),
                        str(row.status), done, adds, reason, rooms if not reason else 0, places)


def _plus(frame: pd.DataFrame, at, column: str, value) -> None:
    if is_missing(value) or value <= 0:
        return
    frame.loc[at, column] = frame.loc[at, column] + value


def _add_to_school(schools: pd.DataFrame, facilities: pd.DataFrame, row, rooms: int
                   ) -> tuple[pd.DataFrame, pd.DataFrame]:
    at_school = schools["school_id"].astype(str) == str(row.school_id)
    beds = row.added_beds
    if not is_missing(beds) and beds > 0:
        schools.loc[at_school, "boarding_beds"] = schools.loc[at_school, "boarding_beds"] \
            .fillna(0) + int(beds)
        schools.loc[at_school, "boarding"] = True
    at = facilities["school_id"].astype(str) == str(row.school_id)
    new = not at.any()
    if new:
        # a school without a 校舍设施 row (a new school listed in 学校): what the project builds
        facilities = pd.concat([facilities, typed_frame("facilities", [
            {"school_id": str(row.school_id), **_new_facility(row, rooms)}])], ignore_index=True)
        at = facilities["school_id"].astype(str) == str(row.school_id)
    else:
        _plus(facilities, at, "classrooms", rooms)
    if not new:
        if row.project_type in TEACHING_TYPES:
            _plus(facilities, at, "teaching_area", row.added_floor_area)
        _plus(facilities, at, "sports_area", row.added_sports_area)
    return schools, facilities


def new_school_name(project: str) -> str:
    """A new school's name: the project's name without 新建工程 and the like.

    >>> new_school_name("示例县城东新区第二小学新建工程")
    '示例县城东新区第二小学'
    """
    return _PROJECT_SUFFIX.sub("", project) or project


def new_school_type(name: str) -> str | None:
    """A new school's type from its name (None when the name says no type).

    >>> new_school_type("示例县城东新区第二小学"), new_school_type("示例县体育馆") is None
    ('primary_school', True)
    """
    return next((code for word, code in _NEW_TYPES if word in name), None)


def _town_of(data: CountyData, name: str) -> str | None:
    """The town whose name the project's name contains (the longest name if several)."""
    county = str(data.info.get("county_name") or "")
    text = name[len(county):] if county and name.startswith(county) else name
    found = [(len(town), code) for code, town in town_names(data).items() if town and town in text]
    return max(found)[1] if found else None


def _site(data: CountyData, town: str) -> tuple[float, float, str]:
    """The centre of a town's 村居 (else of its schools) and the words saying which."""
    for frame, what in ((data.villages, "村居"), (data.schools, "学校")):
        rows = frame[(frame["town_code"].astype(str) == town) & frame["lon"].notna()
                     & frame["lat"].notna()]
        if len(rows):
            return float(rows["lon"].mean()), float(rows["lat"].mean()), what
    return math.nan, math.nan, ""


def _placement(data: CountyData, row, school: str) -> tuple[str | None, float, float, str]:
    """A new school's town, site and the words saying how they were found (town None: it
    cannot be placed). The given site first (its town the given 所在乡镇代码, else the town of
    the nearest 村居, else of the nearest school); else the town its name names, at the centre
    of that town's 村居."""
    names = town_names(data)
    if has_site(row):
        lon, lat = float(row.site_lon), float(row.site_lat)
        if not is_missing(row.town_code) and str(row.town_code).strip():
            town = str(row.town_code)
            how = "乡镇按建设项目表"
        else:
            town, how = nearest_town(data, lon, lat)
        if town is None:
            return None, lon, lat, ""
        return town, lon, lat, (f"位于{names.get(town, town)}（{how}），新址{site_text(row)}")
    town = _town_of(data, school)
    if town is None:
        return None, math.nan, math.nan, ""
    lon, lat, what = _site(data, town)
    return town, lon, lat, (f"位于{names.get(town, town)}，位置按该乡镇{what}中心估计" if what
                            else f"位于{names.get(town, town)}")


def nearest_town(data: CountyData, lon: float, lat: float) -> tuple[str | None, str]:
    """The town of the 村居 nearest a site (else of the nearest school), and the words.

    Distances on the plane of the site's latitude (a county is small).
    """
    for frame, what in ((data.villages, "村居"), (data.schools, "学校")):
        rows = frame[frame["lon"].notna() & frame["lat"].notna() & frame["town_code"].notna()]
        if len(rows):
            dx = (rows["lon"].astype(float) - lon) * math.cos(math.radians(lat))
            d2 = dx ** 2 + (rows["lat"].astype(float) - lat) ** 2
            near = rows.loc[d2.idxmin()]
            return str(near["town_code"]), f"乡镇按新址最近的{what}{near['name']}"
    return None, ""


def _new_school(data: CountyData, row) -> tuple[ProjectEntry, dict | None]:
    """The entry of a counted 新建 project and its new school rows (None: it cannot be placed)."""
    school = new_school_name(str(row.name))
    kind = new_school_type(school)
    rooms, rooms_text = rooms_of(row, kind or "primary_school")
    adds = _amounts_text(row, rooms_text, new=True)
    town, lon, lat, where = _placement(data, row, school)
    if kind is None or town is None:
        why = "名称看不出学校类型" if kind is None else (
            "新址附近没有本县的村居或学校" if has_site(row)
            else "建设项目表未填新址，名称中也没有本县的乡镇（街道）名称，学校表也未列入该校")
        entry = _make_entry(row, school, f"{adds}；{why}，无法确定位置，只计入全县合计", "", rooms)
        return entry, None
    adds += f"；新校（{_SCHOOL_TYPE_LABELS[kind]}），{where}"
    codes = data.schools.loc[data.schools["town_code"].astype(str) == town, "urban_rural_code"]
    beds = 0 if is_missing(row.added_beds) else int(row.added_beds)
    new = {"school": {"school_id": str(row.school_id), "name": school, "school_type": kind,
                      "ownership": "public", "town_code": town,
                      "urban_rural_code": codes.mode().iloc[0] if len(codes.dropna()) else None,
                      "lon": lon, "lat": lat, "crs": "WGS84", "boarding": beds > 0,
                      "boarding_beds": beds},
           "facility": {"school_id": str(row.school_id), **_new_facility(row, rooms)}}
    return _make_entry(row, school, adds, "", rooms), new


def _new_facility(row, rooms: int) -> dict:
    """A new school's 校舍设施 from its project: its rooms (待核实, NaN, when the project gives
    neither places nor area), :data:`TEACHING_SHARE` of its building area as teaching area
    (NaN without it) and its sports ground (NaN without one: 待核实, never 0 — a plan that
    gives the school pupils builds it to the new-school standard, review finding 2)."""
    known = not (is_missing(row.added_places) and is_missing(row.added_floor_area))
    return {"classrooms": rooms if known else None,
            "teaching_area": new_teaching_area(row.added_floor_area) if row.project_type
            in TEACHING_TYPES else math.nan,
            "sports_area": math.nan if is_missing(row.added_sports_area)
            else float(row.added_sports_area)}


def _with_new_schools(schools: pd.DataFrame, facilities: pd.DataFrame, rows: list[dict]
                      ) -> tuple[pd.DataFrame, pd.DataFrame]:
    if not rows:
        return schools, facilities
    return (pd.concat([schools, typed_frame("schools", [r["school"] for r in rows])],
                      ignore_index=True),
            pd.concat([facilities, typed_frame("facilities", [r["facility"] for r in rows])],
                      ignore_index=True))


def new_school_rooms(data: CountyData, years: Collection[int],
                     statuses: Collection[str] = COUNTED_STATUSES, today: date | None = None
                     ) -> tuple[NewSchoolRooms, ...]:
    """The new schools the counted 新建 projects open by the last of ``years`` with rooms: no
    forecast school holds their rooms, so every classroom gap is quoted beside them (from
    :meth:`~ProjectEntry.in_use_from` ``today``)."""
    if data.projects.empty or not years:
        return ()
    last = county_at(data, max(years), statuses)
    rows = last.data.schools.set_index(last.data.schools["school_id"].astype(str))
    return tuple(NewSchoolRooms(e.school, str(rows.at[e.school_id, "school_type"]),
                                rows.at[e.school_id, "urban_rural_code"], int(e.rooms),
                                e.in_use_from(today))
                 for e in last.counted if e.school_id in last.new_schools and e.rooms > 0)


def rooms_by_year(data: CountyData, years: Collection[int],
                  statuses: Collection[str] = COUNTED_STATUSES, today: date | None = None
                  ) -> tuple[pd.DataFrame, list[str]]:
    """Classrooms the counted projects add at listed schools by each year (school_id, year,
    rooms; cumulative) and the forecast's notes: each project with its first year in use
    (:meth:`~ProjectEntry.in_use_from` ``today``: a project late on ``today`` from the next
    school year, its note saying so)."""
    if data.projects.empty or not years:
        return pd.DataFrame(columns=["school_id", "year", "rooms"]), []
    last = county_at(data, max(years), statuses)
    rows, said = [], []
    for e in last.counted:
        start = e.in_use_from(today)
        if e.school_id not in last.new_schools and e.rooms > 0 and e.school_id not in {
                u.school_id for u in last.unplaced}:
            rows += [{"school_id": e.school_id, "year": y, "rooms": e.rooms}
                     for y in years if y >= start]
            late = e.late(today)  # it says the year it is counted from
            said.append(f"{e.name}，{late}，+{e.rooms} 间" if late
                        else f"{e.name}，{start} 学年起 +{e.rooms} 间")
    notes = ["教室缺口已计入在建、规划项目新增的普通教室（竣工后的学年起计入）：" + "；".join(said) + "。"
             ] if said else []
    new = [f"{e.school}（{e.rooms} 间，{e.in_use_from(today)} 学年起）" for e in last.counted
           if (e.school_id in last.new_schools or e in last.unplaced) and e.rooms > 0]
    if new:
        notes.append(f"新建学校{'、'.join(new)}尚无预测学生，其教室未计入各校缺口，须经就近划片分流后"
                     "才能缓解其他学校。")
    left = _joined(f"未计入的项目（共 {len(last.left_out)} 项）：", last.left_out)
    return pd.DataFrame(rows, columns=["school_id", "year", "rooms"]), notes + ([left] if left
                                                                               else [])
