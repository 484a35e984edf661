"""The per-pupil areas a layout's receivers lack once it moves pupils there (brief oneyear,
item 3: the layout moved pupils into a school and priced its classrooms, the compliance plan
then built the school a 10,909 m² hall).

A kept school that receives pupils (its planning-year pupils after the plan above those
without it) needs, by the 优质均衡 2017 per-pupil items, ``TEACHING`` m² of teaching and
auxiliary space and ``SPORTS`` m² of sports area per pupil of each stage. What the moved
pupils add beyond the school's spare area is the layout's to build:

    have  = (teaching area today + the plan's added classrooms × classroom area) × share
    extra = max(0, need(after) − have) − max(0, need(without the plan) − have)

``share``: the compulsory stages' part of the school's pupils today (a school with 高中 or
附设幼儿班 shares its buildings; the compulsory part is the layout's, the rest is not
counted). The pupils without the plan are split into stages as the pupils after it. A school
with no pupils without the plan (a building project's new school) is left to its project.
Sports area is priced as an indoor hall at a 城镇 school (no new land) and an outdoor field at
a 乡村 school. The areas join the county the compliance plan starts from
(:func:`~.compliance_layout.county_after_layout`, so it does not buy them again; the layout's
own CVs after the plan, like its model, do not count them yet); their cost is the plan's one-off
``receiver_area_yuan`` (财政支出, beside ``capital_cost_yuan``), and the plan's notes list the
schools under 需要论证.

Priced after the solve: the model's choice of receivers, its budget constraint and the build
phases do not yet see this cost (``capital_cost_yuan`` stays what the model decided).

>>> import pandas as pd
>>> schools = pd.DataFrame({"site_id": ["B"], "name": ["乙中学"], "action": ["expand"],
...     "existing": [True], "added_classrooms": [10], "students_primary": [0],
...     "students_junior": [1400], "students_expected": [700], "cost_yuan": [4_200_000.0]})
>>> facilities = pd.DataFrame({"school_id": ["B"], "teaching_area": [5000.0],
...                            "sports_area": [8000.0]})
>>> out = receiver_areas(schools, facilities, pd.Series({"B": 1.0}), pd.Series({"B": False}),
...                      teaching_yuan=3500, gym_yuan=4200, field_yuan=900)
>>> out[["added_teaching_area", "added_sports_area", "area_cost_yuan"]].to_dict("records")
[{'added_teaching_area': 1920.0, 'added_sports_area': 6280.0, 'area_cost_yuan': 33096000.0}]

(teaching: have 5,000 + 10 × 120 = 6,200, need 1,400 × 5.8 = 8,120 after and 4,060 without:
1,920 m²; sports: have 8,000, need 14,280 and 7,140: 6,280 m²; 1,920 × 3,500 + 6,280 × 4,200
= 6,720,000 + 26,376,000 元.)
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from junheng.model import CountyData
from junheng.model.areas import is_rural
from junheng.model.codes import GRADE_STAGE
from junheng.planning.layout_config import AREA_PER_CLASSROOM
from junheng.standards import load_standard

STAGES = ("primary", "junior")
_QUALITY = load_standard("quality-2017")
TEACHING = {
    s: float(_QUALITY.indicator("teaching_area_per_student").threshold_for(s)) for s in STAGES
}
SPORTS = {s: float(_QUALITY.indicator("sports_area_per_student").threshold_for(s)) for s in STAGES}


def compulsory_share(data: CountyData) -> pd.Series:
    """Per school, the compulsory stages' share of its pupils today (1 without 高中 or 幼儿班)."""
    classes = data.classes.assign(stage=data.classes["grade"].map(GRADE_STAGE))
    total = classes.groupby("school_id")["students"].sum()
    compulsory = classes[classes["stage"].isin(STAGES)].groupby("school_id")["students"].sum()
    return (compulsory.reindex(total.index, fill_value=0) / total.where(total > 0)).fillna(1.0)


def receiver_areas(
    schools: pd.DataFrame,
    facilities: pd.DataFrame,
    share: pd.Series,
    rural: pd.Series,
    *,
    teaching_yuan: float,
    gym_yuan: float,
    field_yuan: float,
    classroom_area: float = AREA_PER_CLASSROOM,
) -> pd.DataFrame:
    """``schools`` (the layout's per-site frame) with ``added_teaching_area``,
    ``added_sports_area`` and ``area_cost_yuan`` at the receivers; see the module docstring."""
    out = schools.assign(added_teaching_area=0.0, added_sports_area=0.0, area_cost_yuan=0.0)
    pupils = out[["students_primary", "students_junior"]].to_numpy(float)
    after = pupils.sum(axis=1)
    kept = out["existing"].astype(bool) & out["action"].isin(("keep", "expand"))
    expected = out["students_expected"].to_numpy(float)
    # a school with no pupils without the plan is a building project's new school: built by it
    gets = (kept & (expected > 0) & (after > expected)).to_numpy()
    if not gets.any():
        return out
    fac = facilities.set_index("school_id").reindex(out["site_id"])
    part = share.reindex(out["site_id"]).fillna(1.0).to_numpy(float)
    without = np.divide(
        out["students_expected"].to_numpy(float), after, out=np.zeros_like(after), where=after > 0
    )
    rooms = out["added_classrooms"].to_numpy(float) * classroom_area
    teach = _extra(
        pupils, without, TEACHING, (fac["teaching_area"].fillna(0).to_numpy(float) + rooms) * part
    )
    sports = _extra(pupils, without, SPORTS, fac["sports_area"].fillna(0).to_numpy(float) * part)
    teach, sports = np.where(gets, teach, 0.0), np.where(gets, sports, 0.0)
    is_rural_site = rural.reindex(out["site_id"]).fillna(False).to_numpy(bool)
    cost = teach * teaching_yuan + sports * np.where(is_rural_site, field_yuan, gym_yuan)
    return out.assign(
        added_teaching_area=np.round(teach, 0),
        added_sports_area=np.round(sports, 0),
        area_cost_yuan=np.round(cost, 0),
    )


def _extra(
    pupils: np.ndarray, without: np.ndarray, per: dict[str, float], have: np.ndarray
) -> np.ndarray:
    """m² the moved pupils need beyond the spare area (pupils: primary, junior columns)."""
    need = pupils @ np.array([per[s] for s in STAGES])
    return np.maximum(need - have, 0.0) - np.maximum(need * without - have, 0.0)


def site_areas(schools: pd.DataFrame, data: CountyData, costs) -> pd.DataFrame:
    """:func:`receiver_areas` with the county's facilities and the layout's unit prices
    (``costs``: :class:`~.layout_config.Costs`)."""
    teaching = costs.yuan_per_m2 if costs.yuan_per_m2 is not None else costs.teaching_yuan_per_m2
    rural = pd.Series(
        is_rural(data.schools["urban_rural_code"].astype(str)), index=data.schools["school_id"]
    )
    return receiver_areas(
        schools,
        data.facilities,
        compulsory_share(data),
        rural,
        teaching_yuan=teaching,
        gym_yuan=costs.gym_yuan_per_m2,
        field_yuan=costs.field_yuan_per_m2,
        classroom_area=costs.classroom_area_m2,
    )


def receiver_note(schools: pd.DataFrame) -> tuple[str, ...]:
    """The 需要论证 line naming every receiver the areas are priced at (none: no line)."""
    got = schools[(schools["added_teaching_area"] > 0) | (schools["added_sports_area"] > 0)]
    if got.empty:
        return ()
    parts = [
        f"{r.name}（规划年学生 {int(r.students_expected):,} → "
        f"{int(r.students_primary + r.students_junior):,} 人：教学及辅助用房 "
        f"{r.added_teaching_area:,.0f} 平方米、体育运动场馆 {r.added_sports_area:,.0f} 平方米，"
        f"{r.area_cost_yuan / 10_000:,.2f} 万元）"
        for r in got.itertuples()
    ]
    total = float(got["area_cost_yuan"].sum()) / 10_000
    return (
        f"需要论证：布局分流使 {len(got)} 所接收学校的生均面积低于优质均衡标准，超出其富余面积的部分计为本方案"
        f"一次性财政支出“接收学校补足生均面积”（共 {total:,.2f} 万元；达标路径以其为已建成）："
        + "；".join(parts)
        + "。请论证这些学校的用地和建设条件，条件不具备的应减少分流或另选接收学校。",
    )
