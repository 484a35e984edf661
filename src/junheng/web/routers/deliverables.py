"""Deliverables on the web: the 自评报告, the inspection tables and the evaluation workbook of
the county-year as downloads (with the newest layout plan's 布局调整方案.docx beside them, which
the 自评报告 then summarises); the 基本均衡 and 学前普及普惠 pages; the per-school indicator
table with sorting and filters."""

from __future__ import annotations

from pathlib import Path

from fastapi import APIRouter, HTTPException, Request
from fastapi.responses import Response

from junheng.planning.layout_json import PLAN_FILE, read_layout_json
from junheng.web import results
from junheng.web.deliverables_view import (
    COMPULSORY,
    FILES,
    STANDARDS,
    build_file,
    content_disposition,
    file_name,
    school_table,
)
from junheng.web.deps import Counties, CountyReader, Selected
from junheng.web.evaluation_view import cv_table, item_sections
from junheng.web.routers._common import render, try_engine
from junheng.web.routers.evaluation import status_label
from junheng.web.routers.plans import layout_document, newest_layout_document

router = APIRouter(tags=["deliverables"])


def _standard(standard: str) -> str:
    if standard not in STANDARDS:
        raise HTTPException(404, f"没有名为“{standard}”的评估标准：可选优质均衡或基本均衡。")
    return standard


def _layout_plan_file(request: Request, selected, kind: str, standard: str) -> Path | None:
    """The plan.json of the layout plan the evaluation page offers beside a compulsory
    自评报告 (its 整改措施 then has the paragraph the page's 实施学校布局调整 panel shows)."""
    newest = newest_layout_document(request, selected) \
        if kind == "self-report" and standard in COMPULSORY else None
    found = None if newest is None else newest[1] / PLAN_FILE
    return found if found is not None and found.is_file() else None


@router.get("/evaluation/files/{kind}")
def download(request: Request, kind: str, principal: CountyReader, selected: Selected,
             counties: Counties, standard: str = "quality-2017") -> Response:
    """The county-year's 自评报告 (Word), inspection tables or evaluation workbook (Excel)."""
    if kind not in FILES:
        raise HTTPException(404, "没有这种报告文件。")
    standard = _standard(standard)
    if kind == "inspection" and standard not in COMPULSORY:
        raise HTTPException(404, "督导评估检查用表只适用于义务教育优质均衡和基本均衡。")
    if not selected.stored:
        raise HTTPException(404, "所选县区、学年还没有导入数据，无法生成报告。")
    years = [y for y in selected.years if y <= selected.school_year]
    plan_file = _layout_plan_file(request, selected, kind, standard)

    def build(_) -> bytes:
        plan = None if plan_file is None else read_layout_json(plan_file)
        return build_file(kind, counties.history(selected.county_code, years), standard,
                          layout_plan=plan)

    content, error = try_engine(lambda: counties.result(
        f"file-{kind}", selected.county_code, selected.school_year, build,
        extra=(standard, tuple((y, counties.stamp(selected.county_code, y)) for y in years),
               str(plan_file or "")),
        stamp=selected.stamp))
    if content is None:
        raise HTTPException(422, error or "无法生成报告。")
    county = selected.info.county_name if selected.info else selected.county_code
    name = file_name(kind, county, selected.school_year, standard)
    return Response(content, media_type=FILES[kind][1],
                    headers={"Content-Disposition": content_disposition(name)})


def _evaluation(counties, selected, standard: str):
    def compute(data):
        from junheng.evaluate import evaluate

        return evaluate(data, standard)

    return try_engine(lambda: counties.result(f"evaluation-{standard}", selected.county_code,
                                              selected.school_year, compute,
                                              stamp=selected.stamp))


@router.get("/evaluation/basic")
def basic(request: Request, principal: CountyReader, selected: Selected,
          counties: Counties) -> Response:
    """基本均衡 (教督〔2012〕3号): the engine's verdict, CVs per stage, its items, downloads."""
    ev, error = _evaluation(counties, selected, "basic-2012") if selected.stored else (None, "")
    return render(request, "evaluation_basic.html", principal=principal, selected=selected,
                  active="evaluation", title="基本均衡评估", evaluation=ev, error=error,
                  layout_document=layout_document(request, selected),
                  items=None if ev is None else item_sections(ev), status_label=status_label,
                  cv_rows=None if ev is None else cv_table(ev))


@router.get("/evaluation/preschool")
def preschool(request: Request, principal: CountyReader, selected: Selected,
              counties: Counties) -> Response:
    """学前教育普及普惠: the county's items and each kindergarten's three indicators."""
    ev, error = _evaluation(counties, selected, "preschool-2020") if selected.stored \
        else (None, "")
    kindergartens = [] if ev is None else ev.units.to_dict("records")
    return render(request, "evaluation_preschool.html", principal=principal,
                  selected=selected, active="evaluation", title="学前普及普惠评估",
                  evaluation=ev, error=error, kindergartens=kindergartens,
                  items=None if ev is None else item_sections(ev), status_label=status_label)


@router.get("/evaluation/schools")
def schools(request: Request, principal: CountyReader, selected: Selected, counties: Counties,
            standard: str = "quality-2017", stage: str = "", result: str = "", q: str = "",
            sort: str = "", order: str = "asc") -> Response:
    """Every school's indicators, sortable by any column and filtered by stage, result, name."""
    standard = _standard(standard) if standard in COMPULSORY else "quality-2017"
    if selected.stored and standard == "quality-2017":
        ev, error = try_engine(lambda: results.quality_evaluation(
            counties, selected.county_code, selected.school_year, stamp=selected.stamp))
    elif selected.stored:
        ev, error = _evaluation(counties, selected, standard)
    else:
        ev, error = None, ""
    table = None if ev is None else school_table(ev, stage=stage, result=result, q=q.strip(),
                                                 sort=sort, order=order)
    return render(request, "evaluation_schools.html", principal=principal, selected=selected,
                  active="evaluation", title="各校指标", evaluation=ev, error=error,
                  layout_document=layout_document(request, selected),
                  table=table, standard=standard,
                  standards={k: STANDARDS[k] for k in COMPULSORY},
                  filters={"stage": stage, "result": result, "q": q, "sort": sort,
                           "order": order})
