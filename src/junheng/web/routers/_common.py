"""Helpers every router uses: rendering with the page context, engine calls, client address."""

from __future__ import annotations

import secrets
from collections.abc import Callable
from typing import Any, TypeVar

from fastapi import Request
from fastapi.responses import HTMLResponse, Response
from markupsafe import Markup

from junheng.errors import JunhengError
from junheng.web.app import csrf_token
from junheng.web.deps import CountyYear, Principal, web_state

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
