"""Issue 16 item 4: the layout's CV rule and its before/after table evaluate the county the plan
makes in its planning year, built the way the 达标路径 builds it, so both plans give one figure
for one state; a CV over its limit is explained by the schools that make it so; a breach a
school the plan does not size causes (a project's new school with few pupils) is named with
its remedy and neither passes silently nor stops the plan."""

from __future__ import annotations

from datetime import date

import pandas as pd
import pytest
from layout_builders import FLAT_COSTS, school, village

from junheng.model import CountyData
from junheng.planning import load_layout_config, plan_layout
from junheng.planning.layout_check import check_plan
from junheng.planning.layout_county import PlanningYear
from junheng.planning.layout_json import layout_json
from junheng.planning.layout_outcome import LayoutOutcome, PlannedSchool

T1, T2 = "410306101", "410306102"
AREA = "teaching_area_per_student"
INFO = {"county_code": "410306", "county_name": "示例县", "city_name": "洛阳市",
        "school_year": 2025, "primary_funding_quota": 720, "junior_funding_quota": 940}


def classes(sid: str, per_class: int) -> list[dict]:
    """Two classes of ``per_class`` in each of grades 1-6."""
    return [{"school_id": sid, "grade": f"g{g}", "class_no": str(k + 1), "students": per_class}
            for g in range(1, 7) for k in range(2)]


def two_schools() -> CountyData:
    """Primary schools A (3,000 m² of 教学及辅助用房) and B (1,500 m²), 300 pupils each today."""
    schools = [school("A", "primary_school", 112.00), school("B", "primary_school", 112.02)]
    facilities = [{"school_id": "A", "classrooms": 12, "teaching_area": 3000},
                  {"school_id": "B", "classrooms": 12, "teaching_area": 1500}]
    return CountyData.from_records(INFO, villages=[village(1, 112.0, g13=150, g46=150)],
                                   schools=schools, facilities=facilities,
                                   classes=classes("A", 25) + classes("B", 25))


def pupils(a: int, b: int) -> pd.DataFrame:
    """Pupils spread evenly over grades 1-6."""
    return pd.DataFrame([{"school_id": s, "grade": f"g{g}", "students": float(n / 6)}
                         for s, n in (("A", a), ("B", b)) for g in range(1, 7)])


MOVED = LayoutOutcome("optimal", (
    PlannedSchool("A", "学校A", "keep", students_after={"primary": 200, "junior": 0}),
    PlannedSchool("B", "学校B", "keep", students_after={"primary": 400, "junior": 0})), {},
    county="410306", year=2025, target_year=2026, scenario="分流")


def test_pupils_moved_between_kept_schools_change_the_layouts_cv_as_the_compliance_sees_it():
    # Before: A 3,000 / 300 = 10 m², B 1,500 / 300 = 5 m²: mean 7.5, SD 2.5, CV 0.3333.
    # The plan moves 100 pupils from A to B (both kept; no closure): A 3,000 / 200 = 15 m²,
    # B 1,500 / 400 = 3.75 m²; mean 4,500 / 600 = 7.5, variance (200 × 7.5² + 400 × 3.75²)
    # / 600 = 28.125, CV √28.125 / 7.5 = 0.7071 (the old table, moving closures only, kept
    # 0.3333).
    from junheng.jobs.compliance import _after_layout
    from junheng.planning.compliance import plan_compliance

    data = two_schools()
    year = PlanningYear(data, pupils(300, 300), 2026)
    before, after = year.before(), year.after(MOVED)
    assert round(before.stages["primary"].indicators[AREA].cv, 4) == 0.3333
    assert round(after.stages["primary"].indicators[AREA].cv, 4) == 0.7071
    # the same plan through the 达标路径, with a forecast of the same pupils: its 实施前 is
    # the layout's 调整后
    forecast = pupils(300, 300).assign(year=2026)
    county, placed, *_ = _after_layout(data, forecast, MOVED, 2026)
    plan = plan_compliance(county, placed, 2026, time_limit=30, diagnose=False, plan_date=date(2026, 6, 1))
    assert round(plan.before.stages["primary"].indicators[AREA].cv, 4) == 0.7071


def test_reopening_a_closure_gives_its_pupils_back():
    data = two_schools()
    year = PlanningYear(data, pupils(300, 300), 2026)
    closed = LayoutOutcome("optimal", (
        PlannedSchool("A", "学校A", "keep", students_after={"primary": 600, "junior": 0}),
        PlannedSchool("B", "学校B", "close", merged_into="A",
                      students_after={"primary": 0, "junior": 0})), {})
    back = {s.school_id: dict(s.students_after) for s in year.reopened(closed, "B").schools}
    assert back == {"A": {"primary": 300, "junior": 0}, "B": {"primary": 300, "junior": 0}}


def project_county() -> CountyData:
    """A (300 pupils, 1,500 m²) in 乡镇 1 and N (no pupils today, 20,000 m²: a new school of a
    project) in 乡镇 2, with 40 children of its village: the plan can only fill it with them."""
    villages = [village(1, 112.00, g13=150, g46=150, town=T1),
                village(2, 112.10, g13=20, g46=20, town=T2)]
    schools = [school("A", "primary_school", 112.00, town=T1),
               school("N", "primary_school", 112.10, town=T2)]
    facilities = [{"school_id": "A", "classrooms": 12, "teaching_area": 1500},
                  {"school_id": "N", "classrooms": 24, "teaching_area": 20000}]
    return CountyData.from_records(INFO, villages=villages, schools=schools,
                                   facilities=facilities, classes=classes("A", 25))


def test_a_cv_a_school_the_plan_does_not_size_breaks_is_named_and_the_plan_stands():
    # Before, N has no pupils (out of the CV): A alone, CV 0. After, A 300 at 5 m² and N 40
    # at 500 m²: mean 21,500 / 340 = 63.24; A 300 × 58.24² = 1,017,414, N 40 × 436.76² =
    # 7,630,536 (88 % of 8,647,950); CV √(8,647,950 / 340) / 63.24 = 2.522. Without N the CV
    # is 0: the breach is N's size, not the plan's, so nothing is kept open and the plan says
    # so with the remedy.
    data = project_county()
    cfg = load_layout_config(None, new_sites="none", boarding_per_town=False, target_year=2025,
                             weights=FLAT_COSTS, today_shares=False, keep=["N"])
    plan = plan_layout(data, cfg)
    after = {s.school_id: s.students_after["primary"] for s in plan.outcome.schools}
    assert after == {"A": 300, "N": 40}
    cvs = plan.outcome.evaluation
    # stored with 6 decimals (numbers.CV_DIGITS) so the stored CV rounds as the raw one does
    assert (cvs.before["primary"][AREA], cvs.after["primary"][AREA]) == (0.0, 2.522071)
    assert plan.outcome.rules["cv_kept"] == []
    assert cvs.causes == (
        "布局调整后小学生均教学及辅助用房面积差异系数 2.522（限值 0.50）：主要由学校N（高于平均，规划年 40 人，生均 500.0 平方米，"
        "布局调整后全县平均 63.2 平方米）造成，占学生加权离差平方和的 88%；不计学校N为 0.000，本方案的撤并和分流未使其超过"
        "限值。学校N是现无学生的学校，校舍规模不由本方案决定，规划年学生远少于其校舍所能容纳：须就近划片把周边更多"
        "学生划入该校，或分期启用其校舍（本方案照常计入这一差异系数，不因此改变撤并）。",)
    check_plan(plan.problem, layout_json(plan.outcome), data)  # the checker agrees


def test_a_breach_the_plan_itself_causes_is_still_refused():
    # the schools the plan does not size ("N") are not A or B: the moves are the plan's
    from junheng.errors import InfeasibleError
    from junheng.planning.layout_cv import enforce_cv_limits

    data = two_schools()
    year = PlanningYear(data, pupils(300, 300), 2026, frozenset({"N"}))
    before = year.before()

    def attempt(cfg):  # a plan with no closure to undo: the breach (0.3333 -> 0.7071) stays
        from types import SimpleNamespace as NS
        sites = pd.DataFrame({"pupils_now": [300, 300]}, index=["A", "B"])
        return NS(outcome=MOVED, problem=NS(sites=sites)), year.after(MOVED)

    cfg = load_layout_config(None, new_sites="none", cv_repair_rounds=1)
    with pytest.raises(InfeasibleError, match="生均教学及辅助用房面积差异系数 0.333 → 0.707"):
        enforce_cv_limits(attempt, cfg, before)


def test_a_closure_kept_open_beside_a_project_school_says_the_plans_own_rise():
    # The example county's 在建 城东小学 (1,080 places, 272 pupils planned) is left out of the
    # breach the closure of 上河村's point causes: 0.245 -> 0.505 among the schools the plan
    # sizes (0.709 with 城东小学), so the point is kept, and its reason gives those figures.
    # 城东小学 counts TEACHING_SHARE of its 12,600 m² as teaching area (cvproj): with the
    # example's figure the county stays at 0.4756 and the point closes (asserted last), so
    # the project is given 12,600 / 0.55 m², the teaching area it had before.
    from dataclasses import replace

    from junheng.io import example_county
    from junheng.jobs.layout import plan_layout_with_projects
    from junheng.planning.projects import TEACHING_SHARE

    data = example_county()
    projects = data.projects.copy()
    new = projects["project_type"] == "new_build"
    projects.loc[new, "added_floor_area"] = projects.loc[new, "added_floor_area"] / TEACHING_SHARE
    plan = plan_layout_with_projects(replace(data, tables={**data.tables, "projects": projects}),
                                     load_layout_config())
    assert plan.outcome.rules["cv_kept"] == ["4103060004"]
    assert plan.outcome.kept_reasons["4103060004"] == (
        "保留：撤并会使小学生均教学及辅助用房面积差异系数（不计示例县城东小学） 0.245 → 0.505，超过限值 0.5"
        "（差异系数约束）。")
    assert plan.outcome.evaluation.after["primary"][AREA] == 0.698578  # 6 stored decimals
    # as published: 城东小学's 6,930 m² of teaching area keep the county within 0.50, so the
    # closure of 上河村's point breaches nothing and goes ahead
    plan = plan_layout_with_projects(example_county(), load_layout_config())
    assert plan.outcome.rules["cv_kept"] == []
    assert next(s.action for s in plan.outcome.schools if s.school_id == "4103060004") == "close"
    assert plan.outcome.evaluation.after["primary"][AREA] == 0.475589
