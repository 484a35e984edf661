"""One count of 交流轮岗 eligibility and one 体育、音乐、美术 shortage, with each definition named,
on a hand-made county (the demo showed 1,065 vs 1,084 eligible and 299 vs 347 short).

School U (城区小学, 6 classes of 38: 228 students, quota ⌈228/19⌉ = 12), V (乡村小学, 3 classes of
30: a small school, quota ⌈max(90/19, 3 × 1.7)⌉ = 6) and H (普通高中, 2 classes of 45: quota
⌈90/12.5⌉ = 8). Teachers of U, school year 2025:

* 4 女 born 1985 at U since 2015 (one 骨干): ≥ 6 years, age 40 — movable;
* 2 女 born 1970 since 2015: age 55 > 50 — over age;
* 1 男 born 1972 since 2015: age 53 ≤ 55 — movable;
* 1 女 born 1985 since 2015 on a 交流 without end date — ongoing;
* 2 体育 since 2023 and 1 rotated in this year — not ≥ 6 years.

served 8, over age 2, ongoing 1: movable 5; rotated 1: the evaluation's base 8 + 1 = 9.
Priority subjects (share 体育 0.105, 音乐 0.05, 美术 0.05, round half up): U needs 1/1/1 and has
2 体育 → 2 short; V needs 1/0/0 → 1; H needs 1/0/0 → 1. All schools 4, of them 1 in H:
the plan's compulsory schools 3.
"""

from __future__ import annotations

import pytest
from teacher_builders import classes, county, school, teachers

from junheng.evaluate import evaluate
from junheng.jobs.teachers import eligible_lines, priority_shortage_line
from junheng.teachers.rotation_data import RotationConfig, eligibility
from junheng.teachers.rotation_plan import plan_json, plan_rotation
from junheng.teachers.staffing import staffing_report

U, V, H = "4103060001", "4103060002", "4103060003"


def make(**tables):
    away = teachers(U, 1, school_start_year=2015)
    staff = (teachers(U, 3, school_start_year=2015)
             + teachers(U, 1, school_start_year=2015, backbone="county")
             + teachers(U, 2, school_start_year=2015, birth_year=1970)
             + teachers(U, 1, school_start_year=2015, birth_year=1972, sex="male")
             + away + teachers(U, 2, subject="pe", school_start_year=2023)
             + teachers(U, 1, school_start_year=2025, rotated_in=True)
             + teachers(V, 4, school_start_year=2023)
             + teachers(H, 3, stage="senior", school_start_year=2010))
    ongoing = {"teacher_id": away[0]["teacher_id"], "from_school_id": V, "to_school_id": U,
               "start_date": "2024-09-01", "mode": "support_teaching"}
    return county(
        schools=[school(U), school(V, code="220"), school(H, "senior_school")],
        classes=[classes(U, g, [38]) for g in ("g1", "g2", "g3", "g4", "g5", "g6")]
        + [classes(V, "g1", [30, 30, 30]), classes(H, "s1", [45, 45])],
        teachers=staff, rotations=[ongoing], **tables)


NO_CV_RULE = RotationConfig(cv_limits=False)  # the CV rule is not what these figures test


@pytest.fixture(scope="module")
def doc():
    return plan_json(plan_rotation(make(), NO_CV_RULE))


def test_one_count_gives_both_definitions():
    data = make()
    ok, counts = eligibility(data, data.teachers[data.teachers["school_id"] != H],
                             RotationConfig())
    assert (counts.served, counts.rotated, counts.over_age, counts.ongoing) == (8, 1, 2, 1)
    assert (counts.movable, counts.rate_base, int(ok.sum())) == (5, 9, 5)


def test_the_plan_and_the_evaluation_use_the_same_count(doc):
    assert doc["eligible"] == 5
    assert doc["eligible_counts"] == {"served": 8, "rotated": 1, "over_age": 2, "ongoing": 1,
                                      "rate_base": 9}
    assert doc["county_eligible"] is None
    note = next(r.note for r in evaluate(make()).guarantee if r.indicator.id == "rotation_rate")
    assert note == "交流轮岗 1 人，符合交流条件 9 人（在本校任教满 6 年的专任教师（含本学年交流轮岗教师））"


def test_each_figure_is_labelled_with_its_definition(doc):
    assert eligible_lines(doc) == [
        "可安排交流的教师 5 名（方案口径：在本校任教满 6 年的义务教育专任教师 8 名，除去年龄超过男 55 岁、"
        "女 50 岁或年龄未填的 2 名、交流尚未结束的 1 名）",
        "评估口径的符合交流条件教师 9 名（在本校任教满 6 年的 8 名加本学年已交流轮岗的 1 名，"
        "是评估中交流轮岗比例的分母）"]


def test_a_county_figure_is_named_as_the_countys(doc):
    given = make(county_indicators=[{"indicator_code": "rotation_eligible_teachers",
                                     "indicator_name": "符合交流轮岗条件的教师数", "value": 12.0,
                                     "evidence": "摸底"}])
    figures = plan_json(plan_rotation(given, NO_CV_RULE))
    assert figures["county_eligible"] == 12.0 and figures["eligible"] == 5
    assert eligible_lines(figures)[1] == ("评估口径的符合交流条件教师 12 名（县级指标“符合交流轮岗条件的教师数”，"
                                          "由县区填报，是评估中交流轮岗比例的分母）")


def test_the_priority_shortage_is_one_figure_split_by_scope(doc):
    report = staffing_report(make())
    assert report.priority_shortage() == (4, 1)
    assert doc["shortages"]["before"]["priority"] == 3
    assert priority_shortage_line(report) == (
        "体育、音乐、美术教师缺额合计 4 人（含普通高中和特殊教育学校 1 人；其余 3 人在义务教育学校，"
        "即交流轮岗方案的交流前缺额）")
