"""Where the layout plan's construction money comes from (review rv10 finding 9: 「年度预算 …
均未超出」 named no source, while the county's 建设项目 sheet records one for every project).

A build at a school with a listed project not yet 竣工 takes that project's 资金来源
(:func:`project_funds`, stored in the plan's ``metrics["now"]["project_funds"]``); any other
build's source is 「资金来源待县财政局确认」: the plan proposes it, the county has not funded it.
"""

from __future__ import annotations

from typing import Any

import pandas as pd

from junheng.model import numbers
from junheng.model.labels import SHOWN_ACTION_LABELS
from junheng.planning.layout_outcome import LayoutOutcome

#: a build no listed project funds
UNFUNDED = "资金来源待县财政局确认"


def project_funds(projects: pd.DataFrame | None) -> dict[str, list[list[str]]]:
    """School id -> [[project name, 资金来源], …] of its listed projects not yet 竣工 (the
    source 「未填」 when the sheet leaves it empty); {} without any.

    >>> projects = pd.DataFrame({"school_id": ["A", "A", "B"], "name": ["甲改扩建", "甲宿舍", "乙运动场"],
    ...     "funding_source": ["县财政", None, "县财政"], "status": ["under_construction", "planned", "completed"]})
    >>> project_funds(projects)
    {'A': [['甲改扩建', '县财政'], ['甲宿舍', '未填']]}
    """
    if projects is None or projects.empty or "school_id" not in projects:
        return {}
    out: dict[str, list[list[str]]] = {}
    for row in projects.itertuples(index=False):
        if getattr(row, "status", None) == "completed":
            continue
        source = getattr(row, "funding_source", None)
        source = "未填" if source is None or pd.isna(source) or not str(source).strip() else str(source)
        out.setdefault(str(row.school_id), []).append([str(row.name), source])
    return out


def _build_words(plan: LayoutOutcome, s) -> str:
    from junheng.planning.layout_phases import pay_years
    from junheng.planning.layout_spending import build_lead

    years = pay_years(int(plan.year or 0) + (s.phase or 1), build_lead(plan, s))
    span = f"{years[0]} 学年" if len(years) == 1 else f"{years[0]}—{years[-1]} 学年"
    what = SHOWN_ACTION_LABELS.get(s.shown_action, "建设")
    return f"{s.name}{what} {numbers.number(s.shown_capital_yuan / 10_000, 2)} 万元（{span}）"


def funding_note(plan: LayoutOutcome) -> str:
    """The 资金来源 sentence under the 分年度财政支出 table: each build with its money and pay
    years, grouped by its source; '' for a plan without builds or a data year.

    >>> from junheng.planning.layout_outcome import PlannedSchool
    >>> plan = LayoutOutcome("optimal", (
    ...     PlannedSchool("A", "甲小学", "expand", phase=4, capital_yuan=1_000_000.0),
    ...     PlannedSchool("N", "新建初级中学", "new", phase=4, capital_yuan=3_000_000.0)),
    ...     {"now": {"project_funds": {"A": [["甲小学教学楼改扩建", "县财政"]]}}}, year=2025,
    ...     rules={"expansion_lead_years": 2, "new_school_lead_years": 2})
    >>> print(funding_note(plan))
    资金来源：甲小学扩建 100.00 万元（2027—2028 学年）与已列项目“甲小学教学楼改扩建”同校，资金来源按该项目：县财政；新建初级中学新建 300.00 万元（2027—2028 学年）未列入工作簿“建设项目”表，资金来源待县财政局确认。各项须列入县财政年度预算或申请专项资金后实施。
    """
    funds: dict[str, Any] = ((plan.metrics or {}).get("now") or {}).get("project_funds") or {}
    builds = [s for s in plan.schools if s.action != "close" and s.shown_capital_yuan > 0]
    if not builds or not plan.year:
        return ""
    listed, unlisted = [], []
    for s in builds:
        if mine := funds.get(s.school_id):
            names = "、".join(f"“{n}”" for n, _ in mine)
            sources = "、".join(dict.fromkeys(src for _, src in mine))
            listed.append(f"{_build_words(plan, s)}与已列项目{names}同校，资金来源按该项目：{sources}")
        else:
            unlisted.append(_build_words(plan, s))
    parts = [*listed, *([f"{'、'.join(unlisted)}未列入工作簿“建设项目”表，{UNFUNDED}"] if unlisted else [])]
    return "资金来源：" + "；".join(parts) + "。各项须列入县财政年度预算或申请专项资金后实施。"
