"""The per-pupil 公用经费 rates a layout plan was priced at, for its 求解信息 rows (review rv24
10b: 「运行成本的生均部分（小学，元/生·年）| —」 beside the 2,842.16 万元 the 综合评价值说明 takes
out, which is the plan year's pupils at the county's 基准定额: 19,899 × 720 + 14,994 × 940 元).

The rate is the scenario's own (``operating_yuan_per_pupil_*``) or, unset, the county's
生均公用经费基准定额 from its workbook (:func:`junheng.planning.layout_costs.county_quotas`,
which prices the plan; 0 where the workbook has none); the pupils are the plan year's, by
学段, as the plan assigns them."""

from __future__ import annotations

import math

from junheng.model import numbers
from junheng.model.labels import PUPIL_PRICES, STAGE_LABELS, quota_funding
from junheng.planning.layout_outcome import LayoutOutcome

#: the plan's grade groups by 学段
GROUP_STAGES = {"grades_1_3": "primary", "grades_4_6": "primary", "grades_7_9": "junior"}


def stage_pupils(plan: LayoutOutcome) -> dict[str, int]:
    """The plan year's pupils per 学段 as the plan assigns them (the pupils the per-pupil part is
    priced for)."""
    out = dict.fromkeys(PUPIL_PRICES, 0)
    for a in plan.assignments:
        stage = GROUP_STAGES.get(a.stage_group)
        if stage:
            out[stage] += int(a.students)
    return out


def county_rate(data, stage: str) -> float | None:
    """The county workbook's 生均公用经费基准定额 of ``stage`` (None: not given)."""
    value = (getattr(data, "info", None) or {}).get(f"{stage}_funding_quota")
    return float(value) if isinstance(value, int | float) and math.isfinite(value) else None


def pupil_rates(plan: LayoutOutcome, data=None) -> dict[str, tuple[str, str]]:
    """Weight key (:data:`PUPIL_PRICES`) → the 求解信息 row's value and note: the rate used and
    where it came from, and the pupils it was counted for with the total of both 学段 (the
    综合评价值说明's figure). Without ``data`` an unset rate cannot be named: {} for it.

    >>> from types import SimpleNamespace as NS
    >>> from junheng.planning.layout_outcome import VillageAssignment as VA
    >>> plan = LayoutOutcome("optimal", (), {"after": {"operating_pupil_yuan": 1_090_000.0}}, target_year=2030,
    ...     weights={"operating_yuan_per_pupil_junior": 1_000.0}, assignments=(
    ...         VA("V", "grades_1_3", "A", 300, 1.0, 5.0, False), VA("V", "grades_4_6", "A", 200, 1.0, 5.0, False),
    ...         VA("V", "grades_7_9", "B", 700, 1.0, 5.0, False)))
    >>> rates = pupil_rates(plan, NS(info={"primary_funding_quota": 780.0}, school_year=2025))
    >>> rates["operating_yuan_per_pupil_primary"][0]
    '780 元/生·年（未设，取县级数据 2025 学年的小学生均公用经费基准定额）'
    >>> rates["operating_yuan_per_pupil_junior"][0]
    '1,000 元/生·年（方案设定）'
    >>> print(rates["operating_yuan_per_pupil_primary"][1])
    计入财政支出：规划年 2030 学年小学 500 人，每人每年 780 元；小学、初中合计 109.00 万元（即“综合评价值说明”中按方案设定的生均公用经费（小学按基准定额、初中 1,000 元/生·年）测算的公用经费）
    >>> list(pupil_rates(plan))  # the county's rate unknown without its data
    ['operating_yuan_per_pupil_junior']
    """
    pupils = stage_pupils(plan)
    total = (plan.metrics or {}).get("after", {}).get("operating_pupil_yuan")
    out = {}
    for stage, key in PUPIL_PRICES.items():
        given = (plan.weights or {}).get(key)
        label = STAGE_LABELS[stage]
        if isinstance(given, int | float):
            rate, source = float(given), "方案设定"
        elif data is None:
            continue
        elif (quota := county_rate(data, stage)) is None:
            rate, source = 0.0, f"未设，县级数据无{label}生均公用经费基准定额，按 0 计"
        else:
            rate, source = quota, f"未设，取县级数据 {data.school_year} 学年的{label}生均公用经费基准定额"
        both = (f"；小学、初中合计 {numbers.wan_text(float(total))}（即“综合评价值说明”中{quota_funding(plan.weights)}）"
                if isinstance(total, int | float) else "")
        out[key] = (f"{numbers.trimmed(rate)} 元/生·年（{source}）",
                    f"计入财政支出：规划年 {plan.target_year} 学年{label} {pupils[stage]:,} 人，"
                    f"每人每年 {numbers.trimmed(rate)} 元{both}")
    return out


__all__ = ["county_rate", "pupil_rates", "stage_pupils"]
