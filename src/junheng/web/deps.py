"""Who is asking and what they may touch: the dependencies every route declares.

Every dependency is ``async`` (FastAPI would otherwise run each in the thread pool): the
database is read once per request, by :func:`current_principal` in one statement (the user
and the stamps of the county-years it reaches; inline on SQLite, on a few threads of its
own on a database server, see ``app._per_request_reads``); the others look at what that
loaded or at cached results.

Permissions are checked here, in the server, for every route and every object: a route
declares ``Viewer`` (any logged-in user whose scope covers the county), ``CountyReader``
(admins and inspectors), ``Admin`` (writes), and objects are loaded through
:func:`school_in_scope`, which refuses a school outside the user's scope with 403.
"""

from __future__ import annotations

import asyncio
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Annotated

from fastapi import Depends, HTTPException, Request

from junheng.store.accounts import ROLE_LABELS, Role
from junheng.store.authority import Importer
from junheng.store.sessions import session_key
from junheng.web.services import CountyService, CountyYearInfo, Stamp, session_scope

SAFE_METHODS = {"GET", "HEAD", "OPTIONS"}


class LoginRequired(Exception):
    """Raised by a dependency when nobody is logged in; the app redirects to /login."""


@dataclass(frozen=True)
class Principal:
    """A logged-in user and the county-years their role reaches."""

    user_id: int
    username: str
    role: Role
    school_id: str | None
    county_years: tuple[CountyYearInfo, ...]
    home_counties: frozenset[str]
    city_name: str | None = None

    @property
    def role_label(self) -> str:
        return ROLE_LABELS[self.role]

    @property
    def counties(self) -> frozenset[str]:
        return self.home_counties

    @property
    def can_write(self) -> bool:
        return self.role is Role.ADMIN

    def reaches(self, county_code: str) -> bool:
        return county_code in self.home_counties

    @property
    def importer(self) -> Importer:
        """The user as the store sees an importer: the store decides what it may import."""
        county = None if self.city_name else next(iter(sorted(self.home_counties)), None)
        return Importer(self.username, self.role.value, county_code=county,
                        city_name=self.city_name)


@dataclass(frozen=True)
class CountyYear:
    """The county-year a page shows, chosen by ``?county=&year=`` or the user's default."""

    county_code: str
    school_year: int
    info: CountyYearInfo | None
    years: tuple[int, ...]
    stamp: Stamp | None = None

    @property
    def stored(self) -> bool:
        return self.info is not None


def web_state(request: Request):
    return request.app.state.web


def _load_principal(request: Request) -> Principal | None:
    token = request.session.get("sid")
    if not isinstance(token, str):
        return None
    state = web_state(request)
    # One statement on a Core connection, not an ORM session: this runs on every request.
    # The session must be live in the store: logout and a password change end it there.
    with state.reads.connect() as connection:
        user, stored = session_scope(connection, session_key(token), datetime.now(UTC))
    if user is None or not user.active:
        return None
    home = {user.county_code} if user.county_code else {cy.county_code for cy in stored}
    return Principal(user_id=user.id, username=user.username, role=Role(user.role),
                     school_id=user.school_id, county_years=tuple(stored),
                     home_counties=frozenset(home),
                     city_name=None if user.county_code else user.city_name)


async def current_principal(request: Request) -> Principal:
    """The logged-in user, read once per request; redirects to the login page when there
    is none."""
    principal = getattr(request.state, "principal", None)
    if principal is None:
        executor = web_state(request).read_executor
        if executor is None:
            principal = _load_principal(request)
        else:
            principal = await asyncio.get_running_loop().run_in_executor(
                executor, _load_principal, request)
        if principal is None:
            request.session.pop("sid", None)
            raise LoginRequired()
        request.state.principal = principal
    return principal


async def require_county_reader(principal: Annotated[Principal, Depends(current_principal)]
                          ) -> Principal:
    """Admins and inspectors: the county-wide pages. School users get 403."""
    if principal.role is Role.SCHOOL:
        raise HTTPException(403, "学校填报员只能查看和填报本校数据。")
    return principal


async def require_admin(principal: Annotated[Principal, Depends(current_principal)]) -> Principal:
    """Admins only: imports, plans and approvals. Inspectors are read-only."""
    if principal.role is not Role.ADMIN:
        raise HTTPException(403, f"{principal.role_label}没有修改权限：只有管理员可以执行此操作。")
    return principal


async def require_writer(request: Request,
                   principal: Annotated[Principal, Depends(current_principal)]) -> Principal:
    """Admins and school users may post (school users only to their own school, checked by
    :func:`school_in_scope`); an inspector posting anything gets 403."""
    if principal.role is Role.INSPECTOR and request.method not in SAFE_METHODS:
        raise HTTPException(403, "督学为只读账号，不能提交或修改数据。")
    return principal


Viewer = Annotated[Principal, Depends(current_principal)]
CountyReader = Annotated[Principal, Depends(require_county_reader)]
Admin = Annotated[Principal, Depends(require_admin)]
Writer = Annotated[Principal, Depends(require_writer)]


async def selected_county_year(request: Request, principal: Viewer) -> CountyYear:
    """The county-year in scope the page shows; 403 for a county outside the user's scope."""
    county = request.query_params.get("county") or request.session.get("county")
    year_text = request.query_params.get("year") or request.session.get("year")
    if county and not principal.reaches(county):
        raise HTTPException(403, f"您没有查看县区 {county} 的权限。")
    options = principal.county_years
    if not county:
        county = options[-1].county_code if options else next(iter(sorted(principal.counties)),
                                                                 "")
    years = tuple(cy.school_year for cy in options if cy.county_code == county)
    try:
        year = int(year_text) if year_text else (years[-1] if years else 0)
    except ValueError:
        raise HTTPException(400, f"学年“{year_text}”不是整数。") from None
    if year not in years and years:
        year = years[-1]
    info = next((cy for cy in options if cy.county_code == county and cy.school_year == year),
                None)
    if (request.session.get("county"), request.session.get("year")) != (county, year):
        request.session["county"], request.session["year"] = county, year
    return CountyYear(county_code=county, school_year=year, info=info, years=years,
                      stamp=info.stamp if info is not None else None)


Selected = Annotated[CountyYear, Depends(selected_county_year)]


async def county_service(request: Request) -> CountyService:
    return web_state(request).counties


Counties = Annotated[CountyService, Depends(county_service)]


async def school_in_scope(school_id: str, principal: Viewer, selected: Selected,
                          counties: Counties) -> dict:
    """The school row (as a dict) if the user may see it: 403 outside scope, 404 unknown."""
    if principal.role is Role.SCHOOL and school_id != principal.school_id:
        raise HTTPException(403, "您只能查看和填报本校数据。")
    if not selected.stored:
        raise HTTPException(404, f"县区 {selected.county_code} 尚未导入数据。")
    rows = await counties.result_async("school_rows", selected.county_code,
                                       selected.school_year, _school_rows, stamp=selected.stamp)
    school = rows.get(school_id)
    if school is None:
        raise HTTPException(404, f"{selected.school_year} 学年没有学校标识码为 {school_id} 的学校。")
    return school


def _school_rows(data) -> dict[str, dict]:
    return {row["school_id"]: row for row in data.schools.to_dict("records")}


SchoolInScope = Annotated[dict, Depends(school_in_scope)]
