"""A :class:`~junheng.forecast.CountyForecast` as JSON data, written at the file boundary
(``junheng forecast --json``): the run's settings and every frame as records, NaN as ``null``.

>>> import pandas as pd
>>> records(pd.DataFrame({"year": [2025, 2026], "students": [240.0, float("nan")]}))
[{'year': 2025, 'students': 240.0}, {'year': 2026, 'students': None}]
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from junheng.forecast.county import CountyForecast

FRAMES = ("counties", "county", "towns", "schools", "students", "models", "accuracy",
          "births", "migration", "choices", "skill", "school_skill")


def records(frame: pd.DataFrame) -> list[dict[str, Any]]:
    """A frame's rows as plain Python values (numpy scalars unwrapped, NaN and inf -> None)."""
    clean = frame.astype(object).where(frame.notna(), None)
    out = clean.to_dict("records")
    for record in out:
        for key, value in record.items():
            if isinstance(value, np.generic):
                record[key] = value.item()
            if isinstance(value, float) and not np.isfinite(value):
                record[key] = None
    return out


def forecast_dict(forecast: CountyForecast) -> dict[str, Any]:
    """Base year, horizon, coverage, notes, backtest origins and every frame as records."""
    out: dict[str, Any] = {"base_year": forecast.base_year, "horizon": forecast.horizon,
                           "coverage": forecast.coverage, "notes": list(forecast.notes),
                           "backtest_origins": list(forecast.backtest_origins)}
    for name in FRAMES:
        out[name] = records(getattr(forecast, name))
    return out


def write_forecast_json(forecast: CountyForecast, path: str | Path) -> Path:
    """Write :func:`forecast_dict` (UTF-8, Chinese as is, one space of indent)."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(forecast_dict(forecast), ensure_ascii=False, indent=1),
                    encoding="utf-8")
    return path
