"""Review rv16's words on hand-made input: the 差异系数 verdict follows the plan's own rule (1),
a part of a 万元 amount in 万元 (4), the note under the 整改 year table (7) and the rents in a
column of their own in the 分年度财政支出 table (9)."""

from __future__ import annotations

from junheng.model.numbers import money_in
from junheng.planning.compliance_json import recurring_note
from junheng.planning.layout_outcome import CvComparison, LayoutOutcome, PlannedSchool
from junheng.report.layout_info import status_said
from junheng.report.layout_years import RENT_HEAD, money_heads, money_rows, money_text

K = "sports_area_per_student"
# 小学 0.737 → 0.712 and 初中 0.783 → 0.693 (limits 0.50, 0.45): both over before the plan, both lowered
KEPT = CvComparison({"primary": {K: 0.737}, "junior": {K: 0.783}}, {"primary": {K: 0.712}, "junior": {K: 0.693}},
                    (), {"primary": {K: 0.5}, "junior": {K: 0.45}})


def test_a_cv_over_before_and_lowered_keeps_the_rule_and_is_still_over():
    plan = LayoutOutcome("optimal", (), {}, target_year=2030, evaluation=KEPT)
    assert plan.cv_verdict == (
        "符合规则“已超限的不高于规划年不调整布局时”，仍未达到限值（须另行整改）：小学生均体育运动场馆面积差异系数：2030 学年不调整布局时"
        "已超过限值 0.50（0.737），布局调整后降至 0.712，符合规则“已超限的不高于规划年不调整布局时”；仍超过限值，须另行整改；"
        "初中生均体育运动场馆面积差异系数：2030 学年不调整布局时已超过限值 0.45（0.783），布局调整后降至 0.693，"
        "符合规则“已超限的不高于规划年不调整布局时”；仍超过限值，须另行整改")
    assert "不满足" not in plan.cv_verdict and "是（" not in plan.cv_verdict
    assert status_said(plan).endswith(
        "；差异系数 2 项超过限值（均为不调整布局时已超限、本方案未使其变差，须另行整改）")


def test_a_cv_the_plan_raises_is_a_breach_and_one_kept_is_said_apart():
    # 小学 0.737 → 0.740: up 0.003 ≥ 0.0005, worse; 初中 0.783 → 0.693 kept
    raised = CvComparison({"primary": {K: 0.737}, "junior": {K: 0.783}}, {"primary": {K: 0.740}, "junior": {K: 0.693}},
                          (), {"primary": {K: 0.5}, "junior": {K: 0.45}})
    plan = LayoutOutcome("optimal", (), {}, target_year=2030, evaluation=raised)
    assert plan.cv_verdict.startswith(
        "否（本方案不满足）：小学生均体育运动场馆面积差异系数：布局调整后 0.740 超过限值 0.50（2030 学年不调整布局时 0.737），"
        "已超限又升高，不符合规则“已超限的不高于规划年不调整布局时”；初中")
    assert status_said(plan).endswith("；差异系数 2 项超过限值（其中 1 项本方案使其超限或变差，不符合规则；"
                                      "1 项不调整布局时已超限、本方案未使其变差，须另行整改）")


def test_a_part_of_a_wan_amount_is_in_wan():
    # 300,000 元 = 30.00 万元 inside 5,035.44 万元; 3,500 元 inside 8,000 元 stays in 元
    assert money_in(300_000, 50_354_400) == "30.00 万元"
    assert money_in(3_500, 8_000) == "3,500 元"


def test_the_year_table_note_names_the_county_rows_under_it():
    rows = [("校舍建设", [47.55, 47.55], 95.1), ("一次性投入合计", [47.55, 47.55], 95.1)]
    doc = {"costs": {"recurring_years": 5}}
    assert recurring_note(doc, rows, 2) == ("达标路径自身无每年经常性支出，合计即一次性投入；末 2 行为县政府部门落实的"
                                            "每年经常性支出，不计入合计。")
    assert recurring_note(doc, rows) == "本方案无每年经常性支出，合计即一次性投入。"


def test_the_rents_have_a_column_of_their_own_beside_the_builds():
    # 甲小学 expanded for 2028 at 100.00 万元, paid over the 2 years before: 50.00 in 2026 and 2027;
    # 4 rooms rented in 2027 and 2 in 2029 at 20,000 元 a room-year: 8.00 and 4.00 万元
    plan = LayoutOutcome("optimal", (PlannedSchool("A", "甲小学", "expand", phase=3, capital_yuan=1_000_000.0),), {},
                         year=2025, target_year=2028, costs={"temporary_room_yuan": 20_000.0},
                         rules={"expansion_lead_years": 2, "new_school_lead_years": 2},
                         overflow=((2027, "S", "primary", 4), (2029, "S", "primary", 2)))
    heads = money_heads(plan)
    assert heads[1:3] == ["建设投资（万元，各项建设在投入使用前 2 个学年平均拨付）", RENT_HEAD]
    assert heads[4] == "一次性投入累计（万元，建设投资与临时周转之和）"
    rows = money_rows(plan)
    assert [r[:5] for r in rows[:4]] == [["2026 学年", 50.0, 0.0, 0.0, 50.0], ["2027 学年", 50.0, 8.0, 0.0, 108.0],
                                         ["2028 学年", 0.0, 0.0, 0.0, 108.0], ["2029 学年", 0.0, 4.0, 0.0, 112.0]]
    assert all(len(r) == len(heads) for r in rows)
    assert "至 2032 学年一次性投入累计 112.00 万元、年度运行成本变化累计 0.00 万元" in money_text(plan)
    # without rents the one column as before
    plain = LayoutOutcome("optimal", plan.schools, {}, year=2025, target_year=2028,
                          rules=plan.rules, costs=plan.costs)
    assert money_heads(plain)[1] == "一次性投入（万元，各项建设在投入使用前 2 个学年平均拨付）"
    assert money_rows(plain)[1][:4] == ["2027 学年", 50.0, 0.0, 100.0]


def test_a_few_square_metres_at_a_new_site_are_checked_not_a_measure():
    import pandas as pd

    from junheng.planning.compliance_outside import new_site_needs

    # 黄城镇初级中学 as the demo has it: a music and an art room to build, 2 and 7 m² short beside
    # them, both under the 20 m² below which a gap is 维修改造（核定面积）
    mine = pd.DataFrame({"item": ["music_room", "art_room", "music_room_repair", "art_room_repair"],
                         "quantity": [1.0, 1.0, 2.0, 7.0]})
    said = new_site_needs(mine, 20.0)
    assert said == ("，按标准新校址至少需要新建音乐专用教室 1 间、新建美术专用教室 1 间；音乐、美术专用教室面积差额均不足"
                    " 20 平方米（2、7 平方米），迁入新校址后现有专用教室不再使用，不列措施，新校址核定面积时复核")
    assert "维修改造" not in said


def test_the_primary_surplus_says_whether_it_is_before_or_after_the_transfers():
    from junheng.report.teacher_absorb import absorb_rows, surplus_said

    # the demo: 672 over the 2030 编制 before 37 transfer to 初中, 635 after
    assert surplus_said(635, 37) == "635 人（已转任初中 37 人后；转任前 672 人）"
    assert surplus_said(635, 37, before_first=True) == "672 人（转任初中前；转任 37 人后 635 人）"
    assert surplus_said(635, 0) == "635 人"
    # the 合计 of 表 4 sums the flows (52 + 55 = 107 retired, 37 transferred), not the stocks
    rows = absorb_rows({"rows": [(2029, 495, 52, 0, 0, 443), (2030, 555, 55, 37, 0, 463)]})
    assert rows[-1] == ["合计", "—", "107", "37", "0", "—"]
