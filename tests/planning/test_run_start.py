"""One start for a 临时周转 run in both plans and both checkers (review rv4 finding 4: the layout
counted 实验中学's run from 2027, its first year borrowed, the 达标路径 from 2029, the first year a
new room could be in use; one document said 「连续 4 个学年…例外」, the other 「不超过 3 年」).

Hand-made: data year 2025, planned 2026-12-05 (first school year 2027), an expansion built in
2 school years: a new room is in use from 2027 + 2 = 2029 (planning.layout_years.run_start).
实验中学 E borrows 1 room in each of 2027–2030 in the layout (its overflow), and the 达标路径
finds it 1 room short in 2029 and 2030 (its target year), none 2031–2033. Counted from 2029
the run is 2029–2030, 2 years ≤ 3, in the layout, its checker, the 达标路径, its checker and
the combined check alike; 2027–2028 no build can help and the documents say so.
"""

from __future__ import annotations

import pandas as pd

from junheng.planning.compliance_check_joint import check_joint
from junheng.planning.compliance_temporary import joint_built, split_rooms
from junheng.planning.layout_check_runs import check_runs
from junheng.planning.layout_check_years import borrowable
from junheng.planning.layout_outcome import LayoutOutcome, PlannedSchool
from junheng.planning.layout_reasons import action_reasons
from junheng.planning.layout_runs import own_breaches, run_since, run_words, start_sentence
from junheng.planning.layout_unmet import unmet_labels
from junheng.planning.layout_years import run_start
from junheng.planning.plans_temporary import joint_breaches, rooms_since

E = "E"
LAYOUT = {2027: 1, 2028: 1, 2029: 1, 2030: 1}  # the layout's rooms borrowed at E
EARLY = "2027—2028 学年即使新建教室也来不及投入使用，只能临时周转"


def plan() -> LayoutOutcome:
    return LayoutOutcome("optimal", (PlannedSchool(E, "实验中学", "keep"),), {}, year=2025,
                         target_year=2030,
                         rules={"plan_date": "2026-12-05", "temporary_peak_years": 3,
                                "expansion_lead_years": 2},
                         overflow=tuple((y, E, "junior", k) for y, k in LAYOUT.items()))


def test_one_start_for_both_plans():
    # 2027 (first school year not begun on 2026-12-05) + 2 years' build = 2029, in each plan
    assert run_start(2027, 2) == run_since(plan()) == rooms_since(plan()) == 2029


def test_the_layout_and_its_checker_count_two_years():
    # counted from 2029: 2029–2030, 2 years ≤ 3: no breach, no unmet rule, no room asked for
    assert own_breaches(plan()) == {} and unmet_labels(plan()) == []
    check_runs(plan(), {E: 2029}, {}, 3, 2027, 2029)
    # the per-room rule of the checker: room 1 needed 2027–2030, counted 2029–2030, gone by
    # 2033: borrowed
    assert borrowable({**LAYOUT, 2031: 0, 2032: 0, 2033: 0}, 1, 2029, 3) == 1
    # the sentences name the whole run 2027—2030 (4 years, review rv6 N2), 2027—2028 in it as
    # unavoidable, the 2 years counted, and the whole run longer than 3 (rv17 6)
    said = ("2027—2030 学年连续 4 个学年借用教室临时周转（其中 2027—2028 学年即使新建教室也来不及投入使用，"
            "自 2029 学年起计 2 个学年），超过临时周转年限 3 年，需论证")
    assert run_words(plan()) == {E: said}
    assert action_reasons(plan())[E] == said
    # the closing sentence names the school whose whole run (4 years) is longer than 3
    assert start_sentence(plan()) == (
        "连续临时周转的年限自新建教室可投入使用的 2029 学年起计（首个可实施学年 2027 学年加扩建建设周期 2 个学年，"
        f"两个方案同一起算学年）：{EARLY}（1 所学校），不计入连续借用的学年；自 2029 学年起各校连续借用均不超过 3 个学年；"
        "连同此前不计入的学年连续借用超过 3 个学年的学校：实验中学 2027—2030 学年 4 个学年，超过临时周转年限，需论证。")


def test_the_compliance_plan_and_its_checker_count_two_years():
    # the 达标路径 looks at the years from 2029 (temporary_split: run_start(2027, 2, 2030)):
    # short 1, 1, 0, 0, 0 in 2029–2033. Its own rule borrows the room (2 years, gone by 2033);
    # joined with the layout's 2029–2030 the run stays 2029–2030: no room built for the joint
    # rule, and its checker agrees
    gaps = pd.DataFrame({2029: [1], 2030: [1], 2031: [0], 2032: [0], 2033: [0]}, index=[E])
    split = split_rooms(pd.Series({E: 1}), gaps, 3, {E: LAYOUT}, 2030)
    row = split.loc[E]
    assert (int(row["built"]), int(row["joint"]), int(row["temporary"])) == (0, 0, 1)
    assert joint_built(gaps.loc[E].to_dict(), 0, 1, LAYOUT, 3) == 0
    frame = pd.DataFrame([{"school_id": E, **row.to_dict(), "gaps": gaps.loc[E].to_dict()}])
    assert check_joint(frame, {E: LAYOUT}, 3, 2030, since=2029) == []


def test_the_combined_check_counts_two_years_and_every_year_counted_four():
    # both plans' years at E: the layout's 1 room 2027–2030 (the 达标路径 borrows within
    # them). From 2029: 2 years, no breach; every year counted (the layout's old start) 4
    borrowed = {E: {y: (k, k) for y, k in LAYOUT.items()}}
    assert joint_breaches(borrowed, {E: "实验中学"}, 3, since=rooms_since(plan())) == []
    assert joint_breaches(borrowed, {E: "实验中学"}, 3)[0].startswith(
        "实验中学 2027—2030 学年连续 4 个学年借用教室临时周转，超过 3 个学年")
