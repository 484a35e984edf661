"""The layout plan's figures as a city reads them (brief ``layoutfix``, items 3, 7, 8, 11 and
the 调整方案 sheet's straight-line caveat): each with its figures worked by hand."""

from __future__ import annotations

from dataclasses import replace
from types import SimpleNamespace as NS

import pandas as pd
from openpyxl import load_workbook

from junheng.evaluate import evaluate
from junheng.io import example_county
from junheng.planning.cv_causes import worse_lines
from junheng.planning.layout_outcome import LayoutOutcome, PlannedSchool
from junheng.planning.layout_reasons import opening_reason
from junheng.planning.plans_combined import combined_rows
from junheng.report.layout_notes import layout_paragraph
from junheng.report.layout_xlsx import write_layout_xlsx
from junheng.report.plan_rows import layout_summary, size_warnings


def _together(action: str, layout_hall: float, quantity: float, built: float) -> str:
    """Both plans' hall at one school: the layout's ``layout_hall`` m², the 达标路径's
    ``quantity`` m² of a building of ``built`` m² at 0.42 万元 a m²."""
    layout = LayoutOutcome("optimal", (PlannedSchool("D", "某学校", action,
                                                     added_sports_area=layout_hall),), {})
    actions = pd.DataFrame({"school_id": ["D"], "name": ["某学校"], "item": ["gym"],
                            "quantity": [quantity], "built": [built], "unit_cost": [0.42],
                            "cost": [quantity * 0.42], "annual_cost": [0.0]})
    return combined_rows(layout, actions, {"D": layout_hall})[0]["together"]


def test_a_hall_shared_with_the_high_school_is_printed_whole_with_its_part_outside_both_plans():
    # Item 3 (第四中学): the layout builds 162 m² and the 达标路径 401 m² of compulsory share; the
    # 达标路径's 401 m² are a building of 2,135 m² (share 401 / 2,135 = 0.1878). The whole hall:
    # 563 × 2,135 / 401 = 2,997.5 → 2,998 m² (within the 3,000 m² cap); 高中's part
    # 2,998 − 563 = 2,435 m² at 0.42 万元 = 1,022.70 万元, in neither plan.
    assert _together("expand", 162.0, 401.0, 2135.0) == (
        "室内体育馆（风雨操场，合为一座） 整座 2,998 平方米（与高中共用），其中义务教育阶段 563 平方米"
        "（布局调整 162 平方米 + 达标路径 401 平方米），高中部分 2,435 平方米（估算 1,022.70 万元）"
        "由高中经费安排，不计入布局调整与达标路径投资，布局调整与达标路径单价同为每平方米 4,200 元")


def test_a_hall_not_shared_keeps_the_sum_of_both_plans():
    # 东城小学: 815 + 495 = 1,310 m², built = quantity (no 高中), so no whole-building clause.
    assert _together("keep", 815.0, 495.0, 495.0) == (
        "室内体育馆（风雨操场，合为一座） 1,310 平方米（布局调整 815 平方米 + 达标路径 495 平方米），"
        "布局调整与达标路径单价同为每平方米 4,200 元")


def _school(sid: str, name: str, action: str, **kw) -> PlannedSchool:
    return PlannedSchool(sid, name, action, kind=kw.pop("kind", "primary"),
                         capacity={"primary": 0, "junior": 0},
                         students_after={"primary": 0, "junior": 0}, **kw)


def _kept_hall_plan() -> LayoutOutcome:
    return LayoutOutcome("optimal", (
        _school("P", "甲教学点", "close", kind="teaching_point", merged_into="E", phase=2),
        _school("X", "乙初中", "expand", phase=2, added_classrooms=2, capital_yuan=840_000.0),
        _school("E", "东城小学", "keep", phase=2, added_sports_area=815.0,
                area_yuan=3_421_200.0),
        _school("K", "丙小学", "keep")), {}, scenario="默认方案", year=2025, target_year=2030,
        phases=2)


def test_a_kept_school_the_plan_builds_at_counts_as_rebuilt_and_names_no_zero_area():
    # Item 11 (every action in phase 2 = 2027 学年: one year, no 期 count): 东城小学 is kept but gets an 815 m² hall (342.12 万元): 改扩建, not 保留;
    # its added teaching area is 0 m², so only the sports area is named.
    summary = layout_summary(_kept_hall_plan())
    assert summary.sentence() == ("布局调整方案（目标学年 2030，2027 学年实施）："
                                  "撤并教学点 1 个，扩建 1 所，改扩建 1 所。")
    rows = {a.name: (a.action, a.detail) for a in summary.actions}
    assert rows["东城小学"] == ("改扩建", "补足接收学生所需的室内体育馆 815 平方米（需论证）")
    assert rows["乙初中"] == ("扩建", "新建普通教室 2 间")
    assert "丙小学" not in rows


def test_the_sheet_says_改扩建_and_the_straight_line_caveat_once(tmp_path):
    caveat = "；通行时间按直线距离估算（直线距离 × 绕行系数 1.3，镇村 25 公里/小时、城区 12 公里/小时），需按实际道路核实"
    plan = replace(_kept_hall_plan(), kept_reasons={"P": caveat + "；走读直线距离超过 5 公里、需安排校车接送 3 人"},
                   rules={"detour_factor": 1.3, "speed_kmh_rural": 25.0, "speed_kmh_urban": 12.0},
                   metrics={"before": {"teaching_points": 1}, "after": {"teaching_points": 0}})
    ws = load_workbook(write_layout_xlsx(plan, tmp_path / "plan.xlsx"))["调整方案"]
    rows = [[c.value for c in r] for r in ws.iter_rows(min_row=2)]
    by_id = {r[0]: r for r in rows if r[1]}
    assert by_id["E"][3] == "改扩建"
    assert "直线距离估算" not in by_id["P"][-1] and by_id["P"][-1].endswith("（同乡镇）；走读直线距离超过 5 公里、需安排校车接送 3 人")
    assert rows[-1][0] == ("说明：本表的通行时间均按直线距离估算（直线距离 × 绕行系数 1.3，镇村 25 公里/小时、"
                           "城区 12 公里/小时），需按实际道路核实。")
    assert sum("直线距离估算" in str(v) for r in rows for v in r) == 1


def test_a_project_school_mostly_empty_is_a_note_of_both_word_documents():
    # Item 7: 2,160 places, 371 pupils: 371 / 2,160 = 17 % used (under half: 请核实).
    reason = opening_reason({"seats_primary": 2160, "seats_junior": 0}, 371)
    plan = replace(_kept_hall_plan(), kept_reasons={"K": reason, "E": "方案指定保留。"})
    assert size_warnings(plan) == (
        "学位利用率低，需核实：丙小学（保留）：建设项目的新建学校，学位 2,160 个按项目建设（不是本方案确定的规模）；"
        "本方案按就近入学给它分配学生（离它比离原校近的先转入），规划年 371 人，学位利用率 17%，其余学位空余："
        "请核实项目规模，或在就近划片中给它划入更多片区。",)
    assert layout_summary(plan).notes == size_warnings(plan)  # no comparison rows: only it
    # review2 finding 5: the 自评报告 states the facts and does not ask the county to check itself
    assert layout_paragraph(plan).endswith(
        "下一期撤并；其余撤并按现有在校生由少到多分期实施，规模最小的先撤并。学位利用率低：丙小学（保留）：建设项目的新建学校，学位 2,160 个按项目建设（不是本方案确定的"
        "规模）；本方案按就近入学给它分配学生（离它比离原校近的先转入），规划年 371 人，学位利用率 17%，其余学位空余"
        # rv10 15: the rest of the block is the layout plan's note, referred to, not copied
        "（原因、学生来源和分批启用见《布局调整方案》“调整前后对比”的说明“学位利用率低”）。")
    assert "请核实" not in layout_paragraph(plan)
    # ... and the ask goes to 报送前核对, beside the late projects
    from junheng.report.checklist import pre_submission_checks

    assert pre_submission_checks(evaluate(example_county()), layout=plan)[-1] == (
        "布局调整方案：" + size_warnings(plan)[0])  # not “默认方案” (planner review 2026-12-04)


def _cvs(cvs: dict[str, float], units=None):
    names = {"teaching_area_per_student": "生均教学及辅助用房面积",
             "multimedia_rooms_per_100": "每百名学生拥有网络多媒体教室数",
             "sports_area_per_student": "生均体育运动场馆面积"}
    return NS(units=units, stages={"primary": NS(indicators={
        k: NS(cv=v, limit=0.5, name=names[k]) for k, v in cvs.items()})})


def test_every_cv_the_closures_raise_names_the_schools_whose_value_changed():
    # Item 8, review rv25 4. Before the plan 甲小学 500 pupils at 4.0 m², 乙小学 500 at 6.0; after
    # it 甲 at 2.0 (it received pupils, not rooms), 乙 unchanged. After: mean 4.0, CV 2 / 4 =
    # 0.500; 甲 alone as before: 4.0 and 6.0, mean 5.0, sd 1.0, CV 0.200, so 甲 is named. 乙 holds
    # half the deviation after, but its value did not change: not named (rv25 4 named such
    # schools 「接收学生的学校中偏离…最多」). 丙小学 has no pupils, outside the CV. Teaching area
    # 0.335 → 0.477 (+0.142): named; multimedia rooms 0.412 → 0.431 (+0.019) too (review rv24
    # 10a), no school's value changed, so the rise alone; sports area is over its limit and has
    # its own cause sentence (skip).
    units = pd.DataFrame({"school_id": ["A", "B", "C"], "name": ["甲小学", "乙小学", "丙小学"],
                          "stage": "primary", "students": [500, 500, 0],
                          "teaching_area_per_student": [2.0, 6.0, 5.0],
                          "multimedia_rooms_per_100": [3.0, 3.0, 5.0]})
    then = units.assign(teaching_area_per_student=[4.0, 6.0, 5.0])
    before = _cvs({"teaching_area_per_student": 0.335, "multimedia_rooms_per_100": 0.412,
                   "sports_area_per_student": 0.40}, then)
    after = _cvs({"teaching_area_per_student": 0.477, "multimedia_rooms_per_100": 0.431,
                  "sports_area_per_student": 0.663}, units)
    assert worse_lines(before, after, skip=[("primary", "sports_area_per_student")], scenario="布局调整后") == (
        "布局调整使小学生均教学及辅助用房面积差异系数 0.335 → 0.477（升高 0.142，限值 0.50）："
        "布局调整后全县平均 4.0 平方米，数值变化的学校中使其升高最多的是甲小学（学生 500 人不变，"
        "生均 4.0 → 2.0 平方米，低于平均；仅该校保持现状则为 0.200）。",
        "布局调整使小学每百名学生拥有网络多媒体教室数差异系数 0.412 → 0.431（升高 0.019，限值 0.50）。")
    # a rise that does not show at three decimals (0.4121 → 0.4124, both 0.412) is no rise
    flat = _cvs({"teaching_area_per_student": 0.4121}, then), _cvs({"teaching_area_per_student": 0.4124}, units)
    assert worse_lines(*flat) == ()
    # a project's new school (乙 not there before; 甲 unchanged at 2.0) is named with its tag; without
    # it 甲 alone: CV 0.000
    new = _cvs({"teaching_area_per_student": 0.335}, units[units["school_id"] != "B"])
    assert worse_lines(new, _cvs({"teaching_area_per_student": 0.477}, units),
                       tags={"B": "在建、规划项目新建学校"})[0].endswith(
        "使其升高最多的是乙小学（在建、规划项目新建学校，规划年新设，500 人，生均 6.0 平方米，高于平均；仅该校保持现状则为 0.000）。")
    # no school's value changed: the rise alone
    assert worse_lines(_cvs({"teaching_area_per_student": 0.335}, units),
                       _cvs({"teaching_area_per_student": 0.477}, units))[0] == (
        "布局调整使小学生均教学及辅助用房面积差异系数 0.335 → 0.477（升高 0.142，限值 0.50）。")
    # review rv25 5: the rise is the difference of the printed values, 0.291 − 0.252 = 0.039
    # and 0.465 − 0.380 = 0.085 (not 0.291285 − 0.251628 = 0.040, 0.4648 − 0.3804 = 0.084)
    demo = _cvs({"teaching_area_per_student": 0.3804, "multimedia_rooms_per_100": 0.251628}, units), \
        _cvs({"teaching_area_per_student": 0.4648, "multimedia_rooms_per_100": 0.291285}, units)
    assert worse_lines(*demo) == (
        "布局调整使小学生均教学及辅助用房面积差异系数 0.380 → 0.465（升高 0.085，限值 0.50）。",
        "布局调整使小学每百名学生拥有网络多媒体教室数差异系数 0.252 → 0.291（升高 0.039，限值 0.50）。")


def test_the_word_documents_name_the_workbook_of_the_staffing_table():
    # review2 (b): the layout Word said "见“教师配置汇总”表", a table only the workbook has
    staffing = {"year": 2030, "ratio": {"primary": 19, "junior": 13.5},
                "county": {"need": 27, "today": 25, "moved": 5, "new_posts": 5, "hire": 5, "surplus": 3},
                "moved_by_kind": {"closure": 5, "kept": 0}}
    money = {"before": {"operating_yuan": 5_000_000.0},
             "after": {"capital_cost_yuan": 0.0, "operating_yuan": 5_000_000.0}}
    plan = replace(_kept_hall_plan(), staffing=staffing, metrics=money)
    text = layout_paragraph(plan)  # the 自评报告; the layout Word prints the same summary
    # by its title, without English words or the web page (planner review finding 14)
    assert "调配、调剂后按编制需招聘 5 人，另有 3 人富余留在原校（见《布局调整方案工作簿》的“教师配置汇总”表）。" in text
    assert "见“教师配置汇总”表" not in text


def test_a_merged_hall_says_both_plans_price_it_alike_and_the_fee_only_the_compliance_part_carries():
    # review2 A3 (东城小学): the layout's 815 m² cost 342.12 万元 (4,198 元/m²), the 达标路径's
    # 495 m² 217.90 万元 (4,402 元/m²). Both are 4,200 元/m² (0.42 万元); the 达标路径's 217.90 is
    # 495 × 0.42 = 207.90 plus the fixed 体育场馆项目前期与管理费用 of 10.00 万元 (costs.yaml
    # projects.sports, once a school), which the layout does not charge.
    layout = LayoutOutcome("optimal", (PlannedSchool("D", "东城小学", "keep", added_sports_area=815.0),), {})
    actions = pd.DataFrame({"school_id": ["D", "D"], "name": ["东城小学"] * 2, "item": ["gym", "sports"],
                            "quantity": [495.0, 1.0], "unit_cost": [0.42, 10.0],
                            "cost": [207.90, 10.0], "annual_cost": [0.0, 0.0]})
    row = combined_rows(layout, actions, {"D": 815.0})[0]
    assert row["together"] == (
        "室内体育馆（风雨操场，合为一座） 1,310 平方米（布局调整 815 平方米 + 达标路径 495 平方米），"
        "布局调整与达标路径单价同为每平方米 4,200 元，达标路径另计体育场馆项目前期与管理费用 10.00 万元"
        "（每校每个项目计一次，布局调整不另计）")
    assert row["compliance_once"] == 217.90


def test_rooms_borrowed_by_temporary_rooms_are_not_counted_as_built():
    # planner review: 表1/表2 listed the rooms met by 临时周转 as added permanent rooms. 乙初中
    # adds 3 rooms, 2 met by 临时周转: 新建 1 and 临时周转 2, still 扩建; 丁初中's 2 rooms are
    # both met so: it builds nothing, 临时周转, not 扩建; 戊初中 borrows its 2 and builds a hall:
    # 改扩建 (what it builds)
    plan = replace(_kept_hall_plan(), schools=(
        *_kept_hall_plan().schools[:1],
        _school("X", "乙初中", "expand", phase=2, added_classrooms=3, temporary_classrooms=2,
                capital_yuan=1_260_000.0, temporary_yuan=840_000.0),
        _school("D", "丁初中", "expand", phase=2, added_classrooms=2, temporary_classrooms=2,
                capital_yuan=840_000.0, temporary_yuan=840_000.0),
        _school("W", "戊初中", "expand", phase=2, added_classrooms=2, temporary_classrooms=2,
                capital_yuan=840_000.0, temporary_yuan=840_000.0, added_sports_area=500.0,
                area_yuan=2_100_000.0)))
    summary = layout_summary(plan)
    assert summary.sentence() == ("布局调整方案（目标学年 2030，2027 学年实施）：撤并教学点 1 个，扩建 1 所，"
                                  "改扩建 1 所；另有 1 所学校不扩建，所缺教室以临时周转过渡。")
    rows = {a.name: (a.action, a.detail) for a in summary.actions}
    assert rows["乙初中"] == ("扩建", "新建普通教室 1 间，临时周转普通教室 2 间（借用的教室不新建，见“过渡期”）")
    # review rv6 N14: a school that only borrows is kept, its rooms bridged; 临时周转 is no project type
    assert rows["丁初中"] == ("保留（临时周转过渡）", "临时周转普通教室 2 间（借用的教室不新建，见“过渡期”）")
    assert rows["戊初中"][0] == "改扩建"
    # review rv6 N8: the same school whose 500 m² is an outdoor field (sports_field) builds no
    # building: 补足运动场地, counted as such in the headline, not 改扩建
    field = replace(plan, schools=(*plan.schools[:3], replace(plan.schools[3], sports_field=True)))
    summary = layout_summary(field)
    assert summary.sentence() == ("布局调整方案（目标学年 2030，2027 学年实施）：撤并教学点 1 个，扩建 1 所，"
                                  "补足运动场地 1 所；另有 1 所学校不扩建，所缺教室以临时周转过渡。")
    assert {a.name: a.action for a in summary.actions}["戊初中"] == "补足运动场地"


def test_the_workbook_counts_rooms_built_and_borrowed_apart(tmp_path):
    from junheng.planning.layout_costs import room_counts

    plan = replace(_kept_hall_plan(), schools=(
        _school("X", "乙初中", "expand", phase=2, added_classrooms=3, temporary_classrooms=2,
                capital_yuan=1_260_000.0, temporary_yuan=840_000.0),
        _school("N", "新初中", "new", phase=2, added_classrooms=20)),
        metrics={"before": room_counts(None), "after": {"built_classrooms": 21,
                                                         "temporary_classrooms": 2}})
    book = load_workbook(write_layout_xlsx(plan, tmp_path / "plan.xlsx"))
    head, *rows = [[c.value for c in r] for r in book["调整方案"].iter_rows()]
    # review rv18 2: the most in a school year and the target year's, each named (no 过渡期
    # rows here: the solve's 2 rooms are both)
    assert head[7:10] == ["新建教室", "临时周转教室（各学年最多，间）", "规划年 2030 学年临时周转教室（间，不新建）"]
    assert {r[1]: (r[3], r[7], r[8], r[9]) for r in rows} == {"乙初中": ("扩建", 1, 2, 2),
                                                              "新初中": ("新建", 20, None, None)}
    # 建设投资 without the 2 borrowed rooms: 126 − 84 = 42.00 万元
    assert rows[1][head.index("建设投资（万元）")] == 42
    compared = {r[0].value: [c.value for c in r[1:]] for r in book["调整前后对比"].iter_rows(min_row=2)}
    assert compared["方案新建普通教室（间，永久建设）"] == ["间", None, 0, 21, 21]
    # rv17 6: no 「缺口不超过临时周转年限」 claimed of rooms whose runs may be longer
    assert compared["方案以临时周转解决的普通教室（间，不新建：借用、租用或校内调剂）"] \
        == ["间", None, 0, 2, 2]


def test_the_year_table_says_temporary_rooms_are_the_transition_not_an_adjustment():
    # review rv3 finding 10: 表4 「改扩建 5 所、临时周转 1 所、新建 1 所」 listed 临时周转 as an
    # adjustment that 当年生效; 丁初中 builds nothing and only bridges
    from junheng.planning.layout_spending import _starts

    plan = replace(_kept_hall_plan(), schools=(
        _school("D", "丁初中", "expand", phase=2, added_classrooms=2, temporary_classrooms=2,
                capital_yuan=840_000.0, temporary_yuan=840_000.0),
        _school("N", "新初中", "new", phase=2, added_classrooms=6, capital_yuan=2_520_000.0)))
    assert _starts(plan, 2027) == "新建 1 所（另 1 所不扩建，临时周转过渡）"
    assert _starts(replace(plan, schools=plan.schools[:1]), 2027) == "1 所不扩建，临时周转过渡"
