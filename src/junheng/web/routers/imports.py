"""数据导入: upload a county workbook, see every located problem, confirm, import atomically."""

from __future__ import annotations

import hashlib
import secrets
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Annotated

from fastapi import APIRouter, File, Form, HTTPException, Request, UploadFile
from fastapi.responses import RedirectResponse, Response

from junheng.errors import AccessDenied, JunhengError, ValidationError
from junheng.io.template import FORMAT_WORDS
from junheng.model.county import CountyData
from junheng.store.accounts import record_audit
from junheng.web.deps import Admin, Selected, web_state
from junheng.web.routers._common import client_of, render

router = APIRouter(tags=["import"])

MAX_UPLOAD_BYTES = 50 * 1024 * 1024
PENDING_SECONDS = 3600


@dataclass(frozen=True)
class PendingImport:
    """A checked upload waiting for the user's confirmation."""

    username: str
    path: Path
    filename: str
    file_hash: str
    data: CountyData
    created: float


def _page(request: Request, principal, selected, status: int = 200, **context) -> Response:
    store = web_state(request).store
    log = [r for r in store.import_log() if r.county_code in principal.counties][-20:][::-1]
    return render(request, "import.html", principal=principal, selected=selected,
                  active="import", title="数据导入", log=log, status_code=status,
                  format_words=FORMAT_WORDS, **context)


@router.get("/import")
def import_form(request: Request, principal: Admin, selected: Selected) -> Response:
    return _page(request, principal, selected)


def _save_upload(upload: UploadFile, folder: Path) -> tuple[Path, str]:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{secrets.token_hex(16)}.xlsx"
    digest = hashlib.sha256()
    size = 0
    with path.open("wb") as out:
        while chunk := upload.file.read(1 << 20):
            size += len(chunk)
            if size > MAX_UPLOAD_BYTES:
                out.close()
                path.unlink(missing_ok=True)
                raise HTTPException(413, f"文件超过 {MAX_UPLOAD_BYTES // 1024 // 1024} MB："
                                         "县域工作簿通常只有几 MB，请检查是否选错了文件。")
            digest.update(chunk)
            out.write(chunk)
    return path, digest.hexdigest()


@router.post("/import")
def upload(request: Request, principal: Admin, selected: Selected,
           file: Annotated[UploadFile, File()]) -> Response:
    from junheng.io import summarize_county

    state = web_state(request)
    _drop_stale(state.uploads)
    filename = Path(file.filename or "workbook.xlsx").name
    path, file_hash = _save_upload(file, state.data_dir / "uploads")
    try:  # in a child process: no file can take the server down (junheng.io.isolated)
        reading = state.workbook_reader.inspect(path)
    except JunhengError as exc:  # the message names the stored file: show the user's name
        path.unlink(missing_ok=True)
        return _page(request, principal, selected, status=422, filename=filename,
                     fatal=str(exc).replace(path.name, filename))
    if reading.problems or reading.data is None:
        path.unlink(missing_ok=True)
        return _page(request, principal, selected, status=422, filename=filename,
                     problems=reading.problems, notices=reading.notices)
    data = reading.data
    try:  # the store decides: the county's holder and the user's scope (store.authority)
        state.store.check_import(data, importer=principal.importer)
    except AccessDenied as exc:
        path.unlink(missing_ok=True)
        raise HTTPException(403, str(exc)) from None
    except JunhengError as exc:
        path.unlink(missing_ok=True)
        return _page(request, principal, selected, status=409, filename=filename,
                     fatal=str(exc))
    token = secrets.token_urlsafe(16)
    state.uploads[token] = PendingImport(principal.username, path, filename, file_hash, data,
                                         time.monotonic())
    held = data.school_year in state.store.years(data.county_code)
    return _page(request, principal, selected, filename=filename, token=token,
                 summary=summarize_county(data), notices=reading.notices, held=held)


@router.post("/import/confirm")
def confirm(request: Request, principal: Admin, selected: Selected,
            token: Annotated[str, Form()], replace: Annotated[bool, Form()] = False
            ) -> Response:
    state = web_state(request)
    pending = state.uploads.get(token)
    if pending is None or pending.username != principal.username:
        raise HTTPException(404, "待确认的导入已失效：请重新上传工作簿。")
    data = pending.data
    before = _previous(state.store, data)
    try:
        record = state.store.import_county(data, replace=replace, source=pending.filename,
                                           file_hash=pending.file_hash,
                                           user=principal.username,
                                           importer=principal.importer)
    except AccessDenied as exc:
        raise HTTPException(403, str(exc)) from None
    except ValidationError as exc:
        return _page(request, principal, selected, status=422, filename=pending.filename,
                     problems=exc.problems)
    except JunhengError as exc:
        return _page(request, principal, selected, status=409, filename=pending.filename,
                     token=token, fatal=str(exc), held=True)
    state.uploads.pop(token, None)
    pending.path.unlink(missing_ok=True)
    with state.sessions() as session:
        record_audit(session, username=principal.username, action="import",
                     entity="county_year", entity_key=f"{data.county_code}:{data.school_year}",
                     county_code=data.county_code, school_year=data.school_year,
                     before=before,
                     after={"source": pending.filename, "file_hash": pending.file_hash,
                            "replaced": replace, "rows": dict(record.row_counts)},
                     client=client_of(request))
        session.commit()
    return RedirectResponse(f"/?county={data.county_code}&year={data.school_year}&imported=1",
                            status_code=303)


def _previous(store, data: CountyData) -> dict | None:
    log = store.import_log(county_code=data.county_code, school_year=data.school_year)
    if not log:
        return None
    last = log[-1]
    return {"source": last.source, "file_hash": last.file_hash, "rows": dict(last.row_counts)}


def _drop_stale(uploads: dict) -> None:
    now = time.monotonic()
    for token, pending in list(uploads.items()):
        if now - pending.created > PENDING_SECONDS:
            uploads.pop(token, None)
            pending.path.unlink(missing_ok=True)
