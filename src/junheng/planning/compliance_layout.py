"""The compliance plan after a layout plan in force (issue 18, review finding 3): the county
and its forecast pupils as the layout leaves them.

* every closed school or 教学点 leaves the county; its classes, teachers and movable
  resources go to the school it is merged into, and so do its forecast pupils
  (:func:`~junheng.planning.layout_county.planned_county`);
* pupils per school: the layout moves pupils between kept schools too (a crowded school is
  relieved by its neighbours, a village goes to another school). Where the plan gives each
  school's pupils after it (``students_after``, per stage, in the layout's planning year),
  each school of the plan gets that share of the forecast's pupils of its stage in every year
  (:func:`students_after_layout`): exactly the layout's figures in its planning year when the
  forecast's total is the layout's, the same shares in the other years. Grades within a stage
  follow the school's own forecast (its closed schools' included), or the county's where the
  school had none of that stage. Schools outside the plan (民办) keep their forecast;
* the per-pupil areas the layout prices at its receivers (``added_teaching_area``,
  ``added_sports_area``: :mod:`~junheng.planning.layout_areas`) are counted as built;
* the classrooms and dormitory beds the layout builds at kept schools are counted as built (a
  room it meets by 临时周转 is not: :mod:`~junheng.planning.compliance_temporary`), and
  its new schools are in the county with their pupils, built to the standard the layout
  assumes and, for the teaching area, pays (:func:`~junheng.planning.layout_county.new_school_totals`), without teachers:
  the compliance plan hires them.

Counting the layout's new rooms while leaving the pupils where the forecast has them would
count rooms twice (the demo county: 36 layout rooms and 51 compliance rooms in the county
town, where the layout had moved the pupils the compliance rooms were for).

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

import math
from dataclasses import dataclass

import numpy as np
import pandas as pd

from junheng.errors import ConfigError
from junheng.model import CountyData
from junheng.model.codes import GRADE_STAGE
from junheng.planning.layout_borrow import kept_rooms
from junheng.planning.layout_naming import layout_name
from junheng.planning.layout_outcome import LayoutOutcome

STAGES = ("primary", "junior")


def layout_moves(plan: LayoutOutcome) -> dict[str, str]:
    """Closed school -> the school it is merged into."""
    return {s.school_id: s.merged_into for s in plan.schools
            if s.action == "close" and s.merged_into}


def moved_students(students: pd.DataFrame, plan: LayoutOutcome) -> pd.DataFrame:
    """The forecast pupils with every closed school's pupils at its receiver."""
    keys = [c for c in ("school_id", "grade", "year") if c in students]
    moved = students.assign(school_id=students["school_id"].replace(layout_moves(plan)))
    return moved.groupby(keys, as_index=False, sort=True)["students"].sum()


def planned_pupils(plan: LayoutOutcome) -> pd.DataFrame:
    """school_id, stage, pupils: each open school's pupils after the layout (its planning
    year), for the schools the plan gives them for (none for an older plan file)."""
    rows = [{"school_id": s.school_id, "stage": g, "pupils": float(s.students_after.get(g, 0))}
            for s in plan.schools if s.action != "close" and s.students_after for g in STAGES]
    return pd.DataFrame(rows, columns=["school_id", "stage", "pupils"])


def students_after_layout(students: pd.DataFrame, plan: LayoutOutcome, *,
                          scale: bool = True, yearly: pd.DataFrame | None = None) -> pd.DataFrame:
    """The forecast pupils (school_id, grade, [year,] students) as the layout places them:
    see the module docstring. Without ``students_after`` in the plan, only the closures move.
    ``scale`` False places the plan's own figures as they are (the layout's planning year,
    :mod:`~junheng.planning.layout_county`), not their shares of ``students``' totals.
    ``yearly`` (school_id, stage, year, pupils: :func:`layout_by_year`): in a year it covers
    a stage's schools of the plan, they get those pupils as they are (the layout's own figure
    of that year, not the planning year's shares).

    >>> from junheng.planning.layout_outcome import LayoutOutcome, PlannedSchool
    >>> plan = LayoutOutcome("optimal", (
    ...     PlannedSchool("A", "甲小学", "keep", students_after={"primary": 60, "junior": 0}),
    ...     PlannedSchool("B", "乙小学", "expand", students_after={"primary": 40, "junior": 0})),
    ...     {})
    >>> students = pd.DataFrame({"school_id": ["A", "A", "B"], "grade": ["g1", "g2", "g1"],
    ...                          "year": 2028, "students": [40.0, 40.0, 20.0]})
    >>> students_after_layout(students, plan).to_dict("records")
    [{'school_id': 'A', 'grade': 'g1', 'year': 2028, 'students': 30.0}, {'school_id': 'A', 'grade': 'g2', 'year': 2028, 'students': 30.0}, {'school_id': 'B', 'grade': 'g1', 'year': 2028, 'students': 40.0}]
    """
    moved = moved_students(students, plan)
    pupils = planned_pupils(plan)
    if pupils.empty:
        return moved
    frame = moved.assign(year=moved.get("year", 0),
                         stage=moved["grade"].map(GRADE_STAGE))
    inside = frame["school_id"].isin(set(pupils["school_id"])) & frame["stage"].isin(STAGES)
    placed = [_place(group, pupils, scale, _of_year(yearly, year))
              for year, group in frame[inside].groupby("year")]
    out = pd.concat([frame[~inside], *placed], ignore_index=True)
    keys = [c for c in ("school_id", "grade", "year") if c in students]
    out = out[keys + ["students"]]
    return out[out["students"] > 0].sort_values(keys, ignore_index=True)


def _of_year(yearly: pd.DataFrame | None, year) -> pd.DataFrame | None:
    if yearly is None or yearly.empty:
        return None
    return yearly.loc[yearly["year"] == year, ["school_id", "stage", "pupils"]]


def _covers(figures: pd.DataFrame | None, share: pd.Series, stage: str) -> pd.Series | None:
    """The year's figures of a stage (``figures``) when they cover every school ``share``
    gives pupils, else None."""
    if figures is None:
        return None
    mine = figures[figures["stage"] == stage].set_index("school_id")["pupils"]
    return mine if set(share[share > 0].index) <= set(mine.index) and mine.sum() > 0 else None


def _place(year: pd.DataFrame, pupils: pd.DataFrame, scale: bool = True,
           figures: pd.DataFrame | None = None) -> pd.DataFrame:
    """One year's pupils of the plan's schools, placed by the plan's shares per stage, in
    whole pupils (largest remainders: the stage's total is kept), or, without ``scale``, the
    plan's own pupils; a stage ``figures`` (that year's of the plan) covers, as they are."""
    parts = []
    for stage, group in year.groupby("stage"):
        share = pupils[pupils["stage"] == stage].set_index("school_id")["pupils"]
        if share.sum() <= 0:
            parts.append(group)
            continue
        exact = _covers(figures, share, stage)
        if exact is not None:
            share = exact
        total = apportion(share, round(float(group["students"].sum() if scale and exact is None
                                             else share.sum())))
        grades = group.groupby(["school_id", "grade"])["students"].sum()
        county = group.groupby("grade")["students"].sum()
        for school, n in total[total > 0].items():
            own = grades[school] if school in grades.index.get_level_values(0) else county
            part = apportion(own if own.sum() > 0 else county, int(n))
            parts.append(pd.DataFrame({"school_id": school, "grade": part.index,
                                       "year": group["year"].iloc[0], "stage": stage,
                                       "students": part.to_numpy(float)}))
    return pd.concat(parts, ignore_index=True) if parts else year.iloc[:0]


def layout_by_year(data: CountyData, plan: LayoutOutcome, students: pd.DataFrame
                   ) -> pd.DataFrame | None:
    """school_id, stage, year, pupils: each school's pupils of a stage in the years of
    ``students`` (the forecast: school_id, grade, year, students) other than the plan's
    planning year, as the layout plan counts them (its 过渡期, 大校额逐年 and later years:
    :func:`~junheng.planning.layout_years.yearly_pupils`): the forecast of the pupils' schools
    today plus and minus the pupils the plan moves. None when the plan's pupils are not the
    forecast's (its rule :data:`~junheng.planning.layout_forecast.FORECAST_RULE`) or it keeps
    no assignment."""
    from junheng.planning.layout_forecast import with_forecast
    from junheng.planning.layout_years import yearly_pupils

    if not _yearly_rule(plan) or "year" not in students:
        return None
    county = with_forecast(data, students)
    rows = [(a.village_id, a.stage_group, a.school_id, a.students, a.before_school)
            for a in plan.assignments]
    out = [(school, stage, year, float(n))
           for year in sorted({int(y) for y in students["year"]} - {plan.target_year})
           for (school, stage), by in yearly_pupils(county, rows, plan.target_year,
                                                    only=year).items()
           for n in by.values()]
    return pd.DataFrame(out, columns=["school_id", "stage", "year", "pupils"])


def apportion(weights: pd.Series, total: int) -> pd.Series:
    """``total`` in whole numbers in proportion to ``weights`` (largest remainders, ties in
    order).

    >>> apportion(pd.Series([120.0, 120.0, 120.0, 80.0, 80.0, 80.0]), 800).tolist()
    [160, 160, 160, 107, 107, 106]
    """
    with np.errstate(divide="ignore", invalid="ignore"):  # numpy, as pandas: 2,900 calls on the demo
        exact = weights.to_numpy(dtype=float) * total / float(weights.sum())
    whole = np.floor(exact + 1e-9)
    if not np.isfinite(whole).all():  # no weights: pandas says why (a missing value made whole)
        return pd.Series(whole, index=weights.index, name=weights.name).astype(int)
    left = int(total - whole.sum())
    order = np.argsort(-(exact - whole), kind="stable")[:max(left, 0)]
    whole[order] += 1
    return pd.Series(whole.astype(int), index=weights.index, name=weights.name)


def county_after_layout(data: CountyData, plan: LayoutOutcome,
                        pupils: pd.DataFrame | None = None) -> CountyData:
    """``data`` with the layout's closures, moves, added classrooms and beds and new schools;
    a building the layout shares with 高中 split by ``pupils`` (school_id, grade, students: the
    target year's, :func:`_with_areas`)."""
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
    after = planned_county(data, plan.schools)
    facilities = _with_areas(_new_school_facilities(after.facilities, plan), plan, data, pupils)
    return after.with_tables(schools=_with_beds(after.schools, plan), facilities=facilities)


@dataclass(frozen=True)
class AfterLayout:
    """The county once a layout plan is carried out, as every plan evaluates it: the layout's
    CV rule and its 调整后 CVs (:mod:`~junheng.planning.layout_county`, the layout's own
    pupils) and the 达标路径's 实施前 (the forecast's pupils)."""

    county: CountyData  #: closures, rooms, beds, areas, new schools; teachers redeployed
    students: pd.DataFrame  #: every year's pupils as the layout places them
    before: pd.DataFrame  #: the year's pupils with only the closures moved
    now: pd.DataFrame  #: the year's pupils as placed
    moves: pd.DataFrame  #: the teachers redeployed (compliance_redeploy.MOVE_COLUMNS)
    #: where the plan sends each kept school's pupils (pupil_flows.pupil_flows; None: unknown)
    flows: pd.DataFrame | None = None

    def in_year(self, year: int) -> CountyData:
        """The county in ``year`` with its classes formed for the placed pupils."""
        from junheng.planning.compliance_county import target_county

        return target_county(self.county, self.now[["school_id", "grade", "students"]], year)


def after_layout(data: CountyData, plan: LayoutOutcome, students: pd.DataFrame, year: int,
                 *, scale: bool = True) -> AfterLayout:
    """``data`` after ``plan`` (:func:`county_after_layout`) with ``students`` placed by it
    (:func:`students_after_layout`) and, in ``year``, the teachers who follow the pupils it
    moves between kept schools: those of the plan's staffing ledger where it has one
    (:func:`~.compliance_redeploy.apply_teacher_moves`), else
    :func:`~.compliance_redeploy.redeploy_teachers`'s."""
    from junheng.planning.compliance_redeploy import apply_teacher_moves, redeploy_teachers
    from junheng.planning.pupil_flows import pupil_flows
    from junheng.planning.staffing_ledger import teacher_moves_frame

    yearly = layout_by_year(data, plan, students) if scale else None
    placed = students_after_layout(students, plan, scale=scale, yearly=yearly)
    before, now = _in(moved_students(students, plan), year), _in(placed, year)
    ledger = (plan.staffing or {}).get("teacher_moves")
    flows = pupil_flows(plan)
    if ledger is not None:
        county, moves = apply_teacher_moves(county_after_layout(data, plan, now),
                                            teacher_moves_frame(ledger))
    else:
        county, moves = redeploy_teachers(county_after_layout(data, plan, now), before, now,
                                          flows=flows)
    return AfterLayout(county, placed, before, now, moves, flows)


def _in(students: pd.DataFrame, year: int) -> pd.DataFrame:
    return students[students["year"] == year] if "year" in students else students


def _with_areas(facilities: pd.DataFrame, plan: LayoutOutcome, data: CountyData,
                pupils: pd.DataFrame | None = None) -> pd.DataFrame:
    """The per-pupil areas the layout prices at its receivers (layout_areas), built whole:
    the compulsory part is the school's compulsory share of a building it shares with 高中
    (:func:`~.stage_split.compulsory_share`, the evaluation's weighted split, of ``pupils``:
    the target year's, as the 达标路径 evaluates that year; today's without). A 城镇 receiver's sports area not laid as a field on its own ground
    (``sports_field``, rv3 3) is a hall: its compulsory m² are kept in
    ``layout_hall_area`` so that this plan's hall and the layout's stay within one cap
    together (compliance_data ``bound_gym``; review 2026-12-03: 464 m² in the layout, then
    3,000 m² more here at 第三初级中学). Land the layout buys beside a receiver (rule (25),
    ``sports_land_area``) joins its site and its sports area alike: its spare ground unchanged;
    its whole m² are kept in ``layout_land_area``, land not yet granted (:mod:`.pending_land`)."""
    from junheng.model.areas import is_rural
    from junheng.planning.stage_split import compulsory_share, share_of

    got = [s for s in plan.schools if s.action != "new"
           and (s.added_teaching_area or s.added_sports_area or s.sports_land_area)]
    if not got:
        return facilities
    share = compulsory_share(data, pupils)
    codes = data.schools.set_index("school_id")["urban_rural_code"].astype(str)
    out = facilities.set_index("school_id")
    out["layout_hall_area"] = 0.0
    out["layout_sports_area"] = 0.0  # whole m² of the school's spare ground it takes (brief hb 3)
    out["layout_land_area"] = 0.0  # whole m² of land beside it, 待自然资源部门确认 (brief hland)
    for s in (s for s in got if s.school_id in out.index):
        part = share_of(share, s.school_id)
        out.loc[s.school_id, "teaching_area"] += s.added_teaching_area / part
        out.loc[s.school_id, "sports_area"] += (s.added_sports_area + s.sports_land_area) / part
        if s.sports_land_area and "site_area" in out:  # rule (25): new ground, its field on it
            out.loc[s.school_id, "site_area"] += s.sports_land_area / part
        out.loc[s.school_id, "layout_land_area"] = s.sports_land_area / part
        out.loc[s.school_id, "layout_sports_area"] = s.added_sports_area / part
        if not (s.sports_field or is_rural(codes.get(s.school_id, ""))):
            out.loc[s.school_id, "layout_hall_area"] = s.added_sports_area
    return out.reset_index().astype(facilities.dtypes.to_dict())


def _with_beds(schools: pd.DataFrame, plan: LayoutOutcome) -> pd.DataFrame:
    """Beds the layout adds at existing schools (a new school's are in its row already)."""
    added = {s.school_id: s.added_beds for s in plan.schools
             if s.action in ("keep", "expand") and s.added_beds}
    if not added:
        return schools
    out = schools.copy()
    more = out["school_id"].map(added).fillna(0)
    out["boarding_beds"] = (out["boarding_beds"].fillna(0) + more).astype(
        schools["boarding_beds"].dtype)
    out["boarding"] = out["boarding"].fillna(False).astype(bool) | (more > 0)
    return out


def _new_school_facilities(facilities: pd.DataFrame, plan: LayoutOutcome) -> pd.DataFrame:
    """A new school built to the standard for the pupils the layout gives it; a 建设项目's
    new school the layout gives pupils (kept, no pupils today) likewise where its project
    leaves a figure blank, its classrooms all 多媒体 (planner review finding 9)."""
    from junheng.planning.layout_county import new_school_totals

    new = [s for s in plan.schools if s.action == "new"]
    opening = [s for s in plan.schools if s.action != "new" and not s.students_now
               and sum(s.students_after.values()) > 0
               and s.school_id in set(facilities["school_id"])]
    if not new and not opening:
        return facilities
    out = facilities.set_index("school_id")
    for s in new:
        for column, value in new_school_totals(s, float(sum(s.students_after.values()))).items():
            out.loc[s.school_id, column] = value
        _with_special_rooms(out, s)
        out.loc[s.school_id, "multimedia_rooms"] = max(
            float(out.at[s.school_id, "multimedia_rooms"] or 0), standard_multimedia_rooms(s))
    for s in opening:  # a project's new school: what its project row leaves blank, likewise
        for column, value in new_school_totals(s, float(sum(s.students_after.values()))).items():
            if pd.isna(out.at[s.school_id, column]):
                out.loc[s.school_id, column] = value
        if pd.isna(out.at[s.school_id, "multimedia_rooms"]):
            out.loc[s.school_id, "multimedia_rooms"] = out.at[s.school_id, "classrooms"]
    return out.reset_index().astype(facilities.dtypes.to_dict())


def _with_special_rooms(out: pd.DataFrame, s) -> None:
    """A new school of the layout has its music and art rooms, one of each per 12 of its
    classrooms at the standard's area, inside the teaching area the layout builds to the
    standard (its 生均教学及辅助用房 counts them): the 达标路径 builds none there again
    (planner review: 4 rooms and a building project at the demo's new 初级中学)."""
    from junheng.planning.compliance_county import CLASSES_PER_ROOM, ROOM_AREA

    n = math.ceil(s.added_classrooms / CLASSES_PER_ROOM)
    for rooms, area, item in (("music_rooms", "music_room_area", "music_room"),
                              ("art_rooms", "art_room_area", "art_room")):
        if pd.isna(out.at[s.school_id, rooms]):
            out.loc[s.school_id, [rooms, area]] = [n, n * ROOM_AREA[item]]


def standard_multimedia_rooms(s) -> int:
    """The 网络多媒体教室 a new school of the layout has, built to the standard: the 2017
    standard's rooms per 100 pupils of each stage for the pupils the layout gives it (planner
    review 2026-12-05 finding 15: a new 初级中学 of 1,186 pupils had its 25 classrooms and the
    达标路径 added 3 rooms; its rooms are inside the teaching area and equipment it is built
    with to the standard).

    >>> from junheng.planning.layout_outcome import PlannedSchool
    >>> standard_multimedia_rooms(PlannedSchool("N", "新中学", "new", students_after={"junior": 1186}))
    29
    """
    from junheng.standards import load_standard

    rate = load_standard("quality-2017").indicator("multimedia_rooms_per_100")
    return math.ceil(round(sum(float(rate.threshold_for(k) or 0) * n / 100
                               for k, n in s.students_after.items()), 6))


def _forecast_rule(plan: LayoutOutcome) -> bool:
    """Whether the plan's pupils are the forecast's (:data:`~.layout_forecast.FORECAST_RULE`)."""
    from junheng.planning.layout_forecast import FORECAST_RULE

    return bool((plan.rules or {}).get(FORECAST_RULE))


def _yearly_rule(plan: LayoutOutcome) -> bool:
    """Whether the plan's pupils of the years other than its planning year are its own
    (:func:`layout_by_year`): its pupils are the forecast's and it keeps its assignments."""
    return bool(_forecast_rule(plan) and plan.assignments and plan.target_year)


def layout_note(plan: LayoutOutcome) -> str:
    """The assumption the compliance plan states: which layout plan it starts from, by its
    Chinese name only (review2 finding 9: the folder name, "（layout）", is English)."""
    new = sum(s.action == "new" for s in plan.schools)
    beds = sum(s.added_beds for s in plan.schools if s.action != "new")
    text = (f"按{layout_name(plan)}的计划实施后的县域编制：撤并{plan.closed_words()}，其学生、教师和可移动设备并入接收学校，接收学校按合并后各年级的学生数"
            "重新编班（不沿用被撤并学校的班级）")
    if not planned_pupils(plan).empty:
        year = f" {plan.target_year} 学年" if plan.target_year else ""
        text += (f"；各校学生按布局方案规划年{year}调整后的各学段学生数占比分配（目标学年全县各学段学生总数"
                 "取招生预测），方案在保留学校之间的分流也计入")
        if _yearly_rule(plan):
            text += ("；其他学年各校学生为其现就读学生的招生预测数加减方案转入、转出的学生，与布局调整方案"
                     "逐年学生数相同")
    text += "；方案新建的教室" + (f"和 {beds:,} 张宿舍床位" if beds else "") + "计为已建成"
    if borrowed := kept_rooms(plan):  # the target year's borrowed, as the layout says (hsize)
        text += (f"，方案以临时周转解决的 {borrowed:,} 间教室不是新建的，不计为已建成：其缺口由本方案按同一规则"
                 "新建或临时周转，布局方案已计费用的临时周转教室本方案不重复计费")
    if new:
        text += (f"；方案新建的 {new} 所学校按布局方案的建设标准计入（教师先由学生转出的保留学校随学生调配，"
                 "见“教师随学生调配”表；按评估指标仍缺的由本方案招聘）")
    return text + "。"


#: The pupils behind each document's 差异系数 and per-school pupils (review2 finding 2: the same
#: 2030 CV read 0.647 in the layout plan and 0.637 in 整改措施), said under each CV table.
CV_PUPILS_LAYOUT = ("差异系数和各校学生数按各村适龄儿童推算（各村居现有分年龄儿童推移到规划年、按方案划片到校）；"
                    "达标路径《整改措施》按招生预测计算（各学段全县总数按各校占比分配），同一学年的数值会略有不同")
CV_PUPILS_COMPLIANCE = ("差异系数和各校学生数按招生预测计算（各学段全县总数按布局方案各校占比分配）；布局调整方案按各村"
                        "适龄儿童推算的规划年学生数计算，同一学年的数值会略有不同")
#: both, when the layout plan's pupils are the forecast's (planning.layout_forecast): the same
#: pupils; the layout's 调整后 and the 达标路径's 实施前 differ by the layout's recruits only
#: (rv10 finding 6: 「同一状态的差异系数相同」 stood above 0.118 and 0.179), said where the
#: figures are known (:func:`~junheng.planning.cv_recruits.recruit_difference`)
CV_PUPILS_SAME = ("差异系数和各校学生数按招生预测计算（布局调整方案未调整的学校为其招生预测数，调整的学校为招生预测数"
                  "加减方案转入、转出的学生，民办学校为其招生预测数）；布局调整方案和达标路径《整改措施》的各校学生数相同；{same}；"
                  "“达标路径实施后”“另征用相邻用地后”等其他状态的各校学生、校舍、场地或教师不同，差异系数和全县平均也不同，"
                  "文中分别标明")


def cv_pupils(layout_forecast: bool, compliance: bool = False, difference: str = "") -> str:
    """The note under a CV table on the pupils behind it: :data:`CV_PUPILS_SAME` when the
    layout plan's pupils are the forecast's, with ``difference`` (what separates the layout's
    调整后 from the 达标路径's 实施前, :func:`~junheng.planning.cv_recruits.recruit_difference`)
    or the generic reason, else the layout's (:data:`CV_PUPILS_LAYOUT`) or the 达标路径's
    (``compliance``: :data:`CV_PUPILS_COMPLIANCE`) own.

    >>> cv_pupils(True)[-19:], cv_pupils(False) == CV_PUPILS_LAYOUT, cv_pupils(False, True)[-5:]
    ('差异系数和全县平均也不同，文中分别标明', True, '会略有不同')
    >>> "与达标路径的“实施前”两者相同；" in cv_pupils(True, difference="两者相同")
    True
    """
    from junheng.planning.cv_recruits import RECRUITS_GENERIC

    if layout_forecast:
        return CV_PUPILS_SAME.format(same=f"布局调整方案的“调整后”与达标路径的“实施前”{difference}"
                                     if difference else RECRUITS_GENERIC)
    return CV_PUPILS_COMPLIANCE if compliance else CV_PUPILS_LAYOUT


def layout_cv_beside(doc: dict, stage: str, key: str) -> str:
    """The layout plan's 调整后 figure of one CV, beside this plan's 实施前 figure of the same
    state (the county after the layout, the same year) where the two differ at three
    decimals, saying why: one method, two sets of pupils (planner review: one CV read 0.647 in
    the layout plan and 0.639 in the 自评报告, the note explaining it pages away). "" when they
    agree, the plans' years differ or there is no layout plan. When the layout's pupils are
    the forecast's (``layout_forecast``) both count the same pupils per school and the two
    agree (hr item 1); a difference left is the rounding of this plan's pupils, each stage's
    forecast total placed by the layout's shares (:func:`students_after_layout`).

    >>> doc = {"target_year": 2030, "layout_year": 2030,
    ...        "layout_cvs": {"primary": {"sports_area_per_student": 0.647255}},
    ...        "before": {"stages": {"primary": {"cv": {"sports_area_per_student": 0.638587}}}}}
    >>> layout_cv_beside(doc, "primary", "sports_area_per_student")
    '（布局调整方案“调整后”为 0.647：同一学年、同一方法，学生数按村居学龄人口推算）'
    >>> layout_cv_beside({**doc, "layout_year": 2029}, "primary", "sports_area_per_student")
    ''
    >>> layout_cv_beside({**doc, "layout_forecast": True}, "primary", "sports_area_per_student")[-24:]
    '本表按招生预测各学段总数和布局方案各校占比分配）'
    >>> hired = {"staffing": {"schools": [{"stage": "primary", "hire": 40}]}, "layout_forecast": True}
    >>> layout_cv_beside({**doc, **hired}, "primary", "sports_area_per_student")
    '（布局调整方案“调整后”为 0.647：同一学年、同一学生数，“调整后”另计布局方案按编制招聘的 40 名小学教师，本表不计）'
    """
    from junheng.model.numbers import cv3

    theirs = ((doc.get("layout_cvs") or {}).get(stage) or {}).get(key)
    ours = doc["before"]["stages"][stage]["cv"].get(key)
    if (theirs is None or ours is None or doc.get("layout_year") != doc["target_year"]
            or cv3(theirs) == cv3(ours)):
        return ""
    from junheng.model.labels import STAGE_LABELS
    from junheng.planning.cv_recruits import stage_hires

    if doc.get("layout_forecast") and (hired := stage_hires(doc.get("staffing")).get(stage)):
        return (f"（布局调整方案“调整后”为 {cv3(theirs)}：同一学年、同一学生数，“调整后”另计布局方案按编制招聘的 "
                f"{hired:,} 名{STAGE_LABELS[stage]}教师，本表不计）")
    if doc.get("layout_forecast"):
        return (f"（布局调整方案“调整后”为 {cv3(theirs)}：同一学年、同一方法，学生数为布局方案各校规划学生数，"
                "本表按招生预测各学段总数和布局方案各校占比分配）")
    return f"（布局调整方案“调整后”为 {cv3(theirs)}：同一学年、同一方法，学生数按村居学龄人口推算）"


def cv_basis_note(plan: LayoutOutcome, target_year: int, difference: str = "两者相同") -> str:
    """Why this plan's 实施前 CVs and the layout plan's 调整后 CVs may differ: one method, two
    sets of pupils, or the same pupils and ``difference`` (the layout's recruits,
    :func:`~junheng.planning.cv_recruits.recruit_difference`); "" when the layout plan has no CVs.

    >>> from junheng.planning.layout_outcome import CvComparison
    >>> plan = LayoutOutcome("optimal", (), {}, target_year=2030,
    ...                      evaluation=CvComparison({}, {}, ()))
    >>> cv_basis_note(plan, 2030)[:47]
    '“差异系数”表的“实施前（目标学年）”与布局调整方案“差异系数对比”的“调整后”按同一方法计算'
    """
    if plan.evaluation is None:
        return ""
    years = ("" if not plan.target_year or plan.target_year == target_year
             else f"；且本方案目标学年为 {target_year} 学年，布局方案规划年为 {plan.target_year} 学年")
    if _forecast_rule(plan):
        same = difference if not years else "学年不同，数值不同"
        return ("“差异系数”表的“实施前（目标学年）”与布局调整方案“差异系数对比”的“调整后”按同一方法、同一学生数计算（同一"
                "方案实施后的县域，教师随学生调配并按布局方案的县管校聘同学段调剂；各校学生数取招生预测，方案调整的学校加减"
                f"转入、转出的学生，民办学校取其招生预测）{years}；{same}（两列并列于“差异系数”表）。")
    return ("“差异系数”表的“实施前（目标学年）”与布局调整方案“差异系数对比”的“调整后”按同一方法计算（同一方案实施后"
            "的县域，教师随学生调配并按布局方案的县管校聘同学段调剂），区别只在学生数：本方案各学段全县学生总数取招生预测、按布局方案各校学生占比分配"
            "（民办学校取其预测），布局调整方案取各村居学龄人口推算的规划年学生数（民办学校按现状）"
            f"{years}；两者并列于“差异系数”表。")


def room_difference_note(plan: LayoutOutcome, actions: pd.DataFrame) -> str:
    """The classrooms the 达标路径 builds where the layout plan built or sent pupils, and why
    the two counts differ (planner review finding 6): the layout counts seats per stage
    (rooms × standard class size), this plan forms each grade's classes at the standard size
    from the forecast's pupils, and at a 完全中学 or 一贯制 school counts the compulsory share
    of the shared buildings.

    >>> from junheng.planning.layout_outcome import PlannedSchool
    >>> plan = LayoutOutcome("optimal", (PlannedSchool("A", "甲学校", "expand",
    ...     added_classrooms=22, students_after={"primary": 620, "junior": 1491}),), {})
    >>> acts = pd.DataFrame({"school_id": ["A", "A"], "item": ["classroom", "music_room"],
    ...                      "quantity": [4.0, 1.0]})
    >>> room_difference_note(plan, acts)
    '布局调整方案按学段学位（教室数 × 标准班额）计算教室，本方案按招生预测的学生逐年级按标准班额编班：甲学校布局方案新建教室 22 间后按学段学位已够用，按年级编班还缺 4 间，由本方案新建。'
    """
    if actions is None or not len(actions):
        return ""
    built = actions[actions["item"] == "classroom"].groupby("school_id")["quantity"].sum()
    year = f"{plan.target_year} 学年" if plan.target_year else ""
    parts = []
    for s in plan.schools:
        n = int(round(float(built.get(s.school_id, 0.0))))
        if s.action == "close" or n <= 0 or not (s.built_classrooms or s.students_after):
            continue
        if not s.built_classrooms and sum(s.students_after.values()) <= s.students_expected:
            continue  # the layout sent it no more pupils: its own shortfall, not the layout's
        if s.temporary_classrooms:  # borrowed by the layout, not built: this plan's gap counts them
            mine = f"新建 {s.built_classrooms:,} 间、" if s.built_classrooms else ""
            parts.append(f"{s.name}布局方案{mine}临时周转 {s.temporary_classrooms:,} 间（不计为已建成），"
                         f"{year}按年级编班缺 {n:,} 间、缺口持续超过临时周转年限，由本方案新建")
            continue
        done = f"布局方案新建教室 {s.built_classrooms:,} 间后" if s.built_classrooms else "布局方案接收学生后"
        parts.append(f"{s.name}{done}按学段学位已够用，{year}按年级编班还缺 {n:,} 间，由本方案新建")
    if not parts:
        return ""
    return ("布局调整方案按学段学位（教室数 × 标准班额）计算教室，本方案按招生预测的学生逐年级按标准班额编班："
            + "；".join(parts) + "。")


def compulsory_pupils(county: CountyData) -> dict[str, int]:
    """Compulsory-stage pupils per school of ``county``'s classes (the 达标路径's own count)."""
    classes = county.classes[county.classes["grade"].map(GRADE_STAGE).isin(STAGES)]
    return {str(k): int(v) for k, v in classes.groupby("school_id")["students"].sum().items()}


def pupil_count_note(plan: LayoutOutcome, pupils: dict[str, int], target_year: int) -> str:
    """The two counts of a school's pupils after the layout, named as every table names them
    (plans_combined ``BY_ORIGIN``, ``BY_SCHOOL``), with both totals over the layout's open
    schools ("" when the layout gives no pupils per school).

    >>> from junheng.planning.layout_outcome import PlannedSchool
    >>> plan = LayoutOutcome("optimal", (PlannedSchool("A", "甲小学", "keep",
    ...     students_after={"primary": 300}), PlannedSchool("B", "乙小学", "keep",
    ...     students_after={"primary": 200})), {}, target_year=2030)
    >>> pupil_count_note(plan, {"A": 290, "B": 205, "C": 80}, 2030)[:39]
    '学生数的两种口径：布局调整方案的“规划年学生”为按生源地预测的学位需求（各村居'
    >>> pupil_count_note(plan, {"A": 290, "B": 205, "C": 80}, 2030).split("来源不同：")[1]
    '布局方案各校 2030 学年合计 500 人，本方案同一批学校 495 人，逐校见“布局调整与达标路径合计”表；本方案的教室、专用教室、教师和差异系数都按后者计算。'
    """
    from junheng.planning.plans_combined import BY_ORIGIN, BY_SCHOOL

    shown = [s for s in plan.schools if s.action != "close" and s.students_after]
    if not shown:
        return ""
    layout = sum(int(sum(s.students_after.values())) for s in shown)
    ours = sum(pupils.get(s.school_id, 0) for s in shown)
    years = (f"{target_year} 学年" if not plan.target_year or plan.target_year == target_year
             else f"规划年 {plan.target_year} 学年（本方案目标学年 {target_year} 学年）")
    return (f"学生数的两种口径：布局调整方案的“规划年学生”为{BY_ORIGIN}（各村居现有分年龄儿童推移到规划年、"
            f"按方案划片分到学校），本方案的“目标学年学生”为{BY_SCHOOL}（招生预测的各学段全县总数，按布局方案"
            f"各校占比分配）；两者指方案实施后同一批学校的义务教育学生，来源不同：布局方案各校 {years}合计 "
            f"{layout:,} 人，本方案同一批学校 {ours:,} 人，逐校见“布局调整与达标路径合计”表；本方案的教室、专用教室、"
            "教师和差异系数都按后者计算。")
