"""Review finding 2: after a layout plan, teachers follow the pupils it moves between kept
schools before the compliance plan recruits anyone."""

from __future__ import annotations

from datetime import date

import pandas as pd

from compliance_builders import cost_file, county, primary_school, school_id
from junheng.planning.compliance import plan_compliance
from junheng.planning.compliance_costs import load_costs
from junheng.planning.compliance_redeploy import redeploy_teachers
from junheng.planning.compliance_redeploy_json import redeployment_dict
from junheng.planning.teacher_moves_words import posts_not_rotation

#: the sentence after every list of moves (brief hwords6 3)
POSTS = posts_not_rotation()

A, B = school_id("A"), school_id("B")
GRADES = ["g1", "g2", "g3", "g4", "g5", "g6"]


def _pupils(a: int, b: int) -> pd.DataFrame:
    """``a`` and ``b`` pupils at A and B, spread evenly over grades 1–6."""
    return pd.DataFrame({"school_id": [A] * 6 + [B] * 6, "grade": GRADES * 2,
                         "students": [a / 6] * 6 + [b / 6] * 6})


def _data():
    # A: 800 pupils, 34 teachers (8 county backbone, 8 pe, 18 others, all 本科) — exactly the
    # 2017 primary ratios 4.2 / 1.0 / 0.9 per 100; B: 400 pupils, 17 teachers (4, 4, 9)
    return county(primary_school("A", 800), primary_school("B", 400))


def test_a_sender_sends_the_teachers_its_lost_pupils_took_as_far_as_it_can_spare_them():
    # The layout moves 400 of A's 800 pupils to B. A may send ⌊34 × 400 / 800⌋ = 17 and keeps
    # what 400 pupils ask: 4.2 → 17 higher-degree, 4 backbone, 4 pe (spare 17, 4, 4). B at 800
    # is short 34 − 17 = 17 higher-degree, 8 − 4 = 4 backbone, 8 − 4 = 4 pe: the 4 backbone
    # and 4 pe teachers (each covers two shortfalls) go first, then 9 others.
    moved, moves = redeploy_teachers(_data(), _pupils(800, 400), _pupils(400, 800))
    assert moves[["from_school_id", "to_school_id", "stage", "teacher_type", "teachers"]
                 ].values.tolist() == [[A, B, "primary", "backbone_other", 4],
                                       [A, B, "primary", "pe_art", 4],
                                       [A, B, "primary", "other", 9]]
    assert moved.teachers.groupby("school_id").size().to_dict() == {A: 17, B: 34}
    doc = redeployment_dict(moves, pd.DataFrame(columns=["item", "quantity", "annual_cost"]))
    assert doc["schools"] == [
        {"school_id": A, "name": "A小学", "stage": "primary", "out": 17, "in": 0},
        {"school_id": B, "name": "B小学", "stage": "primary", "out": 0, "in": 17}]
    assert (doc["teachers"], doc["hired_after"]) == (17, 0)


def test_no_teacher_is_recruited_once_the_teachers_have_followed_the_pupils(tmp_path):
    costs = load_costs(cost_file(tmp_path))
    after = _pupils(400, 800)
    moved, _ = redeploy_teachers(_data(), _pupils(800, 400), after)
    plan = plan_compliance(moved, after, 2026, costs=costs, time_limit=20, plan_date=date(2026, 6, 1))
    hires = plan.actions[plan.actions["project"] == "teachers"]
    assert plan.confirmed and hires.empty
    # without the move, B's 17 missing higher-degree teachers cost recruitment
    kept = plan_compliance(_data(), after, 2026, costs=costs, time_limit=20, plan_date=date(2026, 6, 1))
    assert kept.actions.loc[kept.actions["project"] == "teachers", "quantity"].sum() > 0


def test_a_sender_short_of_its_own_need_sends_nobody():
    # A keeps 400 pupils but has only 10 teachers: it needs 17 higher-degree teachers itself
    data = county(primary_school("A", 800, higher=1.2, backbone=0.0, pe_art=0.0),
                  primary_school("B", 400))
    moved, moves = redeploy_teachers(data, _pupils(800, 400), _pupils(400, 800))
    assert moves.empty
    assert moved.teachers.groupby("school_id").size().to_dict() == {A: 10, B: 17}


def test_the_checker_rejects_recruiting_while_a_sender_of_the_town_can_spare_the_teacher(tmp_path):
    # (18): A, which lost 400 pupils, may still send 17 teachers (17 higher-degree beyond its
    # need): a plan for the county without the move recruits at B and is refused; the plan
    # after the move recruits nobody, and A has 0 left to send.
    from dataclasses import replace

    import pytest

    from junheng.planning.compliance_check import PlanCheckError, check_plan
    from junheng.planning.compliance_redeploy import spare_teachers

    costs = load_costs(cost_file(tmp_path))
    before, after = _pupils(800, 400), _pupils(400, 800)
    kept = plan_compliance(_data(), after, 2026, costs=costs, time_limit=20, plan_date=date(2026, 6, 1))
    empty = pd.DataFrame(columns=["from_school_id", "stage", "teachers"])
    spare = spare_teachers(_data(), before, after, empty)
    assert spare[["school_id", "role", "left", "spare_higher_degree_teachers"]].values.tolist() \
        == [[A, "sender", 17.0, 17.0], [B, "receiver", 0.0, -17.0]]
    with pytest.raises(PlanCheckError, match=r"^\(18\) B小学.*而同一乡镇学生转出的A小学仍有可随学生调配的该类教师"):
        check_plan(replace(kept.problem, spare_teachers=spare), kept.actions)
    moved, moves = redeploy_teachers(_data(), before, after)
    plan = plan_compliance(moved, after, 2026, costs=costs, time_limit=20, plan_date=date(2026, 6, 1))
    spare = spare_teachers(moved, before, after, moves)
    assert spare["left"].tolist() == [0.0, 0.0]
    assert check_plan(replace(plan.problem, spare_teachers=spare), plan.actions) == \
        pytest.approx(plan.actions["cost"].sum())


def test_a_receiver_also_takes_the_teachers_its_pupils_classes_need_by_the_ratio():
    # A (800 pupils, 64 teachers: 8 backbone, 8 pe, 48 others) loses 400 pupils to B (400
    # pupils, 34 teachers: 4, 4, 26). At 800 B meets the higher-degree need (4.2 → 34) but is
    # short 4 backbone (1.0 → 8) and 4 pe (0.9 → 8), and by the 生师比 1:19 it needs
    # ⌈800 / 19⌉ = 43 teachers: the 8 that cover the shortfalls bring it to 42, one more comes
    # for the ratio (review 2026-12-03: a new school got 79 teachers for 1,758 pupils, 1:22).
    # A may send ⌊64 × 400 / 800⌋ = 32; as a sender its own ratio does not hold them back.
    data = county(primary_school("A", 800, higher=8.0), primary_school("B", 400, higher=8.4))
    moved, moves = redeploy_teachers(data, _pupils(800, 400), _pupils(400, 800))
    assert moves[["teacher_type", "teachers"]].values.tolist() == [
        ["backbone_other", 4], ["pe_art", 4], ["other", 1]]
    assert moved.teachers.groupby("school_id").size().to_dict() == {A: 55, B: 43}


def test_closed_schools_teachers_and_kept_schools_moves_are_named_apart_with_their_total():
    # Planner review finding 11: the layout's 需调配教师 (teachers of the closed points) and the
    # moves between kept schools were both "教师随学生调配 161". Points T1 (2 teachers) and T2
    # (1) merge into B, T3 (3) into C, a point without teachers is not listed; A sends B 4
    # teachers: 撤并随迁 6 into 2 schools, 保留学校间调配 4, together 10.
    # Review 2026-12-05 finding 18: T1, T2 are 教学点 (小学 only), so B's 撤并随迁 row reads 小学 as
    # its 保留学校间调配 rows do; T3 and C are 九年一贯制 (both stages): C's row reads 义务教育.
    from junheng.planning.compliance_closures import closure_moves
    from junheng.planning.compliance_redeploy import redeployment_lines
    from junheng.planning.layout_outcome import PlannedSchool

    # Review rd 1: 教学点 are counted in 个 and are not schools ("64 所撤并学校" were 64 points).
    point, nine = "teaching_point", "nine_year"
    layout = [PlannedSchool("T1", "一号教学点", "close", merged_into=B, teachers_to_redeploy=2, kind=point),
              PlannedSchool("T2", "二号教学点", "close", merged_into=B, teachers_to_redeploy=1, kind=point),
              PlannedSchool("T3", "三号学校", "close", merged_into="C", teachers_to_redeploy=3, kind=nine),
              PlannedSchool("T4", "四号教学点", "close", merged_into="C", kind=point),
              PlannedSchool(B, "B小学", "keep"), PlannedSchool("C", "C学校", "keep", kind=nine)]
    moves = pd.DataFrame([{"from_school_id": A, "from_name": "A小学", "to_school_id": B,
                           "to_name": "B小学", "stage": "primary", "teacher_type": "other",
                           "teachers": 4}])
    doc = redeployment_dict(moves, pd.DataFrame(columns=["item", "quantity", "annual_cost"]),
                            closure_moves(layout))
    assert (doc["teachers"], doc["closed_teachers"]) == (4, 6)
    text, rows = redeployment_lines({"redeployment": doc})
    assert text == ("布局调整后教师随学生调配共 10 人：撤并随迁 6 人（撤并的 1 所学校和 2 个教学点的教师随学生并入 2 所接收学校）；"
                    "保留学校间调配 4 人（1 所学校调出、1 所学校调入），调配后按评估指标（高于规定学历、骨干、体育艺术专任教师）需招聘 0 人。" + POSTS)
    assert rows == [["A小学", "小学", 4, 0, "调往B小学：其他学科教师 4 人"],
                    ["B小学", "小学", 0, 4, "来自A小学：其他学科教师 4 人"],
                    ["B小学", "小学", 0, 3, "撤并随迁，来自一号教学点 2、二号教学点 1 人"],
                    ["C学校", "义务教育", 0, 3, "撤并随迁，来自三号学校 3 人"]]
    # closures alone still make the table
    alone = redeployment_dict(None, pd.DataFrame(columns=["item", "quantity", "annual_cost"]),
                              closure_moves(layout))
    assert redeployment_lines({"redeployment": alone})[0] == (
        "布局调整后教师随学生调配共 6 人：撤并随迁 6 人（撤并的 1 所学校和 2 个教学点的教师随学生并入 2 所接收学校），调配后按评估指标（高于规定学历、骨干、体育艺术专任教师）需招聘 0 人。" + POSTS)


def test_a_closed_school_split_over_two_receivers_counts_as_one_school():
    # Review 2026-12-04 finding 2: "73 所撤并学校" were 65 schools and 73 去向. T1 (5 teachers)
    # sends 3 to B and 2 to C with its pupils, T2 (1) goes to B: 2 schools, 2 receivers,
    # 3 school–receiver pairs; 6 teachers in all.
    from junheng.planning.compliance_closures import closure_moves
    from junheng.planning.compliance_redeploy import redeployment_lines
    from junheng.planning.layout_outcome import PlannedSchool

    # T1 is a 教学点 (个), T2 a village school (所): review rd 1
    layout = [PlannedSchool("T1", "一号教学点", "close", "teaching_point", merged_into=B,
                            teachers_to_redeploy=5, moved_teachers={B: 3, "C": 2}),
              PlannedSchool("T2", "二号村小学", "close", "primary_school", merged_into=B,
                            teachers_to_redeploy=1),
              PlannedSchool(B, "B小学", "keep"), PlannedSchool("C", "C小学", "keep")]
    doc = redeployment_dict(None, pd.DataFrame(columns=["item", "quantity", "annual_cost"]),
                            closure_moves(layout))
    assert redeployment_lines({"redeployment": doc})[0] == (
        "布局调整后教师随学生调配共 6 人：撤并随迁 6 人（撤并的 1 所学校和 1 个教学点的教师随学生并入 2 所接收学校，共 3 条去向），"
        "调配后按评估指标（高于规定学历、骨干、体育艺术专任教师）需招聘 0 人。" + POSTS)


def test_the_kept_teachers_assumption_names_both_kinds_of_move():
    # Review 2026-12-04 finding 3: the 现有教师 assumption said "保留学校间随学生调配的 91 人"
    # where the 教师随学生调配 sentence says 41 with the pupils and 50 by 县管校聘:
    # kept moves 30 + 11 = 41, pool 50, together 91.
    from junheng.jobs.compliance import kept_teachers_text

    moves = pd.DataFrame({"kind": ["kept", "pool", "kept"], "teachers": [30, 50, 11]})
    assert kept_teachers_text(moves) == (
        "现有教师除保留学校间调配 41 人、县管校聘同学段调剂 50 人（共 91 人）及撤并学校随迁的教师外保持不变"
        "（退休、调出按同岗位补充）")
    assert kept_teachers_text(moves[moves["kind"] == "pool"]) == (
        "现有教师除县管校聘同学段调剂 50 人及撤并学校随迁的教师外保持不变（退休、调出按同岗位补充）")


def test_the_ledgers_pool_moves_are_named_as_the_ledger_names_them():
    # The staffing ledger moves 4 with the pupils (kept, A → B) and 3 of A's surplus by
    # 县管校聘 (pool, A → C); closures T1 → B bring 2. Its sentence says 保留学校间调配 4 and
    # 县管校聘同学段调剂 3, so the 整改措施 must too, not "保留学校间调配 7": 2 + 4 + 3 = 9.
    from junheng.planning.compliance_closures import closure_moves
    from junheng.planning.compliance_redeploy import (
        redeploy_note,
        redeployment_lines,
    )
    from junheng.planning.layout_outcome import PlannedSchool

    layout = [PlannedSchool("T1", "一号教学点", "close", merged_into=B, teachers_to_redeploy=2),
              PlannedSchool(B, "B小学", "keep"), PlannedSchool("C", "C小学", "keep")]
    row = {"from_school_id": A, "from_name": "A小学", "stage": "primary", "teacher_type": "other"}
    moves = pd.DataFrame([{**row, "to_school_id": B, "to_name": "B小学", "kind": "kept",
                           "teachers": 4},
                          {**row, "to_school_id": "C", "to_name": "C小学", "kind": "pool",
                           "teachers": 3}])
    none = pd.DataFrame(columns=["item", "quantity", "annual_cost"])
    doc = redeployment_dict(moves, none, closure_moves(layout))
    assert (doc["teachers"], doc["pooled"], doc["closed_teachers"]) == (7, 3, 2)
    text, rows = redeployment_lines({"redeployment": doc})
    assert text == ("布局调整后调配教师共 9 人：撤并随迁 2 人（撤并的 1 所学校的教师随学生并入 1 所接收学校）；"
                    "保留学校间调配 4 人、县管校聘同学段调剂 3 人（1 所学校调出、2 所学校调入），"
                    "调配后按评估指标（高于规定学历、骨干、体育艺术专任教师）需招聘 0 人。" + POSTS)
    assert rows[:3] == [["A小学", "小学", 7, 0, "调往B小学：其他学科教师 4 人；县管校聘调剂到C小学：其他学科教师 3 人"],
                        ["B小学", "小学", 0, 4, "来自A小学：其他学科教师 4 人"],
                        ["C小学", "小学", 0, 3, "县管校聘调剂自A小学：其他学科教师 3 人"]]
    # without closures, and only pool moves: no "保留学校间调配 0 人"
    alone = redeployment_dict(moves[moves["kind"] == "pool"], none)
    assert redeployment_lines({"redeployment": alone})[0] == (
        "布局调整分流学生后，教师调配：县管校聘同学段调剂 3 人（1 所学校调出、1 所学校调入），"
        "调配后按评估指标（高于规定学历、骨干、体育艺术专任教师）需招聘 0 人。" + POSTS)
    assert redeploy_note(moves, 2).split("。")[-3] == (
        "三项合计调配教师 9 人（撤并随迁 2 人、保留学校间调配 4 人、县管校聘同学段调剂 3 人）")
    assert redeploy_note(moves, 2).endswith(
        "三项均为县管校聘调配（岗位随学生调整，调往新岗位长期任教，不回原校），不是交流轮岗（编制留在原校，期满返回）。")
    # the words say what the ledger does (a kept school sends only what it can spare, then
    # 县管校聘 within the stage before hiring), not the older per-pupil share rule
    assert redeploy_note(moves, 2).split("。")[0].split("；")[1:] == [
        "保留学校间调配：保留学校之间分流学生时，教师随学生调配，1 所送出学校只调出本校按生师比核定所需以外的教师"
        "（不低于本校所需），调出 4 名教师到 1 所接收学校，再按县管校聘在同学段调剂（见“教师随学生调配”表）",
        "县管校聘同学段调剂：随学生调配后仍富余的教师，在招聘之前调往同学段按生师比缺编或缺体育、音乐、美术教师"
        "（按评估指标每百名学生的配备数）的学校，1 所学校调出 3 人到 "
        "1 所学校，调剂后仍缺的才招聘（见“教师随学生调配”表）"]
    # without 县管校聘 moves the kept note says when hiring comes
    assert redeploy_note(moves[moves["kind"] == "kept"], 2).split("。")[0].endswith(
        "再按县管校聘在同学段调剂，调剂后仍缺的才招聘（见“教师随学生调配”表）")
    # moves of a plan without a ledger (redeploy_teachers) keep that rule's words
    assert "所送出学校按其分流出的学生比例" in redeploy_note(moves, 2, ledger=False)
    # an older plan.json without "pooled" or "kind" reads as before
    old = {k: v for k, v in doc.items() if k != "pooled"}
    old["moves"] = [{k: v for k, v in m.items() if k != "kind"} for m in doc["moves"]]
    assert redeployment_lines({"redeployment": old})[0].startswith("布局调整后教师随学生调配共 9 人")


def test_the_hires_after_the_moves_are_said_to_be_among_the_layouts_hires():
    # Brief left1 item 2: A sends B 4 teachers; the 达标路径 still hires 2 体育艺术 teachers at B
    # (2 × 10 万元 = 20 万元 a year). Both are among the layout's staffing ledger's hires at B
    # (plans_apart.ledger_hires: covered 2), so the sentence must not read as 2 more teachers.
    from junheng.planning.compliance_redeploy import redeployment_lines

    moves = pd.DataFrame([{"from_school_id": A, "from_name": "A小学", "to_school_id": B,
                           "to_name": "B小学", "stage": "primary", "teacher_type": "other",
                           "teachers": 4}])
    hires = pd.DataFrame({"item": ["hire_pe_art"], "quantity": [2.0], "annual_cost": [20.0]})
    doc = {"redeployment": redeployment_dict(moves, hires)}
    tail = "调配后按评估指标（高于规定学历、骨干、体育艺术专任教师）需招聘 2 人"
    assert redeployment_lines(doc)[0].endswith(f"{tail}（每年人员经费 20.00 万元）。{POSTS}")
    doc["combined"] = {"ledger_hires": [{"name": "B小学", "item": "hire_pe_art", "quantity": 2,
                                         "covered": 2, "ledger": 21}]}
    assert redeployment_lines(doc)[0].endswith(
        f"{tail}，均在布局调整方案按编制招聘的人数之内，不另外增加（每年人员经费 20.00 万元已计入布局调整的新聘教师人员经费）。{POSTS}")
    doc["combined"]["ledger_hires"][0]["covered"] = 1
    assert redeployment_lines(doc)[0].endswith(
        f"{tail}（每年人员经费 20.00 万元），其中 1 人在布局调整方案按编制招聘的人数之内，不另外增加，其人员经费已计入布局调整。{POSTS}")


def test_no_teacher_follows_pupils_into_a_school_already_at_its_staffing_number():
    # Planner review 2026-12-05 finding 14: a 14-pupil 教学点 with 2 teachers for its 核定 1 was
    # sent a 骨干体育艺术 teacher. A (800 pupils, 34 teachers, 8 pe) loses 100 pupils: it may
    # send ⌊34 × 100 / 800⌋ = 4 and keeps ⌈0.9 × 7⌉ = 7 pe, so 1 pe is spare. B (10 pupils, 1
    # backbone + 1 other, no pe) grows to 14: 核定 ⌈14 / 19⌉ = 1 < its 2, so it gets none
    # though it lacks ⌈0.9 × 0.14⌉ = 1 pe teacher. Grown to 40, 核定 ⌈40 / 19⌉ = 3: B takes 1
    # teacher, the pe one (it covers its one shortfall), and stops at 3.
    data = county(primary_school("A", 800), primary_school("B", 10, higher=20, pe_art=0))
    assert data.teachers.groupby("school_id").size().to_dict() == {A: 34, B: 2}
    _, moves = redeploy_teachers(data, _pupils(800, 10), _pupils(700, 14))
    assert moves.empty
    _, moves = redeploy_teachers(data, _pupils(800, 10), _pupils(700, 40))
    assert moves[["from_school_id", "to_school_id", "teacher_type", "teachers"]
                 ].values.tolist() == [[A, B, "pe_art", 1]]
