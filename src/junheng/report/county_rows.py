"""The county in the reports: 一、基本情况 (schools, classes, students and teachers by school
type and by stage) and the schools on the map with their evaluation result."""

from __future__ import annotations

from dataclasses import dataclass, replace

from junheng.evaluate import Evaluation
from junheng.evaluate.boarding import boarding_schools
from junheng.evaluate.schools import teaching_points
from junheng.model import CountyData
from junheng.model.codes import GRADE_STAGE, SCHOOL_TYPES, label_of
from junheng.planning.layout_outcome import LayoutOutcome
from junheng.report.report_format import STAGE_LABELS, STAGE_ORDER, is_missing


@dataclass(frozen=True)
class CountRow:
    """Schools, classes, students and full-time teachers of one school type or one stage."""

    label: str
    schools: int
    classes: int
    students: int
    teachers: int


#: the one school type counted in 个 and not among the schools (§一: 学校 101 所、教学点 70 个)
POINT = label_of(SCHOOL_TYPES, "teaching_point")
#: below the table by school type when it has 教学点
POINTS_NOTE = "教学点按个计，不计入学校数；合计的班级、在校生和专任教师含教学点。"


def schools_and_points(rows: tuple[CountRow, ...] | list[CountRow]) -> tuple[int, int]:
    """(学校 in 所, 教学点 in 个) of the rows by school type.

    >>> schools_and_points([CountRow("小学", 50, 0, 0, 0), CountRow("教学点", 70, 0, 0, 0),
    ...                     CountRow("幼儿园", 44, 0, 0, 0)])
    (94, 70)
    """
    points = sum(r.schools for r in rows if r.label == POINT)
    return sum(r.schools for r in rows) - points, points


@dataclass(frozen=True)
class Overview:
    """The county in numbers: by school type and by stage, with where the numbers came from."""

    by_type: tuple[CountRow, ...]
    by_stage: tuple[CountRow, ...]
    teaching_points: int
    boarding_schools: int | None
    source: str

    @property
    def total(self) -> CountRow:
        """The 合计 row: the schools in 所 (教学点 not among them, as §一 counts), the classes,
        students and teachers of every row; its label names both counts when there are
        教学点 (a city inspector read "合计 171" under 学校数（所） for 101 所 and 70 个)."""
        rows = self.by_type
        schools, points = schools_and_points(rows)
        label = f"合计（学校 {schools:,} 所、{POINT} {points:,} 个）" if points else "合计"
        return CountRow(label, schools, sum(r.classes for r in rows),
                        sum(r.students for r in rows), sum(r.teachers for r in rows))

    def type_rows(self) -> tuple[CountRow, ...]:
        """The table by school type: each type (教学点 marked as counted in 个), then 合计.

        >>> info = Overview((CountRow("小学", 50, 600, 26000, 1400),
        ...                  CountRow("教学点", 70, 236, 1291, 173)), (), 70, None, "")
        >>> [(r.label, r.schools, r.classes) for r in info.type_rows()]
        [('小学', 50, 600), ('教学点（个）', 70, 236), ('合计（学校 50 所、教学点 70 个）', 50, 836)]
        """
        marked = tuple(replace(r, label=f"{POINT}（个）") if r.label == POINT else r
                       for r in self.by_type)
        return (*marked, self.total)

    @property
    def stage_schools_header(self) -> str:
        """The by-stage table's count column: the 教学点 with classes of a stage are counted in
        it, so with 教学点 it says so in 个 (review finding 15: "有该学段的学校 小学 114 所"
        counted 70 教学点 under a table that says they are not 所).

        >>> Overview((CountRow("小学", 44, 0, 0, 0), CountRow("教学点", 70, 0, 0, 0)), (), 70, None,
        ...          "").stage_schools_header
        '有该学段的学校和教学点（个）'
        >>> Overview((CountRow("小学", 44, 0, 0, 0),), (), 0, None, "").stage_schools_header
        '有该学段的学校（所）'
        """
        with_points = schools_and_points(self.by_type)[1]
        return f"有该学段的学校和{POINT}（个）" if with_points else "有该学段的学校（所）"

    @property
    def points_note(self) -> str:
        """:data:`POINTS_NOTE` when the table has 教学点, else ''."""
        return POINTS_NOTE if schools_and_points(self.by_type)[1] else ""


def overview(ev: Evaluation, data: CountyData | None = None) -> Overview:
    """The county's schools, classes, students and teachers, from the data when given.

    Without ``data`` only the evaluation units are known (compulsory schools, teaching points
    counted inside their central school), and :attr:`Overview.source` says so.
    """
    if data is not None:
        return _overview_from_data(data)
    return _overview_from_units(ev)


def _type_order(codes) -> list[str]:
    order = list(SCHOOL_TYPES.values())
    return sorted(set(codes), key=lambda c: order.index(c) if c in order else len(order))


def _type_label(code: str) -> str:
    try:
        return label_of(SCHOOL_TYPES, code)
    except KeyError:
        return str(code)


def _overview_from_data(data: CountyData) -> Overview:
    schools = data.schools
    kind = dict(zip(schools["school_id"], schools["school_type"], strict=True))
    classes = data.classes.assign(
        school_type=data.classes["school_id"].map(kind),
        stage=data.classes["grade"].map(GRADE_STAGE))
    teachers = data.teachers
    teachers = teachers[teachers["full_time"].fillna(False).astype(bool)]
    teachers = teachers.assign(school_type=teachers["school_id"].map(kind))
    by_type = tuple(CountRow(
        _type_label(code), int((schools["school_type"] == code).sum()),
        int((classes["school_type"] == code).sum()),
        int(classes.loc[classes["school_type"] == code, "students"].sum()),
        int((teachers["school_type"] == code).sum()))
        for code in _type_order(schools["school_type"].dropna()))
    stages = [s for s in STAGE_ORDER if (classes["stage"] == s).any()]
    by_stage = tuple(CountRow(
        STAGE_LABELS[s], int(classes.loc[classes["stage"] == s, "school_id"].nunique()),
        int((classes["stage"] == s).sum()),
        int(classes.loc[classes["stage"] == s, "students"].sum()),
        int((teachers["stage"] == s).sum())) for s in stages)
    return Overview(by_type, by_stage, len(teaching_points(data)),
                    len(boarding_schools(data).schools), "县域教育数据工作簿（学校、班级、教师表）")


def _overview_from_units(ev: Evaluation) -> Overview:
    units = ev.units
    if units.empty or "school_type" not in units:
        return Overview((), (), 0, None, "评估单位（无数据）")
    by_type = []
    for code in _type_order(units["school_type"].dropna()):
        part = units[units["school_type"] == code]
        by_type.append(CountRow(_type_label(code), int(part["school_id"].nunique()),
                                int(part["classes"].sum()), int(part["students"].sum()),
                                int(part["full_time_teachers"].sum())))
    by_stage = tuple(CountRow(STAGE_LABELS[s], len(part), int(part["classes"].sum()),
                              int(part["students"].sum()), int(part["full_time_teachers"].sum()))
                     for s in STAGE_ORDER if len(part := units[units["stage"] == s]))
    points = int(units.drop_duplicates("school_id")["points_merged"].sum()) \
        if "points_merged" in units else 0
    return Overview(tuple(by_type), by_stage, points, None,
                    "评估单位（义务教育学校，教学点并入所属中心校）")


# --- map points -----------------------------------------------------------------------------

@dataclass(frozen=True)
class SchoolPoint:
    """A compulsory school on the map with its evaluation result."""

    school_id: str
    name: str
    lon: float
    lat: float
    result: str  # 达标 | 未达标 | 未评估
    detail: str


def school_points(ev: Evaluation, data: CountyData | None = None,
                  layout_plan: LayoutOutcome | None = None) -> list[SchoolPoint]:
    """Schools with coordinates (from the data, else from the layout plan) and pass/fail."""
    coords = _coordinates(data, layout_plan)
    if not coords:
        return []
    results = _school_results(ev)
    points = []
    for school_id, (name, lon, lat, kind) in coords.items():
        if school_id in results:
            result, detail = results[school_id]
        elif kind == "teaching_point":
            result, detail = "未评估", "教学点（并入所属中心校评估）"
        else:
            continue
        points.append(SchoolPoint(school_id, name, lon, lat, result, detail))
    return points


def _coordinates(data: CountyData | None, layout_plan: LayoutOutcome | None
                 ) -> dict[str, tuple[str, float, float, str]]:
    out: dict[str, tuple[str, float, float, str]] = {}
    if data is not None:
        s = data.schools
        for sid, name, lon, lat, kind in zip(s["school_id"], s["name"], s["lon"], s["lat"],
                                             s["school_type"], strict=True):
            if not (is_missing(lon) or is_missing(lat)):
                out[str(sid)] = (str(name), float(lon), float(lat), str(kind))
    elif layout_plan is not None:
        for p in layout_plan.schools:
            if p.lon is not None and p.lat is not None and p.action != "new":
                out[str(p.school_id)] = (p.name, float(p.lon), float(p.lat), str(p.kind))
    return out


def _school_results(ev: Evaluation) -> dict[str, tuple[str, str]]:
    units = ev.units
    if units.empty or "passes" not in units:
        return {}
    n = len(ev.standard.resource_indicators)
    grouped: dict[str, list[dict]] = {}
    for u in units[["school_id", "stage", "students", "n_met", "passes"]].to_dict("records"):
        grouped.setdefault(str(u["school_id"]), []).append(u)
    out = {}
    for school_id, group in grouped.items():
        parts = [f"{STAGE_LABELS.get(u['stage'], u['stage'])} {u['students']:,} 人"
                 + ("" if is_missing(u["n_met"]) else f"，{int(u['n_met'])}/{n} 项达标")
                 for u in group]
        known = [bool(u["passes"]) for u in group if not is_missing(u["passes"])]
        result = "未评估" if not known else ("达标" if all(known) else "未达标")
        out[school_id] = (result, "；".join(parts))
    return out
