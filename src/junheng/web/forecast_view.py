"""The county forecast as the pages show it: totals per stage and year with their range, the
schools at the horizon, the county seat's classroom balance and the model notes."""

from __future__ import annotations

from typing import Any

from junheng.forecast import CountyForecast, forecast_highlights
from junheng.forecast.serialize import records
from junheng.jobs.figures import ClassroomShortage
from junheng.model.county import CountyData
from junheng.model.labels import STAGE_LABELS, subset
from junheng.web.classroom_view import shortfall_table

FORECAST_STAGES = {"all": "合计", **subset(STAGE_LABELS, ("primary", "junior", "senior", "preschool"))}
FORECAST_STAGE_NAMES = FORECAST_STAGES  # every stage a forecast names
SCHOOL_COLUMNS = ["school_id", "name", "students_now", "students", "students_counted",
                  "classes_needed", "classrooms", "classrooms_other", "classroom_shortfall", "idle_classrooms", "utilisation",
                  "oversized_risk"]

Outlook = dict[str, Any]
"""Plain lists and numbers for the templates and charts (see :func:`outlook_of`)."""


def county_outlook(history: list[CountyData], horizon: int = 8) -> Outlook:
    """Forecast the county from its school years and take the pages' view of it."""
    from junheng.jobs.forecast import forecast_with_projects

    return outlook_of(forecast_with_projects(history, horizon))


def outlook_of(forecast: CountyForecast) -> Outlook:
    """The pages' view of a forecast."""
    stages = _stage_series(forecast)
    end = forecast.base_year + forecast.horizon
    schools = forecast.schools
    now = schools[schools["year"] == forecast.base_year].set_index("school_id")["students"]
    last = schools[schools["year"] == end].assign(students_now=lambda f: f["school_id"].map(now))
    found = forecast_highlights(forecast)
    return {
        "base_year": forecast.base_year, "end_year": end, "stages": stages,
        "years": stages["all"]["years"], "students": stages["all"]["students"],
        "low": stages["all"]["low"], "high": stages["all"]["high"],
        "schools": records(last[SCHOOL_COLUMNS]),
        "seat_shortfall_years": list(found.seat_shortfall_years),
        "seat_sentence": ClassroomShortage.from_highlights(found).sentence(),
        "seat_short": bool(ClassroomShortage.from_highlights(found).years),
        "under_half": records(found.under_half[["school_id", "name", "utilisation_now",
                                                "utilisation_end"]]),
        "accuracy": records(forecast.accuracy[forecast.accuracy["level"] == "county_stage"]),
        "skill": _skill(forecast),
        "notes": list(forecast.notes),
        "scope": stages["all"]["label"],
        "classroom_shortfall": shortfall_table(forecast),
        "note": f"{forecast.base_year} 学年为实际数，其后为预测；阴影为预测区间（依据本县历史回测误差）。",
    }


def _skill(forecast: CountyForecast) -> dict[str, Any] | None:
    """The backtest comparison with naive per stage and horizon (header and rows, Chinese)."""
    from junheng.report.forecast_skill import skill_table

    if forecast.skill.empty:
        return None
    header, rows = skill_table(forecast.skill, forecast.coverage)
    return {"header": header, "rows": rows,
            "reasons": [{"stage": r.stage, "reason": r.reason}
                        for r in forecast.choices.itertuples(index=False)]}


def _stage_series(forecast: CountyForecast) -> dict[str, dict[str, Any]]:
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
    if "all" in stages:  # the total says what it covers and equals the sum of the columns
        parts = [FORECAST_STAGES[s] for s in ("primary", "junior", "senior", "preschool")
                 if s in stages]
        nursery = "；学前只计幼儿园，不含附设幼儿班" if "preschool" in stages else ""
        stages["all"]["label"] = f"合计（{'、'.join(parts)}{nursery}）"
    return stages


def _floats(values) -> list[float | None]:
    return [None if v != v else float(v) for v in values]
