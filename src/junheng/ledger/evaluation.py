"""The few facts the ledger reads from a 优质均衡 2017 evaluation.

The evaluation engine (:func:`junheng.evaluate.evaluate`) returns a rich result; the ledger
needs only the verdict, its failing items, the per-stage CVs and whether each evaluation unit
meets each indicator. :func:`facts` reads those from the engine's result through its JSON form
(the documented contract of ``docs/evaluation-json.md``), so the ledger depends on that
contract and nothing else.
"""

from __future__ import annotations

import dataclasses
import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from junheng.errors import ConfigError

STANDARD = "quality-2017"


@dataclass(frozen=True)
class UnitFacts:
    """One evaluation unit (a school's primary or junior part)."""

    unit_id: str
    stage: str
    met: Mapping[str, bool]
    passes: bool

    def meets(self, indicators: Iterable[str]) -> bool:
        """True when every listed indicator is met (the unit passes when none are listed)."""
        indicators = tuple(indicators)
        if not indicators:
            return self.passes
        return all(bool(self.met.get(i, False)) for i in indicators)


@dataclass(frozen=True)
class QualityFacts:
    """Verdict, failures, CVs per stage and indicator, and the units of one evaluation."""

    passes: bool
    failures: tuple[str, ...]
    cvs: Mapping[str, Mapping[str, float | None]]
    units: tuple[UnitFacts, ...]

    def cv(self, stage: str, indicator: str = "composite") -> float | None:
        """The CV of ``indicator`` (or the composite CV) for ``stage``; None when absent."""
        return self.cvs.get(stage, {}).get(indicator)


def evaluate_quality(data: Any) -> Any:
    """Run ``junheng.evaluate.evaluate(data, "quality-2017")``.

    Raises
    ------
    ConfigError
        When the evaluation engine is not installed in this version.
    """
    try:
        from junheng.evaluate import evaluate
    except ImportError:
        raise ConfigError(
            "优质均衡相关的测算（quality_balanced、quality_cv、quality_units_met_share）需要评估引擎 "
            "junheng.evaluate，当前安装的版本尚未包含：请升级 junheng，或暂时把这些目标改为 manual 填报。"
        ) from None
    return evaluate(data, STANDARD)


def _as_dict(evaluation: Any) -> Mapping[str, Any]:
    if isinstance(evaluation, Mapping):
        return evaluation
    for name in ("to_dict", "as_dict", "to_json_dict"):
        method = getattr(evaluation, name, None)
        if callable(method):
            return method()
    to_json = getattr(evaluation, "to_json", None)
    if callable(to_json):
        return json.loads(to_json())
    if dataclasses.is_dataclass(evaluation):
        return dataclasses.asdict(evaluation)
    raise ConfigError(f"无法读取评估结果（类型 {type(evaluation).__name__}）：评估引擎版本与台账不匹配。")


def _failure_text(failure: Any) -> str:
    if isinstance(failure, Mapping):
        for key in ("message", "name", "item", "id"):
            if failure.get(key):
                return str(failure[key])
    return str(failure)


def _cvs(stages: Mapping[str, Any]) -> dict[str, dict[str, float | None]]:
    out: dict[str, dict[str, float | None]] = {}
    for stage, body in stages.items():
        indicators = body.get("indicators", {}) or {}
        row = {ind: _number(v.get("cv")) for ind, v in indicators.items()}
        row["composite"] = _number(body.get("composite_cv"))
        out[stage] = row
    return out


def _number(value: Any) -> float | None:
    return None if value is None else float(value)


def facts(evaluation: Any) -> QualityFacts:
    """Read verdict, failures, CVs and units from an evaluation result or its JSON dict."""
    body = _as_dict(evaluation)
    verdict = body.get("verdict", {}) or {}
    units = tuple(
        UnitFacts(str(u.get("unit_id")), str(u.get("stage")),
                  {k: bool(v) for k, v in (u.get("met") or {}).items() if v is not None},
                  bool(u.get("passes")))
        for u in body.get("units", []) or []
    )
    return QualityFacts(bool(verdict.get("passes")),
                        tuple(_failure_text(f) for f in verdict.get("failures", []) or []),
                        _cvs(body.get("stages", {}) or {}), units)
