"""Review rv17's words on hand-made input: which option is lower rests on a weight (8), said
beside every 「综合评价值最低」 of the layout's tables."""

from __future__ import annotations

from junheng.planning.layout_options import option_facts, option_rows
from junheng.planning.layout_outcome import LayoutOutcome
from junheng.report.layout_info import status_said

W = {"hall_beyond_cap_yuan_per_m2": 10_000, "capital_years": 20}
CAVEAT = ("两方案的优劣取决于权重假设：体育运动场馆面积缺口按每平方米 10,000 元（分 20 年计入）的权重计入时方案甲综合评价值较低，"
          "不计该权重时方案乙较低")


def _plan(b_weight: float) -> LayoutOutcome:
    # 方案甲 3,859.19 万元 with no sports-area weight; 方案乙 4,072.88 万元, of which b_weight
    # the weight on its sports area short
    after = {"objective_yuan": 38_591_900.0, "hall_beyond_weight_yuan": 0.0}
    return LayoutOutcome("optimal", (), {"after": after}, gap=0.000078, weights=W,
                         alternative={"objective_yuan": 40_728_800.0, "sports_weight_yuan": b_weight})


def test_a_ranking_made_by_the_weight_alone_is_said_beside_the_status():
    # 3,301 m² × 500 元 a year = 165.05 万元: 4,072.88 − 165.05 = 3,907.83 > 3,859.19, 甲 still
    # lower without it; 6,602 m² × 500 = 330.10 万元: 4,072.88 − 330.10 = 3,742.78 < 3,859.19
    assert status_said(_plan(1_650_500.0)) == "求解模型在设定权重下最优（与下界差 0.0078%，在容差 0.01% 内）"
    assert status_said(_plan(3_301_000.0)) == f"求解模型在设定权重下最优（与下界差 0.0078%，在容差 0.01% 内）；{CAVEAT}"
    assert status_said(_plan(3_301_000.0), running=True) == (
        f"按所设单价和权重测算，综合评价值最低（测算模型按表列建设和撤并如期实施计算）；{CAVEAT}")
    assert status_said(LayoutOutcome("optimal", (), {}, gap=0.000078, weights=W)) == (
        "求解模型在设定权重下最优（与下界差 0.0078%，在容差 0.01% 内）")  # no 方案乙, nothing to rank


def test_the_options_table_says_it_in_the_result_rows_note():
    a = {"objective_yuan": 38_591_900.0, "sports_weight_yuan": 0.0}
    b = {"objective_yuan": 40_728_800.0, "sports_weight_yuan": 3_301_000.0}
    base = option_facts(LayoutOutcome("optimal", (), {"after": {}}, year=2025, target_year=2030))
    rows = {r[0]: r[1:] for r in option_rows({**base, **a}, {**base, **b}, W, 2030)}
    assert rows["测算结果"][2] == CAVEAT
    rows = {r[0]: r[1:] for r in option_rows({**base, **a}, {**base, **b, "sports_weight_yuan": 1_650_500.0}, W, 2030)}
    assert rows["测算结果"][2] == ""
