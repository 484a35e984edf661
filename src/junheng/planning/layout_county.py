"""The county as it would be after a layout plan, for re-evaluating the 优质均衡 CVs.

Assumptions (stated in the plan's ``evaluation.assumptions``): pupils, classes and teachers of
a closed school move to the school it is merged into; movable resources (equipment, books,
computers) move with them, buildings do not; every added classroom brings
``AREA_PER_CLASSROOM`` m² of teaching and auxiliary space; a new school is built to the
2017 standard's per-student area and equipment thresholds for the pupils it receives.
"""

from __future__ import annotations

from collections.abc import Sequence

import pandas as pd

from junheng.errors import ConfigError
from junheng.evaluate import Evaluation, evaluate
from junheng.model import CountyData
from junheng.planning.layout_config import AREA_PER_CLASSROOM
from junheng.planning.layout_outcome import CvComparison, PlannedSchool
from junheng.standards import load_standard

STANDARD = "quality-2017"
MOVABLE = ("equipment_value", "books", "computers")
# A new school is built to the 2017 standard's junior per-student thresholds of these totals
# (its teaching area by stage where the plan states what it builds: new_school_totals).
NEW_SCHOOL_INDICATORS = {"teaching_area": "teaching_area_per_student",
                         "sports_area": "sports_area_per_student",
                         "equipment_value": "equipment_value_per_student"}
_QUALITY = load_standard("quality-2017")
NEW_SCHOOL_PER_STUDENT = {total: float(_QUALITY.indicator(ind).threshold_for("junior"))
                          for total, ind in NEW_SCHOOL_INDICATORS.items()}
ASSUMPTIONS = (
    "撤并学校的班级、学生和教师并入接收学校；仪器设备、图书、计算机随迁，校舍和场地不随迁。",
    "民办学校不参与布局调整（不撤并、不扩建、不接收分流学生），规划后按现状计；各村居的需求按全县各学段民办学校"
    "在校生占比扣除。",
    f"每新增一间教室按 {AREA_PER_CLASSROOM:g} 平方米教学及辅助用房计。",
    "新建学校按优质均衡 2017 生均标准建设：教学及辅助用房按学段（小学 "
    f"{_QUALITY.indicator('teaching_area_per_student').threshold_for('primary'):g}、初中 "
    f"{NEW_SCHOOL_PER_STUDENT['teaching_area']:g} 平方米，即方案新建的教室和按生均标准补足的面积，计入其建设投资），"
    f"体育运动场馆和教学仪器设备值按初中标准（生均 {NEW_SCHOOL_PER_STUDENT['sports_area']:g} 平方米、"
    f"{NEW_SCHOOL_PER_STUDENT['equipment_value']:g} 元；运动场含在基础造价中）。",
)


def new_school_totals(s: PlannedSchool, pupils: float) -> dict[str, float]:
    """The facility totals of a new school of the plan for ``pupils``: the junior per-pupil
    thresholds of :data:`NEW_SCHOOL_PER_STUDENT`, except the teaching area where the plan
    states what it builds and pays (its rooms at ``AREA_PER_CLASSROOM`` and its area to the
    standard, term (16) of the layout model: 4.5 m² a primary, 5.8 a junior pupil).

    >>> s = PlannedSchool("N", "新学校", "new", added_classrooms=20, standard_area=2525.0)
    >>> new_school_totals(s, 950)["teaching_area"], new_school_totals(s, 950)["sports_area"]
    (4925.0, 9690.0)
    """
    out = {column: pupils * per for column, per in NEW_SCHOOL_PER_STUDENT.items()}
    if s.standard_area > 0:
        out["teaching_area"] = AREA_PER_CLASSROOM * s.added_classrooms + s.standard_area
    return out


def planned_county(data: CountyData, plan: Sequence[PlannedSchool]) -> CountyData:
    """Apply the plan's closures, moves, expansions and new schools to ``data``."""
    moves = {s.school_id: s.merged_into for s in plan if s.action == "close" and s.merged_into}
    new = [s for s in plan if s.action == "new"]
    schools = data.schools[~data.schools["school_id"].isin(moves)]
    schools = pd.concat([schools, _new_school_rows(data, new)], ignore_index=True)
    classes = data.classes.copy()
    moved = classes["school_id"].isin(moves)
    classes.loc[moved, "class_no"] = classes.loc[moved, "school_id"] + "-" + classes.loc[
        moved, "class_no"].astype(str)
    classes["school_id"] = classes["school_id"].replace(moves)
    teachers = data.teachers.assign(school_id=data.teachers["school_id"].replace(moves))
    facilities = _planned_facilities(data.facilities, moves, plan, classes)
    return data.with_tables(schools=schools.reset_index(drop=True), classes=classes,
                            teachers=teachers, facilities=facilities)


def _new_school_rows(data: CountyData, new: list[PlannedSchool]) -> pd.DataFrame:
    return pd.DataFrame([{
        "school_id": s.school_id, "name": s.name, "school_type": "nine_year",
        "ownership": "public", "town_code": s.town_code, "urban_rural_code": "121",
        "lon": s.lon, "lat": s.lat, "crs": "WGS84", "boarding": s.added_beds > 0,
        "boarding_beds": s.added_beds} for s in new], columns=data.schools.columns)


def _planned_facilities(facilities: pd.DataFrame, moves: dict, plan: Sequence[PlannedSchool],
                        classes: pd.DataFrame) -> pd.DataFrame:
    fac = facilities.set_index("school_id").copy()
    for closed, receiver in moves.items():
        if closed in fac.index and receiver in fac.index:
            for col in MOVABLE:
                fac.loc[receiver, col] = fac.loc[[receiver, closed], col].sum(min_count=1)
    fac = fac.drop(index=[s for s in moves if s in fac.index])
    students = classes.groupby("school_id")["students"].sum()
    for s in plan:
        sid, added = s.school_id, s.added_classrooms
        if s.action == "new":
            totals = new_school_totals(s, float(students.get(sid, 0)))
            fac.loc[sid, list(totals)] = list(totals.values())
            fac.loc[sid, "classrooms"] = added
            fac.loc[sid, "multimedia_rooms"] = added
        elif added and sid in fac.index:
            fac.loc[sid, "classrooms"] = fac.loc[sid, "classrooms"] + added
            fac.loc[sid, "teaching_area"] = (fac.loc[sid, "teaching_area"]
                                             + AREA_PER_CLASSROOM * added)
    out = fac.reset_index()
    return out.astype({c: t for c, t in facilities.dtypes.items() if c in out})


def resource_cvs(result: Evaluation) -> dict[str, dict[str, float]]:
    """The CV of every resource indicator per stage, and the composite, of an evaluation."""
    out = {}
    for stage, res in result.stages.items():
        out[stage] = {k: round(float(v.cv), 4) for k, v in res.indicators.items()}
        out[stage]["composite"] = round(float(res.composite_cv), 4)
    return out


def before_evaluation(data: CountyData, evaluation: Evaluation | None = None) -> Evaluation:
    """The 优质均衡 2017 evaluation of ``data``: ``evaluation`` when given (checked to be of
    that standard), else computed."""
    if evaluation is not None and evaluation.standard.id != STANDARD:
        raise ConfigError(f"布局方案前后对比需要优质均衡 2017 的评估结果，收到的是“{evaluation.standard.name}”。")
    return evaluation or evaluate(data, STANDARD)


def after_evaluation(data: CountyData, plan: Sequence[PlannedSchool]) -> Evaluation:
    """The 优质均衡 2017 evaluation of the county after ``plan``."""
    return evaluate(planned_county(data, plan), STANDARD)


def evaluation_before_after(data: CountyData, plan: Sequence[PlannedSchool], *,
                            evaluation: Evaluation | None = None) -> CvComparison:
    """优质均衡 2017 CVs before and after the plan, with the assumptions used and the limits;
    ``evaluation`` is that of ``data`` when the caller already has it."""
    from junheng.planning.layout_cv import cv_limits

    before = before_evaluation(data, evaluation)
    after = after_evaluation(data, plan)
    return CvComparison(resource_cvs(before), resource_cvs(after), ASSUMPTIONS,
                        cv_limits(before))
