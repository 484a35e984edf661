"""Today's boarders (班级.寄宿生数) are the base of the layout's boarding, one basis in every
column: a pupil whose school is kept boards at that school's share today, wherever the plan
sends them; a pupil moved from a school that may close boards by the travel rule; beds are
added only where boarders exceed the beds."""

from __future__ import annotations

import pytest
from layout_builders import C1, FLAT_COSTS, TP, J, county, school, village

from junheng.planning import build_layout_problem, load_layout_config, plan_layout
from junheng.planning.layout_check import PlanViolation, check_plan
from junheng.planning.layout_json import layout_json


def config(**kw):
    # today_shares off: worked from the villages' 111 children, not J's 120 pupils today
    base = {"new_sites": "none", "boarding_per_town": False, "target_year": 2025,
            "weights": FLAT_COSTS, "today_shares": False}
    return load_layout_config(None, **{**base, **kw})


def boarding_county(j_beds: int):
    """line_county with J teaching 4 grade-7 classes of 30 today, 15 of each boarding: half
    of J's pupils board. Villages 1–4 send 60 + 30 + 12 + 9 = 111 pupils to J (within the
    day limit, so nobody boards by the rule)."""
    villages = [village(1, 112.00, g13=60, g46=60, g79=60),
                village(2, 112.05, g13=30, g46=30, g79=30),
                village(3, 112.10, g13=12, g46=12, g79=12),
                village(4, 112.15, g13=9, g46=9, g79=9)]
    schools = [school(C1, "primary_school", 112.00, beds=100),
               school(TP, "teaching_point", 112.10, central=C1),
               school(J, "junior_school", 112.05, beds=j_beds)]
    classes = [{"school_id": J, "grade": "g7", "class_no": str(i), "students": 30,
                "boarders": 15} for i in range(1, 5)]
    return county(villages, schools, {C1: 12, TP: 2, J: 12}, classes)


def test_pupils_kept_at_their_school_board_at_its_share_today():
    problem = build_layout_problem(boarding_county(200), config())
    at_j = problem.pairs[problem.pairs["site_id"] == J]
    assert sorted(at_j["board_share"].unique().tolist()) == [0.5]
    plan = plan_layout(boarding_county(200), config())
    # 111 × 0.5 = 55.5 at J, plus village 4's 9 pupils of grades 4–6, 43 minutes from C1
    # (by the rule): 64.5, rounded half to even
    assert plan.outcome.metrics["before"]["boarders"] == 64
    assert plan.outcome.metrics["after"]["boarders"] == 64
    assert next(s for s in plan.outcome.schools if s.school_id == J).added_beds == 0


def test_beds_are_added_only_where_boarders_exceed_them():
    # about where beds are added, not board_unchanged (on by default: J's staying boarders
    # would keep to its 20 beds, test_layout_zoning)
    plan = plan_layout(boarding_county(20), config(board_unchanged=False))
    j = next(s for s in plan.outcome.schools if s.school_id == J)
    assert (j.added_beds, j.beds_after) == (50, 70)  # 55.5 boarders, 20 beds: one block
    c1 = next(s for s in plan.outcome.schools if s.school_id == C1)
    assert c1.added_beds == 0  # C1's 100 beds hold village 4's 9 boarders
    check_plan(plan.problem, layout_json(plan.outcome))


def _requirements(problem):
    from junheng.planning.layout_data import boarding_towns

    return [(r.stage, problem.sites.index[r.members].tolist(), r.basis)
            for r in boarding_towns(problem)]


def test_a_school_with_boarders_today_is_the_towns_boarding_school():
    # J boards 60 pupils today (4 classes × 15), at least the minimum of 50: the town's
    # boarding junior school as it is. C1 could board only village 4's 9 pupils: no primary
    # candidate, so no boarding primary is required and no bed is built for the rule.
    problem = build_layout_problem(boarding_county(200), config(boarding_per_town=True))
    assert _requirements(problem) == [("primary", [], "none"), ("junior", [J], "existing")]
    plan = plan_layout(boarding_county(200), config(boarding_per_town=True))
    assert [s.added_beds for s in plan.outcome.schools] == [0, 0, 0]
    assert "不设寄宿制小学" in plan.outcome.kept_reasons[C1]
    check_plan(plan.problem, layout_json(plan.outcome))


def test_a_school_being_relocated_is_no_candidate_and_gets_no_beds():
    # A 迁建 project in progress at C1 (在建): beds are not built at the old site (its bed
    # blocks are 0) and C1 cannot be the town's boarding primary. A completed one does not
    # count.
    import pandas as pd

    from junheng.planning.layout_data import layout_arrays

    def moving(status):
        data = boarding_county(200)
        return data.with_tables(projects=pd.DataFrame({
            "school_id": [C1], "name": ["C1 迁建工程"], "project_type": ["relocation"],
            "status": [status]}))

    cfg = config(boarding_per_town=True, min_boarders=9)
    problem = build_layout_problem(moving("under_construction"), cfg)
    assert problem.sites["relocating"].tolist() == [True, False, False]
    assert layout_arrays(problem).max_blocks.tolist() == [0.0, 0.0, 20.0]
    assert _requirements(problem) == [("primary", [], "none"), ("junior", [J], "existing")]
    done = build_layout_problem(moving("completed"), cfg)
    assert _requirements(done) == [("primary", [C1], "central"), ("junior", [J], "existing")]


J2 = "4103060003"


def two_junior_county():
    """boarding_county(200) with a second junior school J2 at 112.20 that has no pupils today:
    villages 1–3 are J's today (half board), village 4 is J2's (1 step from J2, 2 from J)."""
    data = boarding_county(200)
    schools = [*data.schools.to_dict("records"), school(J2, "junior_school", 112.20, beds=100)]
    return county(data.villages.to_dict("records"), schools, {C1: 12, TP: 2, J: 12, J2: 12},
                  data.classes.to_dict("records"))


def _shares(problem, village_no):
    t = problem.travel.join(problem.customers[["group"]], on="customer")
    t = t[(t["group"] == "grades_7_9") & (t["village_code"] == f"410306101{village_no:03d}")]
    return dict(zip(t["site_id"], t["board_share"].round(6), strict=True))


def test_boarders_of_a_kept_school_keep_boarding_wherever_they_go():
    # review2 finding 1: J (120 pupils, may not close) boards half its pupils; moving village
    # 3 (1 step from J, 2 steps = 28.8 min from J2, within the day limit) to J2 keeps that
    # half boarding, so the move saves no boarding cost; village 2 is 3 steps (43.1 min)
    # from J2: all board by the rule
    problem = build_layout_problem(two_junior_county(), config())
    assert _shares(problem, 3) == {J: 0.5, J2: 0.5}
    assert _shares(problem, 2) == {J: 0.5, J2: 1.0}
    # village 4 is J2's today, where nobody boards: 0 at J2 and at J (2 steps, 28.8 min)
    assert _shares(problem, 4) == {J: 0.0, J2: 0.0}


def test_pupils_moved_from_a_school_that_may_close_board_by_the_rule():
    problem = build_layout_problem(two_junior_county(), config(close_candidates=[J]))
    assert _shares(problem, 3) == {J: 0.5, J2: 0.0}


def test_the_checker_refuses_a_boarding_share_off_todays_basis():
    plan = plan_layout(boarding_county(200), config())
    doc = layout_json(plan.outcome)
    check_plan(plan.problem, doc)
    a = next(a for a in doc["assignments"] if a["school_id"] == J)
    a["board_share"] = 0.0  # a kept school's boarders made day pupils: boarding cost "saved"
    with pytest.raises(PlanViolation) as err:
        check_plan(plan.problem, doc)
    assert a["village_name"] == "村1"
    assert str(err.value) == (f"村1七至九年级在学校{J}的寄宿比例 0% "
                              "与今天寄宿比例推得的 50% 不符。")


def town_junior_county(code: str):
    """two_junior_county with villages of 城乡分类代码 ``code``, J2 without beds and J with two
    classrooms (100 seats) for villages 1–3's 102 pupils: two of them must leave J or J
    gets a room. Village 3 is 1 step (14.4 min) from J, 2 steps (28.8 min) from J2."""
    data = boarding_county(200)
    villages = [{**v, "urban_rural_code": code} for v in data.villages.to_dict("records")]
    schools = [*data.schools.to_dict("records"), school(J2, "junior_school", 112.20)]
    return county(villages, schools, {C1: 12, TP: 2, J: 2, J2: 12},
                  data.classes.to_dict("records"))


def _parts(problem, village_no):
    """Grades 7–9 parts of a village: (pupils, pinned, site → board share of its pairs)."""
    cust = problem.customers
    mine = cust[(cust["group"] == "grades_7_9")
                & (cust["village_code"] == f"410306101{village_no:03d}")]
    pairs = problem.pairs
    return [(int(r.demand), bool(r.pinned),
             dict(zip(pairs.loc[pairs["customer"] == i, "site_id"],
                      pairs.loc[pairs["customer"] == i, "board_share"].round(6), strict=True)))
            for i, r in mine.iterrows()]


def test_town_pupils_moved_within_the_day_limit_are_day_pupils_and_get_no_beds():
    # issue 16 review item 4: a 镇区 village leaving J (kept, half boarding) for J2 within the
    # day limit walks to school there: share 0, no bed. Planner review 2026-12-03 finding 5:
    # J's boarders counted in the village (12 × 0.5 = 6) are pupils from farther away who
    # board at J; no move of the village makes them day pupils, so they are a part of their
    # own that boards wherever it goes (at J2, with no bed, it would need a block of 50 beds,
    # 75,000 元 a year). J's 2 rooms seat 100 of villages 1–3's 102: village 3's 6 day
    # pupils go to J2 (6 × 14.38 more minutes × 360 trips × 0.2 元 = 6,212 元 a year, far
    # below a room at J, 800,000 / 20 = 40,000 元), leaving 96 at J. No boarder is "saved":
    # 60 before and after (J's 51 + village 4's 9 of grades 4–6 boarding at C1 by the rule).
    cfg = config(keep=[J2])
    problem = build_layout_problem(town_junior_county("121"), cfg)
    assert _parts(problem, 3) == [(6, False, {J: 0.0, J2: 0.0}), (6, True, {J: 1.0, J2: 1.0})]
    plan = plan_layout(town_junior_county("121"), cfg)
    moved = [a for a in plan.outcome.assignments if a.school_id == J2]
    assert [(a.village_id[-3:], a.students, a.board_share) for a in moved] == [
        ("003", 6, 0.0), ("004", 9, 0.0)]
    assert [(s.school_id, s.added_classrooms, s.added_beds) for s in plan.outcome.schools
            if s.school_id in (J, J2)] == [(J, 0, 0), (J2, 0, 0)]
    metrics = plan.outcome.metrics
    assert (metrics["before"]["boarders"], metrics["after"]["boarders"]) == (60, 60)
    check_plan(plan.problem, layout_json(plan.outcome))


def test_rural_boarders_of_a_kept_school_still_board_where_they_go():
    # the same county with rural villages: village 3 would carry its 6 boarders to J2, which
    # has no bed (a block of 50 beds: 1,500,000 / 20 = 75,000 元 a year), so J gets a room
    plan = plan_layout(town_junior_county("210"), config(keep=[J2]))
    assert _shares(plan.problem, 3) == {J: 0.5, J2: 0.5}
    assert [(s.school_id, s.added_classrooms, s.added_beds) for s in plan.outcome.schools
            if s.school_id in (J, J2)] == [(J, 1, 0), (J2, 0, 0)]


def test_the_checker_refuses_boarding_town_pupils_moved_within_the_day_limit():
    plan = plan_layout(town_junior_county("121"), config(keep=[J2]))
    doc = layout_json(plan.outcome)
    a = next(a for a in doc["assignments"] if a["village_id"].endswith("003")
             and a["stage_group"] == "grades_7_9")
    a["board_share"] = 0.5
    with pytest.raises(PlanViolation) as err:
        check_plan(plan.problem, doc)
    # and the 50 % of its pupils so made boarders have no bed at J2 (every broken rule, one line each)
    assert err.value.lines == ("村3（城区或镇区）七至九年级转到学校" + J2 + "，单程 28.8 分钟，"
                               "在走读时间上限内，应走读，计划却按 50% 寄宿。",
                               f"学校{J2}寄宿生 3 人，床位只有 0 张。")


def test_the_plan_says_beside_the_rule_where_it_is_not_met(tmp_path):
    # issue 16 review item 10: the town gets no boarding primary (9 pupils could board, fewer
    # than 50), so 求解信息 no longer shows "是" alone beside the rule
    from openpyxl import load_workbook

    from junheng.report.layout_xlsx import write_layout_xlsx

    plan = plan_layout(boarding_county(200), config(boarding_per_town=True))
    text = ("本方案不满足：乡镇 410306101不设寄宿制小学（原因：这些乡镇的该学段学校中，没有一所会有 50 名以上"
            "走读单程超过 30 分钟、需要寄宿的学生，也没有现有的该学段寄宿制学校；不为此新建无人住的床位）。")
    assert plan.outcome.notes[-1] == text
    rows = [[c.value for c in r] for r in load_workbook(
        write_layout_xlsx(plan.outcome, tmp_path / "plan.xlsx"))["求解信息"].iter_rows()]
    at = rows.index(["规则：每个乡镇保留寄宿制小学和初中（有寄宿生的学校）", "是", None])  # 说明: no money
    assert rows[at + 1] == ["规则：每个乡镇保留寄宿制小学和初中：本方案的执行情况", text, None]
    met = plan_layout(boarding_county(200), config(boarding_per_town=True, min_boarders=9))
    assert "boarding_per_town_unmet" not in met.outcome.rules


TOWN_B = "410306102"
JA, JB = "4103060002", "4103060003"


def two_town_county():
    """Town A: junior school JA at 112.00, village A1 there (30 pupils of grades 7–9) and A2
    at 112.15 (90 pupils, 3 steps = 43.1 minutes from JA: beyond the 30-minute day limit, so
    they board by the rule). Town B: junior school JB at 112.35 with village B1 there (30
    pupils); A2 is 4 steps = 57.5 minutes from JB."""
    villages = [village(1, 112.00, g79=30), village(2, 112.15, g79=90),
                village(1, 112.35, g79=30, town=TOWN_B)]
    schools = [school(JA, "junior_school", 112.00, beds=200),
               school(JB, "junior_school", 112.35, beds=0, town=TOWN_B)]
    return county(villages, schools, {JA: 12, JB: 12})


def test_cross_town_moves_never_impose_the_per_town_rule_on_another_town():
    # The rule counts a town's own pupils. Counting every pair made JB, whose town has no
    # pupil to board, town B's 'planned' boarding school once cross_town let A2's 90
    # boarders reach it: the plan then had to send them 57.5 minutes into another town
    # instead of 43.1 minutes to JA (and on the demo county it built two boarding schools
    # of 63 and 96 pupils, 3,605.67 万元, dearer than the plan without cross_town).
    for cross in (False, True):
        problem = build_layout_problem(two_town_county(),
                                       config(boarding_per_town=True, cross_town=cross))
        assert _requirements(problem) == [("primary", [], "none"), ("junior", [JA], "planned"),
                                          ("primary", [], "none"), ("junior", [], "none")]
    plans = {cross: plan_layout(two_town_county(), config(boarding_per_town=True, cross_town=cross))
             for cross in (False, True)}
    for plan in plans.values():
        a2 = [a for a in plan.outcome.assignments if a.village_id.endswith("002")]
        assert {a.school_id for a in a2} == {JA}
        check_plan(plan.problem, layout_json(plan.outcome))
    # more choices, never a dearer plan
    assert plans[True].outcome.objective <= plans[False].outcome.objective + 1e-6
