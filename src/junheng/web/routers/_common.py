"""Helpers every router uses: rendering with the page context, engine calls, client address."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

from fastapi import Request
from fastapi.responses import Response

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


def client_of(request: Request) -> str:
    return request.client.host if request.client else ""


def try_engine(compute: Callable[[], T]) -> tuple[T | None, str]:
    """(result, "") or (None, the Chinese reason the engine cannot answer)."""
    try:
        return compute(), ""
    except (EngineUnavailable, JunhengError) as exc:
        return None, str(exc)
