"""The two options side by side (planning/layout_options.py, review finding 8): the plan that
opens a new school (方案甲) and the same scenario solved without new sites (方案乙), in real
units, the weighted 综合评价值 one row labelled as weights, and a headline that leaves the
choice to the bureau.

County, prices and figures as in ``test_layout_new_package`` (its comparison test): village 1
(250 junior pupils) at J, village 2 (500) at 112.10, 28.76 minutes from J at 1 元 a
pupil-minute and 360 trips a year.

* 方案甲 opens N for village 2: 29,419,500 元 once (12 rooms: 166.7 pupils a grade in 4
  classes, rule (23)); operating 705,000 + 57 hires × 100,000 = 6,405,000 a year; objective
  29,419,500 / 20 = 1,470,975; no travel;
* 方案乙 expands J by 10 rooms: 10 × 420,000 = 4,200,000 once; operating 705,000 + 56 ×
  100,000 = 6,305,000; travel 500 × 28.76… × 360 = 5,177,104 pupil-minutes (mean over 750
  pupils 19.17 minutes), the weight 5,177,104 元; objective 210,000 + 5,177,104 = 5,387,104.
* N's pupils 500 in 2025 and 167 in 2027: 12 rooms, 167 / 50 → 4 in use, 8 idle.
"""

from __future__ import annotations

import json
from dataclasses import replace

import pytest
from test_layout_new_cost import NO_SITE_COST, two_village_county
from test_layout_new_package import config

from junheng.jobs.layout import without_new_schools_note
from junheng.planning import plan_layout
from junheng.planning.layout_json import layout_from_json, layout_json
from junheng.planning.layout_options import (
    OPTION_HEADS,
    UNMET_WHERE,
    option_facts,
    option_headline,
    option_rows,
    option_table,
)

WEIGHTS = {**NO_SITE_COST, "yuan_per_pupil_minute": 1.0}
SPORTS_RULE = (
    "按权重每平方米 10,000 元、分 20 年即每平方米每年 500 元计入综合评价值（方案设置"
    "“未能补足的体育运动场馆面积折算额”“建设投资折算年限”；权重，不是支出）"
)


@pytest.fixture(scope="module")
def options():
    county = two_village_county(112.10)
    plan = plan_layout(county, config(112.10, weights=WEIGHTS)).outcome
    alt = plan_layout(county, config(112.10, weights=WEIGHTS, new_sites="none")).outcome
    return plan, alt


def test_the_table_shows_both_options_in_real_units(options):
    plan, alt = options
    headline, rows = option_table(replace(plan, alternative=option_facts(alt)))
    assert headline == (
        "在设定权重下方案甲综合评价值较低。两方案均满足方案规则，是否新建学校由局务会决定。"
        "方案乙与方案甲相比：一次性建设投资少 2,521.95 万元，每年运行支出少 10.00 万元。"
    )
    assert rows == [
        (
            "一次性建设投资（财政支出，含接收学校补足生均面积）",
            "2,941.95 万元",
            "420.00 万元",
            "方案乙少 2,521.95 万元",
        ),
        (
            "每年运行支出（财政支出）",
            "640.50 万元（含新聘教师人员经费 570.00 万元）",
            "630.50 万元（含新聘教师人员经费 560.00 万元）",
            "方案乙每年少 10.00 万元",
        ),
        # brief hp 4, both options' rentals counted alike from the first paid year 2027 (the
        # plan made in 2026): 方案甲 1 room at J for the 1 pupil still waiting for N in 2027,
        # 方案乙 3 rooms at J before its 10 rooms are built: 251 pupils by J's grades today
        # (100, 100, 50 of 250) 100.4, 100.4, 50.2 → 3 + 3 + 2 = 8 classes in 5 rooms (by seats
        # 1; brief hroom): 2.00 and 6.00 万元. Brief hseat: 方案甲's waiting pupil's rooms at J
        # count the same 251 pupils grade by grade, 8 classes in 5 rooms: 3 too, the same
        ("临时周转（借用或租用教室，不新建，按每间每学年计费）", "过渡期 2027 学年共 3 间·学年、6.00 万元",
         "过渡期 2027 学年共 3 间·学年、6.00 万元", "相同"),
        (
            "新建学校",
            "新校（建设投资 2,941.95 万元，教室 12 间，2025 学年学生 500 人；2027 学年初中学生 167 人，6 间教室闲置）",
            "无",
            "",
        ),
        # brief hnew 3, like for like: 方案乙 builds J's 10 rooms (420.00 万元) where 方案甲 builds
        # nothing beside N (2,941.95 − 2,941.95); the rent is the same, no sports gap: 2,941.95 −
        # 420.00 = 2,521.95 万元 more once for N; 640.50 − 630.50 = 10.00 万元 a year; travel
        # 5,177,104 − 0 pupil-minutes = 517.7 万 a year unpriced
        (
            "新建学校与方案乙的同口径比较（同样的学生：方案乙不新建学校时另须的支出和留下的缺口，方案乙减方案甲）",
            "新建学校建设投资 2,941.95 万元",
            "其他学校建设投资多 420.00 万元（新建普通教室 10 间，方案甲新建学校以外 0 间；含接收学校补足生均面积）；"
            "过渡期临时周转相同；合计 420.00 万元",
            "新建学校建设投资 2,941.95 万元，比方案乙这几项合计 420.00 万元多 2,521.95 万元（一次性）；"
            "另每年运行支出方案甲多 10.00 万元；未计价：通行时间（方案乙学生单程通行时间合计每年多 517.7 万人·分钟，"
            "按权重计入综合评价值，不是支出）",
        ),
        ("规划年缺教室或学位的学校（按年级编班缺教室的，或学生多于学位的）", "无", "无", ""),
        (
            "规划年县城学校缺少的普通教室（逐校按年级编班，方案新建教室后仍缺的，临时周转借用的不算已有教室）",
            "0 间",
            "0 间",
            "一校富余不抵另一校不足；与上行规划年借用的教室同一算法（逐校逐年级编班），上行另含县城以外的学校",
        ),
        (
            "布局分流新增的体育运动场馆面积缺口（接收学校超出室内体育馆面积上限、超出留足本校缺口后的校内空地可建面积或不足一座最小馆，需征地、租用或布局分流；不含各校原有的缺口）",
            "无",
            "无",
            SPORTS_RULE,
        ),
        ("超规模学校（义务教育学生超过校额上限）", "无", "无", ""),
        ("通行：平均单程通行时间", "0.00 分钟", "19.17 分钟", ""),
        ("通行：学生单程通行时间合计", "0.0 万人·分钟/年", "517.7 万人·分钟/年", ""),
        ("通行：走读单程超过时间上限的学生", "0 人", "0 人", ""),
        ("寄宿生", "0 人", "0 人", ""),
        # both proven at a gap of 0 (review rv5 13: in words, no 下界 or 容差)
        ("测算结果", "按所设单价和权重测算，可新建学校条件下求解目标（综合评价值加计入额）最低（测算模型按表列建设和撤并如期实施计算）", "按所设单价和权重测算，不新建学校条件下求解目标（综合评价值加计入额）最低（测算模型按表列建设和撤并如期实施计算）", ""),
        ("未满足的规则", "无", "无", ""),
        (
            "综合评价值（权重：支出加上通行时间、面积缺口等的折算，只用于比选，不是支出，越低越好）",
            "147.10 万元",
            "538.71 万元",
            "其中权重（不是支出）方案甲 0.00 万元、方案乙 517.71 万元",
        ),
    ]
    assert len(OPTION_HEADS) == len(rows[0])
    # review ht 2: the table compares two plans, so each column names its plan, none 「本方案」
    assert OPTION_HEADS == ("项目", "方案甲（新建学校）", "方案乙（不新建学校）", "说明")
    assert UNMET_WHERE == ("不含差异系数超限（方案甲见“是否满足差异系数上限”）；方案甲逐项的人数、学校和原因见"
                           "方案甲的“未满足的规则”逐项说明")


def test_the_sports_area_short_is_named_in_square_metres_beside_its_weight(options):
    # 方案乙 by hand: J receives beyond its hall cap 3,280 m² (hall built), a second junior
    # school 乙中学 lacks 120 m² without a hall; (3,280 + 120) × 10,000 / 20 = 1,700,000 元 a
    # year. 乙中学 has 2,600 pupils: 600 over the 2,000 cap of a 初级中学, 100 over its 2,500 seats.
    plan, alt = options
    schools = tuple(
        replace(s, sports_beyond_cap_area=3_280.0, added_sports_area=3_000.0) for s in alt.schools
    )
    schools += (
        replace(
            alt.schools[0],
            school_id="Y",
            name="乙中学",
            action="keep",
            sports_beyond_cap_area=120.0,
            added_sports_area=0.0,
            students_after={"primary": 0, "junior": 2_600},
            capacity={"primary": 0, "junior": 2_500},
        ),
    )
    after = {**alt.metrics["after"], "hall_beyond_weight_yuan": 1_700_000.0}
    other = option_facts(replace(alt, schools=schools, metrics={**alt.metrics, "after": after}))
    assert other["sports_short"] == [["学校4103060002", 3280, True, False], ["乙中学", 120, False, False]]
    rows = {r[0]: r[1:] for r in option_rows(option_facts(plan), other, dict(plan.weights), 2025)}
    assert rows[
        "布局分流新增的体育运动场馆面积缺口（接收学校超出室内体育馆面积上限、超出留足本校缺口后的校内空地可建面积或不足一座最小馆，需征地、租用或布局分流；不含各校原有的缺口）"
    ] == (
        "无",
        "3,400 平方米：学校4103060002 3,280 平方米、乙中学 120 平方米（不足一座室内体育馆最小面积）",
        SPORTS_RULE + "：方案甲每年 0.00 万元，方案乙 3,400 平方米 × 500 元 = 每年 170.00 万元",
    )
    assert rows["超规模学校（义务教育学生超过校额上限）"] == (
        "无",
        "1 所：乙中学 2,600 人（上限 2,000 人）",
        "",
    )
    assert rows["规划年缺教室或学位的学校（按年级编班缺教室的，或学生多于学位的）"] == ("无", "1 所：乙中学初中缺 100 个", "")
    # 乙中学's 2,500 seats held 1 borrowed room of 50 (临时周转): 2,450 lasting places, 150 short,
    # 50 of them met by the borrowed room in the 过渡期 (review rv4 2: 「无」 counted it as a place)
    borrowing = schools[:-1] + (replace(schools[-1], temporary_classrooms=1,
                                        temporary_seats={"junior": 50}),)
    other = option_facts(replace(alt, schools=borrowing, metrics={**alt.metrics, "after": after}))
    assert other["seat_short"] == [["乙中学", "初中", 150, 50]]
    rows = {r[0]: r[1:] for r in option_rows(option_facts(plan), other, dict(plan.weights), 2025)}
    assert rows["规划年缺教室或学位的学校（按年级编班缺教室的，或学生多于学位的）"] == (
        "无", "1 所：乙中学初中缺 150 个（其中 50 个过渡期以临时周转教室解决）", "")
    assert option_headline(option_facts(plan), other).startswith(
        "在设定权重下方案甲综合评价值较低（不计体育运动场馆面积缺口的权重也是如此）。"
    )


def test_the_yearly_oversize_row_names_the_basis_its_figures_use(options):
    """rv2 8: the row said 「逐年按各村适龄儿童推算」 beside 招生预测 figures; it now says the
    plan's own basis (pupil_forecast on: 招生预测), and an option stored without it names none."""
    plan, alt = options
    label = "超规模学校（义务教育学生超过校额上限）"
    large = [(2027, "J", 2_510, 2_000)]
    for rules, said in (({"pupil_forecast": True}, "按招生预测逐年推算，"),
                        ({}, "按各村适龄儿童逐年推算，")):
        mine = option_facts(replace(plan, large=large, rules=rules))
        rows = {r[0]: r[1:] for r in option_rows(mine, option_facts(alt), dict(plan.weights), 2025)}
        assert rows[label][2] == f"规划年和过渡期逐年（{said}见“大校额逐年”说明）"
    old, old_alt = ({k: v for k, v in option_facts(o).items() if k != "pupil_basis"}
                    for o in (replace(plan, large=large), alt))
    rows = {r[0]: r[1:] for r in option_rows(old, old_alt, dict(plan.weights), 2025)}
    assert rows[label][2] == "规划年和过渡期逐年（见“大校额逐年”说明）"


def test_a_plan_with_rules_unmet_says_so_and_the_lower_score_may_be_either(options):
    plan, alt = options
    mine, other = option_facts(plan), option_facts(alt)
    # review rv 6: the headline counts the rules, the table names them short, the 求解情况
    # says them in full (once)
    said = {"unmet": "甲规则：甲村 3 人……", "unmet_labels": ["甲规则（3 人）"]}
    assert option_headline({**mine, "objective_yuan": 6e6}, {**other, **said}) == (
        "在设定权重下方案乙综合评价值较低。方案乙未满足规则 1 项（不含差异系数超限，见比较表“未满足的规则”行），是否新建学校由局务会决定。"
    )
    row = next(r for r in option_rows(mine, {**other, **said}, {}) if r[0] == "未满足的规则")
    assert row == ("未满足的规则", "无", "1 项：甲规则（3 人）", UNMET_WHERE)
    # facts stored before the labels: their full text, as then
    old = {k: v for k, v in other.items() if k != "unmet_labels"}
    assert option_headline({**mine, "objective_yuan": 6e6}, {**old, "unmet": "甲规则"}) == (
        "在设定权重下方案乙综合评价值较低。方案乙未满足的规则：甲规则（不含差异系数超限，见比较表“未满足的规则”行），是否新建学校由局务会决定。"
    )
    # 方案乙's score as the table shows it, the sum of its parts at 0.01 万元 (rv2 finding 10)
    assert other["objective_yuan"] % 100 == 0
    assert option_headline({**mine, "objective_yuan": other["objective_yuan"] - 0.1},
                           other).startswith("两方案综合评价值相同。")
    both = {**mine, **said}, {**other, **said}
    assert option_headline(*both) == (
        "在设定权重下方案甲综合评价值较低。两方案未满足的规则相同（1 项：甲规则（3 人）），是否新建学校由局务会决定。"
    )


def test_plan_json_keeps_the_alternative_and_a_plan_without_one_has_no_table(options):
    plan, alt = options
    both = replace(plan, alternative=option_facts(alt))
    doc = json.loads(json.dumps(layout_json(both), ensure_ascii=False))
    assert layout_from_json(doc).alternative == option_facts(alt)
    # rv2 4: its status is written as every document writes a status, not a bare 「最优」
    assert doc["alternative"]["status"] == "求解目标在设定权重和计入额下最优（与下界差 0%，在容差 0.01% 内）"
    assert layout_json(plan)["alternative"] is None
    assert option_table(plan) is None


def _sports_note(options, m2: float, weight_yuan: float) -> str:
    """The note with 方案乙's J ``m2`` beyond its hall cap, weighing ``weight_yuan`` a year."""
    plan, alt = options
    schools = tuple(replace(s, sports_beyond_cap_area=m2) for s in alt.schools)
    after = {**alt.metrics["after"], "hall_beyond_weight_yuan": weight_yuan}
    alt = replace(alt, schools=schools, metrics={**alt.metrics, "after": after})
    return without_new_schools_note(plan, alt)


def test_the_note_gives_the_sports_weight_in_square_metres(options):
    # 方案乙 by hand with J 3,280 m² beyond its hall cap: 3,280 × 10,000 / 20 = 1,640,000 元 a
    # year of weight, 500 元 a m² a year; travel 5,177,104 first (larger)
    note = _sports_note(options, 3_280.0, 1_640_000.0)
    assert (
        "综合评价值更高主要因为通行时间折算每年多 517.71 万元、接收学校体育运动场馆面积缺口每年多 "
        "164.00 万元（面积缺口多 3,280 平方米，每平方米每年按 500 元计）（权重，不是支出），"
        "取舍时须判断这些权重是否合理；"
        # review rv 2: the gap at the plan's prices, 3,280 × (600 + 900) = 492.00 万元, against
        # the 2,941.95 − 420.00 = 2,521.95 万元 方案甲 builds more: 2,029.95 left
        "按本方案单价补足方案乙多出的体育运动场馆面积缺口 3,280 平方米（相邻用地每平方米 600 元、室外体育运动场地每平方米 "
        "900 元），一次约 492.00 万元，方案乙加上这笔仍比方案甲少 2,029.95 万元；面积缺口的权重每平方米 10,000 元高于这一"
        "造价，方案甲综合评价值较低来自权重，不是少花钱。"
    ) in note


def test_the_settings_the_sports_rule_names_are_found_in_the_table_of_settings(options):
    # review 2026-12-04 finding 3: the rule named its settings "weights.hall_beyond_cap_yuan_per_m2",
    # "weights.capital_years"; now by their Chinese names, each the start of its settings row
    from junheng.report.layout_info import setting_rows

    plan, _ = options
    names = [name for name, _, _ in setting_rows(plan)]
    weights = [n.removeprefix("权重（不是财政支出）：") for n in names if n.startswith("权重")]
    assert [n.split("（")[0] for n in weights if n.startswith(("未能补足", "建设"))] == [
        "未能补足的体育运动场馆面积折算额", "建设投资折算年限"]


def test_the_square_metres_are_the_schools_whole_m2_in_every_sentence(options):
    # brief hfix10a 1 (rv21): the 布局调整方案 said 6,610.8 m² (the weight's unrounded area) and
    # 991.62 万元 where the 整改措施 and the 自评报告 said 6,611 m² and 991.65 万元 of the same
    # schools. One total now: the schools' areas as the table prints them, added up. By hand: J
    # is 3,280.4 m² beyond its cap, printed 3,280 m²; its weight 3,280.4 × 500 元 = 1,640,200 元
    # = 164.02 万元 a year stays the model's; priced 3,280 × (600 + 900) = 492.00 万元
    note = _sports_note(options, 3_280.4, 1_640_200.0)
    assert "面积缺口每年多 164.02 万元（面积缺口多 3,280 平方米，每平方米每年按 500 元计）" in note
    assert "补足方案乙多出的体育运动场馆面积缺口 3,280 平方米" in note and "一次约 492.00 万元" in note
    assert "3,280.4" not in note


def test_the_table_and_its_headline_say_one_total_of_the_printed_areas(options):
    # review 2026-12-04 finding A12 wanted area × 元 = the weight; brief hfix10a 1 one total in
    # every document: the cell's total is the schools' printed m² (3,280), and the 说明 says the
    # multiplication with 「≈」 and why: 3,280 × 500 = 164.00 万元 beside the weight's 164.02
    plan, alt = options
    schools = tuple(replace(s, sports_beyond_cap_area=3_280.4, added_sports_area=3_000.0)
                    for s in alt.schools)
    after = {**alt.metrics["after"], "hall_beyond_weight_yuan": 1_640_200.0}
    alt = replace(alt, schools=schools, metrics={**alt.metrics, "after": after})
    both = replace(plan, alternative=option_facts(alt))
    headline, rows = option_table(both)
    row = next(r for r in rows if r[0].startswith("布局分流新增的体育运动场馆面积缺口"))
    assert row[1:3] == ("无", "3,280 平方米：学校4103060002 3,280 平方米")
    assert row[3].endswith("：方案甲每年 0.00 万元，方案乙 3,280 平方米 × 500 元 ≈ 每年 164.02 万元（权重按各校未取整的面积计）")
    assert "布局分流新增的体育运动场馆面积缺口方案甲 0 平方米、方案乙 3,280 平方米" in headline
    # a whole area whose product is the weight: 「=」, no note
    after = {**alt.metrics["after"], "hall_beyond_weight_yuan": 1_640_000.0}
    schools = tuple(replace(s, sports_beyond_cap_area=3_280.0) for s in schools)
    alt = replace(alt, schools=schools, metrics={**alt.metrics, "after": after})
    _, rows = option_table(replace(plan, alternative=option_facts(alt)))
    row = next(r for r in rows if r[0].startswith("布局分流新增的体育运动场馆面积缺口"))
    assert row[3].endswith("：方案甲每年 0.00 万元，方案乙 3,280 平方米 × 500 元 = 每年 164.00 万元")
