"""Helpers every router uses: rendering with the page context, engine calls, client address."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

from fastapi import Request
from fastapi.responses import Response
from markupsafe import Markup

from junheng.errors import JunhengError
from junheng.web.deps import CountyYear, Principal, web_state
from junheng.web.engines import EngineUnavailable

T = TypeVar("T")


def render(request: Request, template: str, *, principal: Principal | None,
           selected: CountyYear | None = None, active: str = "", status_code: int = 200,
           **context: Any) -> Response:
    """Render ``template`` with the user, the county-year and the active nav item."""
    return web_state(request).templates.TemplateResponse(
        request, template,
        {"principal": principal, "selected": selected, "active": active, **context},
        status_code=status_code)


def cached_page(request: Request, template: str, key: tuple, build: Callable[[], dict], *,
                principal: Principal, selected: CountyYear, active: str = "",
                title: str = "") -> Response:
    """Render ``template``'s content block once per ``key`` and reuse it.

    For the busiest pages (概览, a school): the content depends only on the county-year's data
    stamp and what ``key`` names, never on the user's session (no forms, no CSRF token), so
    the cached HTML is wrapped in the per-user layout on every request. ``build`` is called
    only on a miss.
    """
    state = web_state(request)

    def make() -> Markup:
        context = {"request": request, "principal": principal, "selected": selected,
                   "active": active, **build()}
        page = state.templates.get_template(template)
        return Markup("".join(page.blocks["content"](page.new_context(context))))

    html = state.counties.cache.get(("page", template, selected.county_code,
                                     selected.school_year, selected.stamp, *key), make)
    return render(request, "_cached_page.html", principal=principal, selected=selected,
                  active=active, title=title, content_html=html)


def client_of(request: Request) -> str:
    return request.client.host if request.client else ""


def try_engine(compute: Callable[[], T]) -> tuple[T | None, str]:
    """(result, "") or (None, the Chinese reason the engine cannot answer)."""
    try:
        return compute(), ""
    except (EngineUnavailable, JunhengError) as exc:
        return None, str(exc)
