"""An :class:`~junheng.evaluate.engine.Evaluation` as plain JSON data (docs/evaluation-json.md),
written at the file boundary (``junheng evaluate --json``, ``junheng demo``).

Numbers are rounded to 6 decimals; unknown values (NA, NaN) become ``null``. Nothing inside the
program reads these documents back: the ledger, the reports and the web read the evaluation.

>>> from junheng.evaluate import evaluate
>>> from junheng.io import example_county
>>> doc = evaluation_dict(evaluate(example_county()))
>>> doc["standard"], doc["county"]["code"], doc["verdict"]["passes"]
('quality-2017', '410306', False)
"""

from __future__ import annotations

import json
import math
from collections.abc import Mapping, Sequence
from dataclasses import asdict
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np
import pandas as pd

from junheng.evaluate.gaps import CvFix
from junheng.evaluate.items import ItemResult
from junheng.standards import Indicator

if TYPE_CHECKING:
    from junheng.evaluate.engine import Evaluation, StageResult

DIGITS = 6


def clean(value: Any) -> Any:
    """JSON-safe Python value: numpy scalars unwrapped, NaN/NA -> None, floats rounded."""
    if isinstance(value, str | bool | int):
        return value
    if isinstance(value, Mapping):
        return {str(k): clean(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [clean(v) for v in value]
    if value is None or value is pd.NA or value is pd.NaT:
        return None
    if isinstance(value, np.generic):
        value = value.item()
    if isinstance(value, bool | int | str):
        return value
    if isinstance(value, float):
        return None if math.isnan(value) or math.isinf(value) else round(value, DIGITS)
    return str(value)


def records(frame: pd.DataFrame) -> list[dict[str, Any]]:
    """A frame's rows as JSON-safe dicts."""
    if frame is None or frame.empty:
        return []
    return [clean(r) for r in frame.to_dict("records")]


def threshold_of(ind: Indicator) -> float | dict[str, float] | None:
    """A number, a {stage: number} object for per-stage thresholds, or None."""
    if not ind.thresholds:
        return None
    return dict(ind.thresholds) if ind.per_stage else ind.threshold_for()


def item_dict(result: ItemResult) -> dict[str, Any]:
    ind = result.indicator
    return clean({
        "id": ind.id, "name": ind.name, "area": ind.area, "basis": str(result.basis),
        "value": result.value, "threshold": threshold_of(ind), "comparator": ind.comparator,
        "unit": ind.unit, "met": result.met, "status": str(result.status),
        "confirmed": ind.confirmed, "source": ind.source, "evidence": result.evidence,
        "gap": result.gap, "note": result.note, "closes": result.closes,
        "detail": records(result.detail),
    })


def _fix_dict(fix: CvFix) -> dict[str, Any]:
    return clean({
        "method": fix.method, "limit": fix.limit, "cv_before": fix.cv_before,
        "cv_after": fix.cv_after, "feasible": fix.feasible,
        "additions": records(fix.additions),
    })


def _stage_dict(result: StageResult, fixes: Mapping[tuple[str, str], CvFix]) -> dict[str, Any]:
    indicators = {}
    for ind_id, cv in result.indicators.items():
        fix = fixes.get((result.stage, ind_id))
        indicators[ind_id] = clean({
            "name": cv.name, "mean": cv.mean, "sd": cv.sd, "cv": cv.cv, "limit": cv.limit,
            "met": cv.met, "n": cv.n, "students": cv.students,
            "top_contributors": records(fix.contributors) if fix else [],
            "fix": _fix_dict(fix) if fix else None,
        })
    return clean({
        "indicators": indicators, "composite_cv": result.composite_cv,
        "composite_limit": result.composite_limit, "composite_met": result.composite_met,
        "units": result.units, "units_passing": result.units_passing,
    })


def _met_table(ev: Evaluation) -> pd.DataFrame:
    """unit_id × indicator met flags (object: True/False/None)."""
    if ev.standard.kind == "preschool":
        table = ev.units.set_index("unit_id")[[f"met_{i}" for i in ev.indicator_ids]]
        table.columns = list(ev.indicator_ids)
    else:
        a = ev.assessment[ev.assessment["threshold"].notna()]
        table = a.pivot(index="unit_id", columns="indicator", values="met")
        table = table.reindex(columns=[i for i in ev.indicator_ids if i in table.columns])
    return table.astype(object).where(table.notna(), None)


def units_list(ev: Evaluation) -> list[dict[str, Any]]:
    frame = ev.units
    ids = list(ev.indicator_ids)
    values = frame[ids].astype(float).round(DIGITS)
    values = values.astype(object).where(values.notna(), None).to_dict("records")
    met = _met_table(ev).reindex(frame["unit_id"]).to_dict("records")
    gaps: dict[str, list] = {}
    if not ev.gaps.empty:
        cols = ["indicator", "amount", "unit", "text", "required"]
        for unit_id, gap in zip(ev.gaps["unit_id"], records(ev.gaps[cols]), strict=True):
            gaps.setdefault(unit_id, []).append(gap)
    passes = frame["passes"].astype(object).where(frame["passes"].notna(), None)
    out = []
    for i, row in enumerate(zip(frame["unit_id"], frame["school_id"], frame["name"],
                                frame["stage"], frame["students"], passes, strict=True)):
        unit_id, school_id, name, stage, students, passed = row
        out.append({
            "unit_id": unit_id, "school_id": school_id, "name": name, "stage": stage,
            "students": int(students), "values": values[i],
            "met": {k: (None if v is None else bool(v)) for k, v in met[i].items()
                    if k in ids},
            "passes": None if passed is None else bool(passed), "gaps": gaps.get(unit_id, []),
        })
    return out


def evaluation_dict(ev: Evaluation) -> dict[str, Any]:
    """The documented top-level shape: standard, county, year, rules, stages, units, guarantee,
    quality, verdict."""
    fixes = {(f.stage, f.indicator): f for f in ev.cv_fixes}
    return {
        "standard": ev.standard.id,
        "county": clean(dict(ev.county)),
        "year": ev.year,
        "rules": clean(ev.rules.to_dict()),
        "stages": {s: _stage_dict(r, fixes) for s, r in ev.stages.items()},
        "units": units_list(ev),
        "guarantee": [item_dict(r) for r in ev.guarantee],
        "quality": [item_dict(r) for r in ev.quality],
        "verdict": {
            "status": ev.verdict.status,
            "label": ev.verdict.label,
            "passes": ev.verdict.passes,
            "failures": [clean(asdict(f)) for f in ev.verdict.failures],
            "pending": [clean(asdict(f)) for f in ev.verdict.pending],
            "attested": list(ev.verdict.attested),
            "conditions": [item_dict(r) for r in ev.conditions],
        },
    }


def evaluation_json(ev: Evaluation, *, indent: int | None = 2) -> str:
    """The evaluation as JSON text (Chinese as is; NaN is never written)."""
    return json.dumps(evaluation_dict(ev), ensure_ascii=False, indent=indent, allow_nan=False)


def evaluations_dict(evaluations: Sequence[Evaluation]) -> dict[str, Any]:
    """Several standards of one county-year: {"county", "year", "evaluations": {id: document}}."""
    first = evaluations[0]
    return {"county": dict(first.county), "year": first.year,
            "evaluations": {ev.standard.id: evaluation_dict(ev) for ev in evaluations}}


def write_evaluations_json(evaluations: Sequence[Evaluation], path: str | Path) -> Path:
    """One evaluation as its document, several as :func:`evaluations_dict`, to ``path``."""
    if len(evaluations) == 1:
        text = evaluation_json(evaluations[0])
    else:
        text = json.dumps(evaluations_dict(evaluations), ensure_ascii=False, indent=2,
                          allow_nan=False)
    path = Path(path)
    path.write_text(text, encoding="utf-8")
    return path
