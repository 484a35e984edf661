"""达标路径: the county admin sets the target year and budget; the plan is solved in the worker
process with a progress bar; the result shows the 整改项目清单, the investment by year, the CVs
before and after and the downloads (Excel, Word, the county workbook after the plan)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Annotated, Any

from fastapi import APIRouter, Depends, HTTPException, Request
from fastapi.responses import RedirectResponse, Response
from starlette.concurrency import run_in_threadpool

from junheng.errors import ConfigError, messages_of
from junheng.store.accounts import record_audit
from junheng.web import compliance_view
from junheng.web.data_versions import notes_for, option_label
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

router = APIRouter(tags=["compliance"])
KIND = "compliance"


def _page(request: Request, *, principal, selected, values: dict[str, str],
          errors: Sequence[str] = (), status: int = 200) -> Response:
    jobs = (web_state(request).jobs.list(selected.county_code, kind=KIND)
            if selected.county_code else [])
    return render(request, "compliance.html", principal=principal, selected=selected,
                  active=KIND, title="达标路径", values=values, errors=errors, jobs=jobs,
                  layouts=layout_options(request, selected), data_notes=notes_for(request, jobs),
                  status_code=status)


def layout_options(request: Request, selected) -> list[tuple[str, str]]:
    """(job id, label) of the layout plans the form offers, newest first, each with its time
    and data version (review rvweb 5)."""
    from junheng.planning.layout_json import PLAN_FILE, read_layout_json
    from junheng.web.routers.plans import finished_layout_jobs

    found = finished_layout_jobs(request, selected)
    notes = notes_for(request, [job for job, _ in found])
    options = []
    for job, folder in found:
        plan = read_layout_json(folder / PLAN_FILE)
        options.append((job.job_id, option_label(plan.scenario or "未命名方案", plan.target_year,
                                                 job, notes.get(job.job_id))))
    return options


def finished_layouts(request: Request, selected) -> dict[str, Any]:
    """The county-year's finished layout plans by job id (newest first), which a 达标路径
    may follow."""
    from junheng.planning.layout_json import PLAN_FILE, read_layout_json
    from junheng.web.routers.plans import finished_layout_jobs

    return {job.job_id: read_layout_json(folder / PLAN_FILE)
            for job, folder in finished_layout_jobs(request, selected)}


@router.get("/plans/compliance")
def compliance_form(request: Request, principal: CountyReader, selected: Selected) -> Response:
    """The form, with the county's latest finished layout plan chosen (the 达标路径 a bureau
    makes follows its layout plan, as the demo's does)."""
    values = compliance_view.default_values(selected.school_year)
    values["layout_job"] = next(iter(layout_options(request, selected)), ("", ""))[0]
    return _page(request, principal=principal, selected=selected, values=values)


@router.post("/plans/compliance")
async def run_compliance(request: Request, principal: Admin, selected: Selected) -> Response:
    form = await request.form()
    values = {k: str(form.get(k, "")) for k in ("target_year", "budget", "time_limit",
                                                 "layout_job", "plan_date")}
    # starting the worker process and writing the audit row block: the threadpool runs them
    return await run_in_threadpool(_submit, request, principal, selected, values)


def _submit(request: Request, principal, selected, values: dict[str, str]) -> Response:
    if not selected.stored:
        raise HTTPException(404, f"县区 {selected.county_code} 尚未导入数据。")
    try:
        options = compliance_view.options_from_form(values, selected.school_year,
                                                    finished_layouts(request, selected))
    except ConfigError as exc:  # every refused field at once (review rw 15)
        return _page(request, principal=principal, selected=selected, values=values,
                     errors=messages_of(exc), status=422)
    state = web_state(request)
    job_id = state.jobs.submit(county_code=selected.county_code,
                               school_year=selected.school_year, config=options,
                               username=principal.username, kind=KIND)
    with state.sessions() as session:
        record_audit(session, username=principal.username, action="plan_compliance",
                     entity="compliance_job", entity_key=job_id,
                     county_code=selected.county_code, school_year=selected.school_year,
                     after=options, client=client_of(request))
        session.commit()
    return RedirectResponse(f"/plans/compliance/jobs/{job_id}", status_code=303)


def job_in_scope(job_id: str, request: Request, principal: CountyReader) -> JobStatus:
    """The compliance job if the user reaches its county: 404 unknown, 403 outside scope."""
    return scoped_job(request, principal, job_id, KIND, "达标路径任务", "达标路径")


Job = Annotated[JobStatus, Depends(job_in_scope)]


@router.get("/plans/compliance/jobs/{job_id}")
def job_page(request: Request, job: Job, principal: CountyReader, selected: Selected
             ) -> Response:
    context: dict[str, Any] = {"job": job, "doc": None}
    path = web_state(request).jobs.job_dir(job.job_id) / compliance_view.PLAN_FILE
    if job.state == "done" and path.exists():
        context.update(compliance_view.result_context(compliance_view.read_plan(path)))
        context["downloads"] = present_files(request, job, compliance_view.DOWNLOADS)
        context["data_note"] = notes_for(request, [job]).get(job.job_id)
    elif job.state == "failed":
        context["error_detail"] = job.message
    return render(request, "compliance_job.html", principal=principal, selected=selected,
                  active=KIND, title=f"达标路径 · {job.scenario}", **context)


@router.get("/plans/compliance/jobs/{job_id}/progress")
def job_progress(request: Request, job: Job, principal: CountyReader) -> Response:
    return job_progress_box(request, job, principal)


@router.get("/plans/compliance/jobs/{job_id}/files/{name}")
def compliance_file(request: Request, job: Job, name: str, principal: CountyReader) -> Response:
    return job_file(request, job, name, compliance_view.DOWNLOADS.get(name), principal,
                    "方案尚未完成，或没有可下载的该文件。")
