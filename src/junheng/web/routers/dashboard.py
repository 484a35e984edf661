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
    state = web_state(request)
    counties = state.counties
    # 确认导入 comes here with ?imported=1 (review rw 8: nothing said the import had worked);
    # the notice is part of the cached content, so the flag is part of its key
    imported = request.query_params.get("imported") == "1" and selected.stored

    def build() -> dict:
        notice = import_notice(state.store, selected, counties) if imported else ""
        return {**_dashboard_context(selected, counties), "import_notice": notice}

    return await cached_page(request, "dashboard.html", ("imported",) if imported else (),
                             build, principal=principal, selected=selected, active="dashboard",
                             title="概览")


def import_notice(store, selected: CountyYear, counties: CountyService) -> str:
    """「导入成功：…」 of the county-year's latest import: the file, the county-year, whether it
    replaced the data held, its schools as the check page counts them
    (:attr:`~junheng.io.summary.CountySummary.schools_text`, 教学点 apart; review rvweb 10:
    「学校 171 所」 held 70 教学点 beside the check page's 「101 所学校（含幼儿园 44 所）、70 个教学点」),
    classes and teachers and how many sheets had rows."""
    from junheng.io.summary import summarize_county

    log = store.import_log(county_code=selected.county_code, school_year=selected.school_year)
    if not log:
        return ""
    last = log[-1]
    counts = last.row_counts
    schools = summarize_county(counties.load(selected.county_code, selected.school_year,
                                             selected.stamp)).schools_text
    rows = "、".join([schools] * bool(counts.get("schools")) + [
        f"{label} {counts[key]:,} {unit}" for key, label, unit in _COUNTED if counts.get(key)])
    sheets = sum(1 for n in counts.values() if n)
    replaced = "（替换原有数据）" if last.replaced else ""
    return (f"导入成功：{last.source} 已导入为{selected.info.county_name}（{selected.county_code}）"
            f"{selected.school_year} 学年数据{replaced}：{rows + '，' if rows else ''}"
            f"共 {sheets} 张工作表有数据。")


#: what the import notice counts: table key, label, unit
_COUNTED = (("classes", "班级", "个"), ("teachers", "教师", "人"))


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
