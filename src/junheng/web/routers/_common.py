"""Helpers every router uses: rendering with the page context, engine calls, client address."""

from __future__ import annotations

import secrets
from collections.abc import Callable, Mapping
from typing import Any, TypeVar

from fastapi import HTTPException, Request
from fastapi.responses import FileResponse, HTMLResponse, Response
from markupsafe import Markup

from junheng.errors import JunhengError
from junheng.web.app import csrf_token
from junheng.web.deliverables_view import content_disposition
from junheng.web.deps import CountyYear, Principal, web_state
from junheng.web.worker import JobStatus

T = TypeVar("T")


def render(request: Request, template: str, *, principal: Principal | None,
           selected: CountyYear | None = None, active: str = "", status_code: int = 200,
           **context: Any) -> Response:
    """Render ``template`` with the user, the county-year and the active nav item."""
    return web_state(request).templates.TemplateResponse(
        request, template,
        {"principal": principal, "selected": selected, "active": active, **context},
        status_code=status_code)


async def cached_page(request: Request, template: str, key: tuple,
                      build: Callable[[], dict], *, principal: Principal,
                      selected: CountyYear, active: str = "", title: str = "") -> Response:
    """Render ``template`` once per ``key`` and reuse it, in two layers.

    For the busiest pages (概览, a school), every request has already passed the login,
    scope and object checks of its dependencies when this runs.

    1. The content block depends only on the county-year's data stamp and what ``key`` names,
       never on the user's session (no forms, no CSRF token), so it is shared by every user
       who may see that county-year (``key`` names the role where the content differs).
    2. The whole page (layout, navigation, county picker, user name) is kept per user: its
       key holds the :class:`Principal` (user id, role, scope) and the :class:`CountyYear`
       (with its stamp), so it is never served to another user, and an import or an
       approval changes the stamp. The session's CSRF token is put in on every request
       (the cached text holds a per-process placeholder), so each session gets its own.

    ``build`` is called only on a miss of the content block. A hit answers on the event
    loop; a miss renders in the thread pool (``build`` may compute engine results).
    """
    state = web_state(request)
    token = csrf_token(request)
    page_key = ("page", template, request.url.path, principal, selected, active, title, *key)

    def content() -> Markup:
        context = {"request": request, "principal": principal, "selected": selected,
                   "active": active, **build()}
        page = state.templates.get_template(template)
        return Markup("".join(page.blocks["content"](page.new_context(context))))

    def whole_page() -> str:
        html = state.counties.pages.get(("content", template, selected.county_code,
                                         selected.school_year, selected.stamp, *key), content)
        layout = state.templates.get_template("_cached_page.html")
        return layout.render({"request": request, "principal": principal,
                              "selected": selected, "active": active, "title": title,
                              "content_html": html, "csrf_token": _csrf_placeholder})

    html = await state.counties.page(page_key, whole_page)
    return HTMLResponse(html.replace(_CSRF_SLOT, token))


# Unguessable, so no data shown on a page can contain it; replaced by the session's token.
_CSRF_SLOT = f"csrf-slot-{secrets.token_hex(16)}"


def _csrf_placeholder(_request: Request) -> str:
    return _CSRF_SLOT


def client_of(request: Request) -> str:
    return request.client.host if request.client else ""


def try_engine(compute: Callable[[], T]) -> tuple[T | None, str]:
    """(result, "") or (None, the Chinese reason the engine cannot answer for this data)."""
    try:
        return compute(), ""
    except JunhengError as exc:
        return None, str(exc)


# --- background plan jobs (布局规划, 达标路径, 就近划片) -----------------------------------


def scoped_job(request: Request, principal: Principal, job_id: str, kind: str, task: str,
               subject: str) -> JobStatus:
    """The job ``job_id`` of ``kind`` if the user reaches its county: 404 unknown (没有编号为 …
    的 ``task``), 403 outside scope (您没有查看该县区 ``subject`` 的权限)."""
    status = web_state(request).jobs.status(job_id)
    if status is None or status.kind != kind:
        raise HTTPException(404, f"没有编号为 {job_id} 的{task}。")
    if not principal.reaches(status.county_code):
        raise HTTPException(403, f"您没有查看该县区{subject}的权限。")
    return status


def job_progress_box(request: Request, job: JobStatus, principal: Principal) -> Response:
    """The progress box a job page polls; once the job finishes, the poll reloads the page to
    show the result (or the failure) in full."""
    response = render(request, "_job_progress.html", principal=principal, job=job)
    if job.finished and request.headers.get("hx-request"):
        response.headers["HX-Refresh"] = "true"
    return response


def present_files(request: Request, job: JobStatus, downloads: Mapping[str, tuple]
                  ) -> dict[str, tuple]:
    """The ``downloads`` whose file is in the job's folder (a job that did not write one,
    such as a 达标路径 without the county workbook after it, offers no link to a 404)."""
    folder = web_state(request).jobs.job_dir(job.job_id)
    return {name: d for name, d in downloads.items() if (folder / name).is_file()}


def job_file(request: Request, job: JobStatus, name: str, download: tuple | None,
             principal: Principal, not_ready: str = "方案尚未完成，文件还不存在。") -> Response:
    """A file of the job's folder offered for download; ``download`` is (label, media type,
    saved name) or None (not offered). The browser saves it as the county's name and the
    saved name, e.g. 洛北县布局调整方案工作簿.xlsx (RFC 5987, as the evaluation downloads)."""
    if download is None:
        raise HTTPException(404, f"没有名为 {name} 的方案文件。")
    path = web_state(request).jobs.job_dir(job.job_id) / name
    if not path.exists():
        raise HTTPException(404, not_ready)
    county = next((cy.county_name for cy in principal.county_years
                   if cy.county_code == job.county_code and cy.county_name), job.county_code)
    return FileResponse(path, media_type=download[1], headers={
        "Content-Disposition": content_disposition(f"{county}{download[2]}")})
