"""招生预测: the county's pupils by year, observed then forecast with a range, and per school."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import Response

from junheng.web import charts, results
from junheng.web.deps import Counties, CountyReader, Selected
from junheng.web.forecast_view import FORECAST_STAGE_NAMES
from junheng.web.routers._common import render, try_engine

router = APIRouter(tags=["forecast"])


@router.get("/forecast")
def forecast(request: Request, principal: CountyReader, selected: Selected,
             counties: Counties) -> Response:
    context: dict = {"outlook": None, "error": ""}
    if selected.stored:
        outlook, context["error"] = try_engine(lambda: results.forecast_outlook(
            counties, selected.county_code, selected.school_year, selected.years))
        if outlook is not None:
            context.update(outlook=outlook, stage_labels=FORECAST_STAGE_NAMES, charts={
                key: charts.sparkline(st["years"], st["students"], low=st["low"],
                                      high=st["high"], name=st["label"])
                for key, st in outlook["stages"].items() if key in ("primary", "junior")})
    return render(request, "forecast.html", principal=principal, selected=selected,
                  active="forecast", title="招生预测", **context)
