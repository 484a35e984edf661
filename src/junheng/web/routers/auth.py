"""Log in (rate-limited per account and client address, see LoginThrottle), log out, and
change one's own password: a login stores a server-side session (junheng.store.sessions),
logout ends it, a password change ends every other session of the user."""

from __future__ import annotations

from typing import Annotated
from urllib.parse import urlparse

from fastapi import APIRouter, Form, Request
from fastapi.responses import RedirectResponse, Response

from junheng.store.accounts import get_user, record_audit, set_password
from junheng.store.engine import write_session
from junheng.store.sessions import end_session, start_session
from junheng.web.deps import Viewer, web_state
from junheng.web.routers._common import render
from junheng.web.security import hash_password, new_csrf_token, verify_password

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


def _password_page(request: Request, principal, *, error: str = "", message: str = "",
                   status: int = 200) -> Response:
    return render(request, "password.html", principal=principal, active="password",
                  title="修改密码", error=error, message=message, status_code=status)


@router.get("/account/password")
def password_form(request: Request, principal: Viewer) -> Response:
    return _password_page(request, principal)


def _new_password_problem(current: str, new: str, again: str) -> str:
    """Why the form cannot be accepted (Chinese, naming the field), or ''."""
    if not current:
        return "当前密码：请填写。"
    if not new:
        return "新密码：请填写。"
    if new != again:
        return "再次输入新密码：与新密码不一致，请重新输入。"
    if new == current:
        return "新密码：不能与当前密码相同。"
    return ""


@router.post("/account/password")
def change_password(request: Request, principal: Viewer,
                    current: Annotated[str, Form()] = "", new: Annotated[str, Form()] = "",
                    again: Annotated[str, Form()] = "") -> Response:
    """The user's own password: the current one (counted by the login throttle, as a login
    is), the new one twice and the password policy; every other session of the user ends and
    this one continues under a new session id."""
    state = web_state(request)
    client = client_of(request)
    problem = _new_password_problem(current, new, again)
    if problem:
        return _password_page(request, principal, error=f"未修改密码：{problem}", status=422)
    wait = state.throttle.attempt(principal.username, client)
    if wait > 0:
        minutes = max(1, round(wait / 60))
        return _password_page(request, principal, status=429,
                              error=f"当前密码错误次数过多，请 {minutes} 分钟后再试。")
    with state.sessions() as session:
        user = get_user(session, user_id=principal.user_id)
        right = verify_password(user.password_hash if user else None, current)
    if not right:
        return _password_page(request, principal, status=422,
                              error="未修改密码：当前密码：与您的密码不符。")
    state.throttle.succeed(principal.username, client)
    try:
        password_hash = hash_password(new, username=principal.username)
    except ValueError as exc:
        return _password_page(request, principal, status=422,
                              error=f"未修改密码：新密码：{exc}")
    with write_session(state.sessions) as session:
        user = set_password(session, username=principal.username, password_hash=password_hash)
        token = start_session(session, user_id=user.id, client=client)
        record_audit(session, username=principal.username, action="password_change",
                     entity="user", entity_key=principal.username,
                     county_code=user.county_code, client=client)
        session.commit()
    request.session.update({"sid": token, "csrf": new_csrf_token()})
    return _password_page(request, principal,
                          message="密码已修改；您在其他设备或浏览器上的登录均已失效。")
