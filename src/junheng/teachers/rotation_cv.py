"""The 优质均衡 2017 teacher-indicator CV rule as a constraint of the 交流轮岗 plan.

After the plan, no CV of 每百名学生拥有高于规定学历教师数 / 县级以上骨干教师数 / 体育、艺术专任
教师数 (per stage, as the evaluation engine computes them for the standard: primary limit 0.50,
junior 0.45) may exceed its limit, or, where the county exceeds it already, rise by
``WORSE_TOL`` (0.0005) or more — the rule of the layout planner
(:mod:`junheng.planning.layout_cv`). The CVs are not linear in the moves, so the rule is a
repair loop around the MILP of :mod:`junheng.teachers.rotation`, each plan re-evaluated on the
county with the moved teachers at their new schools:

1. solve; re-evaluate; no breach -> done;
2. for each breached (stage, indicator j): the first time j breaks, add j with its limit L to
   ``hold`` (constraint (11): each school within L of its share of j, or no further from it
   than now — a linear band on the per-100-student figure around the county mean); when j breaks again, add
   (j, stage) to ``freeze`` (constraint (12): j's teachers of that stage stay, so that CV
   does not change); solve again;
3. when the quota cannot be met with these constraints (or nothing is left to tighten, or
   ``cv_repair_rounds`` are spent) the plan is refused with an
   :class:`~junheng.errors.InfeasibleError` giving the quota and the CVs.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import Any

from junheng.errors import InfeasibleError
from junheng.evaluate.engine import evaluate
from junheng.model import CountyData
from junheng.optimize.result import MilpResult
from junheng.planning.layout_cv import STAGE_LABELS, CvBreach, cv_breaches
from junheng.teachers.rotation import Move, solve_rotation
from junheng.teachers.rotation_data import RotationConfig, RotationData
from junheng.teachers.rotation_exchange import moved_teachers

#: Evaluation indicator id -> rotation indicator key.
TEACHER_INDICATORS = {"higher_degree_teachers_per_100": "higher_degree",
                      "backbone_teachers_per_100": "backbone",
                      "pe_art_teachers_per_100": "pe_art"}


@dataclass(frozen=True)
class CvRule:
    """How the plan met the CV rule: solves, the final (11)/(12) sets, the per-stage CVs
    before/after with limits, and the breaches of the first (unconstrained) plan."""

    solves: int
    hold: tuple[tuple[str, float], ...]
    freeze: tuple[tuple[str, str], ...]
    rows: list[dict[str, Any]]
    repaired: list[str]


def moved_county(data: CountyData, d: RotationData, moves: Sequence[Move]) -> CountyData:
    """The county with each moved teacher counted at the new school, and each teacher a
    receiver at its 编制 sends back at the sender (:mod:`.rotation_exchange`)."""
    return data.with_tables(teachers=moved_teachers(data, d, moves))


def teacher_breaches(before, after) -> list[CvBreach]:
    """Breaches of the rule among the teacher indicators (evaluations of 优质均衡 2017)."""
    return [b for b in cv_breaches(before, after) if b.indicator in TEACHER_INDICATORS]


def cv_rows(before, after) -> list[dict[str, Any]]:
    """Per stage and teacher indicator: CV before, after and the limit."""
    out = []
    for stage, res in before.stages.items():
        for ind_id, key in TEACHER_INDICATORS.items():
            ind = res.indicators.get(ind_id)
            if ind is None:
                continue
            now = after.stages[stage].indicators[ind_id]
            out.append({"stage": stage, "key": key, "name": str(ind.name),
                        "cv_before": _round(ind.cv), "cv_after": _round(now.cv),
                        "limit": None if ind.limit is None else float(ind.limit)})
    return out


def _round(x) -> float | None:
    return round(float(x), 4) if x is not None and math.isfinite(float(x)) else None


def tighten(config: RotationConfig, breaches: Sequence[CvBreach]) -> RotationConfig | None:
    """Step 2 of the module docstring; ``None`` when nothing is left to tighten."""
    hold, freeze = dict(config.hold), list(config.freeze)
    for b in breaches:
        key = TEACHER_INDICATORS[b.indicator]
        if key not in hold:
            hold[key] = min(b.limit for c in breaches if c.indicator == b.indicator)
        elif (key, b.stage) not in freeze:
            freeze.append((key, b.stage))
    if (tuple(hold.items()), tuple(freeze)) == (config.hold, config.freeze):
        return None
    return replace(config, hold=tuple(hold.items()), freeze=tuple(freeze))


def refusal(d: RotationData, config: RotationConfig, breaches: Sequence[CvBreach]) -> str:
    """Why no plan meets both the quota and the CV rule, with the figures (Chinese)."""
    low, _ = d.required(config)
    need = math.ceil(config.backbone_share * low - 1e-9)
    return (f"符合条件的教师 {len(d.eligible)} 名，按比例至少交流 {low} 名（其中骨干教师至少 "
            f"{need} 名）；满足这一人数的方案会使" + "；".join(b.text for b in breaches)
            + "。按限值约束各校后（每校该指标偏离全县水平不超过限值，或不比现在更远）已凑不足应交流人数，找不到同时满足交流人数和差异系数限值的方案："
            "请降低交流比例或骨干比例，或放宽交流方向后重试。")


def solve_within_cv_limits(data: CountyData, d: RotationData, config: RotationConfig
                           ) -> tuple[MilpResult, list[Move], RotationConfig, CvRule]:
    """Solve under the CV rule (the loop of the module docstring); return the solve, the
    moves, the configuration with the final (11)/(12) sets and how the rule was met."""
    _, _, result, moves = solve_rotation(d, config)
    if not config.cv_limits:
        return result, moves, config, CvRule(1, (), (), [], [])
    before = evaluate(data)
    after = evaluate(moved_county(data, d, moves))
    first = breaches = teacher_breaches(before, after)
    solves = 1
    while breaches:
        tighter = tighten(config, breaches) if solves <= config.cv_repair_rounds else None
        if tighter is None:
            raise InfeasibleError(refusal(d, config, first))
        config = tighter
        try:
            _, _, result, moves = solve_rotation(d, config)
        except InfeasibleError as exc:
            raise InfeasibleError(refusal(d, config, first)) from exc
        solves += 1
        after = evaluate(moved_county(data, d, moves))
        breaches = teacher_breaches(before, after)
    return result, moves, config, CvRule(solves, config.hold, config.freeze,
                                         cv_rows(before, after), [b.text for b in first])


def stage_label(stage: str) -> str:
    return STAGE_LABELS.get(stage, "")
