"""The few facts the ledger reads from a 优质均衡 2017 evaluation.

The evaluation engine (:func:`junheng.evaluate.evaluate`) returns a rich
:class:`~junheng.evaluate.Evaluation`; the ledger needs only the verdict, its failing items,
the per-stage CVs and whether each evaluation unit meets each indicator. :func:`facts` reads
those from the result. CVs are taken to the 6 decimals every output of the evaluation shows.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from junheng.evaluate import Evaluation, evaluate
from junheng.model import CountyData

STANDARD = "quality-2017"
DIGITS = 6  # as the evaluation's JSON and reports give a CV


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
    status: str = ""  # pass / fail / pending: 待核实 while evidence or figures are open
    pending: tuple[str, ...] = ()
    items: Mapping[str, tuple[str, float | None]] = field(default_factory=dict)  # id -> (name, value)
    failed_units: int = 0  # of ``failures``, the 评估单位 failing the school rule (not indicators)
    # id -> remark of an item 待核实 while the county's own figures contradict it (the held
    # 基本均衡 recognition): its value is not counted as met
    disputed: Mapping[str, str] = field(default_factory=dict)

    @property
    def failed_indicators(self) -> int:
        """The failing indicators, counted as the 自评 does (:attr:`Verdict.problems`)."""
        return len(self.failures) - self.failed_units

    def cv(self, stage: str, indicator: str = "composite") -> float | None:
        """The CV of ``indicator`` (or the composite CV) for ``stage``; None when absent."""
        return self.cvs.get(stage, {}).get(indicator)


def evaluate_quality(data: CountyData) -> Evaluation:
    """``junheng.evaluate.evaluate(data, "quality-2017")``: the ledger's default evaluator."""
    return evaluate(data, STANDARD)


def _cv(value: float) -> float | None:
    return None if math.isnan(value) or math.isinf(value) else round(float(value), DIGITS)


def _cvs(evaluation: Evaluation) -> dict[str, dict[str, float | None]]:
    out: dict[str, dict[str, float | None]] = {}
    for stage, result in evaluation.stages.items():
        row = {ind: _cv(cv.cv) for ind, cv in result.indicators.items()}
        row["composite"] = _cv(result.composite_cv)
        out[stage] = row
    return out


def _met_by_unit(evaluation: Evaluation) -> dict[str, dict[str, bool]]:
    """Per unit, the indicators with a standard whose comparison is known: met or not."""
    table = evaluation.assessment
    if table.empty:
        return {}
    known = table[table["threshold"].notna() & table["met"].notna()]
    out: dict[str, dict[str, bool]] = {}
    for unit, indicator, met in zip(known["unit_id"], known["indicator"], known["met"],
                                    strict=True):
        out.setdefault(str(unit), {})[str(indicator)] = bool(met)
    return out


def _item_values(evaluation: Evaluation) -> dict[str, tuple[str, float | None]]:
    """Name and value of each county-level item (保障程度, 社会认可度 …); per-stage items are left out."""
    out: dict[str, tuple[str, float | None]] = {}
    for item in (*evaluation.conditions, *evaluation.guarantee, *evaluation.quality):
        value = item.value
        if value is None or isinstance(value, int | float):
            shown = None if value is None or math.isnan(value) else float(value)
            out[item.indicator.id] = (item.indicator.name, shown)
    return out


def facts(evaluation: Evaluation) -> QualityFacts:
    """Verdict, failures, CVs and units of an evaluation."""
    met = _met_by_unit(evaluation)
    units = evaluation.units
    passes = units["passes"].astype(object).where(units["passes"].notna(), None) \
        if "passes" in units else [None] * len(units)
    unit_facts = tuple(UnitFacts(str(u), str(stage), met.get(str(u), {}), bool(p))
                       for u, stage, p in zip(units["unit_id"], units["stage"], passes,
                                              strict=True))
    verdict = evaluation.verdict
    return QualityFacts(bool(verdict.passes), tuple(f.message for f in verdict.failures),
                        _cvs(evaluation), unit_facts, verdict.status,
                        tuple(f"{f.message}（补齐方式：{f.closes}）" for f in verdict.pending),
                        _item_values(evaluation), len(verdict.failed_units),
                        {i.indicator.id: i.note for i in (*evaluation.conditions, *evaluation.guarantee,
                                                          *evaluation.quality) if i.disputed})
