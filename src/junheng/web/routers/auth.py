"""Log in (rate-limited per account and client address, see LoginThrottle) and log out:
a login stores a server-side session (junheng.store.sessions), logout ends it."""

from __future__ import annotations

from typing import Annotated
from urllib.parse import urlparse

from fastapi import APIRouter, Form, Request
from fastapi.responses import RedirectResponse, Response

from junheng.store.accounts import get_user, record_audit
from junheng.store.sessions import end_session, start_session
from junheng.web.deps import Viewer, web_state
from junheng.web.security import new_csrf_token, verify_password

router = APIRouter(tags=["auth"])


def client_of(request: Request) -> str:
    return request.client.host if request.client else ""


def _safe_next(target: str | None) -> str:
    """Only same-site paths: never redirect a user to another host after login."""
    if not target:
        return "/"
    parsed = urlparse(target)
    if parsed.scheme or parsed.netloc or not target.startswith("/") or target.startswith("//"):
        return "/"
    return target


def _login_page(request: Request, *, error: str = "", username: str = "", status: int = 200,
                next_url: str = "/") -> Response:
    return web_state(request).templates.TemplateResponse(
        request, "login.html", {"error": error, "username": username, "next": next_url},
        status_code=status)


@router.get("/login")
def login_form(request: Request, next: str = "/") -> Response:
    return _login_page(request, next_url=_safe_next(next))


@router.post("/login")
def login(request: Request, username: Annotated[str, Form()],
          password: Annotated[str, Form()], next: Annotated[str, Form()] = "/") -> Response:
    state = web_state(request)
    client = client_of(request)
    wait = state.throttle.attempt(username, client)  # counted before the slow hash runs
    if wait > 0:
        minutes = max(1, round(wait / 60))
        return _login_page(request, username=username, status=429, next_url=_safe_next(next),
                           error=f"登录失败次数过多，请 {minutes} 分钟后再试。")
    with state.sessions() as session:
        user = get_user(session, username=username.strip())
        ok = verify_password(user.password_hash if user else None, password) and user.active
        if not ok:
            record_audit(session, username=username.strip()[:64] or "（空）",
                         action="login_failed", entity="user", entity_key=username.strip()[:128],
                         county_code=user.county_code if user else None, client=client)
            session.commit()
            return _login_page(request, username=username, status=401,
                               next_url=_safe_next(next), error="用户名或密码错误。")
        state.throttle.succeed(username, client)
        token = start_session(session, user_id=user.id, client=client)
        record_audit(session, username=user.username, action="login", entity="user",
                     entity_key=user.username, county_code=user.county_code, client=client)
        session.commit()
    request.session.clear()  # a new session id and token: nothing carries over from before
    request.session.update({"sid": token, "csrf": new_csrf_token()})
    return RedirectResponse(_safe_next(next), status_code=303)


@router.post("/logout")
def logout(request: Request, principal: Viewer) -> Response:
    state = web_state(request)
    with state.sessions() as session:
        end_session(session, token=request.session.get("sid", ""))
        record_audit(session, username=principal.username, action="logout", entity="user",
                     entity_key=principal.username,
                     county_code=next(iter(sorted(principal.counties)), None),
                     client=client_of(request))
        session.commit()
    request.session.clear()
    return RedirectResponse("/login", status_code=303)
