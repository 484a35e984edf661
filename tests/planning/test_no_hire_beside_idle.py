"""No 体育艺术 hire while a qualified teacher is idle (issue 16; planner review rv14 N2): the
county moves its own surplus teachers of a subject before it hires, even from a school that is
not over its 生师比 need, swapping one of the receiver's other teachers back.

The county (quality-2017: 体育艺术 0.9 per 100 pupils; 生师比 小学 19), every figure by hand:
A小学 and B小学, 380 pupils each, so each needs ⌈380 / 19⌉ = 20 teachers and
⌈0.9 × 3.8⌉ = ⌈3.42⌉ = 4 体育艺术 teachers.

* A: 20 teachers (⌈5.25 × 3.8⌉ = ⌈19.95⌉), 2 体育 (⌈0.5 × 3.8⌉), 4 县级骨干, 14 语文:
  at its 生师比 need, 2 short of 体育艺术;
* B (乡村): 20 teachers, 8 体育 (⌈2.1 × 3.8⌉ = ⌈7.98⌉), 4 县级骨干, 8 语文: at its need
  too, 4 体育 over its own 4.

Before, nobody moved (B was not over its 20) and the 达标路径 hired 1 体育艺术 teacher at A
(3 per 380 pupils, 0.79 per 100, 88 % of the standard, is allowed for one indicator), over
A's 20 posts. Now B gives its first 2 体育 teachers to A and A sends its first 2 语文 teachers
(neither 体育艺术 nor 骨干) to B: both keep 20, A has 4 体育, B 6 (2 still spare), and
nobody is hired.
"""

from __future__ import annotations

from datetime import date

import pandas as pd
import pytest

from junheng.jobs.compliance import run_compliance


@pytest.fixture(autouse=True)
def _todays_pupils(monkeypatch):
    from compliance_builders import todays_pupils

    todays_pupils(monkeypatch)


def _county():
    from compliance_builders import county, primary_school

    return county(primary_school("A", 380, higher=5.25, pe_art=0.5),
                  primary_school("B", 380, higher=5.25, pe_art=2.1))


def test_the_county_is_as_the_docstring_says():
    data = _county()
    t = data.teachers
    assert t.groupby("school_id").size().tolist() == [20, 20]
    assert t[t["subject"] == "pe"].groupby("school_id").size().tolist() == [2, 8]


def test_a_spare_pe_teacher_moves_by_swap_and_nobody_is_hired(tmp_path):
    from compliance_builders import cost_file, school_id

    data = _county()
    plan = run_compliance([data], target_year=2026, time_limit=30, costs=cost_file(tmp_path),
                          plan_date=date(2026, 6, 1))
    a, b = school_id("A"), school_id("B")
    staffing = plan.staffing
    moves = [[m["from_school_id"], m["to_school_id"], m["kind"], m["teachers"]]
             for m in staffing["moves"]]
    assert moves == [[b, a, "subject", 2], [a, b, "pool", 2]]
    t = data.teachers.set_index("teacher_id")
    each = [(t.at[m["teacher_id"], "school_id"], t.at[m["teacher_id"], "subject"], m["to_school_id"])
            for m in staffing["teacher_moves"]]
    # B's first two 体育 teachers to A, A's first two plain teachers (by code) to B
    assert [e[1] for e in each] == ["pe", "pe", "chinese", "chinese"]
    assert [(e[0], e[2]) for e in each] == [(b, a), (b, a), (a, b), (a, b)]
    assert [m["teacher_id"] for m in staffing["teacher_moves"]][2:] == sorted(
        t.index[(t["school_id"] == a) & (t["subject"] == "chinese")
                & (t["backbone"] == "none")])[:2]
    assert staffing["subject_pool"] == {"spare": {"primary": 2}, "swapped": 2}
    assert staffing["county"]["hire"] == 0
    hires = plan.actions[plan.actions["item"].astype(str).str.startswith("hire_")] \
        if len(plan.actions) else plan.actions
    assert len(hires) == 0


def test_no_pe_art_hire_while_one_is_spare_and_no_hire_above_the_posts():
    from junheng.planning.hire_rule import hire_caps, hire_rule_text

    # the ledger of the county above: A and B at their 20 posts, 2 体育 spare at B
    staffing = {"subject_pool": {"spare": {"primary": 2}, "swapped": 2},
                "schools": [{"school_id": "A", "stage": "primary", "hire": 0, "surplus": 0},
                            {"school_id": "B", "stage": "primary", "hire": 0, "surplus": 0},
                            {"school_id": "J", "stage": "junior", "hire": 3, "surplus": 0},
                            {"school_id": "K", "stage": "junior", "hire": 0, "surplus": 2}]}
    units = pd.DataFrame({"school_id": ["A", "B", "J", "K"],
                          "stage": ["primary", "primary", "junior", "junior"]})
    caps = hire_caps(staffing, units)
    # no 体育艺术 hire in 小学 (2 spare); J may take its 3 open posts, K the posts of its 2 over
    assert caps["hire_pe_art"].tolist() == [0.0, 0.0, 3.0, 2.0]
    assert caps["hire_teacher"].tolist() == [0.0, 0.0, 3.0, 2.0]
    assert hire_rule_text(staffing) == ("小学仍有 2 名体育艺术教师多于本校按优质均衡标准所需，建议按县管校聘先调剂，"
                                        "不招聘体育艺术教师")
    # without a ledger nothing is bounded
    assert hire_caps(None, units)["hire_pe_art"].tolist() == [float("inf")] * 4
