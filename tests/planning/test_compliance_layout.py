"""The compliance path after a layout plan in force (issue 16 item 3, issue 18): the demo
county with its teaching points closed by a layout plan, and the CLI's ``--layout``."""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import date

import pandas as pd
import pytest

from cli_run import invoke
from junheng.errors import ConfigError
from junheng.io import write_workbook
from junheng.jobs.compliance import run_compliance
from junheng.planning.compliance_layout import county_after_layout
from junheng.planning.layout_json import write_layout_json
from junheng.planning.layout_outcome import LayoutOutcome, PlannedSchool


def closing_points(data, n: int) -> LayoutOutcome:
    """A layout plan that merges the first ``n`` teaching points into their central schools."""
    s = data.schools
    points = s[(s["school_type"] == "teaching_point") & s["central_school"].notna()].head(n)
    closed = tuple(PlannedSchool(r.school_id, r.name, "close", kind="teaching_point",
                                 merged_into=r.central_school)
                   for r in points.itertuples())
    return LayoutOutcome("optimal", closed, {"before": {}, "after": {}}, county=data.county_code,
                         year=data.school_year, scenario="示例布局方案")


def test_the_compliance_plan_is_for_the_county_after_the_layout(demo_years):
    data = demo_years[-1]
    layout = closing_points(data, 10)
    closed = {s.school_id for s in layout.schools}
    points = int((data.schools["school_type"] == "teaching_point").sum())
    after = county_after_layout(data, layout)
    assert len(after.schools) == len(data.schools) - 10
    assert int((after.schools["school_type"] == "teaching_point").sum()) == points - 10
    assert not closed & set(after.classes["school_id"])
    # every pupil of a closed point is now its receiver's, in classes formed anew
    # (layout_classes), never more classes than the old ones together
    receivers = {s.merged_into for s in layout.schools}
    moved = data.classes[data.classes["school_id"].isin(closed | receivers)]
    mine = after.classes[after.classes["school_id"].isin(receivers)]
    assert mine["students"].sum() == moved["students"].sum()
    assert len(mine) <= len(moved)
    # the plan made of this county: test_plan_compliance_takes_a_layout_plan_json (one solve of
    # the demo county for both; until 2026-12-07 each made its own, 17 s of the suite)


def test_a_layout_plan_of_another_county_or_year_is_refused(demo_years):
    data = demo_years[-1]
    other = LayoutOutcome("optimal", (), {"before": {}, "after": {}}, county="410999",
                          year=data.school_year)
    with pytest.raises(ConfigError, match="布局方案属于县区 410999"):
        county_after_layout(data, other)
    old = LayoutOutcome("optimal", (), {"before": {}, "after": {}}, county=data.county_code,
                        year=data.school_year - 1)
    with pytest.raises(ConfigError, match=f"布局方案按 {data.school_year - 1} 学年数据编制"):
        county_after_layout(data, old)


def test_plan_compliance_takes_a_layout_plan_json(demo_years, tmp_path):
    data = demo_years[-1]
    workbook = write_workbook(data, tmp_path / "county.xlsx")
    outcome = closing_points(data, 10)
    layout = write_layout_json(outcome, tmp_path / "layout.json")
    out = tmp_path / "plan"
    result = invoke("plan", "compliance", "--plan-date", "2026-06-01", "--file", workbook, "--out", out, "--layout", layout,
                    "--time-limit", "20")
    assert result.exit_code == 0, result.output
    doc = json.loads((out / "plan.json").read_text(encoding="utf-8"))
    # the plan's Chinese name only, not its file or folder name (review2 finding 9: "（layout）")
    assert doc["assumptions"][0].startswith("按布局调整方案“示例布局方案”的计划实施后的县域编制：撤并教学点 10 个")
    # the county after the layout (the test above): nothing is built at a closed point
    closed = {s.school_id for s in outcome.schools}
    assert doc["actions"] and not closed & {a["school_id"] for a in doc["actions"]}


def _relief(rooms_added: int) -> tuple:
    """Town schools A (1,000 pupils in 25 classes of 40, 20 classrooms) and B (600 in 15, 15
    rooms); a layout plan that relieves A by moving 200 pupils to B and builds B rooms."""
    from compliance_builders import county, primary_school, school_id

    a, b = primary_school("A", 1000), primary_school("B", 600)
    a["facilities"][0]["classrooms"] = 20
    data = county(a, b)
    layout = LayoutOutcome("optimal", (
        PlannedSchool(school_id("A"), "A小学", "keep", students_after={"primary": 800}),
        PlannedSchool(school_id("B"), "B小学", "expand", added_classrooms=rooms_added,
                      students_after={"primary": 800})),
        {}, county=data.county_code, year=2025, target_year=2026, scenario="分流方案")
    return data, layout


def _planned(data, layout, tmp_path):
    """The compliance plan for 2026 from the county and today's pupils as the layout leaves
    them (what jobs.compliance does with the forecast)."""
    from compliance_builders import cost_file
    from junheng.planning.compliance import plan_compliance
    from junheng.planning.compliance_costs import load_costs
    from junheng.planning.compliance_county import current_students
    from junheng.planning.compliance_layout import students_after_layout

    students = students_after_layout(current_students(data).assign(year=2026), layout)
    return plan_compliance(county_after_layout(data, layout), students, 2026,
                           costs=load_costs(cost_file(tmp_path)), time_limit=30, plan_date=date(2026, 6, 1))


def test_the_layouts_moves_between_kept_schools_are_the_compliance_plans_pupils(tmp_path):
    # Review finding 3: the layout moves 200 of A's pupils to B and builds B 6 rooms; the
    # compliance plan used to keep A's 1,000 pupils (25 classes in 20 rooms: 5 new rooms at A)
    # on top of B's 6, building rooms twice for the same 200 pupils. Now A has 800 pupils
    # (grades 200 : 160 × 5 scaled by 0.8 = 160 : 128 × 5; 24 classes of 40 do not fit its 20
    # rooms, so classes of 45: 4 + 5 × 3 = 19 ≤ 20, no room), B 800 (120 × 3 : 80 × 3 scaled by
    # 4/3 in whole pupils = 160 × 3 : 107, 107, 106; in classes of 40, 12 + 9 = 21 classes in
    # 15 + 6 = 21 rooms, no room).
    from compliance_builders import school_id

    data, layout = _relief(6)
    plan = _planned(data, layout, tmp_path)
    classes = plan.problem.before.classes.groupby("school_id")
    assert classes["students"].sum().to_dict() == {school_id("A"): 800, school_id("B"): 800}
    assert classes.size().to_dict() == {school_id("A"): 19, school_id("B"): 21}
    assert plan.problem.forced[plan.problem.forced["item"] == "classroom"].empty
    assert plan.problem.start.facilities.set_index("school_id")["classrooms"].to_dict() == {
        school_id("A"): 20, school_id("B"): 21}


def test_a_layout_with_too_few_rooms_leaves_the_rest_to_the_compliance_plan(tmp_path):
    # As above with 5 rooms at B: its 21 classes of 40 do not fit 20 rooms; in classes of 45
    # (160 / 45 → 4, 107 or 106 / 45 → 3) still 21: one room more, at B, none at A.
    from compliance_builders import school_id

    data, layout = _relief(5)
    rooms = _planned(data, layout, tmp_path).problem.forced
    assert rooms.loc[rooms["item"] == "classroom", ["school_id", "quantity"]].to_dict(
        "records") == [{"school_id": school_id("B"), "quantity": 1.0}]


def test_the_compliance_job_places_the_forecast_as_the_layout_does(tmp_path):
    # The job's pupils are the forecast's (2026 from one data year), shared 800 : 800 as the
    # layout places them: A and B get the same pupils up to the rounding of each grade's
    # classes, and A needs no room; the assumptions say whose pupils these are.
    from compliance_builders import cost_file, school_id

    data, layout = _relief(6)
    plan = run_compliance([data], target_year=2026, layout=layout, time_limit=30,
                          costs=cost_file(tmp_path), plan_date=date(2026, 6, 1))
    pupils = plan.problem.before.classes.groupby("school_id")["students"].sum()
    assert abs(pupils[school_id("A")] - pupils[school_id("B")]) <= 6
    rooms = plan.problem.forced
    assert school_id("A") not in set(rooms.loc[rooms["item"] == "classroom", "school_id"])
    assert plan.assumptions[0] == (
        "按布局调整方案“分流方案”的计划实施后的县域编制：撤并 0 所，其学生、教师和可移动设备并入"
        "接收学校，接收学校按合并后各年级的学生数重新编班（不沿用被撤并学校的班级）；各校学生按布局方案规划年 2026 学年调整后的各学段学生数占比分配（目标学年全县各学段学生总数取招生"
        "预测），方案在保留学校之间的分流也计入；方案新建的教室计为已建成。")
    # review finding 2: B's new pupils bring teachers from A before anyone is recruited (as
    # many as A's lost pupils' share of its teachers and its own need allow)
    moves = plan.redeployed
    assert plan.assumptions[1].startswith("保留学校间调配：保留学校之间分流学生时，教师随学生调配，1 所送出学校")
    assert (moves["from_school_id"].unique().tolist(), moves["to_school_id"].unique().tolist(),
            int(moves["teachers"].sum())) == ([school_id("A")], [school_id("B")], 6)


def test_the_compliance_plan_after_a_layout_takes_the_layouts_plan_date(tmp_path):
    # fixtext item 5: the layout made on 2026-06-01 (the 2026 学年 not begun: first year 2026);
    # the 达标路径 after it, given no day, used today's (from 2026-09-01 on: 2027). It now takes
    # the layout's day, so its first year is the layout's 2026.
    from compliance_builders import cost_file
    from junheng.planning.plans_budget import first_year_of

    data, layout = _relief(6)
    layout = replace(layout, rules={"plan_date": "2026-06-01"})
    plan = run_compliance([data], target_year=2026, layout=layout, time_limit=30,
                          costs=cost_file(tmp_path))
    assert plan.problem.plan_date == date(2026, 6, 1)
    assert plan.problem.first_year == first_year_of(layout.rules)[0] == 2026
    with pytest.raises(ConfigError, match="^达标路径的编制日期 2026-12-04 与布局调整方案的编制日期 2026-06-01 不同："
                                          "布局调整后的达标路径与布局方案使用同一编制日期，请不填编制日期或填写布局方案的编制日期。$"):
        run_compliance([data], target_year=2026, layout=layout, time_limit=30,
                       costs=cost_file(tmp_path), plan_date=date(2026, 12, 4))


def test_the_layouts_beds_and_new_schools_are_in_the_county_after_it(tmp_path):
    # B gets 50 dormitory beds; a new school N takes 300 pupils (200 primary, 100 junior) and
    # is built to the layout's standard (junior per-pupil thresholds): 300 × 5.8 = 1,740 m² of
    # teaching area, 300 × 10.2 = 3,060 m² of sports area, 300 × 2,500 = 750,000 元.
    from compliance_builders import school_id

    data, layout = _relief(6)
    schools = (*layout.schools[:1], replace(layout.schools[1], added_beds=50),
               PlannedSchool("N1", "新区学校", "new", added_classrooms=8, added_beds=0,
                             students_after={"primary": 200, "junior": 100}, lon=112.46,
                             lat=34.63, town_code="410306001"))
    after = county_after_layout(data, replace(layout, schools=schools))
    beds = after.schools.set_index("school_id")["boarding_beds"]
    assert (int(beds[school_id("A")]), int(beds[school_id("B")])) == (0, 50)
    new = after.facilities.set_index("school_id").loc["N1"]
    assert (new["teaching_area"], new["sports_area"], new["equipment_value"], new["classrooms"]) \
        == (1740.0, 3060.0, 750000.0, 8)
    # its music and art rooms are built with it: ceil(8 / 12) = 1 of each, 96 and 90 m²,
    # inside its standard teaching area (the 达标路径 builds none there again)
    assert (new["music_rooms"], new["music_room_area"], new["art_rooms"], new["art_room_area"]) \
        == (1, 96.0, 1, 90.0)


def test_the_layout_note_counts_closed_schools_that_are_no_points():
    # planner review 2026-12-04 finding 2: "撤并 65 所（其中教学点 64 个）" left the 65th unnamed
    from junheng.planning.compliance_layout import layout_note
    from junheng.planning.layout_outcome import LayoutOutcome, PlannedSchool

    plan = LayoutOutcome("optimal", (
        PlannedSchool("P", "甲教学点", "close", kind="teaching_point"),
        PlannedSchool("V", "乙村小学", "close", kind="primary_school"),
        PlannedSchool("K", "丙小学", "keep", kind="primary_school")), {}, scenario="默认方案")
    assert layout_note(plan).startswith(
        "按布局调整方案的计划实施后的县域编制：撤并学校 1 所、教学点 1 个，其学生")


def test_a_new_school_has_the_urban_rural_class_of_its_site(tmp_path):
    # review2 A1: 长青社区片区新建初级中学 stands in a 城区 community (111) but entered the
    # county after the layout as 121 镇中心区, so 城区 → it counted as 城区→镇区 交流轮岗.
    # A new school now takes its site's code; a plan stored without one reads as 121.
    from junheng.planning.compliance_rotation import rotation_levels
    from junheng.planning.layout_json import read_layout_json

    data, layout = _relief(6)
    town = PlannedSchool("N1", "长青社区片区新建初级中学", "new", urban_rural_code="111",
                         students_after={"junior": 100}, lon=112.46, lat=34.63,
                         town_code="410306001")
    old = replace(town, school_id="N2", name="旧方案新建学校", urban_rural_code="")
    plan = replace(layout, schools=(*layout.schools, town, old))
    stored = read_layout_json(write_layout_json(plan, tmp_path / "plan.json"))
    assert [s.urban_rural_code for s in stored.schools][2:] == ["111", ""]
    schools = county_after_layout(data, stored).schools.set_index("school_id")
    assert schools.loc[["N1", "N2"], "urban_rural_code"].tolist() == ["111", "121"]
    # equal 骨干 shares: a 城区 school and N1 share a level (no exchange), N2 is one below
    units = schools.loc[["N1", "N2"], ["urban_rural_code"]].assign(
        full_time_teachers=10, backbone_teachers=1)
    units.loc["A"] = ["111", 10, 1]
    assert rotation_levels(units).tolist() == [0, 1, 0]


def test_a_room_the_layout_borrows_is_not_built_for_the_compliance_plan():
    # planner review: the 达标路径 counted the layout's 临时周转 rooms as built. B gets 5 rooms of
    # which 3 are met by 临时周转: 2 are built, 15 + 2 = 17 rooms and 2 × 120 m² more
    from compliance_builders import school_id
    from junheng.planning.compliance_layout import layout_note, room_difference_note

    data, layout = _relief(5)
    before = data.facilities.set_index("school_id").loc[school_id("B")]
    borrowed = replace(layout, schools=(layout.schools[0], replace(layout.schools[1],
                                                                   temporary_classrooms=3)))
    after = county_after_layout(data, borrowed).facilities.set_index("school_id").loc[school_id("B")]
    assert (after["classrooms"] - before["classrooms"],
            after["teaching_area"] - before["teaching_area"]) == (2, 240.0)
    assert layout_note(borrowed).endswith(
        "；方案新建的教室计为已建成，方案以临时周转解决的 3 间教室不是新建的，不计为已建成：其缺口由本方案按同一"
        "规则新建或临时周转，布局方案已计费用的临时周转教室本方案不重复计费。")
    acts = pd.DataFrame({"school_id": [school_id("B")], "item": ["classroom"], "quantity": [1.0]})
    assert room_difference_note(borrowed, acts) == (
        "布局调整方案按学段学位（教室数 × 标准班额）计算教室，本方案按招生预测的学生逐年级按标准班额编班："
        "B小学布局方案新建 2 间、临时周转 3 间（不计为已建成），2026 学年按年级编班缺 1 间、缺口持续超过临时周转"
        "年限，由本方案新建。")
