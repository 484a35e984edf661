"""Deliverables on the web: the 自评报告, the inspection tables and the evaluation workbook of
the county-year as downloads (with the newest layout plan's 布局调整方案.docx beside them, which
the 自评报告 then summarises); the 基本均衡 and 学前普及普惠 pages; the per-school indicator
table with sorting and filters."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

from fastapi import APIRouter, HTTPException, Request
from fastapi.responses import Response

from junheng.model.times import today_beijing
from junheng.planning.layout_json import PLAN_FILE, read_layout_json
from junheng.web import results
from junheng.web.compliance_view import read_plan
from junheng.web.deliverables_view import (
    COMPULSORY,
    FILE_LINKS,
    FILES,
    STANDARDS,
    build_file,
    content_disposition,
    file_name,
    school_table,
)
from junheng.web.deps import Counties, CountyReader, Selected, web_state
from junheng.web.evaluation_view import cv_table, item_sections
from junheng.web.report_files import FileEntry, content_hash
from junheng.web.routers._common import render, try_engine
from junheng.web.routers.evaluation import status_label
from junheng.web.routers.plans import layout_document, newest_layout_document

router = APIRouter(tags=["deliverables"])


def _standard(standard: str) -> str:
    if standard not in STANDARDS:
        raise HTTPException(404, f"没有名为“{standard}”的评估标准：可选优质均衡或基本均衡。")
    return standard


def _plan_files(request: Request, selected, kind: str, standard: str
                ) -> tuple[Path | None, Path | None]:
    """The plan.json files a compulsory 自评报告 is written from: the county-year's newest
    finished 达标路径 (its 整改措施 is that plan, as the CLI's and the demo's is) and the layout
    plan, which is the one that 达标路径 followed, else the one the evaluation page offers
    (its 整改措施 then has the paragraph the page's 实施学校布局调整 panel shows)."""
    if kind != "self-report" or standard not in COMPULSORY:
        return None, None
    compliance = newest_compliance(request, selected)
    followed = None if compliance is None else layout_followed(request, compliance)
    newest = newest_layout_document(request, selected)
    layout = followed or (None if newest is None else newest[1] / PLAN_FILE)
    return compliance, layout if layout is not None and layout.is_file() else None


def _ledger_file(request: Request, selected, kind: str, standard: str):
    """The county's plan file a compulsory 自评报告 reports on (its 规划台账, as the CLI's
    ``--ledger``) and the values entered for it on the web; None, None without one."""
    from junheng.web.routers.ledger import stored_ledger

    if kind != "self-report" or standard not in COMPULSORY:
        return None, None
    path, manual, _ = stored_ledger(request, selected)
    return path, manual


def newest_compliance(request: Request, selected) -> Path | None:
    """The plan.json of the county-year's newest finished 达标路径, None without one."""
    jobs = web_state(request).jobs
    for job in jobs.list(selected.county_code, kind="compliance"):
        folder = jobs.job_dir(job.job_id)
        if job.state == "done" and job.school_year == selected.school_year and \
                folder is not None and (folder / PLAN_FILE).is_file():
            return folder / PLAN_FILE
    return None


def layout_followed(request: Request, compliance: Path) -> Path | None:
    """The plan.json of the layout job the 达标路径 at ``compliance`` followed, when kept."""
    config = json.loads((compliance.parent / "request.json").read_text(encoding="utf-8"))
    job = (config.get("config") or {}).get("layout_job")
    folder = web_state(request).jobs.job_dir(job) if job else None
    return None if folder is None or not (folder / PLAN_FILE).is_file() else folder / PLAN_FILE


def _checked(kind: str, standard: str, selected) -> str:
    """The standard of a report file the county-year may have; a Chinese 404 otherwise."""
    if kind not in FILES:
        raise HTTPException(404, "没有这种报告文件。")
    standard = _standard(standard)
    if kind == "inspection" and standard not in COMPULSORY:
        raise HTTPException(404, "督导评估检查用表只适用于义务教育优质均衡和基本均衡。")
    if not selected.stored:
        raise HTTPException(404, "所选县区、学年还没有导入数据，无法生成报告。")
    return standard


def report_file(request: Request, selected, counties, kind: str, standard: str
                ) -> tuple[FileEntry, Callable[[], bytes]]:
    """The stored file of ``kind`` for the county-year and how to build it. Its key holds
    every input (:mod:`junheng.web.report_files`): the data version of each school year in
    the history, the 达标路径 and layout jobs, the 规划台账 file's content and the values
    entered for it on the web, and the day (the cover's date)."""
    county, years = selected.county_code, [y for y in selected.years if y <= selected.school_year]
    compliance_file, plan_file = _plan_files(request, selected, kind, standard)
    ledger, manual = _ledger_file(request, selected, kind, standard)
    inputs = {"history": [[y, counties.stamp(county, y)] for y in years],
              "compliance_job": None if compliance_file is None else compliance_file.parent.name,
              "layout_job": None if plan_file is None else plan_file.parent.name,
              "ledger": None if ledger is None else [ledger.name, content_hash(ledger)],
              "manual": None if manual is None else manual.model_dump(mode="json"),
              "today": today_beijing().isoformat()}

    def build() -> bytes:
        plan = None if plan_file is None else read_layout_json(plan_file)
        compliance = None if compliance_file is None else read_plan(compliance_file)
        return build_file(kind, counties.history(county, years), standard,
                          layout_plan=plan, compliance=compliance, ledger=ledger, manual=manual)

    entry = web_state(request).files.entry(county, selected.school_year, kind, standard,
                                           Path(FILES[kind][0]).suffix, inputs)
    return entry, build


@router.get("/evaluation/files/{kind}")
def download(request: Request, kind: str, principal: CountyReader, selected: Selected,
             counties: Counties, standard: str = "quality-2017") -> Response:
    """The county-year's 自评报告 (Word), inspection tables or evaluation workbook (Excel):
    the stored file of the same inputs, else built now."""
    standard = _checked(kind, standard, selected)
    entry, build = report_file(request, selected, counties, kind, standard)
    content, error = try_engine(lambda: web_state(request).files.get(entry, build))
    if content is None:
        raise HTTPException(422, error or "无法生成报告。")
    county = selected.info.county_name if selected.info else selected.county_code
    name = file_name(kind, county, selected.school_year, standard)
    return Response(content, media_type=FILES[kind][1],
                    headers={"Content-Disposition": content_disposition(name)})


@router.get("/evaluation/files/{kind}/prepare")
def prepare(request: Request, kind: str, principal: CountyReader, selected: Selected,
            counties: Counties, standard: str = "quality-2017") -> Response:
    """The download link of the evaluation pages (htmx), clicked: a stored file is sent at
    once (the page's script saves it), else its build starts and the link says so
    (「正在生成自评报告（约 N 秒）…」), polling this until the file is there."""
    standard = _checked(kind, standard, selected)
    files = web_state(request).files
    entry, build = report_file(request, selected, counties, kind, standard)
    state = files.state(entry)
    if state.state == "missing" or (state.state == "failed" and "again" in request.query_params):
        files.start(entry, build)
        state = files.state(entry)
    response = render(request, "_report_file.html", principal=principal, kind=kind,
                      standard=standard, link=FILE_LINKS[kind], state=state)
    if state.state == "ready":
        url = f"/evaluation/files/{kind}?standard={standard}"
        response.headers["HX-Trigger"] = json.dumps({"report-file-ready": {"url": url}})
    return response


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
