"""教师配置: staffing, training shortfalls and the 交流轮岗 plan (county admins and
inspectors); a school's own lists (school users see only theirs)."""

from __future__ import annotations

import io
import secrets
import tempfile
from collections import OrderedDict
from dataclasses import replace
from pathlib import Path
from typing import Annotated

from fastapi import APIRouter, File, HTTPException, Request, UploadFile
from fastapi.responses import RedirectResponse, Response
from starlette.concurrency import run_in_threadpool

from junheng.errors import JunhengError, ValidationError
from junheng.jobs.teachers import short_units
from junheng.store.accounts import record_audit
from junheng.web.deliverables_view import content_disposition
from junheng.web.deps import (
    Admin,
    Counties,
    CountyReader,
    SchoolInScope,
    Selected,
    Viewer,
    web_state,
)
from junheng.web.rotation_view import CALCULATING, KIND, inputs_key, shown_rotation
from junheng.web.routers._common import client_of, job_progress_box, render, scoped_job
from junheng.web.teachers_view import (
    LIST_ROWS,
    TRAINING_SCOPE,
    for_school,
    page_lists,
    teacher_pages,
    training_sheet,
)

router = APIRouter(tags=["teachers"])
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
DOWNLOADS = {"staffing": "编制测算.xlsx", "rotation": "交流轮岗名单.xlsx",
             "training": "培训学时不足名单.xlsx"}


async def _pages(counties, selected):
    return await counties.result_async("teacher_pages", selected.county_code,
                                       selected.school_year, teacher_pages, stamp=selected.stamp)


async def _with_rotation(request: Request, principal, selected, pages, *, again: bool = False):
    """``pages`` with the stored 交流轮岗 plan of the data's key, and what the pages show of
    it (:func:`~junheng.web.rotation_view.shown_rotation`: a job starts when none is stored)."""
    state = web_state(request)
    key = await state.counties.result_async("rotation_inputs", selected.county_code,
                                            selected.school_year, inputs_key,
                                            stamp=selected.stamp)
    shown = await run_in_threadpool(shown_rotation, state, selected, key,
                                    username=principal.username, again=again)
    error = shown.error or ("" if shown.doc is not None else CALCULATING)
    return replace(pages, rotation=shown.doc, rotation_error=error), shown


@router.get("/teachers")
async def teachers(request: Request, principal: CountyReader, selected: Selected,
                   counties: Counties, school: str = "") -> Response:
    """The county's teachers: the summary, and the first rows of each list or one school's
    (``?school=``; review rw 8: every row of four lists made an 80,952 px page)."""
    pages, error, short, lists = None, "", None, None
    if selected.stored:
        try:
            pages = await _pages(counties, selected)
        except JunhengError as exc:
            error = str(exc)
    if pages is not None:
        if school and not any(s["school_id"] == school for s in pages.schools):
            raise HTTPException(404, f"{selected.school_year} 学年没有学校标识码为 {school} 的中小学。")
        closed, plan = await run_in_threadpool(_layout_closures, request, selected)
        short = short_units(pages.schools, closed, plan)
        pages, shown = await _with_rotation(request, principal, selected, pages)
        lists = page_lists(pages, school)
    return render(request, "teachers.html", principal=principal, selected=selected,
                  active="teachers", title="教师配置", pages=pages, error=error, short=short,
                  training_scope=TRAINING_SCOPE, lists=lists, school=school,
                  list_rows=LIST_ROWS, rot=shown if pages is not None else None)


@router.post("/teachers/rotation")
async def rotation_again(request: Request, principal: Admin, selected: Selected,
                         counties: Counties) -> Response:
    """「重新计算」: a new job of the same key; the page shows the stored plan until it is done."""
    if not selected.stored:
        raise HTTPException(404, f"县区 {selected.county_code} 尚未导入数据。")
    pages = await _pages(counties, selected)
    _, shown = await _with_rotation(request, principal, selected, pages, again=True)
    with web_state(request).sessions() as session:
        record_audit(session, username=principal.username, action="plan_rotation",
                     entity="rotation_job", entity_key=shown.running.job_id,
                     county_code=selected.county_code, school_year=selected.school_year,
                     client=client_of(request))
        session.commit()
    return RedirectResponse("/teachers", status_code=303)


@router.get("/plans/rotation/jobs/{job_id}/progress")
def rotation_progress(request: Request, job_id: str, principal: Viewer) -> Response:
    """The progress box the teacher pages poll while the plan is computed."""
    job = scoped_job(request, principal, job_id, KIND, "交流轮岗计算任务", "交流轮岗方案")
    return job_progress_box(request, job, principal)


def _layout_closures(request: Request, selected) -> tuple[frozenset[str], str]:
    """The schools and 教学点 the county-year's newest layout plan closes, and its name."""
    from junheng.planning.layout_json import PLAN_FILE, read_layout_json
    from junheng.planning.layout_naming import layout_name
    from junheng.web.routers.plans import newest_layout_document

    newest = newest_layout_document(request, selected)
    if newest is None or not (newest[1] / PLAN_FILE).is_file():
        return frozenset(), ""
    plan = read_layout_json(newest[1] / PLAN_FILE)
    return frozenset(s.school_id for s in plan.schools if s.action == "close"), layout_name(plan)


@router.get("/teachers/{name}.xlsx")
async def download(request: Request, name: str, principal: CountyReader, selected: Selected,
                   counties: Counties) -> Response:
    from junheng.jobs.teachers import rotation_sheets, staffing_sheets, xlsx_bytes
    from junheng.teachers.staffing import staffing_report

    if name == "selection-template":
        from junheng.io.selection_io import write_template

        buffer = io.BytesIO()
        write_template(buffer)
        return _xlsx(buffer.getvalue(), "县管校聘填报模板.xlsx", selected)
    if name not in DOWNLOADS or not selected.stored:
        raise HTTPException(404, "没有这个文件。")
    if name == "training":
        body = xlsx_bytes(training_sheet(await _pages(counties, selected)))
    elif name == "staffing":
        report = await counties.result_async("staffing_report", selected.county_code,
                                             selected.school_year, staffing_report,
                                             stamp=selected.stamp)
        body = xlsx_bytes(staffing_sheets(report))
    else:
        pages, _ = await _with_rotation(request, principal, selected,
                                        await _pages(counties, selected))
        if pages.rotation is None:
            raise HTTPException(404, pages.rotation_error)
        body = xlsx_bytes(rotation_sheets(pages.rotation))
    return _xlsx(body, DOWNLOADS[name], selected)


def saved_name(name: str, selected) -> str:
    """The name a download is saved under: the county and school year before it, as every
    other download (review rw 13: 编制测算.xlsx of two years could not be told apart),
    「洛北县2025学年编制测算.xlsx」; the bare name without a stored county-year."""
    if selected is None or selected.info is None:
        return name
    return f"{selected.info.county_name}{selected.school_year}学年{name}"


def _xlsx(body: bytes, name: str, selected) -> Response:
    return Response(body, media_type=XLSX, headers={
        "Content-Disposition": content_disposition(saved_name(name, selected))})


@router.get("/schools/{school_id}/teachers")
async def school_teachers(request: Request, school: SchoolInScope, principal: Viewer,
                          selected: Selected, counties: Counties) -> Response:
    pages, shown = await _with_rotation(request, principal, selected,
                                        await _pages(counties, selected))
    return render(request, "school_teachers.html", principal=principal, selected=selected,
                  active="school_teachers", title=f"{school['name']} · 教师",
                  school_row=school, rotation=pages.rotation,
                  rotation_error=pages.rotation_error, rot=shown,
                  **for_school(pages, school["school_id"]))


MAX_SELECTION_BYTES = 10 * 1024 * 1024
_RESULTS: OrderedDict[str, tuple[str, dict]] = OrderedDict()   # token -> (user, result doc)
_KEEP = 20


@router.get("/teachers/selection")
def selection_form(request: Request, principal: Admin, selected: Selected) -> Response:
    return render(request, "teacher_selection.html", principal=principal, selected=selected,
                  active="teachers", title="县管校聘双向选择")


@router.post("/teachers/selection")
def selection_run(request: Request, principal: Admin, selected: Selected, counties: Counties,
                  file: Annotated[UploadFile, File()]) -> Response:
    from junheng.jobs.teachers import selection_json
    from junheng.teachers.selection import select

    context: dict = {}
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "selection.xlsx"
        _save(file, path)
        try:
            inst = _selection_instance(path, counties, selected)
            result = select(inst)
        except ValidationError as exc:
            context["problems"] = exc.problems
        except JunhengError as exc:
            context["error"] = str(exc)
    if not context:
        doc = selection_json(inst, result)
        token = secrets.token_urlsafe(16)
        _RESULTS[token] = (principal.username, doc)
        while len(_RESULTS) > _KEEP:
            _RESULTS.popitem(last=False)
        context = {"doc": doc, "token": token, "stages": _stage_counts(result)}
    return render(request, "teacher_selection.html", principal=principal, selected=selected,
                  active="teachers", title="县管校聘双向选择",
                  status_code=422 if "doc" not in context else 200, **context)


@router.get("/teachers/selection/{token}.xlsx")
def selection_download(token: str, principal: Admin, selected: Selected) -> Response:
    from junheng.jobs.teachers import selection_sheets, xlsx_bytes

    held = _RESULTS.get(token)
    if held is None or held[0] != principal.username:
        raise HTTPException(404, "结果已失效：请重新上传。")
    return _xlsx(xlsx_bytes(selection_sheets(held[1])), "双向选择结果.xlsx", selected)


def _save(upload: UploadFile, path: Path) -> None:
    size = 0
    with path.open("wb") as out:
        while chunk := upload.file.read(1 << 20):
            size += len(chunk)
            if size > MAX_SELECTION_BYTES:
                raise HTTPException(413, "文件超过 10 MB：请检查是否选错了文件。")
            out.write(chunk)


def _selection_instance(path: Path, counties, selected):
    from junheng.io.selection_io import has_posts, read_selection
    from junheng.teachers.rules import load_rules
    from junheng.teachers.selection_posts import posts_from_staffing

    if has_posts(path) or not selected.stored:
        return read_selection(path)
    from junheng.io.selection_io import read_choices

    pool = read_choices(path)
    data = counties.load(selected.county_code, selected.school_year, selected.stamp)
    return read_selection(path, posts=posts_from_staffing(data, pool, load_rules()))


def _stage_counts(result) -> list[tuple[str, int]]:
    from junheng.teachers.selection import STAGE_LABELS

    return [(STAGE_LABELS[k], n) for k, n in result.stage_counts().items()]
