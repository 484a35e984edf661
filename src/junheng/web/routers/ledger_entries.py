"""规划台账 · 手工填报: the county admin enters a manual target's value with evidence files;
the county's users download the files.

Each entry is stored as a new version (:mod:`junheng.store.ledger_entries`), audited in the
same transaction; a refused form shows the ledger page with the Chinese reason and stores
nothing.
"""

from __future__ import annotations

from urllib.parse import quote

from fastapi import APIRouter, HTTPException, Request
from fastapi.responses import RedirectResponse, Response
from sqlalchemy.exc import DBAPIError, IntegrityError
from starlette.concurrency import run_in_threadpool
from starlette.datastructures import UploadFile

from junheng.store.engine import write_session
from junheng.store.ledger_entries import add_entry, get_file
from junheng.web.deps import Admin, CountyReader, Selected, web_state
from junheng.web.ledger_form import MAX_FILE_BYTES, EntryError, parse_entry
from junheng.web.routers._common import client_of, render
from junheng.web.routers.ledger import ledger_context

router = APIRouter(tags=["ledger"])


async def _uploads(raw) -> list[tuple[str, str, bytes]]:
    """The form's files; one byte beyond the limit is read so the check can say so."""
    files = []
    for item in raw.getlist("files"):
        if isinstance(item, UploadFile):
            data = await item.read(MAX_FILE_BYTES + 1)
            files.append((item.filename or "", item.content_type or "", data))
    return files


@router.get("/ledger/entries")
def entries_page(request: Request, principal: CountyReader) -> Response:
    """Where the entry form posts, opened by a link or a reload: the 台账 page of the same
    plan (review rw 15: a GET gave 405 不支持该操作)."""
    plan = request.query_params.get("plan", "")
    return RedirectResponse(f"/ledger?plan={quote(plan)}#entries" if plan else "/ledger",
                            status_code=303)


@router.post("/ledger/entries")
async def enter_value(request: Request, principal: Admin, selected: Selected) -> Response:
    raw = await request.form()
    fields = {k: v for k, v in raw.items() if isinstance(v, str)}
    uploads = await _uploads(raw)
    return await run_in_threadpool(_enter, request=request, principal=principal,
                                   selected=selected, fields=fields, uploads=uploads)


def _enter(*, request: Request, principal, selected, fields: dict[str, str],
           uploads: list) -> Response:
    plan = fields.get("plan", "")
    if not plan:
        raise HTTPException(400, "表单缺少规划：请从规划台账页重新填报。")
    context = ledger_context(request, selected, plan)
    if context["ledger"] is None:
        raise HTTPException(409, context["error"] or "本县区没有可用的台账：请先导入数据。")
    manual = {t.target.id: (t.target.name, isinstance(t.target.target, bool))
              for t in context["manual"]}
    try:
        form = parse_entry(fields, uploads, manual=manual, years=context["entry_years"])
    except EntryError as exc:
        return render(request, "ledger.html", principal=principal, selected=selected,
                      active="ledger", title="规划台账", status_code=422,
                      entry_error=str(exc), entry_form=fields, **context)
    try:
        _store(request, principal, selected, plan, form, context, manual)
    except (IntegrityError, DBAPIError):  # another entry of the same target got there first
        raise HTTPException(409, "同一目标正被他人同时填报，本次未保存：请刷新页面后重试。") from None
    return RedirectResponse(f"/ledger?plan={quote(plan)}&entered={quote(form.target_id)}#entries",
                            status_code=303)


def _store(request: Request, principal, selected, plan: str, form, context: dict,
           manual: dict) -> None:
    with write_session(web_state(request).sessions) as session:
        add_entry(session, county_code=selected.county_code, plan=plan,
                  target_id=form.target_id, school_year=form.school_year, value=form.value,
                  value_date=form.value_date, note=form.note, files=form.files,
                  by=principal.username, client=client_of(request),
                  plan_title=context["plan_titles"].get(plan, plan),
                  target_name=manual[form.target_id][0])
        session.commit()


@router.get("/ledger/files/{file_id}")
def download(request: Request, file_id: int, principal: CountyReader) -> Response:
    with web_state(request).sessions() as session:
        found = get_file(session, file_id)
        if found is None:
            raise HTTPException(404, f"没有第 {file_id} 号佐证材料。")
        row, county = found
        if not principal.reaches(county):
            raise HTTPException(403, "您没有查看该县区佐证材料的权限。")
        data, name, kind = row.data, row.filename, row.content_type
    disposition = f"attachment; filename=\"evidence\"; filename*=UTF-8''{quote(name)}"
    return Response(data, media_type=kind or "application/octet-stream",
                    headers={"Content-Disposition": disposition})
