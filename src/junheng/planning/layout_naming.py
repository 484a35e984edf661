"""The layout plan's name as every document says it.

Planner review (2026-12-04): the 自评报告, the ledger's note and the demo called the plan
“默认方案”, the software's name for a scenario nobody named, where the plan's own documents
say 方案甲（新建学校） beside 方案乙（不新建学校）. A scenario the user named keeps its name;
the default name is never shown; a plan compared with the same scenario without new schools
(its ``alternative``) is then 方案甲（新建学校）. The stored name is not changed, so a plan stored
under “默认方案” before is named the same way. In the planning core so that the 达标路径 and
the combined plan (planning) name the plan as the reports, the ledger and the web do.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from junheng.planning.layout_config import LayoutConfig
from junheng.planning.layout_options import OPTION_A_FULL
from junheng.planning.layout_outcome import LayoutOutcome

#: the plan's word in every document (the ledger finds the plan's notes by it)
PLAN_WORD = "布局调整方案"
#: the name a scenario gets when the user gives none (``LayoutConfig.name``)
DEFAULT_SCENARIO = LayoutConfig.model_fields["name"].default
#: 方案甲 follows this, not ``PLAN_WORD`` (布局调整方案甲, not 布局调整方案方案甲)
LAYOUT_WORDS = PLAN_WORD.removesuffix("方案")


def own_name(plan: LayoutOutcome) -> str:
    """The scenario's name when the user gave one, '' for the default name or none.

    >>> own_name(LayoutOutcome("optimal", (), {}, scenario=DEFAULT_SCENARIO))
    ''
    >>> own_name(LayoutOutcome("optimal", (), {}, scenario="东区扩建"))
    '东区扩建'
    """
    return plan.scenario if plan.scenario and plan.scenario != DEFAULT_SCENARIO else ""


def layout_name(plan: LayoutOutcome) -> str:
    """The plan as the documents name it: the user's scenario name, quoted, when there is one
    (as the document's title keeps it); else 方案甲（新建学校） when it has a 方案乙 beside it;
    else plain 布局调整方案.

    >>> from dataclasses import replace
    >>> plain = LayoutOutcome("optimal", (), {}, scenario="默认方案")
    >>> layout_name(plain), layout_name(replace(plain, alternative={"once_yuan": 0.0}))
    ('布局调整方案', '布局调整方案甲（新建学校）')
    >>> layout_name(replace(plain, scenario="东区扩建", alternative={"once_yuan": 0.0}))
    '布局调整方案“东区扩建”'
    """
    if own := own_name(plan):
        return f"{PLAN_WORD}“{own}”"
    return LAYOUT_WORDS + OPTION_A_FULL if plan.alternative else PLAN_WORD


def plan_label(plan: LayoutOutcome) -> str:
    """The plan in a table's 方案 cell (求解信息): :func:`layout_name` without its quotes and,
    for the user's scenario, without 布局调整方案.

    >>> from dataclasses import replace
    >>> plain = LayoutOutcome("optimal", (), {}, scenario="默认方案")
    >>> plan_label(plain), plan_label(replace(plain, alternative={"once_yuan": 0.0}))
    ('布局调整方案', '方案甲（新建学校）')
    >>> plan_label(replace(plain, scenario="东区扩建"))
    '东区扩建'
    """
    if own := own_name(plan):
        return own
    return OPTION_A_FULL if plan.alternative else PLAN_WORD


def with_details(name: str, details: str) -> str:
    """``name`` followed by ``details`` in brackets, one pair of brackets when the name ends
    in its own (布局调整方案甲（新建学校；目标学年 2030）, never （…）（…）).

    >>> with_details("布局调整方案", "目标学年 2030")
    '布局调整方案（目标学年 2030）'
    >>> with_details("布局调整方案甲（新建学校）", "目标学年 2030")
    '布局调整方案甲（新建学校；目标学年 2030）'
    >>> with_details("布局调整方案", "")
    '布局调整方案'
    """
    if not details:
        return name
    if name.endswith("）"):
        return f"{name[:-1]}；{details}）"
    return f"{name}（{details}）"


def saved_name(doc: Mapping[str, Any]) -> str:
    """The layout plan's name in a saved summary (the 达标路径's ``combined``): its
    ``layout_name``; a summary saved before it kept the scenario only, whose default name
    reads as the plain 布局调整方案 and a user's name quoted.

    >>> saved_name({"layout_name": "布局调整方案甲（新建学校）", "layout_scenario": "默认方案"})
    '布局调整方案甲（新建学校）'
    >>> saved_name({"layout_scenario": "默认方案"}), saved_name({"layout_scenario": "东区扩建"})
    ('布局调整方案', '布局调整方案“东区扩建”')
    """
    if doc.get("layout_name"):
        return doc["layout_name"]
    scenario = doc.get("layout_scenario") or ""
    return PLAN_WORD if scenario in ("", DEFAULT_SCENARIO) else f"{PLAN_WORD}“{scenario}”"
