"""先建后撤 in the planner and the checker alike (brief hborrow5 2): a closed school waits for
its receivers that build, not for one that only borrows (临时周转). The rule is written twice on
purpose, the checker re-deriving it from plan.json (planning.layout_reviewed.closing_years,
planning.layout_check._check_order); this county holds the two to one answer.

The hand-made county (layout_builders' line; data year 2025, target 2028, planned 2026-06-01, an
expansion 1 year to build): primary C1 at 112.00 (5 rooms) with village 1's 40 children of each
age 0–8, 6 classes, 1 room short every year; primary P at 112.10 between villages 3 (112.075, 1
child of each age 0–8) and 5 (112.125, 10 of age 3: grades 1–3 in 2028–2030); primary C2 at
112.20 (6 rooms) with village 6's 45 of each age 0–8 but 35 of age 2 (grades 1–3 in 2029–2031).
P closes: village 3 goes to C1, village 5 to C2. C1's room, in use from 2027 (phase 2), is needed
every year: built. C2's grades 1–3 hold 145 pupils in 2028 only (135 before; from 2029 village
6's 10 fewer), a third a grade: 2 classes each, 3 rooms more for 1 year, met by 临时周转 and
listed in 2028 (phase 3). P closes the year after C1's build, 2028 (phase 3): counted as a
build, C2 would hold it to phase 4 in the planner and the checker would refuse phase 3.
"""

from __future__ import annotations

import pytest
from layout_builders import county, school, village
from test_layout import checked, config

from junheng.planning import plan_layout
from junheng.planning.layout_check import PlanViolation, check_plan
from junheng.planning.layout_json import layout_json

C1, P, C2 = "4103060001", "4103060003", "4103060004"


def _village(n: int, lon: float, children: dict[int, int]) -> dict:
    return village(n, lon) | {f"age_{a}": children.get(a, 0) for a in range(15)}


def _each_age(k: int) -> dict[int, int]:
    return dict.fromkeys(range(9), k)


def _county():
    villages = [_village(1, 112.00, _each_age(40)), _village(3, 112.075, _each_age(1)),
                _village(5, 112.125, {3: 10}), _village(6, 112.20, _each_age(45) | {2: 35})]
    schools = [school(C1, "primary_school", 112.00), school(P, "primary_school", 112.10),
               school(C2, "primary_school", 112.20)]
    return county(villages, schools, {C1: 5, P: 2, C2: 6})


def _with_phase(doc: dict, sid: str, phase: int) -> dict:
    return {**doc, "schools": [dict(s, phase=phase) if s["school_id"] == sid else s
                               for s in doc["schools"]]}


def test_a_closure_waits_for_the_receiver_that_builds_not_the_one_that_borrows_in_both():
    plan = plan_layout(_county(), config(expansion_lead_years=1, target_year=2028))
    doc = layout_json(plan.outcome)
    rows = {s["school_id"]: s for s in doc["schools"]}
    receivers = {a["school_id"] for a in doc["assignments"] if a.get("before_school") == P}
    assert receivers == {C1, C2}
    assert [(rows[s]["action"], rows[s]["phase"], rows[s]["temporary_classrooms"]) for s in (C1, P, C2)] == [
        ("expand", 2, 0), ("close", 3, 0), ("expand", 3, 3)]
    assert [(r.year, r.overflow, r.temporary) for r in plan.outcome.transition if r.school_id == C2] == [
        (2028, 3, 3)]
    # the planner's year is the checker's earliest: phase 3 holds, C2 in phase 3 too ...
    checked(plan)
    # ... phase 2, the year C1's build comes into use, is refused
    with pytest.raises(PlanViolation) as caught:
        check_plan(plan.problem, _with_phase(doc, P, 2))
    assert str(caught.value) == (
        "先建后撤：学校4103060003在第 2 期撤并，但接收学校学校4103060001的建设在第 2 期才完成。")


def _first_draft(five: dict[int, int] | None = None):
    """The county's first draft (commit 240cdeb3): target 2026, village 1 and 6 children of
    each age 0–10, village 5 ten of age 5 (grades 1–3 in 2026–2028, grade 4 from 2029), or
    ``five``'s children."""
    each = dict.fromkeys(range(11))
    villages = [_village(1, 112.00, dict.fromkeys(each, 40)), _village(3, 112.075, dict.fromkeys(each, 1)),
                _village(5, 112.125, five or {5: 10}), _village(6, 112.20, dict.fromkeys(each, 45))]
    schools = [school(C1, "primary_school", 112.00), school(P, "primary_school", 112.10),
               school(C2, "primary_school", 112.20)]
    return county(villages, schools, {C1: 5, P: 2, C2: 6})


def test_a_receiver_decides_on_the_pupils_its_rows_place_there():
    # P closes in 2028 (phase 3, after C1's build): its village 5 reaches C2 in 2028 only, a
    # 1-year need within the limit of 1: 临时周转, listed in 2028, nothing built
    data = _first_draft()
    plan = plan_layout(data, config(expansion_lead_years=1, target_year=2026))
    doc = layout_json(plan.outcome)
    rows = {s["school_id"]: s for s in doc["schools"]}
    assert (rows[P]["action"], rows[P]["phase"]) == ("close", 3)
    assert [(r.year, r.overflow, r.built, r.temporary, r.new_rooms)
            for r in plan.outcome.transition if r.school_id == C2] == [(2028, 3, 0, 3, 0)]
    assert (rows[C2]["phase"], rows[C2]["temporary_classrooms"], rows[C2]["capital_yuan"]) == (3, 3, 0.0)
    check_plan(plan.problem, doc, data)


def test_a_receiver_that_builds_for_a_closing_school_keeps_its_first_year():
    # the first draft with village 5 ten children of ages 3-5 (grades 1-3 at C2 from P's
    # closure on, 2028-2029 looked at): 3 rooms needed 2 years, beyond the limit of 1, built.
    # The first plan (every pupil at its plan school) needs them from 2026, in use 2027; P then
    # closes in 2028 (先建后撤: after C1's and C2's builds), its village at C2 from 2028. Decided
    # again on the pupils placed so, C2's need starts in 2028, yet its build stays in use 2027
    # (layout_placed.with_build_floor: a build is never later than in the first plan) — built
    # for 2028, P would close in 2029 and the build follow it: the closure slips a year.
    data = _first_draft({3: 10, 4: 10, 5: 10})
    plan = plan_layout(data, config(expansion_lead_years=1, target_year=2026))
    doc = layout_json(plan.outcome)
    rows = {s["school_id"]: s for s in doc["schools"]}
    assert [(rows[s]["action"], rows[s]["phase"], rows[s]["temporary_classrooms"]) for s in (C1, P, C2)] == [
        ("expand", 2, 0), ("close", 3, 0), ("expand", 2, 0)]
    assert [(r.year, r.pupils, r.overflow, r.built, r.temporary, r.new_rooms)
            for r in plan.outcome.transition if r.school_id == C2] == [
        (2027, 270, 0, 3, 0, 3), (2028, 300, 3, 3, 0, 0), (2029, 290, 3, 3, 0, 0)]
    check_plan(plan.problem, doc, data)
