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
    """The county's evaluation against ``standard`` as the documented JSON dict, plus
    ``thresholds`` ({stage: {indicator: threshold}}) of the resource indicators."""
    evaluate = _function("junheng.evaluate", "evaluate", "均衡评估引擎")
    to_json = _function("junheng.evaluate.serialize", "evaluation_dict", "均衡评估引擎")
    evaluation = evaluate(data, standard)
    doc = to_json(evaluation)
    doc["thresholds"] = {
        stage: {ind.id: ind.threshold_for(stage)
                for ind in evaluation.standard.resource_indicators}
        for stage in evaluation.standard.stages}
    return doc


def class_size_lists(data: CountyData) -> dict[str, Any]:
    """大班额 / 超大班额 classes and 大校额 schools by the class-size standard, with counts."""
    class_lists = _function("junheng.evaluate", "class_lists", "均衡评估引擎")
    load_class_size = _function("junheng.standards", "load_class_size", "均衡评估引擎")
    lists = class_lists(data, load_class_size())
    return {"classes": lists.oversized_classes, "schools": lists.oversized_schools,
            "counts": lists.counts}


def school_units(evaluation: dict[str, Any] | None, school_id: str) -> list[dict[str, Any]]:
    """One school's evaluation units (a nine-year school has two) with rows per indicator."""
    if not evaluation:
        return []
    out = []
    for unit in evaluation.get("units", []):
        if unit.get("school_id") != school_id:
            continue
        stage = unit.get("stage")
        thresholds = evaluation.get("thresholds", {}).get(stage, {})
        gaps: dict[str, list[str]] = {}
        for gap in unit.get("gaps") or []:
            gaps.setdefault(gap.get("indicator"), []).append(_gap_text(gap))
        rows = [{"id": key, "label": indicator_label(key), "value": value,
                 "threshold": thresholds.get(key), "met": unit.get("met", {}).get(key),
                 "gap": "；".join(gaps.get(key, []))}
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

FORECAST_STAGES = {"all": "合计（含学前）", "primary": "小学", "junior": "初中", "preschool": "学前"}
FORECAST_STAGE_NAMES = {**FORECAST_STAGES, "senior": "高中"}  # every stage a forecast names


def county_outlook(history: list[CountyData], horizon: int = 8) -> dict[str, Any]:
    """The county forecast as plain lists for the pages: totals per stage and year with
    their range, schools at the horizon, the county seat's classroom balance, model notes."""
    forecast_county = _function("junheng.forecast", "forecast_county", "招生预测引擎")
    highlights = _function("junheng.forecast", "forecast_highlights", "招生预测引擎")
    forecast = forecast_county(history, horizon=horizon)
    county = forecast.county
    stages = {}
    for stage, label in FORECAST_STAGES.items():
        rows = county[county["stage"] == stage].sort_values("year")
        if rows.empty:
            continue
        stages[stage] = {"label": label, "years": [int(y) for y in rows["year"]],
                         "students": _floats(rows["students"]),
                         "low": _floats(rows["students_low"]),
                         "high": _floats(rows["students_high"]),
                         "classes_needed": _floats(rows["classes_needed"])}
    end = forecast.base_year + forecast.horizon
    schools = forecast.schools
    now = schools[schools["year"] == forecast.base_year].set_index("school_id")["students"]
    last = schools[schools["year"] == end].assign(students_now=lambda f: f["school_id"].map(now))
    found = highlights(forecast)
    return {
        "base_year": forecast.base_year, "end_year": end, "stages": stages,
        "years": stages["all"]["years"], "students": stages["all"]["students"],
        "low": stages["all"]["low"], "high": stages["all"]["high"],
        "schools": _records(last[["school_id", "name", "students_now", "students",
                                  "classes_needed", "classrooms", "classroom_shortfall",
                                  "idle_classrooms", "utilisation", "oversized_risk"]]),
        "seat_shortfall_years": list(found.seat_shortfall_years),
        "under_half": _records(found.under_half[["school_id", "name", "utilisation_now",
                                                 "utilisation_end"]]),
        "accuracy": _records(forecast.accuracy[forecast.accuracy["level"] == "county_stage"]),
        "skill": _skill(forecast),
        "notes": list(forecast.notes),
        "note": f"{forecast.base_year} 学年为实际数，其后为预测；阴影为预测区间（依据本县历史回测误差）。",
    }


def _skill(forecast: Any) -> dict[str, Any] | None:
    """The backtest comparison with naive per stage and horizon (header and rows, Chinese)."""
    from junheng.report.forecast_skill import skill_table

    if forecast.skill.empty:
        return None
    header, rows = skill_table(forecast.skill, forecast.coverage)
    return {"header": header, "rows": rows,
            "reasons": [{"stage": r.stage, "reason": r.reason}
                        for r in forecast.choices.itertuples(index=False)]}


def _floats(values) -> list[float | None]:
    return [None if v != v else float(v) for v in values]


def _records(frame) -> list[dict[str, Any]]:
    return [{k: (None if isinstance(v, float) and v != v else v) for k, v in row.items()}
            for row in frame.to_dict("records")]


def cached_forecast(counties: Any, county_code: str, school_year: int,
                    years: tuple[int, ...]) -> dict[str, Any]:
    """The county outlook from every stored year up to ``school_year``, cached."""
    used = [y for y in years if y <= school_year] or [school_year]
    return counties.result("forecast", county_code, school_year,
                           lambda _data: county_outlook(counties.history(county_code, used)),
                           extra=tuple(used))


# --- ledger (issue 8) ---------------------------------------------------------------------


def ledger_report(plan_path: str, loader: Any, county_years: list[tuple[str, int]],
                  region: str) -> dict[str, Any]:
    """The plan's targets measured over ``county_years``, as the documented JSON."""
    load_plan = _function("junheng.ledger", "load_plan", "规划台账引擎")
    run_ledger = _function("junheng.ledger", "run_ledger", "规划台账引擎")
    return run_ledger(load_plan(plan_path), loader, county_years, region=region).to_dict()
