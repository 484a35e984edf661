"""A school kept for 目标学年复核 (``small_school_review``) receives no pupils from another
school: a 教学点 near it goes to another kept complete school within the limits or, with none,
stays (应留必留, the reason naming the school under review); the checker refuses a plan that
sends pupils into it, and reports every rule a plan breaks (layout_builders: one step 14.38
minutes)."""

from __future__ import annotations

import pytest
from layout_builders import C1, COUNTY, TOWN, TP, J, school
from test_layout_small import config  # the scenario of the review tests: target year 2029

from junheng.model import CountyData
from junheng.planning import plan_layout
from junheng.planning.layout_check import PlanViolation, check_plan, verify_plan
from junheng.planning.layout_json import layout_json

S = "4103060201"


def review_village(n: int, lon: float) -> dict:
    """A village with 10 children of each age 6–11 and 7 of each age 0–5 (none older)."""
    return {"village_code": f"{TOWN}{n:03d}", "name": f"村{n}", "town_code": TOWN,
            "urban_rural_code": "210", "lon": lon, "lat": 34.0, "crs": "WGS84",
            **{f"age_{a}": 10 if a >= 6 else 7 for a in range(12)}}


def point_county() -> CountyData:
    """C1 (112.00, 25 pupils a grade: 150), S (112.05, 20 a grade: 120) and the 教学点 TP
    (112.10, 10 a grade in grades 1–3: 30), villages 1–3 beside them with 20, 16 and 4
    children of every age. In 2029 (ages 2–7 today) the town has 6 × (20 + 16 + 4) = 240
    children of grades 1–6 against 300 pupils today: each school expects 0.8 of today's,
    C1 120, S 96 (under 100 by 4, within 10 %: kept for 复核) and TP 24."""
    villages = [review_village(1, 112.00), review_village(2, 112.05),
                review_village(3, 112.10)]
    schools = [school(C1, "primary_school", 112.00, code="220"),
               school(S, "primary_school", 112.05, code="220"),
               school(TP, "teaching_point", 112.10, central=C1, code="220"),
               school(J, "junior_school", 112.05, code="220")]
    rows = [{"school_id": sid, "grade": g, "class_no": "1", "students": n}
            for sid, n, grades in ((C1, 25, 6), (S, 20, 6), (TP, 10, 3))
            for g in ("g1", "g2", "g3", "g4", "g5", "g6")[:grades]]
    roomy = {"teaching_area": 5000.0, "sports_area": 10000.0}  # C1 and S build nothing to receive
    facilities = [{"school_id": sid, "classrooms": n, **(roomy if sid in (C1, S) else {})}
                  for sid, n in ((C1, 12), (S, 6), (TP, 3), (J, 12))]
    return CountyData.from_records(
        {"county_code": COUNTY, "county_name": "示例县", "city_name": "洛阳市", "school_year": 2025,
         "primary_funding_quota": 720, "junior_funding_quota": 940},
        villages=villages, schools=schools, facilities=facilities, classes=rows)


@pytest.fixture(scope="module")
def moved():
    """The point's young pupils may go as far as the day limit (no review minutes)."""
    return plan_layout(point_county(), config(keep_points_beyond_review=False), evaluate_cvs=False)


def _school(plan, sid):
    return next(s for s in plan.outcome.schools if s.school_id == sid)


def test_a_point_near_a_school_under_review_goes_to_the_other_kept_school(moved):
    # today's shares: C1's 75 pupils a group over 30 children (2.5 each), S's grades 1–3 60
    # over village 2's 30 (2), its grades 4–6 60 over villages 2 and 3's 60 (1), TP's 30 over
    # 30 (1); of 2029's 21 (ages 2–4: 3 × 7) and 27 (ages 5–7: 7 + 10 + 10) a village,
    # C1 21 × 2.5 + 27 × 2.5 = 120, S 21 × 2 + 27 + 27 = 96, TP 21: 237 over 300 pupils today,
    # so S expects 120 × 0.79 = 94.8 → 95, 5 under 100 (within 10 %): kept for 复核
    s = _school(moved, S)
    assert (s.action, s.students_now, s.students_expected) == ("keep", 120, 95)
    # TP's 21 (village 3's grades 1–3) skip S (14.38 minutes) for C1 (2 × 14.38 = 28.76)
    tp = _school(moved, TP)
    assert (tp.action, tp.merged_into) == ("close", C1)
    young = [(a.school_id, a.students, a.travel_min) for a in moved.outcome.assignments
             if a.before_school == TP]
    assert young == [(C1, 21, 28.76)]
    # S keeps its own 96 and receives nobody; C1 has its 120 and the 21
    assert s.students_after == {"primary": 96, "junior": 0}
    assert _school(moved, C1).students_after == {"primary": 141, "junior": 0}
    assert not any(a.school_id == S and a.before_school != S for a in moved.outcome.assignments)
    assert any(n.endswith("少于 100 人的再论证撤并；复核学校不接收其他学校的学生，以免复核后撤并时学生两次转学。")
               for n in moved.outcome.notes)


def test_a_point_whose_only_near_school_is_under_review_stays_with_its_reason():
    # within the 20 review minutes of a point's grades 1–3 only S (14.38) is: the point stays
    from junheng.planning.layout_reasons import action_reasons

    plan = plan_layout(point_county(), config(), evaluate_cvs=False)
    tp = _school(plan, TP)
    assert (tp.action, tp.students_after) == ("keep", {"primary": 21, "junior": 0})
    assert action_reasons(plan.outcome)[TP] == (
        "应留必留：村3的一至三年级学生在通行时间限制内（走读单程 30 分钟，一至三年级不寄宿；教学点的一至三年级转学单程"
        "不超过需论证的 20 分钟）没有本乡镇其他可接收的完全学校；限制内的学校4103060201保留至 2029 学年复核，"
        "复核后可能撤并，不接收其他学校的学生，以免学生两次转学。")


#: the checker's line for village 3's grades 1–3 sent into S
INTO_REVIEW = ("村3的一至三年级 21 人从学校TP01转入学校4103060201：该校现有在校生 120 人，2029 学年预计 95 人，"
               "距小规模学校标准 100 人在 10% 以内，保留至该学年复核，复核后可能撤并，不接收其他学校的学生。")


def _into_s(plan) -> dict:
    """The plan's document with village 3's grades 1–3 moved from C1 into S (14.38 minutes)."""
    doc = layout_json(plan.outcome)
    a = next(a for a in doc["assignments"] if a["village_id"].endswith("003")
             and a["stage_group"] == "grades_1_3")
    a.update(school_id=S, travel_min=14.38, distance_km=4.609)
    return doc


def test_the_checker_refuses_pupils_sent_into_a_school_under_review(moved):
    data = point_county()
    check_plan(moved.problem, layout_json(moved.outcome), data)
    with pytest.raises(PlanViolation) as err:
        check_plan(moved.problem, _into_s(moved))
    assert err.value.lines == (INTO_REVIEW,)
    assert str(err.value) == INTO_REVIEW


def test_the_checker_reports_every_rule_a_plan_breaks(moved):
    # two rules: S receives village 3's 21, and C1, listed as to close, is kept
    from dataclasses import replace

    problem = replace(moved.problem, config=config(keep_points_beyond_review=False, close=[C1]))
    doc = _into_s(moved)
    with pytest.raises(PlanViolation) as err:
        check_plan(problem, doc)
    assert err.value.lines == ("学校4103060001被方案指定撤并，但计划仍保留。", INTO_REVIEW)
    with pytest.raises(PlanViolation) as err:
        verify_plan(problem, doc, None)
    assert str(err.value) == ("方案校验未通过，共 2 项：\n学校4103060001被方案指定撤并，但计划仍保留。\n"
                              f"{INTO_REVIEW}\n方案未写出：请检查方案设置；设置无误时请将此信息告知系统管理员。")
