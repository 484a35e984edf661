"""``junheng demo``'s console counts the layout's 大班额 as the documents do: today's actual
classes, the plan year's by average class size, not actual classes (planner review
2026-12-05 finding 3; the console said "（2030 学年按普通教室编班）不调整 38 个 → 调整后 0 个"
while 布局调整方案.docx says "规划年按平均班额测算，不是实际班级数")."""

from __future__ import annotations

from types import SimpleNamespace

from junheng.cli.app import console
from junheng.cli.demo import DemoProgress, oversized_text
from junheng.planning.layout_outcome import LayoutOutcome


def _outcome(after: int) -> LayoutOutcome:
    """The demo county's figures: 191 actual classes of 56+ in 2025, 38 by average class size
    in 2030 without the plan; 70 teaching points → 6; 55,644,200 元 = 5,564.42 万元."""
    metrics = {"now": {"oversized_classes": 191},
               "before": {"oversized_classes": 38, "teaching_points": 70},
               "after": {"oversized_classes": after, "teaching_points": 6,
                         "capital_cost_yuan": 55_644_200.0}}
    return LayoutOutcome("optimal", (), metrics, year=2025, target_year=2030, seconds=2.0)


def _printed(outcome: LayoutOutcome) -> str:
    with console.capture() as captured:
        DemoProgress()._layout(SimpleNamespace(outcome=outcome))
    return " ".join(captured.get().split())  # the lines rich wrapped at a space, joined again


def test_the_console_says_the_plan_year_is_by_average_class_size():
    assert _printed(_outcome(0)).startswith(
        "求解目标在设定权重和计入额下最优（在容差 0.01% 内），用时 2 秒：不撤并、不扩建、不新建学校；教学点 70 → 6；"
        "义务教育段大班额：2025 学年实际班级 191 个；2030 学年按平均班额测算（不是实际班级数，为 0 不等于没有大班额）"
        "不调整 38 个 → 调整后 0 个；一次性建设投资 5,564.42 万元 ")
    assert "按普通教室编班" not in _printed(_outcome(0))


def test_a_plan_year_count_above_zero_is_not_told_that_zero_means_little():
    assert oversized_text(_outcome(1_204)) == (
        "义务教育段大班额：2025 学年实际班级 191 个；2030 学年按平均班额测算（不是实际班级数）"
        "不调整 38 个 → 调整后 1,204 个")
