"""布局规划: a scenario form with the plan's rules, solved in a worker process with a progress
bar the page polls (htmx); the result as a map, an actions table, before/after and downloads."""

from __future__ import annotations

import json
from collections.abc import Sequence
from pathlib import Path
from typing import Annotated, Any
from urllib.parse import quote

from fastapi import APIRouter, Depends, HTTPException, Query, Request
from fastapi.responses import RedirectResponse, Response
from starlette.concurrency import run_in_threadpool

from junheng.errors import ConfigError, messages_of
from junheng.model.times import today_beijing
from junheng.planning.layout_json import PLAN_FILE, read_layout_json
from junheng.planning.layout_naming import layout_name, saved_name
from junheng.report.file_names import LAYOUT_BOOK, LAYOUT_MAP
from junheng.store.accounts import record_audit
from junheng.web import layout_view
from junheng.web.data_versions import notes_for
from junheng.web.deps import Admin, Counties, CountyReader, Selected, web_state
from junheng.web.layout_headline import headline_context
from junheng.web.routers._common import (
    client_of,
    job_file,
    job_progress_box,
    present_files,
    render,
    scoped_job,
)
from junheng.web.worker import JobStatus

router = APIRouter(tags=["plans"])

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
_BOOK = ("方案表（电子表格）", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
         LAYOUT_BOOK)
_MAP = ("离线地图（网页）", "text/html", LAYOUT_MAP)
#: file -> (link text, media type, the name it is saved under after the county's name); a job
#: folder written before the files had the names the documents cite holds plan.xlsx, map.html
DOWNLOADS = {
    LAYOUT_BOOK: _BOOK, "plan.xlsx": _BOOK,
    "plan.json": ("方案数据（供系统导入）", "application/json", "布局调整方案数据.json"),
    LAYOUT_MAP: _MAP, "map.html": _MAP,
}


def layout_downloads() -> dict[str, tuple[str, str, str]]:
    """The layout job's files with its Word document (布局调整方案.docx)."""
    name = layout_docx_name()
    return {**DOWNLOADS, name: ("布局调整方案（文档）", DOCX, name)}


def layout_docx_name() -> str:
    """布局调整方案.docx (imported when asked: python-docx stays out of the server's start)."""
    from junheng.report.layout_docx import LAYOUT_DOCX_NAME

    return LAYOUT_DOCX_NAME


def finished_layout_jobs(request: Request, selected, file: str = PLAN_FILE
                         ) -> list[tuple[JobStatus, Path]]:
    """The county-year's finished layout jobs holding ``file``, newest first, with their
    folders (the 达标路径 form offers their plans, the evaluation pages the newest one's Word
    document)."""
    if not selected.county_code:
        return []
    jobs = web_state(request).jobs
    found = ((job, jobs.job_dir(job.job_id)) for job in jobs.list(selected.county_code))
    return [(job, folder) for job, folder in found
            if job.state == "done" and job.school_year == selected.school_year
            and folder is not None and (folder / file).is_file()]


def newest_layout_document(request: Request, selected) -> tuple[JobStatus, Path] | None:
    """The county-year's newest finished layout job holding its 布局调整方案.docx, with its
    folder: the plan the evaluation pages offer and the web's 自评报告 summarises."""
    found = finished_layout_jobs(request, selected, layout_docx_name())
    return found[0] if found else None


def layout_document(request: Request, selected) -> dict[str, str] | None:
    """The 布局调整方案.docx of the county-year's newest finished layout plan that has one: its
    download address, the plan's name and the 自评报告's paragraph on it (planner review: the
    evaluation page lacked the paragraph the Word report has); None without one."""
    from junheng.report.layout_notes import layout_paragraph

    newest = newest_layout_document(request, selected)
    if newest is None:
        return None
    job, folder = newest
    plan = read_layout_json(folder / PLAN_FILE) if (folder / PLAN_FILE).is_file() else None
    return {"url": f"/plans/layout/jobs/{job.job_id}/files/{quote(layout_docx_name())}",
            "name": layout_name(plan) if plan is not None else saved_name(
                {"layout_scenario": job.scenario}),
            "summary": layout_paragraph(plan) if plan is not None else ""}


def _page(request: Request, *, principal, selected, values: dict[str, Any],
          errors: Sequence[str] = (), status: int = 200, refill: str = "") -> Response:
    jobs = web_state(request).jobs.list(selected.county_code) if selected.county_code else []
    return render(request, "layout.html", principal=principal, selected=selected,
                  active="layout", title="布局规划",
                  fields=layout_view.FORM_FIELDS, values=values, errors=errors, jobs=jobs,
                  data_notes=notes_for(request, jobs),
                  refill=refill, status_code=status)


@router.get("/plans/layout")
def layout_form(request: Request, principal: CountyReader, selected: Selected,
                source: Annotated[str, Query(alias="from")] = "") -> Response:
    """The scenario form: the defaults, or with ``?from=`` a layout job's settings (review
    rw 2: after a failed job the form came back empty and 38 settings had to be typed again)."""
    if not source:
        return _page(request, principal=principal, selected=selected,
                     values=layout_view.default_values(selected.school_year))
    job = job_in_scope(source, request, principal)
    request_file = web_state(request).jobs.job_dir(job.job_id) / "request.json"
    config = json.loads(request_file.read_text(encoding="utf-8"))["config"]
    return _page(request, principal=principal, selected=selected, refill=job.job_id,
                 values=layout_view.values_from_config(config, job.school_year))


@router.post("/plans/layout")
async def run_layout(request: Request, principal: Admin, selected: Selected,
                     counties: Counties) -> Response:
    form = await request.form()
    values = {f.key: str(form.get(f.key, "")) for f in layout_view.FORM_FIELDS}
    values.update({f.key: "on" if form.get(f.key) else "" for f in layout_view.FORM_FIELDS
                   if f.kind == "bool"})
    # Importing the planner, starting the worker process and writing the audit row block,
    # so they run in the threadpool.
    return await run_in_threadpool(_run_layout, request, principal, selected, values, counties)


def _run_layout(request: Request, principal, selected, values: dict[str, str],
                counties) -> Response:
    if not selected.stored:
        raise HTTPException(404, f"县区 {selected.county_code} 尚未导入数据。")
    try:
        config, errors = layout_view.config_from_form(values), []
    except ConfigError as exc:
        config, errors = {}, messages_of(exc)
    place = f"{selected.info.county_name or selected.county_code} {selected.school_year} 学年"
    data = counties.load(selected.county_code, selected.school_year)
    errors += layout_view.unknown_schools(config or layout_view.school_lists(values), data, place)
    errors += layout_view.contradictions(config or layout_view.school_lists(values), data)
    errors += layout_view.target_year_errors(config, data.school_year)
    if errors:  # the form again with what was typed, every bad code named (review rw 2)
        return _page(request, principal=principal, selected=selected, values=values,
                     errors=errors, status=422)
    # the plan is made on the day it is asked for (编制日期), not on the day a worker gets to
    # it: request.json keeps the day, and a test's pinned day reaches the worker process
    config = {**config, "plan_date": today_beijing().isoformat()}
    state = web_state(request)
    job_id = state.jobs.submit(county_code=selected.county_code,
                               school_year=selected.school_year, config=config,
                               username=principal.username)
    with state.sessions() as session:
        record_audit(session, username=principal.username, action="plan_layout",
                     entity="layout_job", entity_key=job_id, county_code=selected.county_code,
                     school_year=selected.school_year, after=config, client=client_of(request))
        session.commit()
    return RedirectResponse(f"/plans/layout/jobs/{job_id}", status_code=303)


def job_in_scope(job_id: str, request: Request, principal: CountyReader) -> JobStatus:
    """The job if it belongs to a county the user reaches: 404 unknown, 403 outside scope."""
    return scoped_job(request, principal, job_id, "layout", "规划任务", "规划方案")


Job = Annotated[JobStatus, Depends(job_in_scope)]


@router.get("/plans/layout/jobs/{job_id}")
def job_page(request: Request, job: Job, principal: CountyReader, selected: Selected,
             counties: Counties) -> Response:
    context: dict[str, Any] = {"job": job, "plan": None}
    path = web_state(request).jobs.job_dir(job.job_id)
    if job.state == "done" and (path / PLAN_FILE).exists():
        plan = read_layout_json(path / PLAN_FILE)
        data = counties.load(job.county_code, job.school_year)
        context.update(layout_view.result_context(plan, data))
        context.update(headline_context(plan, job.wall_seconds))
        # a job the worker finished before it wrote the Word document has none to offer
        context["downloads"] = present_files(request, job, layout_downloads())
        context["data_note"] = notes_for(request, [job]).get(job.job_id)
    elif job.state == "failed":
        context["error_detail"] = job.message
    return render(request, "layout_job.html", principal=principal, selected=selected,
                  active="layout", title=f"布局规划 · {job.scenario}", **context)


@router.get("/plans/layout/jobs/{job_id}/progress")
def job_progress(request: Request, job: Job, principal: CountyReader) -> Response:
    return job_progress_box(request, job, principal)


@router.get("/plans/layout/jobs/{job_id}/files/{name}")
def layout_file(request: Request, job: Job, name: str, principal: CountyReader) -> Response:
    return job_file(request, job, name, layout_downloads().get(name), principal)
