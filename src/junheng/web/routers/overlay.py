"""均衡评估 · 省级补充标准: the county's stored provincial overlay, its name and the thresholds
it changes; the county admin uploads a new one or clears it.

Every evaluation of the county (these pages, the downloads, the ledger, ``junheng evaluate``
from the store) takes the stored overlay (:mod:`junheng.store.overlays`); a change is audited
and moves the county's data stamp, so cached pages recompute. The forms post with htmx and
swap the panel; without JavaScript they post plainly and get the whole page back.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

from fastapi import APIRouter, File, HTTPException, Request, UploadFile
from fastapi.responses import Response

from junheng.errors import ConfigError
from junheng.evaluate import overlay_changes
from junheng.store import overlays
from junheng.store.engine import write_session
from junheng.web.deps import Admin, CountyReader, Selected, web_state
from junheng.web.routers._common import client_of, render

router = APIRouter(tags=["overlay"])

MAX_OVERLAY_BYTES = 256 * 1024  # an overlay is a few dozen lines of YAML


def _stored(request: Request, county_code: str) -> overlays.StoredOverlay | None:
    with web_state(request).sessions() as session:
        return overlays.county_overlay(session, county_code)


def _page(request: Request, principal, selected, *, status: int = 200, **context) -> Response:
    """The whole page, or (an htmx request) just the panel; htmx swaps only 2xx answers, so a
    refused upload is shown with 200 there and 422 to a plain form post."""
    stored = _stored(request, selected.county_code) if selected.stored else None
    changes = overlay_changes(stored.overlay) if stored is not None else []
    htmx = request.headers.get("HX-Request") == "true"
    return render(
        request,
        "_overlay_panel.html" if htmx else "overlay.html",
        principal=principal,
        selected=selected,
        active="evaluation",
        title="省级补充标准",
        stored=stored,
        changes=changes,
        status_code=200 if htmx else status,
        **context,
    )


def _stored_county(selected) -> str:
    if not selected.stored:
        raise HTTPException(
            409,
            f"县区 {selected.county_code} 尚无数据：请先导入县域数据工作簿，再设置省级补充标准。",
        )
    return selected.county_code


@router.get("/evaluation/overlay")
def overlay_page(request: Request, principal: CountyReader, selected: Selected) -> Response:
    return _page(request, principal, selected)


def _text(upload: UploadFile, name: str) -> str:
    raw = upload.file.read(MAX_OVERLAY_BYTES + 1)
    if len(raw) > MAX_OVERLAY_BYTES:
        raise ConfigError(
            f"覆盖文件 {name} 超过 {MAX_OVERLAY_BYTES // 1024} KB：覆盖文件通常只有"
            "几十行，请检查是否选错了文件。"
        )
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise ConfigError(
            f"覆盖文件 {name} 不是 UTF-8 编码的文本：请用 UTF-8 保存后重新上传。"
        ) from None


@router.post("/evaluation/overlay")
def upload_overlay(
    request: Request, principal: Admin, selected: Selected,
    overlay_file: Annotated[UploadFile, File()],
) -> Response:
    county = _stored_county(selected)
    name = Path(overlay_file.filename or "overlay.yaml").name
    try:
        text = _text(overlay_file, name)
        with write_session(web_state(request).sessions) as session:
            stored = overlays.set_overlay(
                session,
                county,
                text=text,
                file_name=name,
                by=principal.username,
                client=client_of(request),
            )
            session.commit()
    except ConfigError as exc:
        return _page(request, principal, selected, status=422, error=str(exc), filename=name)
    return _page(
        request,
        principal,
        selected,
        done=f"已保存省级补充标准“{stored.name}”，本县区的评估已按它的阈值重新计算。",
    )


@router.post("/evaluation/overlay/clear")
def clear_overlay(request: Request, principal: Admin, selected: Selected) -> Response:
    county = _stored_county(selected)
    with write_session(web_state(request).sessions) as session:
        gone = overlays.clear_overlay(
            session, county, by=principal.username, client=client_of(request)
        )
        session.commit()
    done = (
        "本县区未设省级补充标准，无需清除。"
        if gone is None
        else f"已清除省级补充标准“{gone.name}”，本县区今后按国家标准评估。"
    )
    return _page(request, principal, selected, done=done)
