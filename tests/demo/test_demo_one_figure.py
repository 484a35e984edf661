"""One figure per fact in the demo's Word documents (review rv21, brief hfix10a): the 未解决事项
counted by school, 全县 apart, and the 附录's gap recomputed from its division in 元."""

from __future__ import annotations

import json

from demo_helpers import docx_text


def test_the_self_report_counts_schools_and_the_county_apart(demo_run):
    # rv21 4: 「涉及 6 所学校」 counted 全县's two 差异系数 rows; 育才 (6 rows), 实验中学, 第四中学,
    # 黄城镇初级中学 (3 rows) and 城东新区第二小学: 5 schools with 13 rows, 全县 2
    rows = json.loads((demo_run.out / "compliance" / "plan.json").read_text(encoding="utf-8"))["unresolved"]
    assert (len(rows), sum(r["school"].startswith("全县") for r in rows)) == (15, 2)
    assert ("按此方案 2030 学年仍未解决的事项 15 项、涉及 5 所学校（13 项）和全县（2 项），其中仍缺体育运动场馆面积的是"
            "洛北县实验中学（初中）8,053 平方米、洛北县第四中学（初中）949 平方米") in docx_text(demo_run.out / "自评报告.docx")


def test_the_gap_is_recomputed_from_the_division_it_gives(demo_run):
    # rv21 2: the 附录's 万元 rows gave another gap than the one said; its 说明 gives the division
    # in 元: (39,687,255.89 − 39,683,503.11) ÷ 39,687,255.89 = 3,752.78 ÷ 39,687,255.89 = 0.0095 %
    # (brief hguard: 1.92 万元 a site, 河南 minimum wage: the same plan, its 62 open sites 62 × 3,200
    # higher than 39,488,855.89, another bound HiGHS proves; 170.35, 0.0004 % at 1.6 万元)
    # (brief hsite: the per-site cost at 1.6 万元, one guard, not 10 万元: the same plan, its 62 open
    # sites 62 × 8.4 万 = 520.80 万元 lower, and another bound HiGHS proves; 44,696,855.89 −
    # 44,692,937.88 = 3,918.01, 0.0088 % before)
    plan = json.loads((demo_run.out / "layout" / "plan.json").read_text(encoding="utf-8"))
    diff = round(plan["objective"] - plan["bound"], 2)
    assert (diff, round(diff / plan["objective"] * 100, 4), plan["gap"]) == (3752.78, 0.0095, 0.000095)
    text = docx_text(demo_run.out / "布局调整方案.docx")
    assert "与下界差 0.0095%" in text
    assert ("与可能的最低值的差距（最优性差距）\n0.0095%\n（求解器目标值 − 下界）÷ 求解器目标值，"
            "即 3,752.78 元 ÷ 39,687,255.89 元；") in text
