"""Forecast a county: every school's enrolment from its school years, and the forecast's files."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from pathlib import Path

from junheng.errors import JunhengError
from junheng.forecast import CountyForecast, forecast_county
from junheng.model import CountyData

DEFAULT_HORIZON = 8


def forecast_with_projects(history: Sequence[CountyData], horizon: int = DEFAULT_HORIZON,
                           *, today: date | None = None, **options) -> CountyForecast:
    """:func:`~junheng.forecast.forecast_county` of ``history`` (oldest first, or any order)
    with the classrooms the latest year's 在建、规划 projects add from the year they are in use
    on ``today`` (Beijing's date when not given; :func:`~junheng.planning.projects.rooms_by_year`)."""
    from dataclasses import replace

    from junheng.model.times import today_beijing
    from junheng.planning.projects import new_school_rooms, rooms_by_year

    today = today or today_beijing()

    latest = max(history, key=lambda d: d.school_year)
    years = range(latest.school_year, latest.school_year + horizon + 1)
    rooms, notes = rooms_by_year(latest, years, today=today)
    forecast = forecast_county(list(history), horizon, added_rooms=rooms,
                               room_notes=tuple(notes), **options)
    return replace(forecast, new_schools=new_school_rooms(latest, years, today=today))


def forecast_or_reason(history: Sequence[CountyData], horizon: int = DEFAULT_HORIZON
                       ) -> tuple[CountyForecast | None, str]:
    """(forecast, "") or (None, the Chinese reason the data cannot be forecast)."""
    try:
        return forecast_with_projects(history, horizon), ""
    except JunhengError as exc:
        return None, str(exc)


def write_forecast_outputs(forecast: CountyForecast, *, xlsx_path: Path | None = None,
                           json_path: Path | None = None) -> list[Path]:
    """The forecast workbook and the forecast JSON, when asked for."""
    from junheng.forecast.serialize import write_forecast_json
    from junheng.report.forecast_xlsx import write_forecast_xlsx

    written = []
    if xlsx_path is not None:
        written.append(write_forecast_xlsx(forecast, xlsx_path))
    if json_path is not None:
        written.append(write_forecast_json(forecast, json_path))
    return written
