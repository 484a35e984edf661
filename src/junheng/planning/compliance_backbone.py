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
from junheng.model.numbers import CV_DIGITS
from junheng.planning.compliance_county import apply_actions

ITEM = "backbone_training"
STAGES = ("primary", "junior")
INDICATOR = "backbone_teachers_per_100"


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
