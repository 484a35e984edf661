"""The layout planner on hand-made counties whose optimal plans are worked out by hand.

Distances: one step of 0.05° longitude at lat 34° is STEP minutes by the rural day speed
(see conftest). Costs: 0.2 元 per pupil-minute, 360 day trips and 72 boarder trips a year,
1,500 元 per boarder, a flat 400,000 元 per open school and no 公用经费 floor
(``FLAT_COSTS``), 800,000 元 per classroom and 1,500,000 元 per 50 beds, annualised over 20
years.
"""

from __future__ import annotations

import math
import re
from datetime import date

import pytest
from layout_builders import C1, FLAT_COSTS, TP, V1_PRICES, J, county, line_county, school, village

from junheng.errors import InfeasibleError
from junheng.planning import build_layout_problem, load_layout_config, plan_layout
from junheng.planning.layout_check import PlanViolation, check_plan
from junheng.planning.layout_data import towns_needing_boarding
from junheng.planning.layout_json import layout_json
from junheng.planning.layout_model import solve_layout
from junheng.planning.layout_newsite import shown_id

R = 6371.0088
STEP_KM = 2 * R * math.asin(math.cos(math.radians(34)) * math.sin(math.radians(0.025)))
STEP = STEP_KM * 1.3 / 25 * 60  # ≈ 14.381 minutes


def config(**kw):
    # keep_points_beyond_review off: worked by hand before that rule (TP's village 3 rides
    # 28.8 minutes to C1, beyond the review minutes, so the rule would keep TP)
    # plan_date: planned before the 2026 学年 begins (2026-09-01), so phase 1 (data year 2025
    # + 1) can be acted in; test_layout_phases works the later days
    # expansion_lead_years 0: an expansion in use the year it is paid (worked by hand before
    # the build-time rule; test_layout_build_time works it)
    # temporary_peak_years 1: worked by hand at the old default (now 3; test_layout_years
    # works the default)
    # sports_land_max_m2 0: worked by hand before land beside a receiver, rule (25)
    # (test_layout_land works it)
    base = {"new_sites": "none", "boarding_per_town": False, "target_year": 2025,
            "weights": FLAT_COSTS, "costs": V1_PRICES, "keep_points_beyond_review": False,
            "plan_date": date(2026, 6, 1), "expansion_lead_years": 0, "temporary_peak_years": 1,
            "sports_land_max_m2": 0}
    return load_layout_config(None, **{**base, **kw})


def actions(plan) -> dict[str, str]:
    return {s["school_id"]: s["action"] for s in layout_json(plan.outcome)["schools"]}


def school_row(plan, sid):
    return next(s for s in layout_json(plan.outcome)["schools"] if s["school_id"] == sid)


def checked(plan) -> float:
    """Re-check the plan independently and return the recomputed objective."""
    return check_plan(plan.problem, layout_json(plan.outcome))


def test_every_school_kept_when_each_is_the_only_one_within_reach():
    plan = plan_layout(line_county(), config())
    assert plan.status == "optimal"
    assert actions(plan) == {C1: "keep", TP: "keep", J: "keep"}
    # Day pupil-minutes: one step for 30+9+30+60+12 pupils, two steps for 12+9 pupils
    # = 183 STEP; village 4's grades 4-6 (9 pupils) board at C1, three steps away.
    expected = 0.2 * (360 * 183 * STEP + 72 * 27 * STEP) + 9 * 1500 + 3 * 400_000
    assert plan.solution.objective == pytest.approx(expected, rel=1e-6)
    assert checked(plan) == pytest.approx(expected, rel=1e-4)
    boarding = [a for a in layout_json(plan.outcome)["assignments"] if a["boarding"]]
    assert [(a["village_id"], a["stage_group"], a["school_id"]) for a in boarding] == [
        ("410306101004", "grades_4_6", C1)]
    assert "应留必留" in plan.kept_reasons[TP]


def test_small_teaching_point_is_merged_into_its_central_school():
    plan = plan_layout(line_county(far_village=False), config())
    assert actions(plan) == {C1: "keep", TP: "close", J: "keep"}
    tp = school_row(plan, TP)
    # made 2026-06-01: 2026 学年 not begun (phase 1), but a 2026 closure's 论证报告 was due by
    # 2025-09-30 (rule (26), review rv13 5): TP closes in 2027, phase 2
    assert tp["merged_into"] == C1 and tp["phase"] == 2
    # Village 3's grades 1-3 now travel two steps: day pupil-minutes 180 STEP, two schools.
    expected = 0.2 * 360 * 180 * STEP + 2 * 400_000
    assert plan.solution.objective == pytest.approx(expected, rel=1e-6)
    checked(plan)
    assert plan.metrics["before"]["teaching_points"] == 1
    assert plan.metrics["after"]["teaching_points"] == 0


def test_minimum_size_rule_binds_when_operating_cost_is_zero():
    free = {"weights": {**FLAT_COSTS, "operating_yuan_per_school": 0}}
    kept = plan_layout(line_county(far_village=False), config(min_school_size={}, **free))
    assert actions(kept)[TP] == "keep"  # 12 pupils save 12 × 2 STEP × 360 × 0.2 元 of travel
    merged = plan_layout(line_county(far_village=False),
                         config(min_school_size={"teaching_point": 50}, **free))
    # Villages 2 and 3 (30 + 12 = 42 pupils) are all it could gather: 42 < 50, and C1 is
    # within 30 minutes of both, so the point must close.
    assert actions(merged)[TP] == "close"


def test_day_travel_limit_keeps_the_only_reachable_point():
    plan = plan_layout(line_county(far_village=False), config(day_travel_limit_min=25))
    # Village 3 to C1 is 2 STEP ≈ 28.8 min > 25: the teaching point is the only school.
    assert actions(plan)[TP] == "keep"
    assert plan.kept_reasons[TP].startswith("应留必留")
    grades13 = {a["village_id"]: a["school_id"] for a in layout_json(plan.outcome)["assignments"]
                if a["stage_group"] == "grades_1_3"}
    assert grades13["410306101003"] == TP


def test_classrooms_are_added_when_seats_at_standard_class_size_run_short():
    plan = plan_layout(line_county(far_village=False, c1_rooms=2), config())
    c1 = school_row(plan, C1)
    # C1 then holds 102 + 102 primary pupils; 2 rooms × 45 = 90 seats; ceil(114 / 45) = 3: the
    # solve adds 3. Grade by grade (brief hroom; a third of each group a grade) the 过渡期 needs
    # 4, 4, 4, 1 rooms in 2025–2028 (test_layout_years works it); at 1 year the run rule builds
    # all 4, none met by 临时周转 (by seats it built 2 and borrowed 1)
    assert c1["action"] == "expand"
    assert c1["added_classrooms_by_stage"] == {"primary": 4, "junior": 0}
    assert c1["temporary_classrooms_by_stage"] == {}
    assert c1["capacity"]["primary"] == 6 * 45
    assert school_row(plan, TP)["phase"] == 2  # 先建后撤: closes after C1 is built (phase 1)
    assert (c1["temporary_classrooms"], c1["temporary_yuan"]) == (0, 0.0)
    assert plan.metrics["after"]["capital_cost_yuan"] == 4 * 800_000
    checked(plan)


def test_yearly_budget_spreads_the_build_and_delays_the_merge():
    plan = plan_layout(line_county(far_village=False, c1_rooms=2),
                       config(annual_budget_yuan=1_000_000, phases=3))
    # Rule (27): C1's target-year (2025) classes, grade by grade, need 4 rooms beyond its 2 (a
    # third of 204 pupils a grade: 4 + 4 classes in 2 rooms + 4 ... test_classrooms_are_added…);
    # 4 rooms cost 3.2 million, the budget of three years is 3.0: the solve adds 3, which the
    # budget pays (2.4 million), and borrows the 4th in the target year (u = 1, priced as a
    # built room in the objective, outside the budget row). C1's 3 rooms are built in phase 3
    # (2028), the years before met by 临时周转; the 4th is never built
    assert plan.solution.borrowed_rooms == {C1: {"primary": 1}}
    c1 = school_row(plan, C1)
    assert (c1["phase"], c1["added_classrooms"], c1["borrowed_classrooms"]) == (3, 3, 1)
    assert (c1["temporary_classrooms"], c1["capital_yuan"]) == (1, 2_400_000.0)
    assert school_row(plan, TP)["phase"] == 4
    # priced as the room the solve adds without a budget (4 added, none borrowed), 1 元 a year
    # more (the tie-break that adds a room the budget can pay); the checker prices it as a room
    free = solve_layout(build_layout_problem(line_county(far_village=False, c1_rooms=2), config(phases=3)))
    assert (free.added_primary_rooms, free.borrowed_rooms) == ({C1: 4}, {})
    assert plan.solution.objective == pytest.approx(free.objective + 1.0, abs=1e-6)
    same = plan_layout(line_county(far_village=False, c1_rooms=2), config(phases=3))
    assert checked(plan) == pytest.approx(checked(same), abs=1e-6)


def test_budget_too_small_is_infeasible_with_reason():
    with pytest.raises(InfeasibleError, match="没有可行的布局方案") as caught:
        plan_layout(line_county(far_village=False, c1_rooms=2),
                    config(annual_budget_yuan=500_000, phases=3))
    # the settings by the names the form shows them under, no key (review rvweb 4:
    # 「请放宽 max_added_classrooms、annual_budget_yuan …」)
    message = str(caught.value)
    assert message.endswith("请放宽“现有学校每个学段最多新增教室数”、“每年建设预算”或通行时间上限后重试。")
    assert not re.search("[A-Za-z]", message)


def test_boarders_get_beds_built_where_there_are_none():
    # board_unchanged off: village 4's 9 pupils of grades 4–6 stay at C1, their school today
    # (by default they keep as today: the next test)
    plan = plan_layout(line_county(c1_beds=0), config(board_unchanged=False))
    c1 = school_row(plan, C1)
    assert c1["added_beds"] == 50 and c1["boarding"]  # 9 boarders from village 4
    checked(plan)
    with pytest.raises(InfeasibleError):
        plan_layout(line_county(c1_beds=0), config(max_added_beds=0, board_unchanged=False))


def test_pupils_whose_school_does_not_change_get_no_new_beds():
    # Review finding 8 (50 beds for 15 pupils who walk today): by default village 4's 9
    # pupils stay at C1 without a bed (C1 has none), and C1's reason says why and what to do
    plan = plan_layout(line_county(c1_beds=0), config())
    assert school_row(plan, C1)["added_beds"] == 0
    assert plan.outcome.metrics["after"]["boarders"] == 0
    assert plan.kept_reasons[C1].endswith(
        # C1 keeps villages 1–2's grades 1–3 (60 + 30) and villages 1–4's grades 4–6 (111)
        "就读学校不变的学生 201 人，按规则须寄宿 9 人（单程按直线距离估算超过走读上限 30 分钟 9 人），"
        "现有床位 0 张：现有床位不足，维持现状，不为他们新增床位，方案计寄宿 0 人，9 人不计寄宿；"
        "需核实实际道路时间（在 30 分钟内则走读），超过的安排校车接送。")
    # and the plan's notes (说明) name the school
    assert "就读学校不变的学生不新增宿舍床位：1 所学校按规则须寄宿的留校学生多于现有床位（学校4103060001按规则须寄宿 9 人、" \
        "现有床位 0 张、方案计寄宿 0 人），现有床位不足，维持现状，共 9 人不计寄宿；需核实实际道路时间" \
        "（在 30 分钟内则走读），超过的安排校车接送。" in plan.outcome.notes
    checked(plan)


def test_no_beds_are_built_for_the_town_rule_where_no_pupil_boards():
    # Review finding 3: without village 4 every trip is within the day limit, so no pupil
    # boards; the rule is not met by 50 empty beds at C1 and J but said not to apply.
    plan = plan_layout(line_county(far_village=False, c1_beds=0, j_beds=0),
                       config(boarding_per_town=True))
    assert school_row(plan, C1)["added_beds"] == 0
    assert school_row(plan, J)["added_beds"] == 0
    assert plan.kept_reasons[C1].split("。", 1)[1] == (   # after its 应留必留 reason
        "本乡镇没有一所小学会有 50 名以上寄宿生（走读单程超过 30 分钟的学生不足），也没有现有寄宿制小学："
        "不设寄宿制小学，不为“每个乡镇至少 1 所寄宿制学校”新建床位。"
        "本乡镇没有一所初中会有 50 名以上寄宿生（走读单程超过 30 分钟的学生不足），也没有现有寄宿制初中："
        "不设寄宿制初中，不为“每个乡镇至少 1 所寄宿制学校”新建床位。")
    checked(plan)


def test_a_town_boarding_school_is_one_with_its_minimum_of_planned_boarders():
    # Village 4's 9 pupils of grades 4-6 can only board at C1 (three steps, 43 min): with a
    # minimum of 9 boarders C1 is the town's boarding primary, its 50 new beds are for them and
    # the reason says so; no junior pupil boards (J is two steps, 28.8 min, from village 4).
    # board_unchanged off: the 9 stay at C1, their school today (by default: no bed)
    plan = plan_layout(line_county(c1_beds=0, j_beds=0),
                       config(boarding_per_town=True, min_boarders=9, board_unchanged=False))
    assert school_row(plan, C1)["added_beds"] == 50 and school_row(plan, C1)["boarding"]
    assert school_row(plan, J)["added_beds"] == 0
    assert "本乡镇没有一所初中会有 9 名以上寄宿生" in plan.kept_reasons[C1]
    assert "没有一所小学" not in plan.kept_reasons[C1]
    from junheng.planning.layout_reasons import action_reasons
    assert action_reasons(plan.outcome)[C1].endswith("新增床位 50 张（调整后寄宿生 9 人，现有床位 0 张）")
    checked(plan)
    # The checker refuses beds nobody boards in: 50 more at J, whose pupils all go home.
    doc = layout_json(plan.outcome)
    j = next(s for s in doc["schools"] if s["school_id"] == J)
    j.update(added_beds=50, beds_after=50)
    with pytest.raises(PlanViolation, match="寄宿生 0 人只需新增 0 张"):
        check_plan(plan.problem, doc)


def test_school_size_cap_opens_a_new_school():
    plan = plan_layout(line_county(far_village=False), config(school_size_cap=150,
                                                                new_sites="town_centres"))
    doc = layout_json(plan.outcome)
    new = [s for s in doc["schools"] if s["action"] == "new"]
    assert [s["school_id"] for s in new] == ["NEW-410306101"]
    # a school's name, its stages said, no project word in it (planner review: 新建 read as
    # part of the name, "新建长青社区片区新建初级中学"); that it is new is its action's
    assert [(s["name"], shown_id(s["school_id"], s["name"])) for s in new] == [
        ("村1寄宿制九年一贯制学校", "新建学校（村1）")]
    for s in doc["schools"]:
        total = s["students_after"]["primary"] + s["students_after"]["junior"]
        assert total <= (2500 if s["kind"] == "new" else 150)
    checked(plan)


def test_forced_closure_of_the_only_point_is_explained():
    with pytest.raises(InfeasibleError, match="村4.*一至三年级 9 人"):
        plan_layout(line_county(), config(close=[TP]))


def test_village_beyond_every_limit_stays_at_its_schools_today():
    """Village 5, 0.5° beyond TP, has a school today for each group, each beyond the limits:
    the plan keeps the status quo (brief hstay; it was refused, naming 村5, though it has
    schools today: test_layout_today_beyond keeps the refusal of a village with none)."""
    data = line_county()
    far = village(5, 112.60, g13=5, g46=5, g79=5)
    data = county([*data.villages.to_dict("records"), far], data.schools.to_dict("records"),
                  {C1: 12, TP: 2, J: 12})
    plan = plan_layout(data, config())
    assert [(a["stage_group"], a["school_id"], a["travel_min"], a["boarding"])
            for a in layout_json(plan.outcome)["assignments"] if a["village_id"] == "410306101005"] == [
        ("grades_1_3", TP, 143.81, False), ("grades_4_6", C1, 172.57, True), ("grades_7_9", J, 158.19, True)]
    checked(plan)


def test_target_year_ages_children_forward():
    problem = build_layout_problem(line_county(), config(target_year=2027))
    v1 = problem.customers[problem.customers["village_code"] == "410306101001"]
    # In 2027 grades 1-3 are today's ages 4-6: only age 6 (20 children) is non-zero.
    assert dict(zip(v1["group"], v1["demand"], strict=True)) == {
        "grades_1_3": 20, "grades_4_6": 60, "grades_7_9": 60}


def test_unknown_school_in_keep_list_is_rejected():
    from junheng.errors import ConfigError

    with pytest.raises(ConfigError) as raised:
        build_layout_problem(line_county(), config(keep=["X9"]))
    # the lists are named as the web form names them, not by their YAML keys
    assert str(raised.value) == "方案中“必须保留”“必须撤并”“另列为撤并对象”的学校含有不存在的学校标识码：X9"


def test_checker_catches_each_kind_of_violation():
    plan = plan_layout(line_county(far_village=False, c1_rooms=2), config())
    good = layout_json(plan.outcome)

    def broken(edit):
        doc = {**good, "schools": [dict(s) for s in good["schools"]],
               "assignments": [dict(a) for a in good["assignments"]]}
        edit(doc)
        return doc

    def to_closed(doc):
        doc["assignments"][0]["school_id"] = TP

    def twice(doc):
        doc["assignments"].append(dict(doc["assignments"][0]))

    def no_rooms(doc):
        c1 = next(s for s in doc["schools"] if s["school_id"] == C1)
        c1["added_classrooms"] = 0
        c1["added_classrooms_by_stage"] = {"primary": 0, "junior": 0}

    def early_close(doc):
        next(s for s in doc["schools"] if s["school_id"] == TP)["phase"] = 1

    def wrong_board(doc):
        doc["assignments"][0]["boarding"] = True

    def missing(doc):
        doc["assignments"].pop()

    cases = [(to_closed, "已撤并或不存在"), (twice, "不止一次"), (no_rooms, "超过按标准班额"),
             (early_close, "先建后撤"), (wrong_board, "寄宿标记"), (missing, "没有分配学校")]
    for edit, message in cases:
        with pytest.raises(PlanViolation, match=message):
            check_plan(plan.problem, broken(edit))


def test_config_rejects_unknown_keys(tmp_path):
    from junheng.errors import ConfigError

    path = tmp_path / "plan.yaml"
    path.write_text("layout:\n  day_travel_limt_min: 20\n", encoding="utf-8")
    with pytest.raises(ConfigError, match="day_travel_limt_min"):
        load_layout_config(path)


def test_travel_matrix_overrides_straight_line_times():
    import pandas as pd

    from junheng.planning.layout_data import travel_frame

    problem = build_layout_problem(line_county(), config())
    matrix = pd.DataFrame({"village_code": ["410306101003"], "school_id": [C1], "minutes": [5.0]})
    travel = travel_frame(problem.customers, problem.sites, problem.config, matrix)
    row = travel[(travel["village_code"] == "410306101003") & (travel["site_id"] == C1)]
    assert set(row["travel_min"]) == {5.0}


def test_new_site_not_opened_is_not_listed():
    plan = plan_layout(line_county(), config(new_sites="town_centres"))
    assert "NEW-410306101" not in actions(plan)
    assert school("x", "primary_school", 1.0)["school_type"] == "primary_school"


def test_planned_county_moves_pupils_and_teachers_of_closed_schools():
    from junheng.io import example_county
    from junheng.planning.layout_county import planned_county
    from junheng.planning.layout_outcome import PlannedSchool

    data = example_county()
    point = data.schools.loc[data.schools["school_type"] == "teaching_point"].iloc[0]
    receiver = point["central_school"]
    plan = [PlannedSchool(point["school_id"], point["name"], "close", merged_into=receiver),
            PlannedSchool(receiver, "接收学校", "expand", added_classrooms=2)]
    after = planned_county(data, plan)
    assert point["school_id"] not in set(after.schools["school_id"])
    moved = data.classes["school_id"] == point["school_id"]
    total = data.classes.loc[moved | (data.classes["school_id"] == receiver), "students"].sum()
    assert after.classes.loc[after.classes["school_id"] == receiver, "students"].sum() == total
    assert not (after.teachers["school_id"] == point["school_id"]).any()
    fac = data.facilities.set_index("school_id")
    new_fac = after.facilities.set_index("school_id")
    # Two added classrooms bring 2 × 120 m² of teaching space; equipment moves with the pupils.
    assert new_fac.at[receiver, "teaching_area"] == fac.at[receiver, "teaching_area"] + 240
    assert new_fac.at[receiver, "equipment_value"] == (
        fac.at[receiver, "equipment_value"] + fac.at[point["school_id"], "equipment_value"])


def test_boarding_rule_skips_a_town_whose_villages_are_mostly_urban():
    # Town U: villages 111, 112, 220 (2 of 3 urban) -> a 街道, though its one school is coded
    # 121; town R: villages 210 -> a 乡镇 even with a school coded 111.
    urban, rural = "410306001", "410306101"
    villages = [village(1, 112.00, g46=30, code="111", town=urban),
                village(2, 112.01, g46=30, code="112", town=urban),
                village(3, 112.02, g46=30, code="220", town=urban),
                village(4, 112.10, g46=30, code="210", town=rural)]
    schools = [school("U1", "nine_year", 112.00, town=urban, code="121"),
               school("R1", "nine_year", 112.10, town=rural, code="111")]
    problem = build_layout_problem(county(villages, schools, {"U1": 12, "R1": 12}),
                                   config(boarding_per_town=True))
    assert towns_needing_boarding(problem) == [rural]
    everywhere = build_layout_problem(county(villages, schools, {"U1": 12, "R1": 12}),
                                      config(boarding_per_town=True,
                                             boarding_per_town_skip_urban=False))
    assert towns_needing_boarding(everywhere) == [urban, rural]


def test_a_closure_says_its_times_are_estimates_and_flags_long_trips_and_bus_pupils():
    # Review finding 4. Closing TP sends village 3's 12 pupils of grades 1-3 two steps
    # (2 × 4.609 = 9.218 km, 28.76 min) to C1: within the 30-minute day limit but over the
    # 20 minutes that need 论证, and over the 5 km of a school bus. Village 3's grades 4-6
    # (12, at C1 already) travel as far: 24 bus pupils after, 12 before. No travel matrix, so
    # the times are straight-line estimates.
    from junheng.planning.layout_reasons import action_reasons

    plan = plan_layout(line_county(far_village=False), config(close=[TP]))
    assert action_reasons(plan.outcome)[TP].endswith(
        "；通行时间按直线距离估算（直线距离 × 绕行系数 1.3，镇村 25 公里/小时、城区 12 公里/小时、"
        "城区直线超过 5 公里乘车 20 公里/小时），"
        "需按实际道路核实；一至三年级单程超过 20 分钟、需论证：村3 12 人（28.8 分钟）"
        "；需安排校车接送 12 人（走读直线距离超过 5 公里）")
    figures = {c: (plan.outcome.metrics[c]["young_day_over_review"],
                   plan.outcome.metrics[c]["day_pupils_need_bus"]) for c in ("before", "after")}
    assert figures == {"before": (0, 12), "after": (12, 24)}
