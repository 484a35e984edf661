"""Gaps in natural units: what each failing school must add, and greedy fixes for failing CVs.

School gaps: for a unit below a threshold t of an indicator ``amount × per / students``, the
total it needs is t × students / per; the gap is that minus what it has, rounded up to the
indicator's step (whole teachers and rooms, whole 平方米 and 元).

CV fixes (greedy): adding resources to unit i changes the CV at rate proportional to
(xᵢ − x̄)/S − CV, which is most negative for the lowest xᵢ. The greedy fix therefore raises
the lowest units to a common level L (water-filling, rounded up to whole steps) and finds
the smallest L that brings the CV within the limit by bisection. It is a feasible plan, not
the least-cost one (the optimal version is the compliance-path planner).
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from junheng.evaluate.cv import variance_shares
from junheng.evaluate.indicators import resource_formula
from junheng.model import numbers
from junheng.standards import GapSpec, Standard

EPS = 1e-9
TOP_CONTRIBUTORS = 5


def ceil_to(amount, step: float | np.ndarray = 1.0) -> np.ndarray:
    """Round shortfalls up to whole steps; negative shortfalls become 0.

    Examples
    --------
    >>> ceil_to([10.5, 450.00000000000006, -3.0]).tolist()
    [11.0, 450.0, 0.0]
    """
    arr = np.asarray(amount, dtype=float)
    return np.maximum(np.ceil(arr / step - 1e-7) * step, 0.0)


def gap_text(spec: GapSpec | None, amount: float) -> str:
    """'需增加体育运动场馆 1,150 平方米' for an amount in the spec's natural unit."""
    if spec is None:
        return ""
    if spec.unit == "元":  # money in 万元 as every other sum (review 2026-12-04 finding 13)
        return f"{spec.verb}{spec.item} {numbers.shortfall_wan(amount)}"
    shown = f"{amount:,.0f}" if float(spec.step).is_integer() else f"{amount:,.2f}"
    return f"{spec.verb}{spec.item} {shown} {spec.unit}"


def unit_gaps(assessment: pd.DataFrame, units: pd.DataFrame, standard: Standard,
              passes: pd.Series) -> pd.DataFrame:
    """One row per unit × indicator that is not met (or unknown), with the gap to the threshold.

    Columns: unit_id, school_id, name, stage, indicator, indicator_name, value, threshold, ratio,
    current, needed, amount, floor_amount, unit, required (the school fails the school rule),
    text.
    """
    rows = assessment[assessment["threshold"].notna() & ~assessment["met"].fillna(False)
                      .astype(bool)].copy()
    specs = {ind.id: ind for ind in standard.resource_indicators}
    steps = rows["indicator"].map({k: (v.gap.step if v.gap else 1.0) for k, v in specs.items()})
    needed = rows["threshold"] * rows["students"].astype(float) / rows["per"]
    floor = standard.school_rule.floor_ratio if standard.school_rule else np.nan
    rows["needed"] = needed
    rows["amount"] = ceil_to(needed - rows["current"], steps.to_numpy(dtype=float))
    rows["floor_amount"] = ceil_to(floor * needed - rows["current"], steps.to_numpy(dtype=float))
    names = units.set_index("unit_id")["name"]
    rows["name"] = rows["unit_id"].map(names)
    rows["indicator_name"] = rows["indicator"].map({k: v.name for k, v in specs.items()})
    rows["unit"] = rows["indicator"].map({k: (v.gap.unit if v.gap else v.unit)
                                          for k, v in specs.items()})
    rows["required"] = ~rows["unit_id"].map(passes).fillna(False).astype(bool)
    words = {k: v.gap or GapSpec("需增加", v.name, v.unit) for k, v in specs.items()}
    rows["text"] = [_unit_gap_text(words[i], a, v)
                    for i, a, v in zip(rows["indicator"], rows["amount"], rows["value"],
                                       strict=True)]
    columns = ["unit_id", "school_id", "name", "stage", "indicator", "indicator_name", "value",
               "threshold", "ratio", "current", "needed", "amount", "floor_amount", "unit",
               "required", "text"]
    return rows[columns].reset_index(drop=True)


def _unit_gap_text(spec: GapSpec, amount: float, value: float) -> str:
    if value != value:  # unknown value (NaN)
        return f"数据缺失：请补填{spec.item}数据"
    return gap_text(spec, amount)


@dataclass(frozen=True)
class CvFix:
    """A failing CV, the units that drive it, and a greedy set of additions that fixes it."""

    stage: str
    indicator: str
    indicator_name: str
    cv_before: float
    limit: float
    cv_after: float | None
    feasible: bool
    contributors: pd.DataFrame = field(default_factory=pd.DataFrame)
    additions: pd.DataFrame = field(default_factory=pd.DataFrame)
    method: str = "greedy"


def _cv(x: np.ndarray, p: np.ndarray) -> float:
    w = p / p.sum()
    mean = float(np.dot(w, x))
    if mean <= 0:
        return np.inf
    return float(np.sqrt(np.dot(w, (x - mean) ** 2))) / mean


def water_fill(values, students, per: float, step: float, limit: float
               ) -> tuple[np.ndarray, float] | None:
    """Whole-step additions (in the numerator's unit) raising the lowest units until CV ≤ limit.

    Returns (additions, cv_after), or None when even raising every unit to the highest value
    does not reach the limit.

    Examples
    --------
    >>> add, cv = water_fill([1.0, 3.0], [100, 100], per=100, step=1, limit=0.2)
    >>> add.tolist(), round(cv, 4)
    ([1.0, 0.0], 0.2)
    """
    x = np.asarray(values, dtype=float)
    p = np.asarray(students, dtype=float)

    def plan(level: float) -> tuple[np.ndarray, float]:
        add = ceil_to(np.maximum(level - x, 0.0) * p / per, step)
        return add, _cv(x + add * per / p, p)

    if len(x) == 0:
        return None
    low, high = float(x.min()), float(x.max())
    if high <= 0:
        return None
    best = plan(high)
    if best[1] > limit + EPS:
        return None
    for _ in range(60):
        mid = (low + high) / 2
        trial = plan(mid)
        if trial[1] <= limit + EPS:
            high, best = mid, trial
        else:
            low = mid
        if high - low <= 1e-9 * max(1.0, high):
            break
    return best


def cv_fix(units: pd.DataFrame, values: pd.Series, standard: Standard, indicator_id: str,
           stage: str, cv_before: float, limit: float) -> CvFix:
    """Contributors and a greedy fix for one failing (stage, indicator) CV.

    ``units`` and ``values`` are the stage's units and the indicator's values (same index).
    """
    ind = standard.indicator(indicator_id)
    formula = resource_formula(ind.formula, standard.id)
    known = (values.notna() & (units["students"] > 0)).to_numpy()
    part, x = units[known], values[known]
    shares = variance_shares(x.to_numpy(dtype=float), part["students"]).to_numpy()
    top = np.argsort(-shares, kind="stable")[:TOP_CONTRIBUTORS]
    contributors = pd.DataFrame({
        "unit_id": part["unit_id"].to_numpy()[top], "school_id": part["school_id"].to_numpy()[top],
        "name": part["name"].to_numpy()[top], "value": x.to_numpy(dtype=float)[top],
        "students": part["students"].to_numpy()[top], "variance_share": shares[top],
    })
    step = ind.gap.step if ind.gap else 1.0
    xs, ps = x.to_numpy(dtype=float), part["students"].to_numpy(dtype=float)
    result = water_fill(xs, ps, formula.per, step, limit)
    if result is None:
        return CvFix(stage, ind.id, ind.name, cv_before, limit, None, False, contributors)
    add, cv_after = result
    chosen = add > 0
    additions = pd.DataFrame({
        "unit_id": part["unit_id"].to_numpy()[chosen],
        "school_id": part["school_id"].to_numpy()[chosen],
        "name": part["name"].to_numpy()[chosen], "value_before": xs[chosen],
        "value_after": xs[chosen] + add[chosen] * formula.per / ps[chosen],
        "amount": add[chosen],
    })
    additions["text"] = [gap_text(ind.gap, a) for a in additions["amount"]]
    return CvFix(stage, ind.id, ind.name, cv_before, limit, cv_after, True, contributors,
                 additions)
