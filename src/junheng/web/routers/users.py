"""用户管理: an admin lists the users of the counties in scope, adds one, disables or enables
one, and resets a password — the CLI's logic (:mod:`junheng.jobs.accounts`,
:func:`junheng.store.accounts.change_user`), each change audited. A new or reset password is
generated and shown once."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Form, HTTPException, Request
from fastapi.responses import Response

from junheng.errors import StoreError
from junheng.jobs.accounts import add_web_user
from junheng.model.places import school_names
from junheng.store.accounts import ROLE_LABELS, Role, change_user, get_user, list_users
from junheng.store.engine import write_session
from junheng.store.passwords import generate_password
from junheng.web.deps import Admin, Counties, Selected, web_state
from junheng.web.routers._common import render
from junheng.web.security import hash_password

router = APIRouter(tags=["users"])


def _in_scope(principal, user) -> bool:
    return bool(user.county_code) and principal.reaches(user.county_code)


def _page(request: Request, principal, selected, counties, *, status: int = 200,
          message: str = "", error: str = "", password: str = "", form=None) -> Response:
    with web_state(request).sessions() as session:
        users = [u for u in list_users(session) if _in_scope(principal, u)]
    names = _school_names(counties, selected)
    return render(request, "users.html", principal=principal, selected=selected,
                  active="users", title="用户管理", users=users, roles=ROLE_LABELS,
                  school_names=names, message=message, error=error, password=password,
                  form=form or {}, status_code=status)


def _school_names(counties, selected) -> dict[str, str]:
    if not selected.stored:
        return {}
    return counties.result("place_school_names", selected.county_code, selected.school_year,
                           school_names, stamp=selected.stamp)


@router.get("/users")
def users(request: Request, principal: Admin, selected: Selected, counties: Counties
          ) -> Response:
    return _page(request, principal, selected, counties)


@router.post("/users")
def add(request: Request, principal: Admin, selected: Selected, counties: Counties,
        username: Annotated[str, Form()] = "", role: Annotated[str, Form()] = "",
        school_id: Annotated[str, Form()] = "") -> Response:
    form = {"username": username, "role": role, "school_id": school_id}
    school_id = school_id.strip()
    try:
        if role not in ROLE_LABELS:
            raise StoreError("请选择角色：管理员、督学或学校填报员。")
        if role == Role.SCHOOL and school_id not in _school_names(counties, selected):
            raise StoreError(f"学校标识码“{school_id}”不是本县区 {selected.school_year} 学年的学校："
                             "请核对。")
        password = generate_password()
        user = add_web_user(web_state(request).store, username=username, password=password,
                            role=role, county_code=selected.county_code,
                            school_id=school_id if role == Role.SCHOOL else None,
                            by=principal.username)
    except StoreError as exc:
        return _page(request, principal, selected, counties, status=422,
                     error=f"未新增用户：{exc}", form=form)
    return _page(request, principal, selected, counties,
                 message=f"已新增用户 {user['username']}（{ROLE_LABELS[Role(role)]}）。",
                 password=password)


def _target(request: Request, principal, username: str):
    with web_state(request).sessions() as session:
        user = get_user(session, username=username)
    if user is None:
        raise HTTPException(404, f"用户“{username}”不存在。")
    if not _in_scope(principal, user):
        raise HTTPException(403, f"用户“{username}”不在您管理的县区内。")
    return user


@router.post("/users/{username}/active")
def set_active(request: Request, username: str, principal: Admin, selected: Selected,
               counties: Counties, active: Annotated[str, Form()] = "") -> Response:
    user = _target(request, principal, username)
    if user.username == principal.username:
        return _page(request, principal, selected, counties, status=422,
                     error="不能停用或启用自己的账号：请由其他管理员操作。")
    enable = active == "1"
    with write_session(web_state(request).sessions) as session:
        change_user(session, username=user.username, by=principal.username, active=enable)
        session.commit()
    done = "已重新启用" if enable else "已停用（其已登录的会话均已失效）"
    return _page(request, principal, selected, counties, message=f"用户 {user.username} {done}。")


@router.post("/users/{username}/password")
def reset_password(request: Request, username: str, principal: Admin, selected: Selected,
                   counties: Counties) -> Response:
    user = _target(request, principal, username)
    password = generate_password()
    password_hash = hash_password(password, username=user.username)
    with write_session(web_state(request).sessions) as session:
        change_user(session, username=user.username, by=principal.username,
                    password_hash=password_hash)
        session.commit()
    return _page(request, principal, selected, counties, password=password,
                 message=f"已重置用户 {user.username} 的密码，其已登录的会话均已失效。")
