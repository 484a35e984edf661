"""Demo level (review finding 1): the project reason "由在建、规划或迁建项目保障" is for building
items only; no teacher item of the demo county's compliance plan carries it, and the schools
being relocated (黄城镇初级中学, 古岭乡余下洼村小学) meet their teacher items after the plan."""

from __future__ import annotations

import pytest

from junheng.jobs.compliance import run_compliance
from junheng.planning.compliance_json import compliance_dict
from junheng.planning.compliance_model import TEACHER_TOTALS
from junheng.planning.compliance_unresolved import RELOCATING


@pytest.mark.slow
def test_no_teacher_item_of_the_demo_is_left_to_a_project(demo_years):
    plan = run_compliance(demo_years, time_limit=60)
    p = plan.problem
    teacher_names = {i.name for i in p.standard.resource_indicators
                     if p.numerator(i.id) in TEACHER_TOTALS}
    rows = compliance_dict(plan)["unresolved"]
    theirs = [r for r in rows if r["reason"].startswith(RELOCATING)]  # rv5 11: + 已逾期…
    assert theirs  # the projects still carry their building items
    assert not [r for r in theirs if r["item"] in teacher_names]
    a = plan.evaluation.assessment
    moving = a[a["school_id"].isin(p.no_build - p.private)
               & a["indicator"].isin([k for k in p.indicators
                                      if p.numerator(k) in TEACHER_TOTALS])]
    assert len(moving) and moving["met"].fillna(False).astype(bool).all()
