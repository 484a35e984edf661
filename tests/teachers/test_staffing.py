"""Staffing quotas, subject gaps and 人编岗一致 on a hand-made county."""

from __future__ import annotations

import pytest
from teacher_builders import classes, county, school, teachers

from junheng.errors import ConfigError
from junheng.teachers.rules import load_rules
from junheng.teachers.staffing import round_half_up, staffing_report


@pytest.fixture(scope="module")
def report():
    data = county(
        schools=[school("4103060001"), school("4103060002", code="220"),
                 school("4103060003", "junior_school", code="121")],
        classes=[classes("4103060001", g, [38]) for g in ("g1", "g2", "g3", "g4", "g5", "g6")]
        + [classes("4103060002", "g1", [10, 10, 10])]
        + [classes("4103060003", "g7", [45, 45, 45])],
        teachers=[teachers("4103060001", 10, quota_status="in_quota",
                           post_category="professional"),
                  teachers("4103060001", 1, subject="pe", quota_status="in_quota",
                           post_category="professional"),
                  teachers("4103060002", 4, quota_status="in_quota"),
                  teachers("4103060003", 2, "junior", subject="physics")],
        staffing=[{"school_id": "4103060001", "staff_quota": 12, "professional_posts": 10,
                   "management_posts": 1, "support_posts": 1},
                  {"school_id": "4103060002", "staff_quota": 4}])
    return staffing_report(data)


def test_quotas_by_ratio_and_small_school_class_ratio(report):
    s = report.schools.set_index("school_id")
    # 228 / 19 = 12; small rural: max(30 / 19, 3 × 1.7 = 5.1) -> 6; 135 / 13.5 = 10
    assert s["standard_quota"].to_dict() == {"4103060001": 12, "4103060002": 6,
                                             "4103060003": 10}
    assert s["small"].tolist() == [False, True, False]
    assert s["balance"].to_dict() == {"4103060001": -1, "4103060002": -2, "4103060003": -8}
    assert s.at["4103060001", "approved_quota"] == 12


def test_subject_gaps(report):
    g = report.subjects.set_index(["school_id", "subject"])
    a = "4103060001"
    # one class in each of grades 1–6: 172 weekly hours (26 + 26 + 4 × 30), of them 体育
    # 4 + 4 + 3 × 4 = 20, 音乐 2 + 2 + 2 + 2 + 1 + 1 = 10, 语文 8 + 8 + 7 + 7 + 6 + 6 = 42
    assert g.loc[(a, "pe"), ["need", "have", "shortage"]].tolist() == [1.4, 1, 0]  # 12 × 20/172
    assert g.loc[(a, "music"), ["need", "have", "shortage"]].tolist() == [0.7, 0, 1]  # 12 × 10/172
    # 12 × 42/172 = 2.93 -> 3 against 10 teachers: surplus 7
    assert g.loc[(a, "chinese"), ["have", "shortage", "surplus"]].tolist() == [10, 0, 7]
    # physics teachers count towards 科学; 七年级 only: 3 of 34 hours, 10 × 3/34 = 0.88 -> 1,
    # two teachers: surplus 1
    assert g.loc[("4103060003", "science"), ["have", "surplus"]].tolist() == [2, 1]


def test_people_quota_posts(report):
    found = report.consistency
    assert found["kind"].tolist() == ["vacancy", "post_over", "below_standard"]
    assert found["message"].tolist() == [
        "4103060001校：在编 11 人，核定编制 12 人，空编 1 个",
        "4103060001校：专业技术岗位在岗 11 人，岗位数 10 个，超岗 1 人",
        "4103060002校：核定编制 4 人，低于按编制标准测算的 6 人"]


def test_round_half_up():
    assert [round_half_up(x) for x in (0.5, 1.49, 2.5, 0.0)] == [1, 1, 3, 0]


def test_bad_rules_file_named_in_chinese(tmp_path):
    path = tmp_path / "rules.yaml"
    path.write_text("name: x\nsources: [a]\nstudent_ratio: {primary: 19, junior: 0, senior: 12}\n"
                    "small_school: {max_students: 100, areas: [rural], class_ratio: {}}\n"
                    "weekly_total: [1, 1, 1, 1, 1, 1, 1, 1, 1]\n"
                    "weekly_hours: {dance: [1, 1, 1, 1, 1, 1, 1, 1, 1]}\n", encoding="utf-8")
    with pytest.raises(ConfigError, match="生师比缺少学段 初中 或不为正数；学科代码不存在：dance"):
        load_rules(path)


def test_an_over_quota_school_reads_as_the_excess_not_the_quota():
    # 46 on the quota against 42 approved: 超编 4, not "超过 42"; 42 professional staff on 38 posts
    from collections import namedtuple

    import pandas as pd

    from junheng.teachers.staffing import _unit_findings

    Row = namedtuple("Row", "school_id staff_quota professional_posts management_posts support_posts")
    on = pd.DataFrame({"post_category": ["professional"] * 42 + ["management"] * 4})
    found = _unit_findings(Row("S", 42, 38, 4, 0), on, 40, "第二小学")
    assert [f["message"] for f in found] == [
        "第二小学：在编 46 人，核定编制 42 人，超编 4 人",
        "第二小学：专业技术岗位在岗 42 人，岗位数 38 个，超岗 4 人"]
