"""用户管理: an admin lists the accounts in its scope, adds one, disables or enables one, and
resets a password — the CLI's logic (:mod:`junheng.jobs.accounts`,
:func:`junheng.store.accounts.change_user`), each change audited. A new or reset password is
generated and shown once.

Who manages whom is the store's rule (:func:`junheng.store.authority.check_manage`): a county
admin its county's accounts; a city admin (市级) its city's accounts and those of the counties
the store holds for the city; a province admin (省级, city ``全省``) every account. The new
account's 所属范围 is a county, the manager's city, or (for a province admin) a city or the
province; a school user is added in the county the page shows, with one of its schools.
"""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Form, HTTPException, Request
from fastapi.responses import Response

from junheng.errors import AccessDenied, StoreError
from junheng.jobs.accounts import add_web_user
from junheng.model.places import school_names
from junheng.store.accounts import ROLE_LABELS, Role, change_user, get_user, list_users
from junheng.store.authority import PROVINCE, check_manage
from junheng.store.engine import write_session
from junheng.store.passwords import generate_password
from junheng.web.deps import Admin, Counties, Selected, web_state
from junheng.web.routers._common import render
from junheng.web.security import hash_password

router = APIRouter(tags=["users"])


def _in_scope(principal, user) -> bool:
    try:
        check_manage(principal.importer, reach=principal.counties,
                     county_code=user.county_code, city_name=user.city_name)
    except AccessDenied:
        return False
    return True


def scope_options(principal) -> dict[str, str]:
    """{form value: label} of the 所属范围 a new account may get, widest first."""
    counties = {cy.county_code: (cy.county_name, cy.city_name) for cy in principal.county_years}
    options: dict[str, str] = {}
    city = principal.city_name
    if city == PROVINCE:
        options["city:" + PROVINCE] = "全省（省级账号）"
        for name in sorted({c for _, c in counties.values()}):
            options["city:" + name] = f"{name}（市级账号）"
    elif city:
        options["city:" + city] = f"{city}（市级账号）"
    for code in sorted(principal.counties):
        name = counties.get(code, (code, ""))[0]
        options["county:" + code] = f"{name}（{code}）"
    return options


def scope_label(user) -> str:
    """What an account's scope reads as in the list."""
    if user.county_code:
        return user.county_code
    return "全省" if user.city_name == PROVINCE else f"{user.city_name}（市级）"


def _page(request: Request, principal, selected, counties, *, status: int = 200,
          message: str = "", error: str = "", password: str = "", form=None) -> Response:
    with web_state(request).sessions() as session:
        users = [u for u in list_users(session) if _in_scope(principal, u)]
    names = _school_names(counties, selected)
    county_names = {cy.county_code: cy.county_name for cy in principal.county_years}
    return render(request, "users.html", principal=principal, selected=selected,
                  active="users", title="用户管理", users=users, roles=ROLE_LABELS,
                  school_names=names, message=message, error=error, password=password,
                  scopes=scope_options(principal), county_names=county_names,
                  scope_label=scope_label, form=form or {}, status_code=status)


def _school_names(counties, selected) -> dict[str, str]:
    if not selected.stored:
        return {}
    return counties.result("place_school_names", selected.county_code, selected.school_year,
                           school_names, stamp=selected.stamp)


@router.get("/users")
def users(request: Request, principal: Admin, selected: Selected, counties: Counties
          ) -> Response:
    return _page(request, principal, selected, counties)


def _new_scope(principal, selected, counties, role: str, scope: str, school_id: str
               ) -> tuple[str | None, str | None]:
    """(county, city) of the new account, checked; StoreError (Chinese, naming the field)."""
    if role not in ROLE_LABELS:
        raise StoreError("角色：请选择管理员、督学或学校填报员。")
    scope = scope or f"county:{selected.county_code}"
    kind, _, value = scope.partition(":")
    if kind not in ("county", "city") or not value:
        raise StoreError(f"所属范围：“{scope}”不是可选的范围，请在列表中选择。")
    county, city = (value, None) if kind == "county" else (None, value)
    try:
        check_manage(principal.importer, reach=principal.counties, county_code=county,
                     city_name=city)
    except AccessDenied as exc:
        raise StoreError(f"所属范围：{exc}") from None
    if role == Role.SCHOOL:
        if county != selected.county_code:
            raise StoreError("所属范围：学校填报员须在页面所选的县区新增，请先切换到该县区。")
        if school_id not in _school_names(counties, selected):
            raise StoreError(f"学校：学校标识码“{school_id}”不是本县区 {selected.school_year} "
                             "学年的学校，请核对。")
    return county, city


@router.post("/users")
def add(request: Request, principal: Admin, selected: Selected, counties: Counties,
        username: Annotated[str, Form()] = "", role: Annotated[str, Form()] = "",
        scope: Annotated[str, Form()] = "", school_id: Annotated[str, Form()] = "") -> Response:
    form = {"username": username, "role": role, "school_id": school_id, "scope": scope}
    school_id = school_id.strip()
    try:
        county, city = _new_scope(principal, selected, counties, role, scope, school_id)
        password = generate_password()
        user = add_web_user(web_state(request).store, username=username, password=password,
                            role=role, county_code=county, city_name=city,
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
        raise HTTPException(403, f"用户“{username}”不在您的管理范围内。")
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
