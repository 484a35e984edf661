"""Review rv8 15: the body of the demo's 布局调整方案 said the solver's way of pricing the
分流下限 (「共少 6 人，测算时按高额计入以尽量避免（为保证分流下限的约束…）」). The body now says the cause
and what the bureau can do; the price per pupil stays in the appendix (测算参数与求解情况)."""

from __future__ import annotations

from report.report_builders import body_and_appendix

#: the solver's penalty words a planner should not meet in the body
PENALTY_WORDS = ("按高额计入", "高额", "惩罚", "罚")


def test_the_layout_body_says_the_cause_and_the_remedy_not_the_penalty(demo_run):
    body, appendix = ("\n".join(part) for part in body_and_appendix(demo_run.out / "布局调整方案.docx"))
    assert [w for w in PENALTY_WORDS if w in body] == []
    # 城关第一小学 keeps 1,477 of its floor 1,483: its communities went whole to other schools
    assert ("洛北县城关第一小学规划后 1,477 人，比分流下限 1,483 人少 6 人（就近划片：" in body)
    # hwords3 2: a remedy that keeps each community whole, 「少 6 人」 said once: 学府社区 (136, to
    # 东城小学) kept whole gives 1,477 + 136 = 1,613 ≥ 1,483 within 1,980 seats; 东城小学
    # 595 − 136 = 459 ≥ its floor 413 (layout/plan.json); 1,477 ÷ 1,483 = 99.6%
    assert ("本校只留下其余学生）；可把学府社区整体留在本校（本校 1,613 人，达到下限，在学位 1,980 个之内；"
            "洛北县东城小学 595 人减为 459 人，不低于其分流下限 413 人；须核对该社区到本校的走读时间），"
            "或维持本方案（本校为下限的 99.6%）。") in body
    assert "部分学生留在本校" not in body and body.count("比分流下限 1,483 人少 6 人") == 1
    # the solver's price per pupil short stays in the appendix
    assert "保留学校低于分流下限的 6 人每人每年按 100.00 万元计入" in appendix
