"""The layout's 调整后 CVs are those of the plan it ends with, its 县管校聘 moves included (rv
finding 2: the layout evaluated the plan before its staffing ledger was attached, the 达标路径
the same plan with the ledger's 83 pool moves: 小学骨干 0.502 in one, 0.487 in the other)."""

from __future__ import annotations

from dataclasses import replace

from layout_builders import school, village
from test_layout_cv_state import INFO, MOVED, classes, pupils

from junheng.model import CountyData
from junheng.planning.layout_county import PlanningYear, cv_assumptions
from junheng.planning.staffing_hires import LAYOUT_HIRES

DEGREE = "higher_degree_teachers_per_100"


def _teachers(sid: str, n: int) -> list[dict]:
    return [{"teacher_id": f"{sid}{k:02d}", "school_id": sid, "stage": "primary",
             "subject": "chinese", "full_time": True, "degree": "bachelor", "backbone": "none"}
            for k in range(n)]


def _county(a: int = 30, b: int = 10) -> CountyData:
    """A (``a`` primary teachers) and B (``b``), 300 pupils each today, all teachers with a degree."""
    schools = [school("A", "primary_school", 112.00), school("B", "primary_school", 112.02)]
    facilities = [{"school_id": "A", "classrooms": 12, "teaching_area": 3000},
                  {"school_id": "B", "classrooms": 12, "teaching_area": 1500}]
    return CountyData.from_records(
        INFO, villages=[village(1, 112.0, g13=150, g46=150)], schools=schools,
        facilities=facilities, classes=classes("A", 25) + classes("B", 25),
        teachers=_teachers("A", a) + _teachers("B", b))


def test_the_plans_cvs_after_count_its_pool_moves():
    # MOVED sends 100 of A's 300 pupils to B. Teachers follow them: 30 × 100 / 300 = 10 (kept).
    # Posts by 19 pupils a teacher: A 200 / 19 → 11, B 400 / 19 → 22; B has 20, so the
    # 县管校聘调剂 sends 2 more of A's surplus (pool).
    year = PlanningYear(_county(), pupils(300, 300), 2026)
    staffed = year.with_staffing(MOVED, 100_000, 0)
    kinds = [m["kind"] for m in staffed.staffing["teacher_moves"]]
    assert (kinds.count("kept"), kinds.count("pool")) == (10, 2)
    # without the pool: A 20 / 200 = 10, B 20 / 400 = 5 per 100 pupils, mean 6.667, SD
    # √((200 × 3.333² + 400 × 1.667²) / 600) = 2.357, CV 0.3536; with it: A 18 / 200 = 9,
    # B 22 / 400 = 5.5, SD √((200 × 2.333² + 400 × 1.167²) / 600) = 1.650, CV 0.2475, the
    # figure the 达标路径 starts from (after_layout applies the ledger's moves)
    cv = {name: round(year.after(p).stages["primary"].indicators[DEGREE].cv, 4)
          for name, p in (("bare", MOVED), ("staffed", staffed))}
    assert cv == {"bare": 0.3536, "staffed": 0.2475}


def test_the_plans_cvs_after_count_the_teachers_it_hires():
    # rv5 9: the layout evaluated a new school of 821 pupils with only the 21 teachers moved to
    # it (2.31 高于规定学历 per 100 pupils) while budgeting 40 recruits there. Here A has 12
    # teachers and B 10, 300 pupils each; MOVED sends 100 of A's pupils to B. Posts by 19
    # pupils a teacher: A ⌈200 / 19⌉ = 11, B ⌈400 / 19⌉ = 22. A can spare 12 − 11 = 1 (kept);
    # B then has 11 and hires 22 − 11 = 11, the plan's 按编制需招聘.
    year = PlanningYear(_county(12, 10), pupils(300, 300), 2026)
    staffed = year.with_staffing(MOVED, 100_000, 0)
    hires = {(r["school_id"], r["hire"]) for r in staffed.staffing["schools"]}
    assert hires == {("A", 0), ("B", 11)}
    # without the recruits: A 11 / 200 = 5.5, B 11 / 400 = 2.75 per 100 pupils; mean 22 / 600
    # = 3.667, SD √((200 × 1.833² + 400 × 0.917²) / 600) = 1.296, CV 0.3536. With them, each a
    # 本科 (高于规定学历, staffing_hires.HIRED_DEGREE): B 22 / 400 = 5.5 as A, CV 0
    assert round(year.after(staffed).stages["primary"].indicators[DEGREE].cv, 4) == 0.0
    plain = replace(staffed, staffing={**staffed.staffing, "schools": [
        {**r, "hire": 0} for r in staffed.staffing["schools"]]})
    assert round(year.after(plain).stages["primary"].indicators[DEGREE].cv, 4) == 0.3536
    assert LAYOUT_HIRES in cv_assumptions(True)
