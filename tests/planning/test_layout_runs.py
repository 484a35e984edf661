"""The layout's own 临时周转 years against the limit, the years its pupils wait for a new school
counted (rv2 finding 2: 洛北县实验中学's reason said its 临时周转 stayed within the limit while the
combined check found four years in a row)."""

from __future__ import annotations

from junheng.planning.layout_outcome import LayoutOutcome, PlannedSchool, YearRooms
from junheng.planning.layout_reasons import action_reasons
from junheng.planning.layout_runs import own_breaches


def _plan(waiting_2028: int) -> LayoutOutcome:
    """实验中学 (expands in 2027, 1 room by 临时周转) borrows 1 + 8 rooms in 2027, 2 + waiting_2028 in
    2028 while 文化路初中 (opens 2029) is built, then 1 room in 2029 and 2030 (the overflow list)."""
    schools = (PlannedSchool("N", "文化路初中", "new", phase=4),
               PlannedSchool("E", "实验中学", "expand", phase=2, students_expected=2_392,
                             added_classrooms=1, temporary_classrooms=1))
    rows = [YearRooms(2027, "N", "junior", 995, 20, 0, 20, 0, 396, 8, (("E", 396, 8),)),
            YearRooms(2027, "E", "junior", 2_000, 1, 0, 1)]
    if waiting_2028:
        rows.append(YearRooms(2028, "N", "junior", 1_033, 21, 0, 21, 0, 411, waiting_2028,
                              (("E", 411, waiting_2028),)))
    return LayoutOutcome("optimal", schools, {}, year=2025, target_year=2030,
                         rules={"plan_date": "2026-12-05", "temporary_peak_years": 3},
                         transition=tuple(rows),
                         overflow=((2029, "E", "junior", 1), (2030, "E", "junior", 1)))


def test_the_years_waiting_for_the_new_school_count_in_the_run():
    # 2027: 1 own + 8 waiting = 9; 2028: 9 waiting; 2029: 1; 2030: 1 -> 4 years in a row > 3
    text = own_breaches(_plan(9))["E"]
    assert text == ("2027—2030 学年连续 4 个学年借用教室临时周转（2027 学年 9 间、2028 学年 9 间、2029 学年 1 间、"
                    "2030 学年 1 间；其中等待文化路初中启用的学生 2027 学年 8 间、2028 学年 9 间），"
                    "超过临时周转年限（3 个学年），需调整建设时序（提前建成新建学校或在本校新建教室）")
    reason = action_reasons(_plan(9))["E"]
    assert "缺口持续不超过临时周转年限" not in reason
    assert reason.endswith("（调整后学生所需教室多于现有教室，不新建）；" + text)


def test_a_run_within_the_limit_keeps_the_claim():
    # no room in 2028: runs 2027 (1 year) and 2029–2030 (2 years), each ≤ 3
    assert own_breaches(_plan(0)) == {}
    assert "缺口持续不超过临时周转年限，不新建" in action_reasons(_plan(0))["E"]


def test_the_plan_counts_the_breach_among_its_unmet_rules():
    # the same 4-year run: one more rule unmet in the status, its sentence in 未满足的规则
    from junheng.planning.layout_unmet import unmet_labels, unmet_lines
    plan = _plan(9)
    assert unmet_labels(plan) == ["同一学校连续临时周转不超过 3 个学年（实验中学 2027—2030 学年连续 4 个学年）"]
    assert unmet_lines(plan) == ["同一学校连续临时周转不超过 3 个学年：实验中学 " + own_breaches(plan)["E"]]
    assert unmet_labels(_plan(0)) == [] and unmet_lines(_plan(0)) == []
