"""The 未解决事项 counted by school (review rv21 4: the 自评报告's 「涉及 6 所学校」 counted the two
差异系数 rows of 全县 as a school)."""

from __future__ import annotations

from junheng.report.compliance_brief import unresolved_summary


def test_the_county_rows_are_not_a_school():
    # the demo's 15 rows: 育才 (6 rows, two stages and the school), 实验中学, 第四中学, 黄城镇初级中学
    # (3 rows), 城东新区第二小学 and 全县（小学）, 全县（初中）: 5 schools with 13 rows, 全县 2
    rows = ([{"school": "育才外国语学校（小学）", "reason": "民办"}] * 3 + [{"school": "育才外国语学校（初中）", "reason": "民办"}] * 2
            + [{"school": "实验中学（初中）", "reason": "需论证", "short_m2": 8053},
               {"school": "第四中学（初中）", "reason": "需论证", "short_m2": 949},
               {"school": "全县（小学）", "reason": "需论证"}, {"school": "全县（初中）", "reason": "需论证"},
               {"school": "城东新区第二小学", "reason": "在建"}]
            + [{"school": "黄城镇初级中学（初中）", "reason": "在建"}] + [{"school": "黄城镇初级中学", "reason": "在建"}] * 2
            + [{"school": "育才外国语学校", "reason": "民办"}] * 2)
    assert len(rows) == 15
    assert unresolved_summary({"target_year": 2030, "unresolved": rows}) == (
        "按此方案 2030 学年仍未解决的事项 15 项、涉及 5 所学校（13 项）和全县（2 项），其中仍缺体育运动场馆面积的是"
        "实验中学（初中）8,053 平方米、第四中学（初中）949 平方米；逐校逐项的现值、标准和原因见《达标路径工作簿》"
        "“未解决事项”表（15 行）。")
