"""Enrolment forecasting: cohort projection per school, model choice by backtest, intervals.

The public entry points are :func:`forecast_county` (one county, all its school years) and
:func:`forecast_stages` (a city or province with only stage-level entrants). Both use a method
only where it beat the naive forecast (last value carried forward) on rolling-origin backtests
(:func:`choose_method`). The estimators below follow fit/predict and can be used on their own.
"""

from junheng.forecast.backtest import ProjectionBacktest, backtest_projection
from junheng.forecast.capacity import class_sizes, classes_needed
from junheng.forecast.choice import MethodChoice, choose_method
from junheng.forecast.cohort import CohortProjection, Projection
from junheng.forecast.county import (
    CountyForecast,
    ForecastHighlights,
    NewSchoolRooms,
    forecast_counties,
    forecast_county,
    forecast_highlights,
)
from junheng.forecast.ets import EtsDampedRatio
from junheng.forecast.intervals import EmpiricalIntervals, backtest_coverage
from junheng.forecast.migration import TownShareTrend
from junheng.forecast.panel import EnrolmentPanel, build_panel
from junheng.forecast.population import PopulationProjection
from junheng.forecast.ratios import (
    DampedTrendRatio,
    ExpSmoothingRatio,
    MeanRatio,
    RatioModel,
    default_candidates,
)
from junheng.forecast.selection import ModelSelector, rolling_origin_errors
from junheng.forecast.stages import (
    StageForecast,
    StageProjection,
    backtest_stages,
    clean_births,
    clean_entrants,
    forecast_stages,
)

__all__ = [
    "CohortProjection",
    "CountyForecast",
    "DampedTrendRatio",
    "EmpiricalIntervals",
    "EnrolmentPanel",
    "EtsDampedRatio",
    "ExpSmoothingRatio",
    "ForecastHighlights",
    "NewSchoolRooms",
    "MeanRatio",
    "MethodChoice",
    "ModelSelector",
    "PopulationProjection",
    "Projection",
    "ProjectionBacktest",
    "RatioModel",
    "StageForecast",
    "StageProjection",
    "TownShareTrend",
    "backtest_coverage",
    "backtest_projection",
    "backtest_stages",
    "build_panel",
    "choose_method",
    "class_sizes",
    "classes_needed",
    "clean_births",
    "clean_entrants",
    "default_candidates",
    "forecast_counties",
    "forecast_county",
    "forecast_highlights",
    "forecast_stages",
    "rolling_origin_errors",
]
