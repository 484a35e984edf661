"""The 大班额 and uncertainty notes of the layout workbook's comparison (split from
:mod:`.layout_xlsx`)."""

from __future__ import annotations

from junheng.planning.layout_forecast import FORECAST_RULE
from junheng.planning.layout_outcome import LayoutOutcome


def oversized_note(year: str, target: str) -> str:
    """What the 大班额 row counts: actual classes today, an average for the plan year (planner
    review 2026-12-05 finding 3: "调整后 0" read as no 大班额, though a school averaging 54 a
    room can still have classes of 58).

    >>> oversized_note("2025 学年", "2030 学年").split("——")[0]
    '大班额：“当前”为 2025 学年实际班级中 56 人及以上的班级数（按班级表逐班计）；规划年两列没有实际班级，按平均班额测算'
    """
    return (f"大班额：“当前”为 {year}实际班级中 56 人及以上的班级数（按班级表逐班计）；规划年两列没有实际班级，"
            f"按平均班额测算——{target}各校各学段学生（不调整：按现有学校就读；调整后：按方案分配）编入本校普通教室"
            "（调整后含新增教室），每间教室一个班，平均每间超过 55 人时该学段的班级都计为大班额，平均不超过 55 人的计为 0。"
            "按平均班额测算为 0 不等于没有大班额：各年级人数不均，平均班额不超过 55 人的学校仍可能有 56 人及以上的班级，"
            "须在实际编班时逐班核实。两列可以比较，与“当前”的实际班数不可直接相减。")


def uncertainty_note(plan: LayoutOutcome) -> str:
    """How uncertain the plan's school pupils are: the forecast's where the plan takes them
    (its rule :data:`FORECAST_RULE`: the forecast's school-level backtest error is theirs),
    else aged forward from the villages' children, without a backtest of their own, the
    forecast's error the measure to read beside them (hr item 1: the village sentence was
    printed on a run whose pupils were the forecast's).

    >>> uncertainty_note(LayoutOutcome("optimal", (), {}, year=2025, target_year=2030))[:44]
    '规划年各校学生数的不确定性：本方案把各村现有分年龄儿童推移到 2030 学年（5 年后）'
    >>> uncertainty_note(LayoutOutcome("optimal", (), {}, year=2025, target_year=2030,
    ...                                rules={FORECAST_RULE: True}))[:45]
    '规划年各校学生数的不确定性：本方案各校学生数取招生预测的 2030 学年（5 年后）预测数'
    """
    ahead = (f"{plan.target_year} 学年（{plan.target_year - plan.year} 年后）"
             if plan.year and plan.target_year else "规划年")
    if (plan.rules or {}).get(FORECAST_RULE):
        return (f"规划年各校学生数的不确定性：本方案各校学生数取招生预测的 {ahead}预测数，方案调整的学校加减转入、"
                "转出的学生；招生预测的逐校回测误差（招生预测工作簿“学校”“教室缺口”表下“逐校预测的不确定性”，"
                "看相同年数的一列）即这些数字和由此推算的教室缺口的误差；超出回测年数的，没有可回测的历史，误差只会更大。")
    return (f"规划年各校学生数的不确定性：本方案把各村现有分年龄儿童推移到 {ahead}，不含出生、迁移和择校的变化，"
            "本身没有回测，不给区间。同一县招生预测的逐校回测误差（招生预测工作簿“学校”“教室缺口”表下"
            "“逐校预测的不确定性”，看相同年数的一列）可作这些数字和由此推算的教室缺口的误差参考；"
            "超出回测年数的，没有可回测的历史，误差只会更大。")
