"""A whole 交流轮岗 plan: solve, check, measure before/after, serialise, apply to the county.

The JSON is documented in docs/rotation-json.md.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, replace
from typing import Any

import pandas as pd

from junheng.model import CountyData
from junheng.model.county import typed_frame
from junheng.optimize.result import MilpResult, SolveStatus, relative_gap, status_at_gap
from junheng.planning.layout_cv import STAGE_LABELS
from junheng.teachers.rotation import Move
from junheng.teachers.rotation_check import (
    check_exchanges,
    check_plan,
    indicator_cvs,
    objective,
    shortages,
)
from junheng.teachers.rotation_cv import CvRule, solve_within_cv_limits
from junheng.teachers.rotation_data import (
    INDICATOR_LABELS,
    INDICATORS,
    EligibleCounts,
    RotationConfig,
    RotationData,
    area_label,
    county_eligible,
    rotation_data,
    teacher_flags,
)
from junheng.teachers.rotation_exchange import plan_exchanges
from junheng.teachers.rules import StaffingRules, load_rules
from junheng.teachers.staffing import StaffingReport, staffing_report

JSON_VERSION = 1


@dataclass(frozen=True)
class RotationPlan:
    """The solve, the named moves and the figures before and after."""

    config: RotationConfig
    data: RotationData
    result: MilpResult
    moves: list[Move]
    violations: dict[str, list[str]]
    checked_objective: float
    cv_rule: CvRule | None = None
    county_eligible: float | None = None   # the county's 县级指标 (see county_eligible)
    exchanges: tuple[dict[str, Any], ...] = ()   # teachers sent back (exchange_rows)
    school_year: int | None = None                 # the county's data year

    @property
    def required(self) -> tuple[int, int]:
        return self.data.required(self.config)

    def cvs(self) -> dict[str, dict[str, float]]:
        return {"before": indicator_cvs(self.data),
                "after": indicator_cvs(self.data, self.moves, self.back())}

    def shortages(self) -> dict[str, dict[str, int]]:
        return {"before": shortages(self.data),
                "after": shortages(self.data, self.moves, self.back())}

    def back(self) -> pd.DataFrame:
        """The exchanges as :func:`~.rotation_check.flows` counts them (:func:`back_frame`)."""
        return back_frame(self.data, self.exchanges)

    def move_rows(self) -> list[dict[str, Any]]:
        """One row per move with the teacher's subject and 骨干 flag."""
        d = self.data
        rows = d.eligible.set_index("teacher_id")
        return [{"teacher_id": mv.teacher_id,
                 "from_school_id": d.school_ids[mv.from_index],
                 "from_school": d.school_names[mv.from_index],
                 "from_area": area_label(d.area[mv.from_index]),
                 "to_school_id": d.school_ids[mv.to_index],
                 "to_school": d.school_names[mv.to_index],
                 "to_area": area_label(d.area[mv.to_index]),
                 "subject": str(rows.at[mv.teacher_id, "group"]),
                 "backbone": bool(rows.at[mv.teacher_id, "backbone"]),
                 "years_at_school": int(rows.at[mv.teacher_id, "years"])}
                for mv in self.moves]


def back_frame(d: RotationData, exchanges) -> pd.DataFrame:
    """The exchanges (:func:`exchange_rows`) as :func:`~.rotation_check.flows` counts them
    (school indices, rule subject, indicator flags)."""
    at = {s: i for i, s in enumerate(d.school_ids)}
    rows = [e for e in exchanges if e["from_school_id"] in at and e["to_school_id"] in at]
    return pd.DataFrame({"from_index": [at[e["from_school_id"]] for e in rows],
                         "to_index": [at[e["to_school_id"]] for e in rows],
                         "group": [e["subject"] for e in rows],
                         **{k: [int(e["flags"][k]) for e in rows] for k in INDICATORS}})


def plan_rotation(data: CountyData, config: RotationConfig | None = None,
                  rules: StaffingRules | None = None, report: StaffingReport | None = None
                  ) -> RotationPlan:
    """Solve the rotation MILP for a county and check the plan without the solver
    (``report``: the county's staffing report under ``rules`` when already computed)."""
    config = config or RotationConfig()
    rules = rules or load_rules()
    report = report if report is not None else staffing_report(data, rules)
    d = rotation_data(data, report, rules.group_of, config)
    result, moves, config, rule = solve_within_cv_limits(data, d, config)
    back = exchange_rows(data, d, plan_exchanges(data, d, moves), rules.group_of)
    frame = back_frame(d, back)
    found = check_plan(d, config, moves, frame)
    found["(13)"] = check_exchanges(d, moves, back)
    checked = objective(d, config, moves, frame)
    return RotationPlan(config, d, checked_result(result, checked, config.gap), moves, found,
                        checked, rule, county_eligible(data), tuple(back), data.school_year)


def checked_result(result: MilpResult, checked: float, target: float) -> MilpResult:
    """``result`` with the status and gap of the named plan: its ``checked`` objective (the
    checker's, :func:`~.rotation_check.objective`) against the proven ``bound`` (brief hrot5: the
    demo county's solver objective 3677.30 and the named plan's 3678.74 differ by 0.04 %, so a
    gap proven on the model said nothing of the plan a reader sees). 最优 within ``target``
    (0.01 %), else the gap the plan is proven within; ``result`` as is without a plan.

    >>> r = MilpResult(SolveStatus.OPTIMAL, 3677.30, 3677.30, 0.0, 1.0, 0, None)
    >>> c = checked_result(r, 3678.74, 1e-4)          # (3678.74 − 3677.30) / 3678.74
    >>> c.status.value, round(c.gap, 6), c.objective
    ('time_limit', 0.000391, 3677.3)
    >>> checked_result(r, 3677.5, 1e-4).status.value  # 0.20 / 3677.5 = 0.0054 %
    'gap_limit'
    """
    if result.objective is None or not math.isfinite(checked):
        return result
    gap = relative_gap(checked, result.bound)
    status = status_at_gap(gap) if gap <= target else SolveStatus.TIME_LIMIT
    return replace(result, status=status, gap=gap)


def exchange_rows(data: CountyData, d: RotationData, exchanges: list[dict],
                  group_of) -> list[dict[str, Any]]:
    """The teachers sent back in exchanges (:func:`~.rotation_exchange.plan_exchanges`) as
    :meth:`RotationPlan.move_rows` rows, with ``for_school_id`` and the indicator ``flags``."""
    if not exchanges:
        return []
    t = data.teachers.set_index("teacher_id")
    names = dict(zip(data.schools["school_id"], data.schools["name"], strict=True))
    area = dict(zip(d.school_ids, d.area, strict=True))
    flags = teacher_flags(data.teachers).set_axis(data.teachers["teacher_id"])
    rows = []
    for e in exchanges:
        row, start = t.loc[e["teacher_id"]], t.at[e["teacher_id"], "school_start_year"]
        rows.append({"teacher_id": e["teacher_id"], "from_school_id": e["from_school_id"],
                     "from_school": names.get(e["from_school_id"], ""),
                     "from_area": area_label(area.get(e["from_school_id"], "")),
                     "to_school_id": e["to_school_id"], "to_school": names.get(e["to_school_id"], ""),
                     "to_area": area_label(area.get(e["to_school_id"], "")),
                     "subject": str(group_of(row["subject"]) if isinstance(row["subject"], str)
                                    else "other"),
                     "backbone": bool(flags.at[e["teacher_id"], "backbone"]),
                     "years_at_school": None if pd.isna(start) else int(data.school_year - start),
                     "for_school_id": e["for_school_id"],
                     "flags": {k: bool(flags.at[e["teacher_id"], k]) for k in INDICATORS}})
    return rows


def _num(x: float | None) -> float | None:
    return None if x is None or not math.isfinite(x) else round(float(x), 6)


def plan_json(plan: RotationPlan) -> dict[str, Any]:
    """The plan as JSON-ready data (docs/rotation-json.md)."""
    r, c = plan.result, plan.config
    low, high = plan.required
    cvs = plan.cvs()
    return {
        "version": JSON_VERSION,
        "school_year": plan.school_year,
        "solve": {"status": r.status.value, "objective": _num(r.objective),
                  "bound": _num(r.bound), "gap": _num(r.gap), "seconds": round(r.seconds, 3),
                  "model_gap": _num(None if r.objective is None else relative_gap(r.objective, r.bound)),
                  "checked_objective": _num(plan.checked_objective)},
        "rules": {"share": c.share, "max_share": c.max_share,
                  "backbone_share": c.backbone_share, "min_years": c.min_years,
                  "max_age_male": c.max_age_male, "max_age_female": c.max_age_female,
                  "direction": c.direction},
        "eligible": len(plan.data.eligible), "required": low, "allowed_most": high,
        "eligible_counts": _counts_json(plan.data.eligible_counts),
        "county_eligible": _num(plan.county_eligible),
        "rotated": len(plan.moves),
        "backbone_rotated": sum(1 for row in plan.move_rows() if row["backbone"]),
        "exchanged": len(plan.exchanges),
        "backbone_exchanged": sum(1 for row in plan.exchanges if row["backbone"]),
        "violations": {k: v for k, v in plan.violations.items() if v},
        "indicators": [{"key": k, "name": INDICATOR_LABELS[k], "cv_before": _num(cvs["before"][k]),
                        "cv_after": _num(cvs["after"][k])} for k in INDICATORS],
        "cv_rule": cv_rule_json(plan.cv_rule),
        "shortages": plan.shortages(),
        "moves": plan.move_rows(),
        "exchanges": [{k: v for k, v in e.items() if k != "flags"} for e in plan.exchanges],
    }


def _counts_json(counts: EligibleCounts | None) -> dict[str, int] | None:
    if counts is None:
        return None
    return {"served": counts.served, "rotated": counts.rotated, "over_age": counts.over_age,
            "ongoing": counts.ongoing, "rate_base": counts.rate_base}


def cv_rule_json(rule: CvRule | None) -> dict[str, Any] | None:
    """The 优质均衡 CV rule part of the JSON (``None`` when the rule was switched off)."""
    if rule is None or not rule.rows:
        return None
    return {"solves": rule.solves, "hold": [list(x) for x in rule.hold],
            "freeze": [list(x) for x in rule.freeze], "repaired": rule.repaired,
            "stages": rule.rows}


def cv_table(doc: dict[str, Any]) -> list[dict[str, Any]]:
    """The CV table a reader sees: per stage with its 优质均衡 limit (``cv_rule.stages``), or,
    with the rule off, the all-stages figures of ``indicators`` without a limit.

    >>> cv_table({"cv_rule": {"stages": [{"stage": "primary", "name": "每百名学生拥有县级以上骨干教师数",
    ...     "cv_before": 0.2166, "cv_after": 0.2623, "limit": 0.5}]}})
    [{'name': '小学每百名学生拥有县级以上骨干教师数', 'cv_before': 0.2166, 'cv_after': 0.2623, 'limit': 0.5}]
    """
    rule = doc.get("cv_rule")
    if rule:
        return [{"name": STAGE_LABELS.get(r["stage"], "") + r["name"], "cv_before": r["cv_before"],
                 "cv_after": r["cv_after"], "limit": r["limit"]} for r in rule["stages"]]
    return [{"name": r["name"] + "（各学段合计）", "cv_before": r["cv_before"],
             "cv_after": r["cv_after"], "limit": None} for r in doc["indicators"]]


def apply_rotation(data: CountyData, plan: RotationPlan) -> CountyData:
    """The county after the plan: each moved teacher at the new school, 本学年交流轮岗 yes,
    原学校 filled, years at school restarting this year; a 交流 record per move in
    教师交流记录 starting on 1 September of the school year."""
    rows = plan.move_rows() + list(plan.exchanges)
    if not rows:
        return data
    moved = pd.DataFrame(rows).set_index("teacher_id")
    teachers = data.teachers.copy()
    hit = teachers["teacher_id"].isin(moved.index)
    ids = teachers.loc[hit, "teacher_id"]
    teachers.loc[hit, "school_id"] = ids.map(moved["to_school_id"]).to_numpy()
    teachers.loc[hit, "from_school_id"] = ids.map(moved["from_school_id"]).to_numpy()
    teachers.loc[hit, "rotated_in"] = True
    start = pd.Timestamp(year=data.school_year, month=9, day=1)
    records = [{"teacher_id": t, "from_school_id": row["from_school_id"],
                "to_school_id": row["to_school_id"], "start_date": start, "mode": "exchange"}
               for t, row in moved.iterrows()]
    rotations = pd.concat([data.rotations, typed_frame("rotations", records)],
                          ignore_index=True)
    return data.with_tables(teachers=teachers, rotations=rotations)
