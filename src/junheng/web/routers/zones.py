"""就近划片: the county admin chooses the data year, stage, weights, cap on pupils moved and
hard capacity; the zones are solved in the worker process; the result page shows the map,
the per-school before/after table and the downloads, and an admin may adopt the plan as the
one in force (设为生效方案). Inspectors and city users read only."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends, HTTPException, Request
from fastapi.responses import RedirectResponse, Response
from starlette.concurrency import run_in_threadpool
from starlette.datastructures import UploadFile

from junheng.errors import ConfigError
from junheng.store.accounts import record_audit
from junheng.store.zone_plans import STATUS_LABELS, adopt_zone_plan, by_job, list_zone_plans
from junheng.web import zones_view
from junheng.web.deps import Admin, CountyReader, Selected, web_state
from junheng.web.routers._common import (
    client_of,
    job_file,
    job_progress_box,
    present_files,
    render,
    scoped_job,
)
from junheng.web.worker import JobStatus

router = APIRouter(tags=["zones"])
KIND = "zones"


async def require_county_admin(principal: Admin) -> Any:
    """The county's own admin: city users read the counties' zone plans but do not run or
    adopt them."""
    if principal.city_name:
        raise HTTPException(403, "市级账号只能查看各县区的划片方案：计算和设定生效方案由县区管理员进行。")
    return principal


CountyAdmin = Annotated[Any, Depends(require_county_admin)]


def _page(request: Request, *, principal, selected, values: dict[str, str], error: str = "",
          status: int = 200) -> Response:
    state = web_state(request)
    plans = []
    if selected.county_code:
        with state.sessions() as session:
            plans = list_zone_plans(session, selected.county_code)
    return render(request, "zones.html", principal=principal, selected=selected,
                  active=KIND, title="就近划片", values=values, error=error, plans=plans,
                  stages=zones_view.STAGES, status_labels=STATUS_LABELS, fields=zones_view.NUMBERS,
                  jobs=[j for j in state.jobs.list(selected.county_code, kind=KIND)
                        if j.state != "done"] if selected.county_code else [],
                  status_code=status)


@router.get("/plans/zones")
def zones_form(request: Request, principal: CountyReader, selected: Selected) -> Response:
    return _page(request, principal=principal, selected=selected,
                 values=zones_view.default_values(selected.school_year))


@router.post("/plans/zones")
async def run_zones(request: Request, principal: CountyAdmin, selected: Selected) -> Response:
    form = await request.form()
    keys = ("year", "stage", "hard_capacity", "cross_town", "places_year", *zones_view.NUMBERS)
    values = {k: str(form.get(k, "")) for k in keys}
    for key in zones_view.PAIRS:  # typed rows, then the rows of an uploaded CSV
        upload = form.get(f"{key}_file")
        text = await upload.read() if isinstance(upload, UploadFile) else b""
        values[key] = "\n".join(t for t in (str(form.get(key, "")),
                                             text.decode("utf-8-sig", "replace")) if t.strip())
    # starting the worker process and writing the audit row block: the threadpool runs them
    return await run_in_threadpool(_submit, request, principal, selected, values)


def _submit(request: Request, principal, selected, values: dict[str, str]) -> Response:
    if not selected.stored:
        raise HTTPException(404, f"县区 {selected.county_code} 尚未导入数据。")
    try:
        options = zones_view.options_from_form(values, tuple(selected.years))
    except ConfigError as exc:
        return _page(request, principal=principal, selected=selected, values=values,
                     error=str(exc), status=422)
    state = web_state(request)
    job_id = state.jobs.submit(county_code=selected.county_code, school_year=options["year"],
                               config=options, username=principal.username, kind=KIND)
    with state.sessions() as session:
        record_audit(session, username=principal.username, action="plan_zones",
                     entity="zones_job", entity_key=job_id, county_code=selected.county_code,
                     school_year=options["year"], after=zones_view.public_options(options),
                     client=client_of(request))
        session.commit()
    return RedirectResponse(f"/plans/zones/jobs/{job_id}", status_code=303)


def job_in_scope(job_id: str, request: Request, principal: CountyReader) -> JobStatus:
    return scoped_job(request, principal, job_id, KIND, "划片任务", "划片方案")


Job = Annotated[JobStatus, Depends(job_in_scope)]



@router.get("/plans/zones/jobs/{job_id}")
def job_page(request: Request, job: Job, principal: CountyReader, selected: Selected
             ) -> Response:
    context: dict[str, Any] = {"job": job, "zone_plan": None}
    if job.state == "done":
        with web_state(request).sessions() as session:
            row = by_job(session, job.job_id)
            if row is not None:
                context.update(zones_view.result_context(row))
                context["downloads"] = present_files(request, job, zones_view.DOWNLOADS)
    elif job.state == "failed":
        context["error_detail"] = job.message
    return render(request, "zones_job.html", principal=principal, selected=selected,
                  active=KIND, title=f"就近划片 · {job.scenario}", **context)


@router.get("/plans/zones/jobs/{job_id}/progress")
def job_progress(request: Request, job: Job, principal: CountyReader) -> Response:
    return job_progress_box(request, job, principal)


@router.get("/plans/zones/jobs/{job_id}/files/{name}")
def zone_file(request: Request, job: Job, name: str, principal: CountyReader) -> Response:
    return job_file(request, job, name, zones_view.DOWNLOADS.get(name), principal)


@router.post("/plans/zones/jobs/{job_id}/move")
async def move(request: Request, job: Job, principal: CountyAdmin, selected: Selected
               ) -> Response:
    """人工调整: one village to another school on the result; stored as a new draft."""
    form = await request.form()
    village, school = (str(form.get(k, "")).strip() for k in ("village", "school"))
    return await run_in_threadpool(_move, request, job, principal, selected, village, school)


def _move(request: Request, job: JobStatus, principal, selected, village: str,
          school: str) -> Response:
    state = web_state(request)
    with state.sessions() as session:
        row = by_job(session, job.job_id)
        if row is None:
            raise HTTPException(409, "方案尚未完成，不能调整。")
        session.expunge(row)
    try:
        new_job = zones_view.move_plan(state, row, job, village, school, principal.username)
    except ConfigError as exc:
        return render(request, "zones_job.html", principal=principal, selected=selected,
                      active=KIND, title=f"就近划片 · {job.scenario}", job=job,
                      move_error=str(exc), moved={"village": village, "school": school},
                      **zones_view.result_context(row), status_code=422)
    return RedirectResponse(f"/plans/zones/jobs/{new_job}", status_code=303)


@router.post("/plans/zones/jobs/{job_id}/adopt")
def adopt(request: Request, job: Job, principal: CountyAdmin) -> Response:
    """设为生效方案: the plan goes in force; the one in force before is kept as superseded."""
    state = web_state(request)
    with state.sessions() as session:
        row = by_job(session, job.job_id)
        if row is None:
            raise HTTPException(409, "方案尚未完成，不能设为生效方案。")
        adopt_zone_plan(session, row.id, by=principal.username, client=client_of(request))
        session.commit()
    return RedirectResponse(f"/plans/zones/jobs/{job.job_id}", status_code=303)

