"""One difference, one unit, one sum (review 2026-12-04 finding 12): the comparison of the plan
with the alternative says each figure as printed, its sums are the sums of the printed parts,
and the 综合评价值 difference is the difference of the two printed 综合评价值."""

from __future__ import annotations

from junheng.jobs.layout import new_school_verdict
from junheng.planning.layout_compare import difference_note
from junheng.planning.layout_outcome import LayoutOutcome


def test_the_objective_difference_is_that_of_the_printed_objectives():
    # plan 10,000,000 元 (1,000.00 万元); the alternative spends 40 元 more (0.00 万元) and
    # weighs 1,000,049 元 more in travel (100.00 万元): 11,000,089 元 → 1,100.01 万元, so the
    # objectives differ by 1,100.01 − 1,000.00 = 100.01 万元 while the printed parts add to
    # 0.00 + 100.00 = 100.00: the note says the 0.01 is rounding
    plan = {
        "operating_yuan": 10_000_000.0,
        "travel_weight_yuan": 0.0,
        "objective_yuan": 10_000_000.0,
    }
    alt = {
        "operating_yuan": 10_000_040.0,
        "travel_weight_yuan": 1_000_049.0,
        "objective_yuan": 11_000_089.0,
    }
    assert difference_note("默认方案", plan, "不新建学校", alt) == (
        "“不新建学校”方案与“默认方案”相比：计入综合评价值的财政支出每年相同；权重（不是支出）每年多 100.00 万元"
        "（通行时间折算多 100.00 万元）；综合评价值（两者之和）每年多 100.01 万元（为两方案综合评价值之差，"
        "上列各项四舍五入后相加为每年多 100.00 万元，相差 0.01 万元，舍入所致）。"
    )


def test_each_subtotal_is_the_sum_of_its_printed_terms():
    # the demo's figures: running −3,006 元 (−0.30) and construction −1,211,380 元 (−121.14)
    # → −121.44; travel 330,249 (33.02) and area 4,027,349 (402.73) → 435.75, not the
    # unrounded 435.76; objectives 37,776,449 (3,777.64) and 40,919,661 (4,091.97): 314.33
    plan = {
        "operating_yuan": 50_000_000.0,
        "capital_annual_yuan": 2_000_000.0,
        "travel_weight_yuan": 0.0,
        "hall_beyond_weight_yuan": 0.0,
        "objective_yuan": 37_776_449.0,
    }
    alt = {
        "operating_yuan": 49_996_994.0,
        "capital_annual_yuan": 788_620.0,
        "travel_weight_yuan": 330_249.0,
        "hall_beyond_weight_yuan": 4_027_349.0,
        "objective_yuan": 40_919_661.0,
    }
    note = difference_note("默认方案", plan, "不新建学校", alt)
    assert (
        "财政支出每年少 121.44 万元（运行支出（不含按生均公用经费基准定额测算的公用经费和新聘教师人员经费）少 0.30 万元、建设投资年均摊少 121.14 万元）"
        in note
    )
    assert (
        "权重（不是支出）每年多 435.75 万元（通行时间折算多 33.02 万元、接收学校体育运动场馆面积缺口多 402.73 万元）"
        in note
    )
    assert note.endswith(
        "综合评价值（两者之和）每年多 314.33 万元（为两方案综合评价值之差，上列各项四舍五入后相加为"
        "每年多 314.31 万元，相差 0.02 万元，舍入所致）。"
    )


def test_the_new_schools_running_difference_is_in_the_unit_of_its_construction():
    # review 2026-12-04 finding 12: "每年运行支出多 3,006 元" beside "少 0.30 万元": the plan's
    # running is 3,006 元 = 0.30 万元 more, said in 万元 as its 2,422.72 万元 construction
    def outcome(capital: float, running: float) -> LayoutOutcome:
        return LayoutOutcome(
            "optimal",
            (),
            {"after": {"capital_cost_yuan": capital, "operating_yuan": running}},
            objective=1.0,
        )

    plan, alt = (
        outcome(53_198_100.0 + 24_227_200.0, 55_170_406.0),
        outcome(53_198_100.0, 55_167_400.0),
    )
    verdict = new_school_verdict(plan, alt, lambda m: float(m["capital_cost_yuan"]))
    assert verdict.startswith(
        "按财政支出计更省，一次性建设投资少 2,422.72 万元，每年运行支出少 0.30 万元"
    )
