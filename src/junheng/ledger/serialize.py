"""A :class:`~junheng.ledger.Ledger` and a :class:`~junheng.ledger.CityRanking` as JSON data,
written at the file boundary (``junheng ledger --json``, ``junheng ledger city --json``,
``junheng demo``); the format is described in ``docs/plan-yaml.md``.

>>> from junheng.ledger import CountyStanding
>>> standing = CountyStanding("410306", "示例县", 2025, targets_met=3, targets_measured=4,
...     quality_passes=False, quality_failures=2, composite_cv=0.41, rank=1, of=3,
...     bottom_two=False, accountable=False)
>>> standing_dict(standing)["completion"], standing_dict(standing)["rank"]
(0.75, 1)
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from junheng.ledger.city import CityRanking, CountyStanding
from junheng.ledger.run import Ledger, TargetProgress, Value

ACCOUNTABILITY_RULE = "连续两年排在后两名的县区启动问责"


def target_dict(progress: TargetProgress) -> dict[str, Any]:
    """One target as measured (see ``docs/plan-yaml.md``)."""
    t, a = progress.target, progress.assessment
    return {
        "id": t.id, "name": t.name, "kind": t.kind,
        "measure": t.measure.name, "params": dict(t.measure.params), "label": progress.label,
        "quote": t.quote, "comparator": t.comparator, "target": _json_target(t.target),
        "target_value": _json_value(a.target_value, progress.kind), "deadline": t.deadline,
        "deadline_date": t.deadline_date.isoformat() if t.deadline_date else None,
        "responsible": t.responsible, "unit": progress.unit, "note": t.note,
        "evidence_required": t.evidence,
        "values": {str(y): _json_value(v, progress.kind) for y, v in progress.values.items()},
        "met": {str(y): m for y, m in a.met.items()},
        "status": progress.status.value, "projected": a.projected,
        "baseline_year": a.baseline_year, "latest_year": a.latest_year,
        "evidence": {str(y): e for y, e in progress.evidence.items()},
        "notes": list(progress.notes),
    }


def _json_target(target: Value | str) -> Any:
    if isinstance(target, float) and target.is_integer():
        return int(target)
    return target


def _json_value(value: Value | None, kind: str) -> Any:
    if value is None or isinstance(value, bool):
        return value
    if kind == "count" and float(value).is_integer():
        return int(value)
    return float(value)


def ledger_dict(ledger: Ledger) -> dict[str, Any]:
    """``{"plan", "region", "targets": [...]}`` plus context keys."""
    return {
        "plan": ledger.plan.plan, "title": ledger.title, "example": ledger.is_example,
        "region": ledger.region,
        "baseline_year": ledger.plan.baseline_year, "counties": list(ledger.county_codes),
        "years": list(ledger.years), "summary": ledger.summary(), "notes": list(ledger.notes),
        "targets": [target_dict(t) for t in ledger.targets],
    }


def standing_dict(s: CountyStanding) -> dict[str, Any]:
    """One county in one school year of a city ranking."""
    return {
        "county_code": s.county_code, "county_name": s.county_name,
        "school_year": s.school_year, "targets_met": s.targets_met,
        "targets_measured": s.targets_measured, "completion": s.completion,
        "quality_passes": s.quality_passes, "quality_status": s.quality_status,
        "quality_failures": s.quality_failures, "quality_failed_units": s.quality_failed_units,
        "composite_cv": s.composite_cv, "primary_cv": s.primary_cv, "junior_cv": s.junior_cv,
        "rank": s.rank, "of": s.of,
        "bottom_two": s.bottom_two, "accountable": s.accountable,
    }


def ranking_dict(ranking: CityRanking) -> dict[str, Any]:
    """The city's rankings per school year and the counties the 问责 rule flags."""
    return {
        "city": ranking.city, "plan": ranking.plan, "years": list(ranking.years),
        "rule": ACCOUNTABILITY_RULE,
        "rankings": {str(y): [standing_dict(s) for s in ranking.year(y)]
                     for y in ranking.years},
        "accountable": [{"county_code": s.county_code, "county_name": s.county_name,
                         "school_year": s.school_year} for s in ranking.accountable],
        "notes": list(ranking.notes),
    }


def write_json(body: dict[str, Any], path: str | Path) -> Path:
    """Write a ledger or ranking document (UTF-8, indented, NaN refused)."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(body, ensure_ascii=False, indent=2, allow_nan=False),
                    encoding="utf-8")
    return path
