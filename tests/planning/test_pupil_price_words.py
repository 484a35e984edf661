"""The layout plan's per-pupil 公用经费 is named by where its price came from: the county's
生均公用经费基准定额 when the scenario sets none, the scenario's own 元/生·年 when it sets one
(``operating_yuan_per_pupil_primary`` / ``_junior``), in every place a planner reads it."""

from __future__ import annotations

import pandas as pd

from junheng.model.labels import QUOTA_FUNDING, funding_bases_differ, quota_funding
from junheng.planning.layout_compare import difference_note
from junheng.planning.layout_outcome import LayoutOutcome
from junheng.report.layout_info import objective_note, solve_rows
from junheng.report.layout_money_text import site_cost_note
from junheng.report.layout_xlsx import comparison_rows
from junheng.report.self_report.investment import funding_text

DEFAULT = {"operating_yuan_per_pupil_primary": None, "operating_yuan_per_pupil_junior": None}
OWN = {"operating_yuan_per_pupil_primary": 1_200.0, "operating_yuan_per_pupil_junior": 1_200.0}
OWN_WORDS = "按方案设定的生均公用经费（1,200 元/生·年）测算的公用经费"
MIXED = {"operating_yuan_per_pupil_primary": 650.0, "operating_yuan_per_pupil_junior": None}
MIXED_WORDS = "按方案设定的生均公用经费（小学 650 元/生·年、初中按基准定额）测算的公用经费"


def test_the_label_is_the_quota_without_a_price_of_the_scenario():
    assert quota_funding(DEFAULT) == quota_funding(None) == QUOTA_FUNDING == "按生均公用经费基准定额测算的公用经费"


def test_the_label_states_the_scenarios_own_price():
    assert quota_funding(OWN) == OWN_WORDS
    assert quota_funding(MIXED) == MIXED_WORDS
    both = {"operating_yuan_per_pupil_primary": 700, "operating_yuan_per_pupil_junior": 900}
    assert quota_funding(both) == "按方案设定的生均公用经费（小学 700 元/生·年、初中 900 元/生·年）测算的公用经费"


def test_why_the_two_funding_figures_differ_names_the_plans_price():
    assert funding_bases_differ(DEFAULT).partition("；")[2] == (
        "按生均公用经费基准定额测算的公用经费只计公办义务教育学校的小学、初中学生数 × 小学、初中基准定额，"
        "保底部分另列为“公用经费保底”。两者口径不同，不能相减比较")
    assert funding_bases_differ(OWN).partition("；")[2] == (
        f"{OWN_WORDS}只计公办义务教育学校的小学、初中学生数 × 方案设定的生均公用经费（1,200 元/生·年），"
        "保底部分另列为“公用经费保底”。两者口径不同，不能相减比较")


# the comparison's running term: 6,000,000 − 1,000,000 − 0 = 5,000,000 元 in the plan,
# 5,600,000 − 1,000,000 = 4,600,000 in the alternative: 400,000 元 less
PLAN = {"operating_yuan": 6_000_000.0, "operating_pupil_yuan": 1_000_000.0, "objective_yuan": 5_000_000.0}
ALT = {**PLAN, "operating_yuan": 5_600_000.0, "objective_yuan": 4_600_000.0}


def test_the_comparison_of_two_plans_names_the_quota_by_default():
    assert difference_note("默认方案", PLAN, "不新建学校", ALT, DEFAULT) == (
        "“不新建学校”方案与“默认方案”相比：计入综合评价值的财政支出每年少 400,000 元（运行支出（不含"
        "按生均公用经费基准定额测算的公用经费和新聘教师人员经费）少 400,000 元）；权重（不是支出）每年相同；"
        "综合评价值（两者之和）每年少 400,000 元。")


def test_the_comparison_of_two_plans_names_the_scenarios_own_price():
    assert difference_note("默认方案", PLAN, "不新建学校", ALT, OWN) == (
        "“不新建学校”方案与“默认方案”相比：计入综合评价值的财政支出每年少 400,000 元（运行支出（不含"
        f"{OWN_WORDS}和新聘教师人员经费）少 400,000 元）；权重（不是支出）每年相同；"
        "综合评价值（两者之和）每年少 400,000 元。")


AFTER = {"operating_pupil_yuan": 28_973_900.0, "travel_weight_yuan": 1_000_000.0, "staff_weight_yuan": 0.0}


def test_the_objective_note_names_the_quota_by_default():
    assert objective_note(AFTER, DEFAULT).startswith(
        "综合评价值＝每年财政支出（不含按生均公用经费基准定额测算的公用经费 2,897.39 万元：学生数不随方案变化")


def test_the_objective_note_names_the_scenarios_own_price():
    assert objective_note(AFTER, MIXED).startswith(
        f"综合评价值＝每年财政支出（不含{MIXED_WORDS} 2,897.39 万元：学生数不随方案变化")
    # the solve sheet reads the plan's own settings
    plan = LayoutOutcome("optimal", (), {"after": AFTER}, weights=MIXED)
    note = next(row[1] for row in solve_rows(plan) if row[0] == "综合评价值说明")
    assert note == objective_note(AFTER, MIXED)


def _funding_plan(weights):
    return LayoutOutcome("optimal", (), {"now": {"operating_pupil_yuan": 800_000.0}}, year=2025,
                         weights=weights)


FUNDING = pd.DataFrame({"public_funding": [900_000.0, 300_000.0], "training_funding": [45_000.0, None]})


def test_the_self_reports_funding_paragraph_names_the_quota_by_default():
    assert funding_text(FUNDING, _funding_plan(DEFAULT)).split("。")[1] == (
        "布局调整方案中 2025 学年的按生均公用经费基准定额测算的公用经费为 80.00 万元，与学校填报的公用经费拨款"
        "不同：" + funding_bases_differ(DEFAULT).removesuffix("。两者口径不同，不能相减比较"))


def test_the_self_reports_funding_paragraph_names_the_scenarios_own_price():
    said = funding_text(FUNDING, _funding_plan(OWN))
    assert said.split("。")[1] == (
        f"布局调整方案中 2025 学年的{OWN_WORDS}为 80.00 万元，与学校填报的公用经费拨款不同："
        + funding_bases_differ(OWN).removesuffix("。两者口径不同，不能相减比较"))
    assert said.endswith("两者口径不同，不能相减比较。")


def test_the_comparison_sheet_labels_the_per_pupil_row_and_note_by_the_plans_price():
    metrics = {"before": {"operating_pupil_yuan": 1.0}, "after": {"operating_pupil_yuan": 1.0}}
    default = LayoutOutcome("optimal", (), metrics, weights=DEFAULT)
    own = LayoutOutcome("optimal", (), metrics, weights=OWN)
    assert comparison_rows(default)[0][0] == "财政支出：按生均公用经费基准定额测算的公用经费（每年）"
    assert comparison_rows(own)[0][0] == f"财政支出：{OWN_WORDS}（每年）"
    assert f"寄宿生生活管理费用和{OWN_WORDS}；" in site_cost_note(OWN)
    assert funding_bases_differ(OWN) in site_cost_note(OWN)
