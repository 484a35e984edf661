"""A closed school's pupils and teachers go to its receivers as its villages do, counted in
the school year it closes (review 2026-12-04 B6: 70 + 34 = 104 pupils moved from a school
expected to have 97 when it closes, one receiver missing from a table, and all 11 teachers
sent to one of its two receivers). layout_builders: one step 14.38 minutes."""

from __future__ import annotations

from datetime import date

import pandas as pd
import pytest
from layout_builders import C1, COUNTY, FLAT_COSTS, J, school, village

from junheng.model import CountyData
from junheng.planning import load_layout_config, plan_layout
from junheng.planning.compliance_closures import closure_moves
from junheng.planning.layout_check import PlanViolation, check_plan, verify_plan
from junheng.planning.layout_json import layout_from_json, layout_json
from junheng.planning.layout_reasons import action_reasons
from junheng.planning.layout_receivers import receivers, several
from junheng.planning.layout_small import expected_in
from junheng.planning.plans_combined import _school_layout_text, combined_rows
from junheng.report.plan_rows import layout_summary

S, C2 = "4103060201", "4103060009"
#: a 达标路径 with no action (the combined rows are the layout's only)
NO_ACTIONS = pd.DataFrame(columns=["school_id", "name", "item", "quantity", "cost", "annual_cost"])


def _village(n: int, lon: float, k: int) -> dict:
    """2k children of each age 6–11, k of each age 0–5."""
    v = village(n, lon)
    v.update({f"age_{a}": 2 * k if a >= 6 else k for a in range(12)})
    return v


def split_county() -> CountyData:
    """Primaries C1 (112.00), S (112.05) and C2 (112.10), 120, 60 and 120 pupils today;
    villages 1–4 at 112.00, 112.04, 112.06 and 112.10, village 3 with 1.5 times the
    children of the others. Villages 2 and 3 are S's (nearest): 2 is nearer C1, 3 nearer C2."""
    villages = [_village(1, 112.00, 10), _village(2, 112.04, 10), _village(3, 112.06, 15),
                _village(4, 112.10, 10)]
    schools = [school(C1, "primary_school", 112.00, code="220"),
               school(S, "primary_school", 112.05, code="220"),
               school(C2, "primary_school", 112.10, code="220"),
               school(J, "junior_school", 112.05, code="220")]
    rows = [{"school_id": sid, "grade": g, "class_no": "1", "students": n}
            for sid, n in ((C1, 20), (S, 10), (C2, 20)) for g in ("g1", "g2", "g3", "g4", "g5", "g6")]
    info = {"county_code": COUNTY, "county_name": "示例县", "city_name": "洛阳市",
            "school_year": 2025, "primary_funding_quota": 720, "junior_funding_quota": 940}
    room = {"classrooms": 12, "teaching_area": 5000.0, "sports_area": 10000.0}
    facilities = [{"school_id": C1, **room}, {"school_id": C2, **room},
                  {"school_id": S, "classrooms": 6}, {"school_id": J, "classrooms": 12}]
    return CountyData.from_records(info, villages=villages, schools=schools,
                                   facilities=facilities, classes=rows)


@pytest.fixture(scope="module")
def plan():
    cfg = load_layout_config(None, new_sites="none", boarding_per_town=False, target_year=2029,
                             weights=FLAT_COSTS, cv_limits=False, plan_date=date(2026, 9, 15),
                             close=[S], keep=[C1, C2])
    return plan_layout(split_county(), cfg, evaluate_cvs=False)


def _closed(plan):
    return next(s for s in plan.outcome.schools if s.school_id == S)


def test_the_pupils_moved_are_the_schools_in_the_year_it_closes_split_as_its_villages_go(plan):
    s = _closed(plan)
    # S closes in the first school year, 2027 (dated 2026-09-15: 2026 学年 begun, 2027's 论证报告
    # due by 2026-09-30 not yet overdue, rule (26)), expecting 50 pupils (its 60
    # × the town's 2027 children over its pupils today); its villages' pupils of the target
    # year go 6 + 10 = 16 (village 2) to C1 and 9 + 15 = 24 (village 3) to C2: 50 × 24 / 40
    # = 30 to C2, 50 × 16 / 40 = 20 to C1 (both whole: no remainder)
    assert (s.action, s.phase, s.merged_into) == ("close", 2, C2)
    assert expected_in(split_county(), plan.problem, 2027)[S] == 50
    moved = {}
    for a in plan.outcome.assignments:
        if a.before_school == S:
            moved[a.school_id] = moved.get(a.school_id, 0) + a.students
    assert moved == {C1: 16, C2: 24}
    assert dict(s.moved_pupils) == {C2: 30, C1: 20}
    # its 10 teachers (班师比 10.2) by those pupils: 10 × 30 / 50 = 6, 10 × 20 / 50 = 4
    assert (s.teachers_to_redeploy, dict(s.moved_teachers)) == (10, {C2: 6, C1: 4})
    check_plan(plan.problem, layout_json(plan.outcome), split_county())  # the checker agrees


def test_every_table_names_every_receiver_with_its_pupils_and_teachers(plan):
    s = _closed(plan)
    assert receivers(plan.outcome)[S] == "学校4103060009 30 人（村3）、学校4103060001 20 人（村2）"
    detail = next(a.detail for a in layout_summary(plan.outcome).actions if a.name == "学校4103060201")
    assert detail == ("学生并入学校4103060009 30 人（村3）、学校4103060001 20 人（村2），10 名教师随学生调配到"
                      "学校4103060009 6 人、学校4103060001 4 人")
    assert "；10 名教师随学生调配到学校4103060009 6 人、学校4103060001 4 人" in \
        action_reasons(plan.outcome)[S]
    names = plan.outcome.names
    # the combined plan names the villages each receiver takes, as the layout plan does
    assert _school_layout_text(s, names, several(plan.outcome)) == (
        "撤并，学生并入学校4103060009 30 人（村3）、学校4103060001 20 人（村2）")
    row = next(r for r in combined_rows(plan.outcome, NO_ACTIONS) if r["school_id"] == S)
    assert row["layout"] == "撤并，学生并入学校4103060009 30 人（村3）、学校4103060001 20 人（村2）"
    assert closure_moves(plan.outcome.schools).values.tolist() == [
        [S, "学校4103060201", C2, "学校4103060009", 6, "primary_school", "primary"],
        [S, "学校4103060201", C1, "学校4103060001", 4, "primary_school", "primary"]]  # a 小学 closes: its teachers' 学段


def test_pupils_split_with_all_teachers_to_one_receiver_name_it(plan):
    # Review 2026-12-04 finding 17: 许小岗村教学点's pupils went 5 and 1, its 2 teachers both to
    # 邓家寺 and the row said only "2 名教师调配". Here S's 30 + 20 pupils split, its 10
    # teachers all go to C2: every table names C2 as where they go.
    from dataclasses import replace

    s = replace(_closed(plan), moved_teachers={C2: 10, C1: 0})
    outcome = replace(plan.outcome, schools=tuple(
        s if x.school_id == S else x for x in plan.outcome.schools))
    detail = next(a.detail for a in layout_summary(outcome).actions if a.name == "学校4103060201")
    assert detail == "学生并入学校4103060009 30 人（村3）、学校4103060001 20 人（村2），10 名教师均调配到学校4103060009"
    # the villages a sentence of their own (rv 6)
    assert "（同乡镇）；10 名教师均调配到学校4103060009。划片村居规划年学生去向" in action_reasons(outcome)[S]
    # one receiver for the pupils too: the row names it once, as before
    alone = replace(s, moved_pupils={C2: 50})
    assert alone.teachers_text(outcome.names) == "10 名教师调配"


def test_the_split_is_kept_in_plan_json_and_older_plans_read_without_it(plan):
    doc = layout_json(plan.outcome)
    again = next(s for s in layout_from_json(doc).schools if s.school_id == S)
    assert (dict(again.moved_pupils), dict(again.moved_teachers)) == ({C2: 30, C1: 20}, {C2: 6, C1: 4})
    for s in doc["schools"]:
        del s["moved_pupils"], s["moved_teachers"]
    old = layout_from_json(doc)
    # an older plan: its villages' pupils of the target year, all teachers to the main receiver
    assert receivers(old)[S] == "学校4103060009 24 人（村3）、学校4103060001 16 人（村2）"
    assert closure_moves(old.schools).values.tolist() == [
        [S, "学校4103060201", C2, "学校4103060009", 10, "primary_school", "primary"]]


def test_a_plan_that_breaks_a_rule_is_not_written_and_the_message_names_village_and_school(plan):
    assert verify_plan(plan.problem, layout_json(plan.outcome), split_county()) == \
        "方案校验：15 项规则均按方案核对无误"  # no cv_limits: the 差异系数 rule is not checked
    doc = layout_json(plan.outcome)
    # the rules the plan itself reports unmet follow the verdict, so it no longer reads
    # "通过" beside them (review: "方案校验：通过" and "未满足的规则：…" in one document)
    doc["rules"] = {**doc["rules"], "boarding_per_town_unmet": "甲镇没有寄宿制初中"}
    doc["evaluation"] = {"before": {}, "after": {"primary": {"a": 0.647}, "junior": {"a": 0.676, "b": 0.3}},
                         "limits": {"primary": {"a": 0.5}, "junior": {"a": 0.45, "b": 0.45}}}
    assert verify_plan(plan.problem, doc, split_county()) == (
        "方案校验：已按方案核对 15 项规则，与方案所报一致；方案未满足规则 1 项（不含差异系数）：每个乡镇保留寄宿制小学和初中；"
        "差异系数 2 项超过限值（本方案使其超限或变差，不符合规则）")  # no before: raised over (rv16 1)
    doc = layout_json(plan.outcome)
    moved = next(a for a in doc["assignments"] if a["before_school"] == S)
    moved["school_id"] = S  # back to the closed school
    with pytest.raises(PlanViolation, match="^方案校验未通过：村2被分配到已撤并或不存在的学校4103060201。"
                                            "方案未写出：请检查方案设置；设置无误时请将此信息告知系统管理员。$"):
        verify_plan(plan.problem, doc, split_county())
