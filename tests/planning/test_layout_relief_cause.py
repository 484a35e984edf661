"""Review rv2 6: 城关第一小学's 分流下限 shortfall blamed travel times (「通行时间限制内本校可留的
学生不足」) while the plan zoned two of its communities, whole, to nearer schools: 学府社区 136 to
东城小学 and 行政路社区 398 to 实验小学, 2,011 − 534 = 1,477 pupils kept. The reason now names
them (planning.layout_unmet.zoned_out), in the 理由 and in 未满足的规则 alike."""

from __future__ import annotations

import pandas as pd

from junheng.planning.layout_outcome import LayoutOutcome, PlannedSchool, VillageAssignment
from junheng.planning.layout_unmet import RELIEF_WHY, relief_reasons, relief_text

VA = VillageAssignment
CAUSE = ("就近划片：本校原片区行政路社区 398 人划入实验小学、学府社区 136 人划入东城小学"
         "（各社区同一年级段的学生整体划入一所学校、不拆分），本校只留下其余学生")


def plan() -> LayoutOutcome:
    # 行政路社区 300 (grades 1–3) + 98 (grades 4–6) = 398 to C; 学府社区 136 to B; 光明社区 1,477
    # stays: 1,477 + 398 + 136 = 2,011
    return LayoutOutcome("optimal", (
        PlannedSchool("A", "城关一小", "keep", stay_floor=1_483, students_after={"primary": 1_477}),
        PlannedSchool("B", "东城小学", "keep", stay_floor=413, students_after={"primary": 1_036}),
        PlannedSchool("C", "实验小学", "keep", students_after={"primary": 1_898})),
        {"after": {"relief_short_pupils": 6.0}}, assignments=(
            VA("V1", "grades_1_3", "B", 136, 0.3, 0.9, False, village_name="学府社区", before_school="A"),
            VA("V2", "grades_1_3", "C", 300, 3.0, 16.2, False, village_name="行政路社区", before_school="A"),
            VA("V2", "grades_4_6", "C", 98, 3.0, 16.2, False, village_name="行政路社区", before_school="A"),
            VA("V3", "grades_1_3", "A", 1_477, 1.0, 5.0, False, village_name="光明社区", before_school="A")))


def test_the_unmet_rule_names_the_communities_zoned_away():
    assert relief_text(plan()) == (
        "保留学校的分流下限（保留学校至少留住规划年生源的一定比例）：城关一小规划后 1,477 人，比分流下限 1,483 人"
        f"少 6 人（{CAUSE}）；可把学府社区整体留在本校（本校 1,613 人，达到下限；东城小学 1,036 人减为 900 人，"
        "不低于其分流下限 413 人；须核对该社区到本校的走读时间），或维持本方案（本校为下限的 99.6%）")
    # hwords3 2: the remedy keeps each community whole (1,477 + 136 = 1,613 ≥ 1,483; 学府社区 is
    # the smallest community zoned away that closes the 6; 东城小学 1,036 − 136 = 900 ≥ 413;
    # 1,477 ÷ 1,483 = 99.6%) and 「少 6 人」 is said once; splitting a community
    # (「把划出社区的部分学生留在本校」) is said nowhere
    said = relief_text(plan())
    assert said.count("少 6 人") == 1 and "部分学生" not in said


def test_a_community_kept_whole_must_fit_the_seats_and_the_receivers_floor():
    # 城关一小 with 1,600 seats: kept whole, 学府社区 (1,477 + 136 = 1,613) overflows them,
    # 行政路社区 (1,477 + 398 = 1,875) too. With 2,000 seats and 东城小学 at its floor (1,036 of
    # 1,036, it can give none) 行政路社区 is named: 实验小学 1,898 − 398 = 1,500, no floor of its own.
    from dataclasses import replace

    p = plan()
    small = replace(p, schools=(replace(p.schools[0], capacity={"primary": 1_600}), *p.schools[1:]))
    assert relief_text(small).endswith(
        "；划出的社区整体留在本校，都会使接收学校低于其分流下限、超出本校学位或仍不足下限，或维持本方案（本校为下限的 99.6%）")
    fits = replace(p, schools=(replace(p.schools[0], capacity={"primary": 2_000}),
                               replace(p.schools[1], stay_floor=1_036), p.schools[2]))
    assert relief_text(fits).endswith(
        "；可把行政路社区整体留在本校（本校 1,875 人，达到下限，在学位 2,000 个之内；实验小学 1,898 人减为 1,500 人；须核对该社区到本校的走读时间），"
        "或维持本方案（本校为下限的 99.6%）")


def test_the_reason_of_the_school_says_the_same_from_the_planners_frames():
    sites = pd.DataFrame({"stay_floor": [1483.0, 0.0, 0.0], "expected": [2011, 900, 1500],
                          "name": ["城关一小", "东城小学", "实验小学"]}, index=["A", "B", "C"])
    kept = pd.DataFrame({"site_id": ["A", "B", "C"], "students_primary": [1477, 1036, 1898],
                         "students_junior": 0})
    a = pd.DataFrame({"site_id": ["B", "C", "C", "A"], "before_site": "A", "demand": [136, 300, 98, 1477],
                      "village_name": ["学府社区", "行政路社区", "行政路社区", "光明社区"]})
    # floor 1,483 = the 80 % share and the pupils nearer other schools taken off; 1,483 − 1,477 = 6
    assert relief_reasons(sites, kept, a, 0.8) == {"A": (
        "分流下限：保留学校至少留住规划年生源（不调整约 2,011 人）的 80%，扣除超出学位或规模上限须分流、"
        f"离其他学校更近的学生后为 1,483 人；规划后 1,477 人，少 6 人（{CAUSE}）。")}
    # no community zoned away: the neighbours' floors are the cause, as before
    assert relief_reasons(sites, kept, a[a["site_id"] == "A"], 0.8)["A"].endswith(f"（{RELIEF_WHY}）。")
