"""The compliance plan after a layout plan in force (issue 18): the county and its forecast
pupils as they would be once the layout's closures and moves are carried out.

* every closed school or 教学点 leaves the county; its classes, teachers and movable
  resources go to the school it is merged into, and so do its forecast pupils
  (:func:`~junheng.planning.layout_county.planned_county`);
* the classrooms the layout adds at kept schools are counted as built;
* the layout's new schools are not added (their pupils stay at today's schools in the
  forecast, which knows no new school): the compliance plan says so in its assumptions.

>>> import pandas as pd
>>> from junheng.planning.layout_outcome import LayoutOutcome, PlannedSchool
>>> plan = LayoutOutcome("optimal", (PlannedSchool("TP", "上河教学点", "close", merged_into="C1"),
...                                  PlannedSchool("C1", "中心校", "keep")), {}, scenario="默认方案")
>>> students = pd.DataFrame({"school_id": ["TP", "C1", "C1"], "grade": ["g1", "g1", "g2"],
...                          "year": 2028, "students": [12, 40, 38]})
>>> moved_students(students, plan).to_dict("records")
[{'school_id': 'C1', 'grade': 'g1', 'year': 2028, 'students': 52}, {'school_id': 'C1', 'grade': 'g2', 'year': 2028, 'students': 38}]
"""

from __future__ import annotations

import pandas as pd

from junheng.errors import ConfigError
from junheng.model import CountyData
from junheng.planning.layout_outcome import LayoutOutcome


def layout_moves(plan: LayoutOutcome) -> dict[str, str]:
    """Closed school -> the school it is merged into."""
    return {s.school_id: s.merged_into for s in plan.schools
            if s.action == "close" and s.merged_into}


def moved_students(students: pd.DataFrame, plan: LayoutOutcome) -> pd.DataFrame:
    """The forecast pupils with every closed school's pupils at its receiver."""
    keys = [c for c in ("school_id", "grade", "year") if c in students]
    moved = students.assign(school_id=students["school_id"].replace(layout_moves(plan)))
    return moved.groupby(keys, as_index=False, sort=True)["students"].sum()


def county_after_layout(data: CountyData, plan: LayoutOutcome) -> CountyData:
    """``data`` with the layout's closures, moves and added classrooms (not its new schools)."""
    from junheng.planning.layout_county import planned_county

    if plan.county and plan.county != data.county_code:
        raise ConfigError(f"布局方案属于县区 {plan.county}，与当前县区 {data.county_code} 不符：请指定本县区的布局方案。")
    if plan.year and plan.year != data.school_year:
        raise ConfigError(f"布局方案按 {plan.year} 学年数据编制，当前数据为 {data.school_year} 学年："
                          "请用同一学年的数据重新计算布局方案。")
    unknown = sorted({s.school_id for s in plan.schools if s.action == "close"}
                     - set(data.schools["school_id"]))
    if unknown:
        raise ConfigError(f"布局方案撤并的学校 {'、'.join(unknown[:5])} 不在当前县域数据中：请指定本县区的布局方案。")
    return planned_county(data, tuple(s for s in plan.schools if s.action != "new"))


def layout_note(plan: LayoutOutcome, source: str = "") -> str:
    """The assumption the compliance plan states: which layout plan it starts from."""
    closed = [s for s in plan.schools if s.action == "close"]
    points = sum(s.kind == "teaching_point" for s in closed)
    new = sum(s.action == "new" for s in plan.schools)
    where = f"（{source}）" if source else ""
    text = (f"按布局调整方案“{plan.scenario or '未命名方案'}”{where}实施后的县域编制：撤并 {len(closed)} 所"
            f"（其中教学点 {points} 个），其学生、班级、教师和可移动设备并入接收学校，方案新增的教室计为已建成")
    if new:
        text += f"；方案新建的 {new} 所学校未计入（预测中没有新建学校，学生仍在现有学校）"
    return text + "。"
