"""Request bodies are bounded before they are read: an ASGI middleware in front of every route.

The attack run sent an anonymous 300 MB POST, which was spooled to disk while the form was
parsed for its CSRF token, before the 403. :class:`BodyLimit` decides from the request line,
the headers and the session cookie alone:

* a write (POST, PUT, PATCH, DELETE) without a live session (none in the cookie, or one
  ended by logout or a password change) is refused with 401 unless it is the login form,
  which may carry :data:`LOGIN_BYTES` at most;
* a declared ``Content-Length`` beyond the route's limit is refused with 413 at once;
* a body sent without a length is counted as it arrives and refused with 413 when it passes
  the limit (the route stops reading it).

Limits: the workbook upload :data:`UPLOAD_BYTES` (the file may be 50 MB, plus the form's
framing), every other write :data:`DEFAULT_BYTES`. It sits inside Starlette's session
middleware, which has decoded and verified the signed cookie by then, and checks the session
in the store the way every route does (FastAPI reads a route's form before its
dependencies run, so the check cannot wait for them).
"""

from __future__ import annotations

from collections.abc import Mapping

from markupsafe import escape
from starlette.exceptions import HTTPException

SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})
LOGIN_BYTES = 16 * 1024
DEFAULT_BYTES = 2 * 1024 * 1024
UPLOAD_BYTES = 51 * 1024 * 1024
ROUTE_BYTES = {"/import": UPLOAD_BYTES, "/ledger/entries": UPLOAD_BYTES}
ANONYMOUS_WRITES = frozenset({"/login"})

_PAGE = ('<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><title>{title}</title>'
         '</head><body><main><h1>{title}</h1><p>{message}</p><p><a href="/">返回首页</a></p>'
         "</main></body></html>")


def _megabytes(limit: int) -> str:
    return f"{limit / 1024 / 1024:g} MB" if limit >= 1024 * 1024 else f"{limit // 1024} KB"


def too_large_message(limit: int) -> str:
    return (f"提交的内容超过 {_megabytes(limit)} 的上限，未处理：县域工作簿通常只有几 MB，"
            "请检查是否选错了文件。")


class BodyLimit:
    """Refuse oversized and anonymous request bodies before reading them (plain ASGI)."""

    def __init__(self, app, *, routes: Mapping[str, int] = ROUTE_BYTES,
                 default: int = DEFAULT_BYTES, login: int = LOGIN_BYTES):
        self.app = app
        self.routes = dict(routes)
        self.default = default
        self.login = login

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http" or scope["method"] in SAFE_METHODS:
            return await self.app(scope, receive, send)
        path = scope["path"]
        anonymous = path in ANONYMOUS_WRITES or not await _logged_in(scope)
        if anonymous and path not in ANONYMOUS_WRITES:
            return await _refuse(send, 401, "请先登录",
                                 "未登录不能提交数据：请先登录后再操作。")
        limit = self.login if anonymous else self.routes.get(path, self.default)
        declared = _content_length(scope)
        if declared is not None and declared > limit:
            return await _refuse(send, 413, "提交的内容过大", too_large_message(limit))
        await self.app(scope, _counting(receive, limit), send)


async def _logged_in(scope) -> bool:
    """True for a live session: the route's own check, made now (its result is kept on the
    request, so the route does not read the database again)."""
    if "sid" not in (scope.get("session") or {}):
        return False
    from starlette.requests import Request

    from junheng.web.deps import LoginRequired, current_principal

    try:
        await current_principal(Request(scope))
    except LoginRequired:
        return False
    return True


def _content_length(scope) -> int | None:
    for name, value in scope.get("headers", ()):
        if name == b"content-length":
            try:
                return int(value)
            except ValueError:
                return None
    return None


def _counting(receive, limit: int):
    """``receive`` that raises 413 once more than ``limit`` body bytes have arrived."""
    seen = 0

    async def counted():
        nonlocal seen
        message = await receive()
        if message["type"] == "http.request":
            seen += len(message.get("body", b""))
            if seen > limit:
                raise HTTPException(413, too_large_message(limit))
        return message

    return counted


async def _refuse(send, status: int, title: str, message: str) -> None:
    body = _PAGE.format(title=escape(title), message=escape(message)).encode("utf-8")
    await send({"type": "http.response.start", "status": status,
                "headers": [(b"content-type", b"text/html; charset=utf-8"),
                            (b"content-length", str(len(body)).encode()),
                            (b"connection", b"close")]})
    await send({"type": "http.response.body", "body": body})


__all__ = ["BodyLimit", "DEFAULT_BYTES", "LOGIN_BYTES", "UPLOAD_BYTES", "too_large_message"]
