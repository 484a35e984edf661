"""The layout plan and the 达标路径 after it as one plan for one target year: the target-year
rule (default the layout's, an earlier year only when the layout's builds can be in use, and
said), and both plans' money together on a hand-made county."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest

from junheng.errors import ConfigError
from junheng.jobs.compliance import run_compliance
from junheng.planning.compliance_costs import load_costs
from junheng.planning.layout_outcome import LayoutOutcome, PlannedSchool
from junheng.planning.plans_combined import (
    combined_lines,
    combined_rows,
    combined_year_rows,
    layout_leads,
    target_after_layout,
)
from junheng.planning.plans_together import together_rows

LEADS = layout_leads(load_costs())  # teaching_area 2, dormitory 2, new school 2 years


def _layout(*schools: PlannedSchool, target_year: int | None = 2030) -> LayoutOutcome:
    return LayoutOutcome(
        "optimal",
        schools,
        {},
        county="410306",
        year=2025,
        target_year=target_year,
        scenario="默认方案",
    )


ROOMS = PlannedSchool("B", "乙小学", "expand", added_classrooms=6, added_beds=100)
NEW = PlannedSchool("N", "新区学校", "new", added_classrooms=24)
POINT = PlannedSchool("T", "上河教学点", "close", kind="teaching_point", merged_into="B")


def test_rotation_is_said_out_at_the_sender_and_in_at_each_receiver():
    # Review finding 10: 甲 sends 2 teachers to 乙 (which the layout also expands) and 1 to 丁
    # (where nothing else happens); the allowance (0.6 万元 a teacher a year) stays on 甲's row.
    import pandas as pd

    actions = pd.DataFrame({
        "school_id": ["A", "A", "A"], "name": "甲小学",
        "item": ["music_room_renovation", "rotation", "rotation"],
        "quantity": [6.0, 2.0, 1.0], "to_school_id": [None, "B", "D"],
        "cost": [0.9, 6.0, 3.0], "annual_cost": [0.0, 1.2, 0.6]})
    plan = _layout(ROOMS, PlannedSchool("D", "丁小学", "keep"))
    rows = combined_rows(plan, actions)
    assert [(r["name"], r["compliance"], r["compliance_once"], r["compliance_yearly"])
            for r in rows] == [
        ("乙小学", "交流轮岗调入 2 人（来自甲小学）", 0.0, 0.0),
        ("甲小学", "音乐专用教室改造扩大 6 平方米、交流轮岗调出 3 人（到乙小学、丁小学）", 0.9, 1.8),
        ("丁小学", "交流轮岗调入 1 人（来自甲小学）", 0.0, 0.0),
    ]


def test_a_schools_two_pupil_counts_are_labelled_side_by_side():
    # 乙 expects 200 and gets 260 by the villages (the layout's count); the 达标路径's
    # forecast places 255 there. 丁's count is unchanged by the layout: no count is shown.
    import pandas as pd

    actions = pd.DataFrame({"school_id": ["B", "D"], "name": ["乙小学", "丁小学"],
                            "item": ["classroom", "classroom"], "quantity": [1.0, 1.0],
                            "cost": [42.0, 42.0], "annual_cost": [0.0, 0.0]})
    moved = replace(ROOMS, students_expected=200, students_after={"primary": 260})
    plan = _layout(moved, PlannedSchool("D", "丁小学", "keep", students_expected=90,
                                        students_after={"primary": 90}))
    rows = combined_rows(plan, actions, pupils={"B": 255, "D": 88})
    assert [(r["layout"], r["compliance"]) for r in rows] == [
        ("新建教室 6 间、新增宿舍床位 100 张、规划年学生（按生源地预测的学位需求）200 → 260 人",
         "目标学年学生（按学校在校生预测）255 人；新建普通教室 1 间"),
        ("", "新建普通教室 1 间")]


def test_the_default_target_year_after_a_layout_is_the_layouts():
    year, text = target_after_layout(2025, None, _layout(POINT, ROOMS), LEADS)
    assert year == 2030
    assert text == (
        "布局调整方案与本方案同按 2030 学年编制：2030 学年布局方案的措施（撤并教学点 1 个、新建教室 6 间、"
        "新增宿舍床位 100 张）按布局方案的计划已全部完成（其中撤并须先经论证、听证、公示、报批，听证后顺延或"
        "不撤并的，须重新测算）。"  # review rv10 finding 7: a closure is planned, not done
    )


def test_an_earlier_year_assumes_the_whole_layout_done_and_says_so():
    year, text = target_after_layout(2025, 2028, _layout(POINT, ROOMS), LEADS)
    assert year == 2028
    assert text == (
        "布局调整方案按 2030 学年编制，本方案目标学年 2028 学年早于它：按布局方案的全部措施"
        "（撤并教学点 1 个、新建教室 6 间、新增宿舍床位 100 张）在 2028 学年前完成计算，比布局方案提前 2 年，"
        "需相应提前投资和实施；2028 学年各校学生取招生预测的全县总数，按布局方案规划年各校学生的占比分配。"
    )


def test_a_year_before_the_layouts_builds_can_be_in_use_is_refused():
    # rooms and beds take 2 years from funding (2026 at the earliest): in use 2028; a new
    # school takes 2 as well (costs.yaml, the layout's new_school_lead_years): 2028
    with pytest.raises(ConfigError) as raised:
        target_after_layout(2025, 2027, _layout(POINT, ROOMS), LEADS)
    assert str(raised.value) == (
        "布局调整方案按 2030 学年编制（撤并教学点 1 个、新建教室 6 间、新增宿舍床位 100 张），其建设最早 2028 学年"
        "才能全部投入使用（新建教室从投资到使用需 2 年、新增宿舍床位从投资到使用需 2 年，最早 2026 学年投入资金）："
        "达标路径目标学年 2027 学年无法按布局方案实施后的县域编制。请把目标学年定为 2028 学年或之后"
        "（不指定时与布局方案同为 2030 学年）。"
    )
    with pytest.raises(ConfigError, match="其建设最早 2028 学年才能全部投入使用"):
        target_after_layout(2025, 2027, _layout(POINT, NEW), LEADS)
    # made on 2026-12-04 (the 2026 学年 begun): funded from 2027, rooms in use 2029
    december = replace(_layout(POINT, ROOMS), rules={"plan_date": "2026-12-04"})
    with pytest.raises(ConfigError, match="其建设最早 2029 学年才能全部投入使用.*最早 2027 学年投入资金"):
        target_after_layout(2025, 2028, december, LEADS)


def test_closures_alone_allow_any_year_after_the_data_year_and_a_later_year_is_said():
    assert target_after_layout(2025, 2026, _layout(POINT), LEADS)[0] == 2026
    assert target_after_layout(2025, 2032, _layout(POINT), LEADS) == (
        2032,
        "布局调整方案按 2030 学年编制，本方案目标学年为 2032 学年：布局方案的措施（撤并教学点 1 个）按布局方案的计划"
        "在此之前已全部完成（其中撤并须先经论证、听证、公示、报批，听证后顺延或不撤并的，须重新测算）。",
    )
    # a layout plan written without its target year: the compliance plan's own default
    assert target_after_layout(2025, None, _layout(POINT, target_year=None), LEADS) == (2028, "")


def test_both_plans_money_adds_up_and_no_room_is_bought_twice(tmp_path):
    # Town schools A (1,000 pupils) and B (600 pupils, 15 rooms); the layout moves 200 of A's
    # pupils to B and builds B 5 rooms: 5 × 120 m² × 3,500 元 = 2,100,000 元 = 210.00 万元;
    # its yearly 财政支出 900,000 元 after against 1,000,000 without: -10.00 万元 a year.
    # The compliance plan (2026, the layout's year; the test prices: every lead time 0, no
    # project fixed costs) starts from B's 15 + 5 = 20 rooms and builds 2 more for the
    # forecast's pupils (840 at each school), not 7: 2 × 42 = 84; teaching area 240 m² × 0.35
    # = 84. Teachers follow the pupils first (review finding 2): A keeps what its 840 pupils
    # ask (36 higher-degree, 9 backbone, 8 PE/art of its 42, 10, 9) and sends B the other 6
    # (1 backbone, 1 PE/art, 4 others): B has 32, 7, 7 of the 35.28, 8.4, 7.56 it needs, and
    # hires 1 teacher × 10, 1 PE/art × 10 and 2 backbone × 12 a year = 44.00. With its teachers
    # met, B may leave its sports area at the 85 % floor (6 of 7 indicators met; without the
    # floor's 2 % margin, land.floor_margin 0): a field of
    # 0.85 × 6,300 − 4,500 = 855 m² × 0.09 = 76.95 (construction 244.95); equipment 480,000 元
    # = 48 and 6 multimedia rooms × 3 = 18 (other one-off 66.00). Together: construction
    # 454.95, one-off 520.95, yearly 34.00.
    from test_compliance_layout import _relief

    from compliance_builders import cost_file, school_id

    data, layout = _relief(5)
    a, b = layout.schools
    layout = replace(
        layout,
        schools=(
            replace(a, students_expected=1000),
            replace(b, students_expected=600, capital_yuan=2_100_000.0),
        ),
        metrics={
            "before": {"operating_yuan": 1_000_000.0},
            "after": {"capital_cost_yuan": 2_100_000.0, "operating_yuan": 900_000.0},
        },
    )
    plan = run_compliance([data], layout=layout, time_limit=30, costs=cost_file(tmp_path, land__floor_margin=0.0), plan_date=date(2026, 6, 1))
    assert plan.problem.target_year == 2026 and plan.layout_year == 2026
    rooms = plan.problem.before.facilities.set_index("school_id")["classrooms"]
    assert rooms[school_id("B")] == 20  # its 15 and the layout's 5
    both = plan.combined
    assert {
        k: both[k]
        for k in (
            "layout_construction",
            "compliance_construction",
            "construction",
            "compliance_other_once",
            "once",
            "layout_yearly",
            "compliance_yearly",
            "yearly",
        )
    } == {
        "layout_construction": 210.0,
        "compliance_construction": 244.95,
        "construction": 454.95,
        "compliance_other_once": 66.0,
        "once": 520.95,
        "layout_yearly": -10.0,
        "compliance_yearly": 44.0,
        "yearly": 34.0,
    }
    assert both["schools"] == [
        {
            "school_id": school_id("A"),
            "name": "A小学",
            "layout": "规划年学生（按生源地预测的学位需求）1,000 → 800 人",
            "layout_cost": 0.0,
            # the forecast's 1,680 pupils in 2026 by the layout's 800 : 800 (the layout's own
            # villages give 1,600), both counts labelled
            "compliance": "目标学年学生（按学校在校生预测）840 人",
            "together": "",
            "compliance_once": 0.0,
            "compliance_yearly": 0.0,
            "once": 0.0,
        },
        {
            "school_id": school_id("B"),
            "name": "B小学",
            "layout": "新建教室 5 间、规划年学生（按生源地预测的学位需求）600 → 800 人",
            "layout_cost": 210.0,
            "compliance": "目标学年学生（按学校在校生预测）840 人；新建普通教室 2 间、新建、扩建教学及辅助用房 240 平方米、新建室外体育运动场地 855 平方米、"
            "购置教学仪器设备 480,000 元、配置网络多媒体教室 6 间、招聘高于规定学历的专任教师 1 人、"
            "招聘体育、音乐、美术专任教师 1 人、引进县级以上骨干教师 2 人",
            # review finding 4: the layout's 5 rooms and this plan's 2 at one school, one line
            "together": "普通教室 7 间（布局调整 5 间 + 达标路径 2 间）；新建室外体育运动场地 855 平方米，需现场核实用地"
                        "（校内空地按数据为下限，未扣除绿地、道路和退让）",
            "compliance_once": 310.95,
            "compliance_yearly": 44.0,
            "once": 520.95,
        },
    ]
    assert combined_lines(both)[1].startswith(
        "一次性建设投资 454.95 万元（布局调整 210.00 万元 + 达标路径 244.95 万元"
    )
    # By year: the layout's build (phase 1) and the compliance plan's one-off items (lead 0)
    # in 2026; both yearly lines in the 5 years (costs.yaml recurring_years) from 2026:
    # -10 × 5 = -50 and 44 × 5 = 220; all together 520.95 - 50 + 220 = 690.95. The layout sets
    # no bus price, so its yearly change says it leaves the bus out (review2 B9).
    assert combined_lines(both)[2:] == [
        "每年经常性支出变化：+34.00 万元（布局调整 -10.00 万元：运行、寄宿、交通等，不含校车或交通补助费用（未设单价）；达标路径 +44.00 万元："
        "新聘教师），按 2026—2030 学年共 5 年计 +170.00 万元。",
        # the one-off need first, the yearly change beside it and never netted against it
        # (review 2026-12-05 finding 8): -10 + 44 = +34 a year, 34 × 5 = 170 (the metrics
        # have no parts, so the layout's change is named whole)
        "布局调整与达标路径需一次性投入 520.95 万元（2026 学年投入）；经常性支出全部生效后每年约增加 34.00 万元（新增支出按所设单价计，"
        "节省只计目前实际拨付的；主要来自布局调整：运行、寄宿、交通等每年减少 10.00 万元；达标路径：新聘教师每年增加 44.00 万元），2026—2030 学年"
        "累计约增加 170.00 万元，单独列示，不抵减一次性投入，分年度见“布局调整与达标路径分年度投资”表。",
        # the schools in a table, a row each (htext2 1), the sentence only counts them
        "布局调整与达标路径在同一学校建设同一项目的，合为一个项目按合计规模实施：共 1 所学校，逐校见“布局调整与达标路径同校同项合计”。",
    ]
    assert together_rows(both) == [[
        "B小学", "普通教室 7 间（布局调整 5 间 + 达标路径 2 间）；新建室外体育运动场地 855 平方米，需现场核实用地"
        "（校内空地按数据为下限，未扣除绿地、道路和退让）"]]
    years, rows = combined_year_rows(both)
    assert years == ["2026", "2027", "2028", "2029", "2030"]
    assert [(name, values, total) for name, values, total in rows] == [
        ("布局调整：一次性建设投资", [210.0, 0.0, 0.0, 0.0, 0.0], 210.0),
        ("达标路径：一次性建设投资", [244.95, 0.0, 0.0, 0.0, 0.0], 244.95),
        ("一次性建设投资小计（布局调整与达标路径）", [454.95, 0.0, 0.0, 0.0, 0.0], 454.95),
        ("达标路径：设备、培训等一次性投入", [66.0, 0.0, 0.0, 0.0, 0.0], 66.0),
        ("一次性投入合计（布局调整与达标路径）", [520.95, 0.0, 0.0, 0.0, 0.0], 520.95),
        ("布局调整：经常性支出变化（运行、寄宿、交通等，新增支出按所设单价计，节省只计目前实际拨付的；逐年，自撤并、新建学校生效的学年起，2026—2030 学年）",
         [-10.0] * 5, -50.0),
        ("达标路径：经常性支出（新聘教师；每年，2026—2030 学年）", [44.0] * 5, 220.0),
        # review 2026-12-05 finding 1: the yearly lines have their own total, -10 + 44 = 34 a
        # year, 5 × 34 = 170; never added to the one-off 520.95
        ("经常性支出变化合计（布局调整与达标路径，各学年之和）", [34.0] * 5, 170.0),
    ]
    assert (both["recurring"], both["total"]) == (170.0, 690.95)


def test_the_year_table_puts_each_phase_in_its_year_and_adds_up_to_the_totals():
    # The layout (data year 2025) builds at B in phase 1 (2026: 1,234,567 元 = 123.46 万元,
    # rounded) and at C in phase 3 (2028: 100,000 + 5,001 元 of area = 10.50 万元) and saves
    # 20,000 元 a year (-2.00 万元) from 2029, when T closes (phase 4, the last action: the
    # plan names no per-site cost, so all the change is booked then). The compliance plan (target 2028, yearly items for 3
    # years) builds 40.00 in 2026 and 2027 (a hall, lead 1: 20.00 each) and pays a teacher
    # 12.00 a year from 2028; equipment 7.50 in 2027 (2027: 27.50). Every total is its line's sum.
    import pandas as pd

    from junheng.planning.plans_combined import combined_summary

    layout = LayoutOutcome(
        "optimal",
        (
            PlannedSchool("B", "乙小学", "expand", phase=1, added_classrooms=3,
                          capital_yuan=1_234_567.0),
            PlannedSchool("C", "丙小学", "expand", phase=3, added_classrooms=1,
                          capital_yuan=100_000.0, area_yuan=5_001.0),
            PlannedSchool("T", "上河教学点", "close", phase=4, merged_into="C"),
        ),
        {"before": {"operating_yuan": 120_000.0}, "after": {"operating_yuan": 100_000.0}},
        year=2025,
        target_year=2028,
        scenario="默认方案",
    )
    actions = pd.DataFrame({
        "school_id": ["B", "B", "C"], "name": ["乙小学", "乙小学", "丙小学"],
        "project": ["sports", "equipment", "teachers"], "item": ["gym", "equipment", "hire_pe_art"],
        "quantity": [100.0, 75_000.0, 1.0], "cost": [40.0, 7.5, 36.0],
        "annual_cost": [0.0, 0.0, 12.0],
        "funding": [{2026: 20.0, 2027: 20.0}, {2027: 7.5}, {2028: 12.0, 2029: 12.0, 2030: 12.0}],
    })
    both = combined_summary(layout, actions, 2028, 3)
    years, rows = combined_year_rows(both)
    assert years == ["2026", "2027", "2028", "2029", "2030"]
    table = {name.split("（")[0]: (values, total) for name, values, total in rows}
    assert table["布局调整：一次性建设投资"] == ([123.46, 0.0, 10.5, 0.0, 0.0], 133.96)
    assert table["达标路径：一次性建设投资"] == ([20.0, 20.0, 0.0, 0.0, 0.0], 40.0)
    assert table["一次性投入合计"] == ([143.46, 27.5, 10.5, 0.0, 0.0], 181.46)
    assert table["布局调整：经常性支出变化"] == ([0.0, 0.0, 0.0, -2.0, -2.0], -4.0)
    assert table["达标路径：经常性支出"] == ([0.0, 0.0, 12.0, 12.0, 12.0], 36.0)
    # the yearly lines' own total: 2028 12.00, 2029–30 12.00 − 2.00 = 10.00; 12 + 10 + 10 = 32
    assert table["经常性支出变化合计"] == ([0.0, 0.0, 12.0, 10.0, 10.0], 32.0)
    assert "合计" not in table
    assert {k: both[k] for k in ("layout_construction", "construction", "once", "yearly",
                                 "recurring", "total")} == {
        "layout_construction": 133.96, "construction": 173.96, "once": 181.46, "yearly": 10.0,
        "recurring": 32.0, "total": 213.46}
    # against a yearly budget of 25.00 万元 (the compliance plan's): 2026 spends 143.46
    # (118.46 over) and 2027 27.50 (2.50 over); 2028 22.50, 2029–30 10.00 fit
    budgeted = combined_summary(layout, actions, 2028, 3, budget=25.0)
    assert budgeted["over_budget"] == {"2026": 118.46, "2027": 2.5}
    assert combined_lines(budgeted)[-1] == (
        "年度预算每年 25.00 万元（达标路径的预算口径；布局调整方案的建设未在该预算内安排）：布局调整与达标路径合计超出预算的年份："
        "2026 学年超出 118.46 万元（当年布局调整一次性 123.46 万元、达标路径一次性 20.00 万元、布局调整与达标路径经常性支出变化"
        " 0.00 万元）；2027 学年超出 2.50 万元（当年布局调整一次性 0.00 万元、达标路径一次性 27.50 万元、布局调整与达标路径"
        "经常性支出变化 0.00 万元）。需统筹布局调整与达标路径的年度投资，或延长实施期、分期建设。")
    assert both["over_budget"] == {} and not combined_lines(both)[-1].startswith("年度预算")


def test_a_compliance_plan_without_a_layout_has_no_combined_summary(tmp_path):
    from test_compliance_layout import _relief

    from compliance_builders import cost_file

    data, _ = _relief(5)
    plan = run_compliance([data], target_year=2026, time_limit=30, costs=cost_file(tmp_path), plan_date=date(2026, 6, 1))
    assert plan.combined is None and plan.layout_year is None


def test_rooms_met_by_temporary_rooms_are_not_funded():
    """A school of phase 2 (2027) with 3 rooms of 420,000 元, one met by 临时周转
    (planning.layout_years): 840,000 元 = 84.00 万元 = 8,400 cents of 万元 in 2027."""
    from junheng.planning.plans_combined import _layout_years

    plan = LayoutOutcome("optimal", (PlannedSchool(
        "B", "乙小学", "expand", phase=2, added_classrooms=3, capital_yuan=1_260_000.0,
        temporary_classrooms=1, temporary_yuan=420_000.0),), {}, year=2025)
    assert _layout_years(plan) == {2027: 8_400}


def test_the_layouts_construction_is_committed_in_the_budget_and_its_year_says_why(tmp_path):
    # The layout above with B's build at 420 万元 in 2026 (phase 1), −10 万元 a year from
    # 2026. Budget 400 万元 a year, target 2028 on 2026-06-01 (plan years 2026–2028): 2026
    # has no room left (420 > 400), so the 达标路径 pays nothing then; its one-off items go to
    # 2027 (up to 400) and 2028 (400 less its yearly items). Both plans in 2026:
    # 420 − 10 = 410, over by 10.00 because of the layout's construction alone.
    from test_compliance_layout import _relief

    from compliance_builders import cost_file

    data, layout = _relief(5)
    a, b = layout.schools
    layout = replace(layout, schools=(a, replace(b, capital_yuan=4_200_000.0)), metrics={
        "before": {"operating_yuan": 1_000_000.0}, "after": {"operating_yuan": 900_000.0}})
    plan = run_compliance([data], layout=layout, target_year=2028, budget=400.0, time_limit=30,
                          costs=cost_file(tmp_path), plan_date=date(2026, 6, 1))
    assert plan.problem.committed == {2026: 420.0}
    by_year = plan.totals_by_year()
    assert by_year[2026] == 0.0 and by_year[2027] <= 400.0 + 1e-6
    assert plan.combined["over_budget"] == {"2026": 10.0}
    assert [line for line in combined_lines(plan.combined) if line.startswith("年度预算")] == [
        "年度预算每年 400.00 万元（达标路径的预算口径，已计入布局调整方案各年的一次性投入（建设投资和过渡期临时周转），达标路径只在余额内安排）："
        "布局调整与达标路径合计超出预算的年份：2026 学年超出 10.00 万元（当年布局调整一次性 420.00 万元、达标路径一次性 0.00 万元、"
        "布局调整与达标路径经常性支出变化 -10.00 万元；布局调整当年的一次性投入单独已超出年度预算，达标路径该年未安排投入）。"
        "需统筹布局调整与达标路径的年度投资，或延长实施期、分期建设。"]
    assert ("年度预算已计入布局调整方案的一次性投入（建设投资和过渡期临时周转）（2026 学年 420.00 万元）：达标路径各年只在预算扣除该投资后的"
            "余额内安排；2026 学年布局调整的投资已超出年度预算，达标路径该年不安排投入。") in plan.assumptions


def test_the_yearly_change_says_the_unpriced_bus_and_the_pupils_who_need_it():
    # review2 B9: the demo's layout saves 332.93 万元 a year with 1,288 pupils beyond the bus
    # distance and no bus price; priced (None), the clause goes.
    doc = {"layout_scenario": "默认方案", "layout_year": 2030, "target_year": 2030,
           "layout_construction": 0.0, "compliance_construction": 0.0, "construction": 0.0,
           "compliance_other_once": 0.0, "once": 0.0, "layout_yearly": -332.93,
           "compliance_yearly": 0.0, "yearly": -332.93, "layout_bus": 1288}
    assert combined_lines(doc)[2] == (
        "每年经常性支出变化：-332.93 万元（布局调整 -332.93 万元：运行、寄宿、交通等，不含校车或交通补助费用"
        "（未设单价；规划后走读直线距离超过校车距离、需校车接送的学生 1,288 人）；达标路径 +0.00 万元："
        "新聘教师、场地租用、交流补助）。")
    assert "校车" not in combined_lines({**doc, "layout_bus": None})[2]


def test_the_summary_names_the_layout_plan_as_its_documents_do():
    # planner review 2026-12-04: the 自评报告's 达标路径 paragraph read 布局调整方案“默认方案”; a
    # summary now keeps the plan's name, and one saved before reads the default as plain
    doc = {"layout_scenario": "默认方案", "layout_year": 2030, "target_year": 2031,
           "layout_construction": 0.0, "compliance_construction": 0.0, "construction": 0.0,
           "compliance_other_once": 0.0, "once": 0.0, "layout_yearly": 0.0,
           "compliance_yearly": 0.0, "yearly": 0.0}
    named = {**doc, "layout_name": "布局调整方案甲（新建学校）"}
    assert combined_lines(named)[0] == (
        "布局调整方案甲（新建学校；规划年 2030 学年）与达标路径（目标学年 2031 学年）合计：")
    assert combined_lines(doc)[0] == "布局调整方案（规划年 2030 学年）与达标路径（目标学年 2031 学年）合计："
    assert combined_lines({**doc, "layout_scenario": "东区扩建"})[0].startswith(
        "布局调整方案“东区扩建”（规划年 2030 学年）")


def test_the_other_one_off_line_names_the_temporary_rooms_it_holds():
    # review rv3 finding 9: 「达标路径：设备、培训等一次性投入 180.02」 held 16.00 万元 of 临时周转
    # unnamed. Here equipment 7.50 (2027) and 2 间·学年 of 临时周转 4.00 (2028): 11.50, 4.00 named
    import pandas as pd

    from junheng.planning.plans_combined import combined_summary

    layout = LayoutOutcome("optimal", (PlannedSchool("B", "乙小学", "expand", phase=1,
                                                     added_classrooms=3, capital_yuan=1_000_000.0),),
                           {"before": {"operating_yuan": 0.0}, "after": {"operating_yuan": 0.0}},
                           year=2025, target_year=2028, scenario="默认方案")
    actions = pd.DataFrame({
        "school_id": ["B", "B"], "name": ["乙小学", "乙小学"], "project": ["equipment", "temporary"],
        "item": ["equipment", "temporary_classroom"], "quantity": [75_000.0, 2.0],
        "cost": [7.5, 4.0], "annual_cost": [0.0, 0.0], "funding": [{2027: 7.5}, {2028: 4.0}]})
    both = combined_summary(layout, actions, 2028, 3)
    assert (both["compliance_other_once"], both["compliance_temporary"], both["once"]) == (11.5, 4.0, 111.5)
    _, rows = combined_year_rows(both)
    assert ("达标路径：设备、培训、临时周转等一次性投入（其中临时周转 4.00 万元，不计入建设投资）",
            [0.0, 7.5, 4.0], 11.5) in rows
    assert ("另有达标路径的设备、培训、临时周转等一次性投入 11.50 万元（其中临时周转 4.00 万元，不计入建设投资），"
            "一次性财政支出合计 111.50 万元") in combined_lines(both)[1]


def test_a_layout_closing_nothing_is_planned_without_the_closure_procedure():
    # review rv10 finding 7: the procedure clause follows closures only
    assert target_after_layout(2025, None, _layout(ROOMS), LEADS)[1] == (
        "布局调整方案与本方案同按 2030 学年编制：2030 学年布局方案的措施（新建教室 6 间、新增宿舍床位 100 张）"
        "按布局方案的计划已全部完成。")


def test_each_yearly_part_is_said_under_the_plan_it_comes_from():
    """Review rv14 N8: 「达标路径新聘教师每年增加 90.00 万元、校车运行费用每年增加 28.24 万元」 read
    the layout's 校车 row as the 达标路径's. The demo's figures: layout −297.29 − 3.62 + 28.24 =
    −272.67, 达标路径 +90.00, together −182.67 a year."""
    from junheng.planning.plans_budget import recurring_text

    doc = {"yearly": -182.67, "recurring": -1000.0, "layout_yearly": -272.67, "compliance_yearly": 90.0,
           "compliance_yearly_parts": ["teachers"],
           "layout_parts": [["公用经费保底", -297.29, ""], ["寄宿生管理费用", -3.62, ""], ["校车运行费用", 28.24, ""]]}
    assert recurring_text(doc, "2027—2034 学年") == (
        "经常性支出全部生效后每年约减少 182.67 万元（新增支出按所设单价计，节省只计目前实际拨付的；主要来自布局调整：公用经费保底每年减少 297.29 万元、"
        "寄宿生管理费用每年减少 3.62 万元、校车运行费用每年增加 28.24 万元；达标路径：新聘教师每年增加 90.00 万元），"
        "2027—2034 学年累计约减少 1,000.00 万元，单独列示，不抵减一次性投入")
