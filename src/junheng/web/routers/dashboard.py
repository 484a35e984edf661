"""概览: KPIs, the 优质均衡 verdict, CVs per indicator, 大班额 and the enrolment outlook."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import RedirectResponse, Response

from junheng.store.accounts import Role
from junheng.web import charts, results
from junheng.web.deps import CountyYear, Selected, Viewer, web_state
from junheng.web.routers._common import cached_page, try_engine
from junheng.web.services import CountyService
from junheng.web.summaries import SCHOOLS_LABEL, county_kpis

router = APIRouter(tags=["dashboard"])


@router.get("/")
async def dashboard(request: Request, principal: Viewer, selected: Selected) -> Response:
    if principal.role is Role.SCHOOL:
        return RedirectResponse(f"/schools/{principal.school_id}", status_code=303)
    counties = web_state(request).counties
    return await cached_page(request, "dashboard.html", (),
                       lambda: _dashboard_context(selected, counties), principal=principal,
                       selected=selected, active="dashboard", title="概览")


def _dashboard_context(selected: CountyYear, counties: CountyService) -> dict:
    context: dict = {"kpis": None, "evaluation": None, "forecast": None,
                     "schools_label": SCHOOLS_LABEL}
    if not selected.stored:
        return context
    code, year, stamp = selected.county_code, selected.school_year, selected.stamp
    context["kpis"] = counties.result("kpis", code, year, county_kpis, stamp=stamp)
    lists, context["class_error"] = try_engine(
        lambda: results.class_size_lists(counties, code, year, stamp=stamp))
    context["class_counts"] = lists.counts if lists else None
    evaluation, context["evaluation_error"] = try_engine(
        lambda: results.quality_evaluation(counties, code, year, stamp=stamp))
    if evaluation is not None:
        context["evaluation"] = evaluation
        context["cv_chart"] = charts.cv_chart(evaluation.stages)
    outlook, context["forecast_error"] = try_engine(
        lambda: results.forecast_outlook(counties, code, year, selected.years))
    if outlook is not None:
        context["forecast"] = outlook
        context["sparkline"] = charts.sparkline(outlook["years"], outlook["students"],
                                                low=outlook["low"], high=outlook["high"])
    return context
