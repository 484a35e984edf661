"""Progress of one target over the years: whether each year meets it, the status, the projection.

Definitions (also in ``docs/plan-yaml.md``). Let *plan years* be the years at or after the
baseline year that have a value (all years with a value if none is at or after the baseline);
the *effective baseline* is the first plan year and the *latest* the last one.

* 无对比数据 — a target relative to the baseline or the year before (``baseline``,
  ``previous``) with one plan year: there is nothing to compare with until the next year's
  data (review rvweb2 finding 4: 「＞ 上一学年数值」 read 滞后 with no previous year, and
  17 > 17 against a baseline fallen back to the only year could never hold).
* 待填报 — no year has a value (a manual target nobody has filled in, or data that cannot
  answer the measure, e.g. a missing 县级指标).
* 已达成 — the latest value meets the target.
* 倒退 — not met, and the latest value is further from the target than the effective
  baseline's (below it for ≥/>, above it for ≤/<, further off for ==), e.g. 100% → 98.6%
  against ≥ 100%. This comes before the deadline rule: a regression is named as such. A fall
  that comes only from the set measured growing (:func:`grown_note`: every row counted in the
  baseline is still counted, the base is larger) is no regression (review rv22 finding 5: a
  民办 kindergarten new to 公办, its principal not yet ranked, read 100% → 98.6% 倒退).
* 滞后 — not met, and the latest year is at or after the deadline.
* 无进展 — not met, before the deadline, the latest value equals the baseline's and there is
  no trend line to judge by: the baseline is the only year with a value, or a yes/no value is
  still 否.
* 按期推进 — not met, before the deadline, and the least-squares line through the plan years,
  evaluated at the deadline, meets the target.
* 滞后 — otherwise: the line at the deadline misses the target, also when the value stood
  still (5 → 5 against 0 projects 5, 72.7% → 72.7% against 80% projects 72.7%: the ledger's
  说明 defines 滞后 as 按趋势线推算到期限仍达不到目标, and a flat line is such a trend).

The projection is that least-squares value at the deadline, clipped to the measure's range
(shares to 0–1, counts to ≥ 0); there is none for yes/no values, with fewer than two plan
years, or once the latest year has reached the deadline.

Every-year targets (``every_year: true``, the plans' 每年 / 保持 / 逐年): every plan year is
judged, and a year that misses makes the target 滞后 whatever the latest year shows.

按进度应达 (:func:`on_schedule`): what the latest year should read if the value moved in a
straight line from the effective baseline's value to the target at the deadline; none for
yes/no values, relative targets, before a second year, or from the deadline on (the target
itself, which the ledger already states).

Relative targets: ``baseline`` means the effective baseline's value; ``previous`` means the
value of the year before (on the trend line, the line's value a year before the deadline).
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

import numpy as np

Value = bool | float
TOLERANCE = 1e-9
#: Two values closer than half a unit of the precision the ledger shows (96.5% is 0.965, a CV
#: 0.385) read the same, so they are not called 倒退 or progress: 0.96502 → 0.96500 stood still.
SHOWN_TOLERANCE = 5e-4


class Status(StrEnum):
    """Status of a target as the ledger reports it."""

    ACHIEVED = "已达成"
    ON_TRACK = "按期推进"
    BEHIND = "滞后"
    STALLED = "无进展"
    REGRESSED = "倒退"
    AWAITING = "待填报"
    NO_COMPARISON = "无对比数据"


@dataclass(frozen=True)
class Assessment:
    """The judgement of one target from its values per year."""

    status: Status
    projected: float | None
    met: Mapping[int, bool | None]
    baseline_year: int | None
    latest_year: int | None
    target_value: Value | None
    missed_years: tuple[int, ...] = ()  # every-year targets: plan years that missed


def as_number(value: Value) -> float:
    """A value as a float (true is 1, false is 0)."""
    return float(value)


def compare(value: Value | None, comparator: str, target: Value | None) -> bool | None:
    """Whether ``value`` meets ``comparator target``; None when either side is unknown.

    Examples
    --------
    >>> compare(0.6, ">=", 0.6), compare(3, "<=", 0), compare(None, ">=", 1)
    (True, False, None)
    """
    if value is None or target is None:
        return None
    v, t = as_number(value), as_number(target)
    if comparator == ">=":
        return v >= t - TOLERANCE
    if comparator == ">":
        return v > t + TOLERANCE
    if comparator == "<=":
        return v <= t + TOLERANCE
    if comparator == "<":
        return v < t - TOLERANCE
    if comparator == "==":
        return math.isclose(v, t, rel_tol=0, abs_tol=TOLERANCE)
    raise ValueError(f"未知的比较方式 {comparator!r}")


def _same(a: Value, b: Value) -> bool:
    """Equal as the ledger shows them (see :data:`SHOWN_TOLERANCE`).

    >>> _same(0.96502, 0.965), _same(0.9655, 0.965), _same(5.0, 5.0)
    (True, False, True)
    """
    return abs(as_number(a) - as_number(b)) < SHOWN_TOLERANCE


def trend(values: Mapping[int, float]) -> tuple[float, float] | None:
    """Least-squares (intercept, slope) through (year, value); None with fewer than two years.

    Examples
    --------
    >>> trend({2023: 10.0, 2024: 16.0, 2025: 19.0})  # slope = 4.5, mean (2024, 15)
    (-9093.0, 4.5)
    """
    if len(values) < 2:
        return None
    years = np.array(sorted(values), dtype=float)
    ys = np.array([values[int(y)] for y in years], dtype=float)
    x_mean, y_mean = years.mean(), ys.mean()
    slope = float(((years - x_mean) * (ys - y_mean)).sum() / ((years - x_mean) ** 2).sum())
    return float(y_mean - slope * x_mean), slope


def _clip(value: float, bounds: tuple[float | None, float | None]) -> float:
    low, high = bounds
    if low is not None:
        value = max(low, value)
    if high is not None:
        value = min(high, value)
    return value


def _plan_years(values: Mapping[int, Value | None], baseline_year: int) -> dict[int, Value]:
    observed = {y: v for y, v in sorted(values.items()) if v is not None}
    in_plan = {y: v for y, v in observed.items() if y >= baseline_year}
    return in_plan or observed


def _resolver(target: Value | str, plan: Mapping[int, Value]):
    """A function year -> the target value that applies in that year."""
    years = sorted(plan)

    def resolve(year: int) -> Value | None:
        if target == "baseline":
            return plan[years[0]]
        if target == "previous":
            earlier = [y for y in years if y < year]
            return plan[earlier[-1]] if earlier else None
        return target  # type: ignore[return-value]

    return resolve


def _projection(plan: Mapping[int, Value], deadline: int, latest: int,
                bounds: tuple[float | None, float | None]) -> tuple[float, float] | None:
    """(projected value at the deadline, value a year earlier), both on the trend line."""
    if latest >= deadline or any(isinstance(v, bool) for v in plan.values()):
        return None
    line = trend({y: float(v) for y, v in plan.items()})
    if line is None:
        return None
    a, b = line
    return _clip(a + b * deadline, bounds), _clip(a + b * (deadline - 1), bounds)


def assess(values: Mapping[int, Value | None], *, comparator: str, target: Value | str,
           baseline_year: int, deadline: int,
           bounds: tuple[float | None, float | None] = (None, None),
           every_year: bool = False, grown: bool = False) -> Assessment:
    """Judge a target from its values per year (see the module docstring for the rules).

    Parameters
    ----------
    values : mapping year -> value or None
        Every year known for the target; None where the year has no value.
    comparator, target
        As in the plan (``target`` may be ``"baseline"`` or ``"previous"``).
    baseline_year, deadline : int
        The plan's baseline year and the target's deadline (school years).
    bounds : (low, high)
        The range the projection is clipped to.
    every_year : bool
        A 每年 / 保持 / 逐年 target: every plan year must meet it; a missed year keeps it from
        已达成 (滞后 instead) and is listed in ``missed_years``.
    grown : bool
        The change since the effective baseline comes only from the set measured growing
        (:func:`grown_note`): a fall is judged by the deadline and the trend, not as 倒退.

    Examples
    --------
    >>> a = assess({2023: 0.40, 2024: 0.46}, comparator=">=", target=0.60,
    ...            baseline_year=2023, deadline=2026)
    >>> a.status.value, round(a.projected, 2)  # 0.40 + 0.06 * 3 = 0.58 < 0.60
    ('滞后', 0.58)
    >>> assess({2025: 17.0}, comparator=">", target="baseline", baseline_year=2022,
    ...        deadline=2025).status.value
    '无对比数据'
    """
    plan = _plan_years(values, baseline_year)
    if not plan:
        return Assessment(Status.AWAITING, None, dict.fromkeys(values), None, None, None)
    if target in ("baseline", "previous") and len(plan) < 2:
        return Assessment(Status.NO_COMPARISON, None, dict.fromkeys(values), min(plan),
                          max(plan), None)
    resolve = _resolver(target, plan)
    met = {y: compare(v, comparator, resolve(y)) if v is not None else None
           for y, v in sorted(values.items())}
    first, latest = min(plan), max(plan)
    projection = _projection(plan, deadline, latest, bounds)
    projected = projection[0] if projection else None
    resolved = resolve(latest)
    status = _status(plan, met[latest], first, latest, deadline, comparator, target, projection,
                     grown)
    missed = tuple(y for y in sorted(plan) if met.get(y) is False) if every_year else ()
    if missed and status not in (Status.BEHIND, Status.REGRESSED):
        status = Status.BEHIND
    return Assessment(status, projected, met, first, latest, resolved, missed)


def _regressed(first: Value, latest: Value, comparator: str, goal: Value | None) -> bool:
    """Whether ``latest`` lies further from the target than ``first`` (the target unmet)."""
    a, b = as_number(first), as_number(latest)
    if _same(a, b):
        return False
    if comparator in (">=", ">"):
        return b < a
    if comparator in ("<=", "<"):
        return b > a
    if goal is None:
        return False
    return abs(b - as_number(goal)) > abs(a - as_number(goal)) + TOLERANCE


def _status(plan: Mapping[int, Value], met_latest: bool | None, first: int, latest: int,
            deadline: int, comparator: str, target: Value | str,
            projection: tuple[float, float] | None, grown: bool = False) -> Status:
    if met_latest:
        return Status.ACHIEVED
    fixed = None if target in ("baseline", "previous") else target
    if not grown and _regressed(plan[first], plan[latest], comparator, fixed):  # type: ignore[arg-type]
        return Status.REGRESSED
    if latest >= deadline:
        return Status.BEHIND
    if projection is None:
        return Status.STALLED if _same(plan[latest], plan[first]) else Status.BEHIND
    at_deadline, year_before = projection
    goal: Value = {"baseline": plan[first], "previous": year_before}.get(target, target)  # type: ignore[arg-type]
    return Status.ON_TRACK if compare(at_deadline, comparator, goal) else Status.BEHIND


def grown_note(readings: Mapping[int, Any], assessment: Assessment, comparator: str) -> str:
    """For a 倒退 share whose fall comes only from the set measured growing, why it is no
    regression; "" otherwise. ``readings`` per year have the ``items`` counted of a
    ``denominator``; the fall is the set's growing when the target is "at least", every item
    counted in the effective baseline is still counted in the latest year, and the
    denominator is larger: the new rows, not yet counted, are all the fall.

    >>> from types import SimpleNamespace as R
    >>> ranked = tuple(f"S{i}" for i in range(70))
    >>> readings = {2024: R(items=ranked, denominator=70.0), 2025: R(items=ranked, denominator=71.0)}
    >>> a = assess({2024: 1.0, 2025: 70 / 71}, comparator=">=", target=1.0, baseline_year=2024,
    ...            deadline=2026)
    >>> a.status.value, grown_note(readings, a, ">=")
    ('倒退', '2024 → 2025 学年的下降只因测算范围扩大（70 → 71），2024 学年计入的 70 个在 2025 学年仍全部计入，不计为倒退')
    >>> grown_note({**readings, 2025: R(items=ranked[1:], denominator=71.0)}, a, ">=")
    ''
    """
    first, latest = assessment.baseline_year, assessment.latest_year
    if (assessment.status is not Status.REGRESSED or comparator not in (">=", ">")
            or first not in readings or latest not in readings):
        return ""
    was, now = readings[first], readings[latest]
    if (was.denominator is None or now.denominator is None or now.denominator <= was.denominator
            or not set(was.items) <= set(now.items)):
        return ""
    return (f"{first} → {latest} 学年的下降只因测算范围扩大（{was.denominator:,.0f} → {now.denominator:,.0f}），"
            f"{first} 学年计入的 {len(was.items):,} 个在 {latest} 学年仍全部计入，不计为倒退")


def on_schedule(values: Mapping[int, Value | None], assessment: Assessment, *,
                target: Value | str, deadline: int) -> float | None:
    """按进度应达: the latest year's value on the straight line from the effective baseline's
    value to ``target`` at ``deadline``; None for yes/no values, a relative target, a latest
    year that is the baseline or at or after the deadline (the line has reached the target).

    Examples
    --------
    >>> values = {2023: 9800.0, 2025: 20000.0}  # 9,800 + (39,800 − 9,800) × 2 / 3 = 29,800
    >>> a = assess(values, comparator=">=", target=39800, baseline_year=2023, deadline=2026)
    >>> on_schedule(values, a, target=39800, deadline=2026)
    29800.0
    >>> on_schedule(values, a, target="baseline", deadline=2026) is None
    True
    """
    first, latest = assessment.baseline_year, assessment.latest_year
    start = values.get(first) if first is not None else None
    if (latest is None or start is None or not first < latest < deadline
            or isinstance(start, bool) or isinstance(target, bool | str)):
        return None
    return float(start) + (float(target) - float(start)) * (latest - first) / (deadline - first)
