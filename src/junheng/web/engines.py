"""The engines the pages show, reached through one adapter each.

Each adapter imports its engine lazily and raises :class:`EngineUnavailable` with a Chinese
sentence when that engine is not installed, so a page says plainly what is missing instead of
showing a made-up result. Results are returned in the engines' documented JSON shapes
(``docs/evaluation-json.md``, ``docs/layout-json.md``, ``docs/plan-yaml.md``), which the
templates read.
"""

from __future__ import annotations

import importlib
import importlib.util
from typing import Any

from junheng.model.county import CountyData
from junheng.web.charts import STAGE_NAMES, indicator_label


class EngineUnavailable(Exception):
    """An engine the page needs is not installed yet."""


def _function(module_name: str, name: str, label: str):
    if importlib.util.find_spec(module_name) is None:
        raise EngineUnavailable(f"{label}尚未安装，本页暂无结果。")
    function = getattr(importlib.import_module(module_name), name, None)
    if not callable(function):
        raise EngineUnavailable(f"{label}尚未安装完成（缺少 {module_name}.{name}），本页暂无结果。")
    return function


# --- evaluation (issue 4) ----------------------------------------------------------------


def evaluation_report(data: CountyData, standard: str = "quality-2017") -> dict[str, Any]:
    """The county's evaluation against ``standard`` as the documented JSON dict."""
    evaluate = _function("junheng.evaluate", "evaluate", "均衡评估引擎")
    to_json = _function("junheng.evaluate", "evaluation_to_json", "均衡评估引擎")
    return to_json(evaluate(data, standard))


def school_units(evaluation: dict[str, Any] | None, school_id: str) -> list[dict[str, Any]]:
    """One school's evaluation units (a nine-year school has two) with rows per indicator."""
    if not evaluation:
        return []
    out = []
    for unit in evaluation.get("units", []):
        if unit.get("school_id") != school_id:
            continue
        stage = unit.get("stage")
        thresholds = unit.get("thresholds") or {}
        gaps = unit.get("gaps") or {}
        rows = [{"id": key, "label": indicator_label(key), "value": value,
                 "threshold": thresholds.get(key), "met": unit.get("met", {}).get(key),
                 "gap": _gap_text(gaps.get(key))}
                for key, value in unit.get("values", {}).items()]
        out.append({"stage": stage, "stage_label": STAGE_NAMES.get(stage, stage),
                    "students": unit.get("students"), "passes": unit.get("passes"),
                    "rows": rows})
    return out


def _gap_text(gap: Any) -> str:
    if gap is None:
        return ""
    if isinstance(gap, dict):
        return str(gap.get("message") or gap.get("text") or "")
    return str(gap)


# --- forecast (issue 5) ------------------------------------------------------------------


def county_outlook(history: list[CountyData], horizon: int = 8) -> dict[str, Any]:
    """County totals of compulsory-stage pupils by year: observed, then forecast with range."""
    forecast_county = _function("junheng.forecast", "forecast_county", "招生预测引擎")
    to_json = _function("junheng.forecast", "forecast_to_json", "招生预测引擎")
    return to_json(forecast_county(history, horizon=horizon))


def cached_forecast(counties: Any, county_code: str, school_year: int,
                    years: tuple[int, ...]) -> dict[str, Any]:
    """The county outlook, cached with the newest year's data stamp."""
    used = [y for y in years if y <= school_year] or [school_year]
    return counties.result("forecast", county_code, school_year,
                           lambda _data: _outlook_view(county_outlook(
                               counties.history(county_code, used))),
                           extra=tuple(used))


def _outlook_view(doc: dict[str, Any]) -> dict[str, Any]:
    totals = doc.get("county", {}).get("totals", [])
    return {"years": [t["year"] for t in totals], "students": [t["students"] for t in totals],
            "low": [t.get("low", t["students"]) for t in totals],
            "high": [t.get("high", t["students"]) for t in totals],
            "note": doc.get("note", ""), "doc": doc}


# --- ledger (issue 8) ---------------------------------------------------------------------


def ledger_report(plan_path: str, loader: Any, county_years: list[tuple[str, int]],
                  region: str) -> dict[str, Any]:
    """The plan's targets measured over ``county_years``, as the documented JSON."""
    load_plan = _function("junheng.ledger", "load_plan", "规划台账引擎")
    run_ledger = _function("junheng.ledger", "run_ledger", "规划台账引擎")
    return run_ledger(load_plan(plan_path), loader, county_years, region=region).to_dict()
