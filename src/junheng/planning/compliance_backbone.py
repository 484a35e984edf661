"""The 达标路径's new 县级骨干教师 in the plan's words (review rv7: 22 planned with no criteria,
and the 骨干 CV's fall rested on them): who qualifies (:mod:`.backbone_criteria`), how many
each school 认定s beside those it has who qualify, what the money is (unit cost × people),
and each stage's 骨干教师 CV after the plan with them and with none of them 认定.

The CV without them is the evaluation engine's, on the county after every other action of
the plan (:func:`~.compliance_county.apply_actions` without the ``backbone_training`` rows).
"""

from __future__ import annotations

from typing import Any

import pandas as pd

from junheng.evaluate import evaluate
from junheng.evaluate.verdict import SCHOOL_RULE
from junheng.model.numbers import CV_DIGITS, cv3
from junheng.planning.compliance_county import apply_actions

ITEM = "backbone_training"
STAGES = ("primary", "junior")
INDICATOR = "backbone_teachers_per_100"
#: how a CV met only with backbone teachers not yet appointed begins its 测算口径与复核 (review rv15 7)
TRAINED_HELD = "待核实（待骨干教师认定）"


def backbone_summary(problem, actions: pd.DataFrame, evaluation) -> dict[str, Any] | None:
    """The plan's ``backbone_training`` (None when it 认定s no one): ``criteria`` (its
    words), ``schools`` (per school and stage: eligible, planned, funding year), ``total``,
    ``unit_cost`` and ``cost`` (万元), ``cvs`` (per stage trained: the CV with and without
    them, its limit) and ``schools_short`` (:func:`_without`)."""
    if actions.empty or (rows := actions[actions["item"] == ITEM]).empty:
        return None
    criteria = problem.backbone_criteria
    item = problem.costs.item(ITEM)
    total = int(round(float(rows["quantity"].sum())))
    return {"criteria": {"text": criteria.text(), "unchecked": criteria.unchecked,
                         "procedure": criteria.procedure, "source": criteria.source},
            "schools": _schools(problem, rows), "total": total,
            "unit_cost": item.unit_cost, "cost": round(item.unit_cost * total, 2),
            **_without(problem, actions, evaluation, sorted(set(rows["stage"]), key=STAGES.index))}


def appointment_held(cv: dict[str, Any]) -> bool:
    """Whether a stage's 骨干教师 CV (a ``cvs`` entry of :func:`backbone_summary`) meets its limit
    only once the new 骨干 are 认定: under it with them (``after``), over it with none (``without``).
    The one rule every document reads (review rv18 1: 「认定前不能计为达标」 beside a CV of 0.494
    with none 认定, under 0.50): a CV under its limit with none 认定 is met by the plan whatever
    the 认定; only the 学校达标 of the schools that need them waits on them.

    >>> appointment_held({"limit": 0.5, "after": 0.411, "without": 0.4935})
    False
    >>> appointment_held({"limit": 0.5, "after": 0.411, "without": 0.520})
    True
    >>> appointment_held({"limit": 0.5, "after": 0.503, "without": 0.520}), appointment_held({"limit": None,
    ...     "after": 0.4, "without": 0.6})
    (False, False)

    (0.4935 ≤ 0.50: met with none 认定; 0.520 > 0.50 ≥ 0.411: met only with them; 0.503 > 0.50:
    not met either way; no limit: nothing to meet.)
    """
    limit = cv.get("limit")
    if limit is None:
        return False
    return cv["after"] <= limit + 1e-9 < cv["without"]


def stage_cv(summary: dict[str, Any] | None, stage: str) -> dict[str, Any] | None:
    """The ``cvs`` entry of ``stage`` in a :func:`backbone_summary` (None: no new 骨干 there)."""
    return next((x for x in (summary or {}).get("cvs") or () if x["stage"] == stage), None)


def cv_after(met: str, summary: dict[str, Any], stage: str) -> str:
    """A 骨干教师 CV row's 测算口径与复核 once met after the plan (``met``), by
    :func:`appointment_held`: 待核实 until the stage's new 骨干 are 认定, or met whatever the 认定.

    >>> b = {"cvs": [{"stage": "primary", "limit": 0.5, "after": 0.411, "without": 0.4935}],
    ...      "schools": [{"stage": "primary", "planned": 16}, {"stage": "junior", "planned": 6}]}
    >>> print(cv_after("按测算 2030 学年为 0.411，不超过限值", b, "primary"))
    按测算 2030 学年为 0.411，不超过限值；不依赖骨干教师认定：新培养认定的 16 名县级骨干教师一人都未认定时为 0.494，也不超过限值（认定只影响所在学校的学校达标，见本表学校达标行和“教师培养培训”）
    >>> b["cvs"][0]["without"] = 0.52
    >>> print(cv_after("按测算 2030 学年为 0.411，不超过限值", b, "primary"))
    待核实（待骨干教师认定）：按测算 2030 学年为 0.411，不超过限值，但 0.411 含新培养认定的 16 名县级骨干教师，一人都未认定时为 0.520，超过限值，认定前不能计为达标（认定所需荣誉、考核数据工作簿没有；认定人数不足时见“教师培养培训”）
    """
    cv = stage_cv(summary, stage)
    if cv is None:
        return met
    n = sum(int(x["planned"]) for x in summary.get("schools") or () if x["stage"] == stage)
    none = cv3(cv["without"])
    if appointment_held(cv):
        return (f"{TRAINED_HELD}：{met}，但 {cv3(cv['after'])} 含新培养认定的 {n:,} 名县级骨干教师，一人都未认定时为 "
                f"{none}，超过限值，认定前不能计为达标（认定所需荣誉、考核数据工作簿没有；认定人数不足时见“教师培养培训”）")
    return (f"{met}；不依赖骨干教师认定：新培养认定的 {n:,} 名县级骨干教师一人都未认定时为 {none}，也不超过限值"
            "（认定只影响所在学校的学校达标，见本表学校达标行和“教师培养培训”）")


def appointed_passing(summary: dict[str, Any] | None) -> dict[str, list[str]]:
    """Per stage, the units that pass only once their new 骨干 are 认定 (``schools_short``, named
    in the 教师培养培训 section): held apart as 待核实 wherever the 达标 counts are given, as land
    not yet granted is (:data:`~.compliance_summary.APPOINTED`; review rv29 2: the 整改 table
    counted them as passing, 「其中 7 所的达标待…认定」); {} for none.

    >>> b = {"schools_short": [{"name": "甲小学", "stage": "primary"}, {"name": "乙中学", "stage": "junior"},
    ...                        {"name": "丙小学", "stage": "primary"}]}
    >>> appointed_passing(b), appointed_passing(None)
    ({'primary': ['甲小学', '丙小学'], 'junior': ['乙中学']}, {})
    """
    out: dict[str, list[str]] = {}
    for x in (summary or {}).get("schools_short") or ():
        out.setdefault(x["stage"], []).append(x["name"])
    return out


def _schools(problem, rows: pd.DataFrame) -> list[dict[str, Any]]:
    """Per school and stage: the teachers who qualify (the model's bound) and those planned."""
    stock = problem.stocks.set_index("unit_id")["trainable"]
    names = dict(zip(problem.schools["school_id"], problem.schools["name"], strict=True))
    out = []
    for (school, stage), group in rows.groupby(["school_id", "stage"], sort=False):
        years = sorted({int(y) for y in group["year"]}) if "year" in group else []
        out.append({"school_id": school, "name": names.get(school, school), "stage": stage,
                    "eligible": int(stock.get(f"{school}:{stage}", 0)),
                    "planned": int(round(float(group["quantity"].sum()))), "years": years})
    return sorted(out, key=lambda x: (-x["planned"], x["stage"], x["school_id"]))


def _without(problem, actions: pd.DataFrame, evaluation, stages: list[str]) -> dict[str, Any]:
    """With none of them 认定: each trained stage's 骨干教师 CV (``cvs``, beside the plan's)
    and the school units that pass the school rule after the plan but would not
    (``schools_short``: name and stage)."""
    rest = actions[actions["item"] != ITEM]
    without = evaluate(apply_actions(problem.before, rest, problem.backbone_criteria),
                       problem.standard)
    return {"cvs": _cvs(evaluation, without.stages, stages),
            "schools_short": _short(problem, evaluation, without)}


def _short(problem, evaluation, without) -> list[dict[str, Any]]:
    def failing(result) -> set[tuple[str, str]]:
        return {(f.unit_id, f.stage) for f in result.verdict.failures if f.id == SCHOOL_RULE}

    if evaluation is None:
        return []
    names = dict(zip(problem.schools["school_id"], problem.schools["name"], strict=True))
    units = sorted(failing(without) - failing(evaluation), key=lambda u: (STAGES.index(u[1]), u[0]))
    return [{"name": names.get(u.split(":")[0], u), "stage": stage} for u, stage in units]


def _cvs(evaluation, without, stages: list[str]) -> list[dict[str, Any]]:
    """Each trained stage's 骨干教师 CV after the plan, and with none of them 认定."""
    out = []
    for stage in stages:
        if evaluation is None or stage not in evaluation.stages or stage not in without:
            continue
        after = evaluation.stages[stage].indicators.get(INDICATOR)
        none = without[stage].indicators.get(INDICATOR)
        if after is None or none is None:
            continue
        out.append({"stage": stage, "name": after.name, "limit": after.limit,
                    "after": round(float(after.cv), CV_DIGITS),
                    "without": round(float(none.cv), CV_DIGITS)})
    return out
