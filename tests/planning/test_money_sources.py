"""Where the money comes from and what the county's own 整改 items cost (review rv10 findings
9 and 10): the default yearly budget is said to be an estimate in the sentence that checks
against it, each build names its source, the 公用经费保底 the 整改 tells the county to fund from
2027 is a yearly row that falls as the short schools close, the saving is said on that lawful
baseline beside the cash view, and the 「县政府部门落实」 rows say what they cost."""

from __future__ import annotations

from dataclasses import replace

import pandas as pd
import pytest

from junheng.planning.compliance_measures import with_cost
from junheng.planning.layout_floor import floor_topup_by_year, topup_words
from junheng.planning.layout_funds import UNFUNDED, funding_note, project_funds
from junheng.planning.layout_outcome import LayoutOutcome, PlannedSchool
from junheng.planning.layout_spending import assumed_budget
from junheng.planning.plans_budget_lines import budget_lines
from junheng.planning.policy_costs import (
    ROW_HEAD,
    plan_policy_rows,
    policy_costs,
    policy_year_rows,
)
from junheng.report.layout_info import floor_unpaid_note
from junheng.report.layout_years import TOPUP_HEAD, budget_text, money_heads, money_rows

RULES = {"expansion_lead_years": 2, "new_school_lead_years": 2}


def _plan(**now) -> LayoutOutcome:
    """Three short 教学点 closing in 2027, 2027 and 2028 (phases 2, 2, 3 of data year 2025)
    and one short school kept; the 保底 saving 600 万 on the lawful baseline."""
    schools = (PlannedSchool("P", "甲教学点", "close", phase=2), PlannedSchool("Q", "乙教学点", "close", phase=2),
               PlannedSchool("R", "丙教学点", "close", phase=3), PlannedSchool("K", "丁小学", "keep"))
    metrics = {"now": {"floor_unpaid_yuan": 500_000.0, "floor_schools": 4, "floor_paid_schools": 0,
                       "floor_unpaid_by_school": {"P": 100_000.0, "Q": 50_000.0, "R": 80_000.0, "K": 20_000.0},
                       "floor_due_by_school": {"P": 150_000.0, "Q": 50_000.0, "R": 80_000.0, "K": 220_000.0},
                       **now},
               "before": {"funding_floor_yuan": 7_000_000.0, "operating_yuan": 7_000_000.0},
               "after": {"funding_floor_yuan": 1_000_000.0, "operating_yuan": 1_000_000.0}}
    return LayoutOutcome("optimal", schools, metrics, year=2025, target_year=2028, rules=RULES,
                         weights={"funding_floor_pupils": 100, "operating_yuan_per_school": 0})


def test_the_floor_top_up_falls_as_the_short_schools_close():
    # 50 万 short today; P (15 万 short in all) and Q (5 万) close in 2027: 50 − 20 = 30 万;
    # R (8 万) in 2028: 30 − 8 = 22 万 from then on, K's own shortfall
    plan = _plan()
    assert floor_topup_by_year(plan, [2027, 2028, 2029]) == {2027: 300_000.0, 2028: 220_000.0, 2029: 220_000.0}
    assert topup_words(plan, [2027, 2028, 2029]) == "2027 学年 30.00 万元、2028 学年起每年 22.00 万元"
    # the 分年度财政支出 table: a column before the last, the county's cost, not the plan's
    heads, rows = money_heads(plan), money_rows(plan)
    assert heads[5] == TOPUP_HEAD.format(floor=100) and len(heads) == 7
    assert [row[5] for row in rows] == [30.0, 22.0, 22.0, 22.0, 22.0, 22.0]  # 2027–2032
    assert [row[0] for row in rows][:2] == ["2027 学年", "2028 学年"]
    # nobody short today: no column, the table as before
    paid = replace(plan, metrics={**plan.metrics, "now": {}})
    assert len(money_heads(paid)) == 6 and all(len(row) == 6 for row in money_rows(paid))


def test_the_saving_is_said_on_the_lawful_baseline_beside_the_cash_view():
    # the 保底 saving 700 − 100 = 600 万; the closed schools' 保底 short today 10 + 5 + 8 = 23
    # 万, so 600 − 23 = 577 万 is money paid today (the cash view)
    note = floor_unpaid_note(_plan())[0]
    assert "按目前实际拨付计（现金口径），这项节省每年约 577.00 万元。" in note
    assert note.endswith("按整改措施要求自 2027 学年起足额拨付保底计，撤并全部生效后这项节省每年 600.00 万元；"
                         "足额拨付须补足的公用经费（每年）：2027 学年 30.00 万元、2028 学年起每年 22.00 万元"
                         "（撤并的学校不再补足；县财政支出，不是本方案的支出，见“分年度财政支出”表）。")


def test_a_default_budget_is_said_to_be_an_estimate_not_an_approved_budget():
    plan = LayoutOutcome("optimal", (PlannedSchool("A", "甲小学", "expand", phase=2, capital_yuan=1_000_000.0),),
                         {}, year=2025, rules={"default_budget_yuan": 71_607_000.0})
    # rv17 10: the tool's own 测算取值 checks nothing: said not given, the figure assumed, no 「均未超出」
    assert budget_text(plan) == ("县未给年度预算，本方案按每年 7,160.70 万元（测算取值，不是已批复预算）分年度安排建设（按累计额度），"
                                 "不据此判断能否负担；各学年的一次性投入须列入县财政年度预算。")
    # a year over the assumed figure is still said, against the 额度 (not a 预算): 甲小学's 100 万
    # paid in 2027 (phase 2, no build time set) against 40 万 is 60 万 over; the plan pays from
    # 2026 (no plan date: the data year + 1), whose 40 万 unused covers 40 of the 60 (hfix8 1)
    low = replace(plan, rules={"default_budget_yuan": 400_000.0})
    assert budget_text(low) == (
        "县未给年度预算，本方案按每年 40.00 万元（测算取值，不是已批复预算）分年度安排建设（按累计额度）："
        "2027 学年一次性投入 100.00 万元，超出当年额度 60.00 万元，其中 40.00 万元由此前学年未用完的额度承担"
        "（2026 学年未用），其余 20.00 万元须提前安排资金、分年度调整建设或另行申请。")
    # made on 2026-12-05 the plan pays from 2027: its first year over has no earlier year to pay
    # from, and a county's own budget is named 预算
    first = replace(plan, rules={"default_budget_yuan": 400_000.0, "plan_date": "2026-12-05"})
    assert budget_text(first) == (
        "县未给年度预算，本方案按每年 40.00 万元（测算取值，不是已批复预算）分年度安排建设（按累计额度）："
        "2027 学年一次性投入 100.00 万元，超出当年额度 60.00 万元，此前没有可用的额度（2027 学年是额度起算的首个学年），"
        "须提前安排资金、分年度调整建设或另行申请。")
    own = replace(first, rules={**first.rules, "annual_budget_yuan": 400_000.0})
    assert budget_text(own) == (
        "年度预算每年 40.00 万元（建设按累计额度分年度安排）：2027 学年一次性投入 100.00 万元，超出当年预算 60.00 万元，"
        "此前没有可用的预算（2027 学年是预算起算的首个学年），须提前安排资金、分年度调整建设或另行申请。")
    # a budget the county gave is its own: no such words
    given = replace(plan, rules={"annual_budget_yuan": 71_607_000.0, "default_budget_yuan": 71_607_000.0})
    assert budget_text(given) == "年度预算每年 7,160.70 万元（建设按累计额度分年度安排）：各学年的一次性投入均未超出。"
    # the joint sentence: the 达标路径's budget is the default when it is the layout's default
    assert (assumed_budget(plan, 7160.7), assumed_budget(given, 7160.7), assumed_budget(plan, 5000.0)) == (
        True, False, False)
    assert budget_lines({"budget": 7160.7, "over_budget": {}, "budget_assumed": True}) == [
        "年度预算每年 7,160.70 万元（测算取值，不是已批复预算：按一般公共预算教育支出的一定比例测算，见“年度预算”说明；"
        "达标路径的预算口径）：布局调整与达标路径合计每年均不超出这一测算额度。"]  # rv15 8, hfix8 2


def _years(layout: list[float], compliance: list[float], yearly: list[float]) -> dict:
    """A two-year table of both plans' money (万元): the layout's construction, the 达标路径's, the yearly change."""
    return {"years": [2027, 2028], "layout_construction": layout, "layout_temporary": [0.0, 0.0],
            "compliance_construction": compliance, "compliance_other_once": [0.0, 0.0],
            "layout_yearly": yearly, "compliance_yearly": [0.0, 0.0]}


def test_the_joint_budget_sentence_is_checked_against_its_year_table():
    # hfix8 2: 2027 spends 2,578.26 + 1,399.88 = 3,978.14, 2028 2,578.26 + 474.24 − 154.09 = 2,898.41,
    # both under 7,160.70: none over, the 额度 said first to be a 测算取值, not an approved budget
    doc = {"budget": 7160.7, "budget_assumed": True, "over_budget": {},
           "by_year": _years([2578.26, 2578.26], [1399.88, 474.24], [0.0, -154.09])}
    assert budget_lines(doc) == [
        "年度预算每年 7,160.70 万元（测算取值，不是已批复预算：按一般公共预算教育支出的一定比例测算，见“年度预算”说明；达标路径的预算口径）："
        "布局调整与达标路径合计每年均不超出这一测算额度。"]
    # the same summary with 2027's layout at 6,000: 6,000 + 1,399.88 = 7,399.88, 239.18 over; the
    # sentence reads the table, not the summary's stale 「over_budget」 ({} here)
    doc["by_year"] = _years([6000.0, 2578.26], [1399.88, 474.24], [0.0, -154.09])
    (said,) = budget_lines(doc)
    assert "每年均不超出" not in said
    assert ("布局调整与达标路径合计超出预算的年份：2027 学年超出 239.18 万元（当年布局调整一次性 6,000.00 万元、达标路径一次性 "
            "1,399.88 万元、布局调整与达标路径经常性支出变化 0.00 万元）。") in said


def test_each_build_names_its_source():
    projects = pd.DataFrame({
        "school_id": ["A", "A", "B", "C"], "name": ["甲小学教学楼改扩建", "甲小学食堂", "乙中学运动场", "丙中学宿舍"],
        "funding_source": ["地方政府专项债券、县财政", "  ", "县财政", "县财政、薄弱环节改善资金"],
        "status": ["under_construction", "planned", "completed", "planned"]})
    # a 竣工 project funds nothing more; an empty source is said 未填
    funds = project_funds(projects)
    assert funds == {"A": [["甲小学教学楼改扩建", "地方政府专项债券、县财政"], ["甲小学食堂", "未填"]],
                     "C": [["丙中学宿舍", "县财政、薄弱环节改善资金"]]}
    plan = LayoutOutcome("optimal", (
        PlannedSchool("A", "甲小学", "expand", phase=3, capital_yuan=1_234_500.0, added_classrooms=2),
        PlannedSchool("B", "乙中学", "expand", phase=2, capital_yuan=500_000.0, added_classrooms=1),
        PlannedSchool("N", "新建初级中学", "new", phase=4, capital_yuan=30_000_000.0),
        PlannedSchool("P", "丁教学点", "close", phase=2)),
        {"now": {"project_funds": funds}}, year=2025, rules=RULES)
    # paid in the 2 years before use: A in 2026–2027 (used 2028), B 2025–2026, N 2027–2028
    assert funding_note(plan) == (
        "资金来源：甲小学扩建 123.45 万元（2026—2027 学年）与已列项目“甲小学教学楼改扩建”、“甲小学食堂”同校，"
        "资金来源按该项目：地方政府专项债券、县财政、未填；乙中学扩建 50.00 万元（2025—2026 学年）、"
        f"新建初级中学新建 3,000.00 万元（2027—2028 学年）未列入工作簿“建设项目”表，{UNFUNDED}。"
        "各项须列入县财政年度预算或申请专项资金后实施。")
    assert funding_note(replace(plan, schools=plan.schools[3:])) == ""  # nothing built


def test_the_county_s_own_items_say_what_they_cost():
    row = {"group": "fail", "measure": "各校按不低于年度公用经费预算总额的 5% 安排教师培训经费", "year": 2027}
    training = type("R", (), {"detail": pd.DataFrame({"public_funding": [1_000_000.0, 2_000_000.0],
                                                      "training_funding": [40_000.0, 100_000.0]}),
                              "indicator": type("I", (), {"params": {"share": 0.05}})()})()
    # 5 % of 100 万 is 5 万, 1 万 short; the other pays its 10 万 in full: 10,000 元 = 1.00 万元
    out = with_cost(row, "training_funding_share", training, layout=True)
    assert out["measure"].endswith("；费用：每年 1.00 万元（2027 学年起，县财政支出，分年度见“布局调整与达标路径分年度投资”表）")
    assert (out["cost_key"], out["cost_wan"]) == ("training_funding_share", 1.0)
    # a check and its report cost nothing; an item the data cannot price says so
    check = with_cost({"group": "pending", "measure": "形成核查报告", "year": 2027}, "irregular_school_choice",
                      None, layout=False)
    assert check["measure"] == "形成核查报告；不计费用（在现有经费和工作中落实）" and "cost_wan" not in check
    pay = with_cost({"group": "fail", "measure": "纳入年度预算", "year": 2027}, "teacher_pay", None, layout=False)
    assert pay["measure"] == "纳入年度预算；费用：待县财政局按教师与公务员工资差额测算，未计入本方案"


def test_the_year_tables_carry_the_county_s_yearly_costs_outside_their_totals():
    rows = [{"cost_key": "training_funding_share", "cost_wan": 26.55, "year": 2027},
            {"cost_key": "small_school_funding", "cost_wan": 50.0, "year": 2027}]
    # after a layout plan the top-up falls with its closures (30.00, then 22.00)
    policy = policy_costs(_plan(), [2027, 2028, 2029], rows)
    assert policy == {"floor_topup": {"2027": 30.0, "2028": 22.0, "2029": 22.0}, "training": 26.55, "from": 2027}
    topup, train = policy_year_rows({"policy": policy}, [2027, 2028, 2029])
    # rv28 6: paid every year past the table's last one, so no 合计 (was 74.0 = 30 + 22 + 22 and
    # 79.65 = 3 × 26.55, a sum over whichever years the table had)
    assert topup[0].startswith(ROW_HEAD) and topup[1:] == ([30.0, 22.0, 22.0], "—")
    assert train[1:] == ([26.55, 26.55, 26.55], "—")
    # the 达标路径 alone: nothing closes, the whole 50.00 every year from its due year
    alone = plan_policy_rows({"measures": {"rows": rows}}, [2027, 2028])
    assert [r[1:] for r in alone] == [([50.0, 50.0], "—"), ([26.55, 26.55], "—")]
    assert plan_policy_rows({}, [2027]) == []


@pytest.mark.parametrize("status", ["completed"])
def test_completed_projects_fund_no_build(status):
    frame = pd.DataFrame({"school_id": ["A"], "name": ["甲"], "funding_source": ["县财政"], "status": [status]})
    assert project_funds(frame) == {} and project_funds(None) == {} and project_funds(pd.DataFrame()) == {}
