"""A school that is not small today closes in the first school year it expects fewer than
``small_school_max_pupils`` pupils, never sooner (planner review finding 2), the plan says so
(需论证), and the checker re-derives the rule (layout_builders: one step 14.38 minutes)."""

from __future__ import annotations

from datetime import date

import pytest
from layout_builders import C1, COUNTY, FLAT_COSTS, J, school, village

from junheng.model import CountyData
from junheng.planning import load_layout_config, plan_layout
from junheng.planning.layout_check import PlanViolation, check_plan
from junheng.planning.layout_json import layout_json
from junheng.planning.layout_reasons import action_reasons
from junheng.planning.layout_small import expected_in
from junheng.report.plan_rows import layout_summary

S = "4103060201"
#: without 临界复核 S closes in 2028 on 90 expected pupils, 100 − 90 = 10 ≤ 10 % × 100 (the
#: margin included, "在 10% 以内"): the planner's 临界 clause, shown in 表 1's row after the
#: 需论证 clause
CRITICAL_ROW = ("；临界：撤并取决于预测，2028 学年预计 90 人，距小规模学校标准 100 人在 10% 以内（差 10 人），"
                "实施前须核实该学年实际在校生，达到 100 人的不撤并")


def falling_village(n: int, lon: float) -> dict:
    """20 children of each age 6–11 (120 pupils today), 10 of each age 0–5."""
    v = village(n, lon)
    v.update({f"age_{a}": 20 if a >= 6 else 10 for a in range(12)})
    return v


def falling_county(ages: dict[int, int] | None = None, per_grade: int = 20):
    """Rural primaries C1 (112.00) and S (112.05), 120 pupils each, beside villages 1 and 2.
    A village's grades 1–3 and 4–6 (ages 6–11 aged forward) are 50 + 60 = 110 children in
    2026, 40 + 60 = 100 in 2027, 30 + 60 = 90 in 2028 and 30 + 50 = 80 in 2029; the town's
    220, 200, 180, 160 over its 240 pupils today give S 110, 100, 90 and 80 pupils."""
    villages = [{**falling_village(n, lon), **{f"age_{a}": k for a, k in (ages or {}).items()}}
                for n, lon in ((1, 112.00), (2, 112.05))]
    schools = [school(C1, "primary_school", 112.00, code="220"),
               school(S, "primary_school", 112.05, code="220"),
               school(J, "junior_school", 112.00, code="220")]
    rows = [{"school_id": sid, "grade": g, "class_no": "1", "students": per_grade}
            for sid in (C1, S) for g in ("g1", "g2", "g3", "g4", "g5", "g6")]
    info = {"county_code": COUNTY, "county_name": "示例县", "city_name": "洛阳市",
            "school_year": 2025, "primary_funding_quota": 720, "junior_funding_quota": 940}
    # C1 has room for S's pupils by every per-pupil area: no build delays the closure
    facilities = [{"school_id": C1, "classrooms": 12, "teaching_area": 5000.0,
                   "sports_area": 10000.0}, {"school_id": S, "classrooms": 6},
                  {"school_id": J, "classrooms": 12}]
    return CountyData.from_records(info, villages=villages, schools=schools,
                                   facilities=facilities, classes=rows)


def config(**kw):
    base = {"new_sites": "none", "boarding_per_town": False, "target_year": 2029,
            "weights": FLAT_COSTS, "cv_limits": False, "plan_date": date(2026, 12, 4)}
    return load_layout_config(None, **{**base, **kw})


@pytest.fixture(scope="module")
def plan():
    """falling_county without 临界复核: S closes in 2028 on 90, flagged 临界."""
    return plan_layout(falling_county(), config(small_school_review=False), evaluate_cvs=False)


def test_expected_pupils_follow_the_villages_children_year_by_year(plan):
    data = falling_county()
    assert [expected_in(data, plan.problem, y)[S] for y in (2026, 2027, 2028, 2029)] == \
        [110, 100, 90, 80]


def test_a_school_not_small_today_closes_in_the_year_it_becomes_small(plan):
    # the first school year is 2027 (dated 2026-12-04), when S still expects 100 (not fewer
    # than 100): it closes in 2028 (phase 3), when it expects 90
    s = next(s for s in plan.outcome.schools if s.school_id == S)
    assert (s.action, s.phase, s.students_now, s.students_expected) == ("close", 3, 120, 80)
    assert (
        "；需论证：现有在校生 120 人，不是小规模学校（少于 100 人）；2027 学年预计 100 人，"
        "2028 学年预计 90 人，少于 100 人，于该学年撤并，不提前；") in action_reasons(plan.outcome)[S]
    summary = layout_summary(plan.outcome)
    assert "撤并 1 所（其中小学 1 所：学校4103060201，现有在校生 120 人，2029 学年预计 80 人，需论证）" \
        in summary.sentence()
    assert [a.detail for a in summary.actions] == [
        "学生并入学校4103060001，10 名教师调配（现有在校生 120 人，2029 学年预计 80 人，需论证"
        f"{CRITICAL_ROW}）"]


def test_the_checker_refuses_a_closure_before_the_school_is_small(plan):
    data = falling_county()
    doc = layout_json(plan.outcome)
    check_plan(plan.problem, doc, data)
    early = next(s for s in doc["schools"] if s["school_id"] == S)
    early["phase"] = 2
    with pytest.raises(PlanViolation, match="学校4103060201在校 120 人，2027 学年预计 100 人，不少于 100 人，"
                                            "计划却在该学年将其撤并：须在预计在校生少于该人数的学年撤并，不得提前。"):
        check_plan(plan.problem, doc, data)
    # without the county only the target year is known, and rule (26): made 2026-12-04, a 2027
    # closure's 论证报告 was due by 2026-09-30
    with pytest.raises(PlanViolation) as caught:
        check_plan(plan.problem, doc)
    assert caught.value.lines == ("学校4103060201在 2027 学年撤并，其逐点论证报告须在 2026 年 9 月底前完成，编制日期 "
                                  "2026 年 12 月 4 日已过此期限，撤并应不早于 2028 学年。",)


def test_a_closure_on_a_projection_near_the_line_is_flagged_critical(plan):
    # S closes in 2028 on 90 expected pupils: 100 − 90 = 10 is within 10 % of 100 (临界)
    assert ("于该学年撤并，不提前；临界：撤并取决于预测，2028 学年预计 90 人，距小规模学校标准 100 人在 10% 以内"
            "（差 10 人），实施前须核实该学年实际在校生，达到 100 人的不撤并") in action_reasons(plan.outcome)[S]
    assert ("临界撤并：1 所学校的撤并取决于预测在校生，预测数距小规模学校标准 100 人在 10% 以内："
            "学校4103060201（2028 学年预计 90 人）。实施前须核实撤并学年的实际在校生，达到 100 人的不撤并。"
            ) in plan.outcome.notes


def test_the_closures_table_row_carries_the_critical_flag_of_the_notes(plan, tmp_path):
    """The actions' table of 布局调整方案.docx says 临界 in the row, with the closing
    year's projection (2028: 90), as the 说明 under the comparison does (planner review: the
    demo's 袁桥 row had only "2030 学年预计 97 人，需论证")."""
    from docx import Document

    from junheng.report.layout_docx import write_layout_docx

    doc = Document(str(write_layout_docx(plan.outcome, tmp_path / "布局调整方案.docx")))
    # 表 1 is the 方案概要 (review rv 13); the actions' table follows under its sub-head
    table = next(t for t in doc.tables if t.rows[0].cells[0].text == "实施学年")
    assert [c.text for c in table.rows[0].cells] == ["实施学年", "学校", "调整方式", "内容", "撤并程序"]
    assert [c.text for c in table.rows[1].cells] == [
        "2028 学年", "学校4103060201", "撤并",
        "学生并入学校4103060001，10 名教师调配（现有在校生 120 人，2029 学年预计 80 人，需论证"
        f"{CRITICAL_ROW}）", "待论证、听证"]
    notes = [p.text for p in doc.paragraphs if p.text.startswith("说明：临界撤并")]
    assert notes == ["说明：临界撤并：1 所学校的撤并取决于预测在校生，预测数距小规模学校标准 100 人在 10% 以内："
                     "学校4103060201（2028 学年预计 90 人）。实施前须核实撤并学年的实际在校生，达到 100 人的不撤并。"]


def test_a_closure_further_below_the_line_is_not_critical():
    # with a 5 % margin 90 is 10 below 100, more than 5: no 临界 clause or note
    narrow = plan_layout(falling_county(), config(small_school_margin=0.05, small_school_review=False),
                         evaluate_cvs=False)
    assert "临界" not in action_reasons(narrow.outcome)[S]
    assert not any(n.startswith("临界撤并") for n in narrow.outcome.notes)
    # nor in the table's row: the 需论证 clause alone
    assert [a.detail for a in layout_summary(narrow.outcome).actions] == [
        "学生并入学校4103060001，10 名教师调配（现有在校生 120 人，2029 学年预计 80 人，需论证）"]


def test_a_margin_of_one_or_more_is_refused():
    from junheng.errors import ConfigError

    with pytest.raises(ConfigError, match="“small_school_margin”.*值 1 无效：应小于 1"):
        config(small_school_margin=1)


def review_county():
    """falling_county with 25 pupils a grade at C1 and S (150 each) and each village's
    children of ages 2–11 today 12, 12, 12, 18, 30, 30, 30, 30, 30, 30: a stage group's
    pupils grow as its children (ages 6–8 and 9–11 today, 90 each), so S's grades 1–3 and
    4–6 expect 75 × 60 / 90 + 75 × 90 / 90 = 50 + 75 = 125 in 2027 (ages 4–6 and 7–9),
    75 × 42 / 90 + 75 = 35 + 75 = 110 in 2028 and 75 × 36 / 90 + 75 × 78 / 90 = 30 + 65 = 95
    in 2029 (ages 2–4 and 5–7): within 10 % of 100."""
    ages = {0: 10, 1: 10, 2: 12, 3: 12, 4: 12, 5: 18, **dict.fromkeys(range(6, 12), 30)}
    return falling_county(ages, 25)


#: S's reason when it is kept for 2029 学年复核 (95 projected, 150 today)
REVIEW_REASON = ("保留，2029 学年复核：现有在校生 150 人，不是小规模学校；2029 学年预计 95 人，距小规模学校标准 100 人"
                 "在 10% 以内（差 5 人），在预测误差之内，不撤并，不计入撤并数；2029 学年按实际在校生复核，少于 100 人的再论证撤并。")


def test_a_school_whose_projection_is_within_the_margin_is_kept_for_review():
    """Planner review finding 7: 袁桥村小学, 159 today and 97 projected, was closed on a
    forecast whose error is larger than 3 pupils. S, 150 today and 95 in 2029, stays."""
    data = review_county()
    plan = plan_layout(data, config(), evaluate_cvs=False)
    assert expected_in(data, plan.problem, 2029)[S] == 95
    s = next(s for s in plan.outcome.schools if s.school_id == S)
    assert (s.action, s.students_now) == ("keep", 150)
    assert action_reasons(plan.outcome)[S].startswith(REVIEW_REASON)
    # C1, 150 today as well, expects 95 too: both are kept for review
    assert ("2029 学年复核：2 所学校现有在校生不少于小规模学校标准 100 人，预计在校生低于标准但距标准在 10% 以内"
            "（在预测误差之内），或现有在校生超出标准 10% 以上（撤并不能只依据预测），本方案保留、不计入撤并数：学校4103060001（现有 150 人，2029 学年预计 95 人）、"
            "学校4103060201（现有 150 人，2029 学年预计 95 人）。"
            "2029 学年按实际在校生复核，少于 100 人的再论证撤并；复核学校不接收其他学校的学生，以免复核后撤并时学生两次转学。"
            ) in plan.outcome.notes
    assert "：不撤并、不扩建、不新建学校。" in layout_summary(plan.outcome).sentence()  # zero counts unsaid (uc)
    # the checker's re-derived rule: S is no 撤并 candidate, and is one without the review
    from dataclasses import replace

    from junheng.planning.layout_check_rules import is_candidate

    assert not is_candidate(plan.problem, S)
    off = replace(plan.problem, config=config(small_school_review=False))
    assert is_candidate(off, S)


def test_without_review_the_school_within_the_margin_closes_as_critical():
    # small_school_review off: S is a candidate and closes in 2029 (95 < 100), flagged 临界
    plan = plan_layout(review_county(), config(small_school_review=False), evaluate_cvs=False)
    s = next(s for s in plan.outcome.schools if s.school_id == S)
    assert (s.action, s.phase) == ("close", 4)
    assert "临界：撤并取决于预测，2029 学年预计 95 人" in action_reasons(plan.outcome)[S]
    assert not any("学年复核" in n for n in plan.outcome.notes)


def test_a_school_further_below_the_line_closes_and_is_not_reviewed(plan):
    # S of falling_county: 120 today, 80 in 2029 (20 below 100, more than 10 %): it closes
    assert next(s.action for s in plan.outcome.schools if s.school_id == S) == "close"
    assert not any("学年复核" in n for n in plan.outcome.notes)
    assert "复核" not in action_reasons(plan.outcome)[S]


def test_under_review_a_school_closes_in_the_first_year_beyond_the_margin():
    """Review rv 11: 袁桥村小学 (159 today) closed in 2029 on 90 projected pupils, "距 100 人不足
    10%", while 临界复核 (on) keeps such projections open. One test, :func:`closes_on`: S of
    falling_county expects 100, 90 and 80 in 2027–2029; 100 − 90 = 10 ≤ 10 % × 100 is within the
    margin, so S waits. With 18 pupils a grade (108 today, not more than 10 % over the line:
    rv 14 keeps such a school for 复核, below) S expects 108 × 100 / 120 = 90 in 2027 (its 108
    pupils grow as its town's 200 children of 2027 over the 240 of today) and 108 × 90 / 120 =
    81 in 2028: it waits in 2027 (100 − 90 = 10 ≤ 10) and closes in 2028 (phase 3)."""
    data = falling_county(per_grade=18)
    plan = plan_layout(data, config(), evaluate_cvs=False)
    s = next(s for s in plan.outcome.schools if s.school_id == S)
    assert (s.action, s.phase) == ("close", 3)
    reason = action_reasons(plan.outcome)[S]
    assert ("；需论证：现有在校生 108 人，不是小规模学校（少于 100 人）；2027 学年预计 90 人，距小规模学校标准 100 人"
            "在 10% 以内（差 10 人），在预测误差之内，该学年不撤并；2028 学年预计 81 人，少于 100 人，于该学年撤并，"
            "不提前") in reason
    assert "临界：" not in reason
    assert not any(n.startswith("临界撤并") for n in plan.outcome.notes)
    # the checker re-derives it: a closure in 2027 (phase 2) on 90 is refused
    doc = layout_json(plan.outcome)
    check_plan(plan.problem, doc, data)
    next(d for d in doc["schools"] if d["school_id"] == S)["phase"] = 2
    with pytest.raises(PlanViolation, match="学校4103060201在校 108 人，2027 学年预计 90 人，距小规模学校标准 100 人"
                                            "在 10% 以内，计划却在该学年将其撤并：临界复核下须在预计在校生距标准超出"
                                            "该比例的学年撤并，不得提前。"):
        check_plan(plan.problem, doc, data)


def test_a_school_well_over_the_line_today_is_not_closed_on_its_forecast():
    """Review rv 14: 袁桥村小学, 159 today and 85 forecast for 2030, closed on one forecast
    year. S of falling_county: 120 today (more than 10 % over 100) and 80 in 2029 (20 %
    under): kept for 2029 学年复核, 120 − 80 = 40 fewer (40 / 120 = 33 %)."""
    data = falling_county()
    plan = plan_layout(data, config(), evaluate_cvs=False)
    s = next(s for s in plan.outcome.schools if s.school_id == S)
    assert (s.action, s.students_now) == ("keep", 120)
    assert action_reasons(plan.outcome)[S].startswith(
        "保留，2029 学年复核：现有在校生 120 人，不是小规模学校；2029 学年预计 80 人，比现有在校生少 40 人（减少 33%），"
        "现有在校生超出小规模学校标准 100 人的 10% 以上，撤并不能只依据预测，不撤并，不计入撤并数；"
        "2029 学年按实际在校生复核，少于 100 人的再论证撤并。")
    # the checker refuses the closure main made (S closed in 2029, phase 4)
    doc = layout_json(plan.outcome)
    check_plan(plan.problem, doc, data)
    closed = next(d for d in doc["schools"] if d["school_id"] == S)
    closed.update(action="close", phase=4, merged_into=C1)
    with pytest.raises(PlanViolation, match="学校4103060201在校 120 人、目标学年预计 80 人（现有在校生超出标准 10% 以上，"
                                            "撤并不能只依据预测，应保留复核），不是小规模学校（少于 100 人），未列入撤并对象，"
                                            "计划却将其撤并。"):
        check_plan(plan.problem, doc, data)
    # listed by the user it is a candidate again (C1, 120 today and 80 in 2029 as well, is
    # kept for 复核 too and so receives nobody: the listed S has no receiver in this county)
    from dataclasses import replace

    from junheng.planning.layout_check_rules import is_candidate

    assert not is_candidate(plan.problem, S)
    assert is_candidate(replace(plan.problem, config=config(close_candidates=[S])), S)
