"""Review rv17's words on hand-made input: which option is lower rests on a weight (8), said
beside every 「综合评价值最低」 of the layout's tables; a school's 临时周转 run told whole and
alike in both documents, longer than the limit said so (6)."""

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
    assert status_said(_plan(1_650_500.0)) == "求解目标在设定权重和计入额下最优（与下界差 0.0078%，在容差 0.01% 内）"
    assert status_said(_plan(3_301_000.0)) == f"求解目标在设定权重和计入额下最优（与下界差 0.0078%，在容差 0.01% 内）；{CAVEAT}"
    assert status_said(_plan(3_301_000.0), running=True) == (
        f"按所设单价和权重测算，求解目标（综合评价值加计入额）最低（测算模型按表列建设和撤并如期实施计算）；{CAVEAT}")
    assert status_said(LayoutOutcome("optimal", (), {}, gap=0.000078, weights=W)) == (
        "求解目标在设定权重和计入额下最优（与下界差 0.0078%，在容差 0.01% 内）")  # no 方案乙, nothing to rank


def test_the_options_table_says_it_in_the_result_rows_note():
    a = {"objective_yuan": 38_591_900.0, "sports_weight_yuan": 0.0}
    b = {"objective_yuan": 40_728_800.0, "sports_weight_yuan": 3_301_000.0}
    base = option_facts(LayoutOutcome("optimal", (), {"after": {}}, year=2025, target_year=2030))
    rows = {r[0]: r[1:] for r in option_rows({**base, **a}, {**base, **b}, W, 2030)}
    assert rows["测算结果"][2] == CAVEAT
    rows = {r[0]: r[1:] for r in option_rows({**base, **a}, {**base, **b, "sports_weight_yuan": 1_650_500.0}, W, 2030)}
    assert rows["测算结果"][2] == ""


# rv17 6: 实验中学 borrows 10, 12, 5, 3, 1 rooms in 2027–2031 (the demo's 表 8); a room built
# could be in use from 2029, so the 达标路径 counts from 2029 (5, 3, 1) and the layout pays all
EXPERIMENT = {2027: 10, 2028: 12, 2029: 5, 2030: 3, 2031: 1}
OVER = "连续借用 5 个学年，超过临时周转年限 3 年，需论证"


def test_both_documents_give_the_whole_run_and_the_most_rooms():
    import pandas as pd

    from junheng.planning.compliance_temporary import temporary_note
    from junheng.planning.layout_borrow import Borrowing, borrow_words

    layout = borrow_words(Borrowing(EXPERIMENT, {"junior": 3}), 2030, 2029, 3)
    assert layout == ("临时周转普通教室至多 12 间（2027—2031 学年借用，其中 2027—2028 学年即使新建教室也来不及投入使用，"
                      f"规划年 2030 学年 3 间；{OVER}；借用的教室不新建，见“过渡期”）")
    split = pd.DataFrame([{"school_id": "E", "temporary": 3, "built": 0, "room_years": 0, "opens": 2029,
                           "gaps": {2029: 5, 2030: 3, 2031: 1, 2032: -3},
                           "pupils": {2029: 2031, 2030: 1986, 2031: 1862, 2032: 1660},
                           "borrowed": {2029: 5, 2030: 3, 2031: 1}, "layout": {2029: 5, 2030: 3, 2031: 1}}])
    lead, school = temporary_note(split, {"E": "洛北县实验中学"}, 3, 2.0, 2030, {"E": EXPERIMENT})
    assert lead.startswith("与布局调整方案同一规则，普通教室缺口持续不超过 3 年（自新建教室最早可投入使用的 2029 学年起计）、"
                           "末年已不缺的，以临时周转解决、不新建：")
    assert school == ("洛北县实验中学临时周转至多 12 间（2027—2031 学年借用，其中 2027—2028 学年即使新建教室也来不及投入使用，"
                      f"目标学年 2030 学年 3 间；{OVER}；2029 学年 2,031 人缺 5 间，2030 学年 1,986 人缺 3 间，"
                      "2031 学年 1,862 人缺 1 间，2032 学年 1,660 人富余 3 间；均由布局调整方案同年临时周转并计费"
                      "（2029—2031 学年 9 间·学年），本方案不另计费）。")


def test_table_1_says_the_run_is_longer_than_the_limit():
    from junheng.planning.layout_outcome import PlannedSchool, YearRooms
    from junheng.report.layout_decisions import instead_lead

    def plan(years):
        return LayoutOutcome("optimal", (PlannedSchool("E", "洛北县实验中学", "keep", temporary_classrooms=3,
                                                       temporary_yuan=1_260_000.0),), {}, year=2025, target_year=2030,
                             rules={"plan_date": "2026-12-05", "expansion_lead_years": 2, "temporary_peak_years": 3},
                             transition=tuple(YearRooms(y, "E", "junior", 2000, n, 0, n) for y, n in years.items()))

    assert instead_lead(plan(EXPERIMENT)) == (
        "规划年 2030 学年 1 所学校共 3 间普通教室以临时周转代替新建（洛北县实验中学 2027—2031 学年连续借用 5 个学年，"
        "超过临时周转年限 3 年，需论证），费用见“需局务会决定的事项”和“过渡期”。")
    # 2029–2031 only: 3 years, within the limit, the claim kept
    assert instead_lead(plan({2029: 5, 2030: 3, 2031: 1})) == (
        "规划年 2030 学年 1 所学校共 3 间普通教室以临时周转代替新建（缺口持续不超过临时周转年限或建成后多数学年闲置），"
        "费用见“需局务会决定的事项”和“过渡期”。")
