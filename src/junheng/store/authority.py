"""Who may import a county-year, and which city a county belongs to: decided by the store.

The attack run found a city admin (洛阳市) uploading county 410122's workbook, held by 郑州市,
with 所属地市 changed to 洛阳市 and confirming with replace: 郑州市's data was replaced and the
county moved into 洛阳市's scope, because the web trusted the city written in the upload. Now:

* a county's city comes from the store once it holds the county: an import whose 所属地市
  differs from it is refused for everyone (:func:`check_city`); only :func:`move_county`,
  an explicit administrator's action (``junheng county move``), changes it, and audits it;
* a web user's import is checked against that holder, in the importing transaction
  (:func:`check_import`): a county admin imports only its own county, a city admin only the
  counties the store holds for its city, or a county new to the store whose workbook names
  its city.

A province account is a city-level account whose city is :data:`PROVINCE` (``junheng user add
--city 全省``): it reaches every county the store holds. Who may manage which account
(:func:`check_manage`) follows the same line: a county admin its county's accounts, a city
admin its city's accounts and those of the counties the store holds for it, a province admin
every account (also of a county not in the store yet).

Both run inside :func:`junheng.store.repository.store_county` after the county-year is locked,
so no other import can change the holder between the check and the write.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlalchemy import Connection, select, update
from sqlalchemy.orm import Session

from junheng.errors import AccessDenied, StoreError
from junheng.store.models import CountyYearRow

COUNTY_YEARS = CountyYearRow.__table__

PROVINCE = "全省"
"""The ``city_name`` of a province account: it reaches every county in the store."""


@dataclass(frozen=True)
class Importer:
    """A web user importing: its name, role and scope (a county, or a city's counties)."""

    username: str
    role: str
    county_code: str | None = None
    city_name: str | None = None


def held_city(conn: Connection | Session, *, county_code: str) -> tuple[str, str] | None:
    """(city, county name) the store holds ``county_code`` under (its newest year), or None."""
    row = conn.execute(select(COUNTY_YEARS.c.city_name, COUNTY_YEARS.c.county_name)
                       .where(COUNTY_YEARS.c.county_code == county_code)
                       .order_by(COUNTY_YEARS.c.school_year.desc()).limit(1)).first()
    return None if row is None else (row[0], row[1])


def check_city(conn: Connection | Session, *, county_code: str, city_name: Any) -> None:
    """Refuse a workbook whose 所属地市 differs from the city the store holds the county in."""
    held = held_city(conn, county_code=county_code)
    if held is not None and held[0] != city_name:
        raise StoreError(
            f"工作簿的所属地市为“{city_name}”，但库中{held[1]}（{county_code}）属于“{held[0]}”：导入不能"
            f"更改县区的所属地市，本次未导入任何数据。如行政区划确有调整，请由系统管理员执行 junheng county "
            f"move {county_code} --city {city_name}。")


def check_import(conn: Connection | Session, *, county_code: str, city_name: Any,
                 importer: Importer) -> None:
    """Refuse an import outside ``importer``'s scope (see the module docstring).

    Raises
    ------
    AccessDenied
        The user may not import this county.
    """
    denied = AccessDenied(f"工作簿属于县区 {county_code}，不在您的管理范围内，未导入。")
    if importer.role != "admin":
        raise denied
    if importer.county_code is not None:
        if importer.county_code != county_code:
            raise denied
        return
    if importer.city_name == PROVINCE:
        return
    held = held_city(conn, county_code=county_code)
    city = held[0] if held is not None else city_name
    if importer.city_name is None or city != importer.city_name:
        raise denied


def check_manage(manager: Importer, *, reach: frozenset[str] | set[str],
                 county_code: str | None, city_name: str | None) -> None:
    """Refuse ``manager`` managing an account scoped to ``county_code`` (or, without one, to
    the city ``city_name``); ``reach`` is the counties the manager's scope holds.

    Examples
    --------
    >>> city = Importer("luo", "admin", city_name="洛阳市")
    >>> check_manage(city, reach={"410306"}, county_code="410306", city_name=None)
    >>> check_manage(city, reach={"410306"}, county_code=None, city_name="洛阳市")
    >>> check_manage(city, reach={"410306"}, county_code=None, city_name="郑州市")
    Traceback (most recent call last):
    ...
    junheng.errors.AccessDenied: “郑州市”不在您的管理范围内：只能管理洛阳市及其县区的账号。
    """
    if manager.role != "admin":
        raise AccessDenied("只有管理员可以管理用户账号。")
    if manager.city_name == PROVINCE:
        return
    own = manager.city_name or manager.county_code or ""
    if county_code is not None:
        if county_code not in reach:
            raise AccessDenied(f"县区“{county_code}”不在您的管理范围内：只能管理{own}"
                               f"{'在库中的县区' if manager.city_name else ''}的账号。")
        return
    if manager.city_name is None or city_name != manager.city_name:
        # a county admin manages no city or province account
        raise AccessDenied(f"“{city_name or '（空）'}”不在您的管理范围内："
                           f"只能管理{own}{'及其县区' if manager.city_name else ''}的账号。")


def move_county(session: Session, *, county_code: str, city_name: str, by: str) -> int:
    """Put every year of a county under ``city_name``, with an audit row; years moved.

    Raises
    ------
    StoreError
        The store does not hold the county, or it is already in that city.
    """
    from junheng.store.accounts import record_audit

    city_name = city_name.strip()
    if not city_name:
        raise StoreError("地市名称不能为空。")
    held = held_city(session, county_code=county_code)
    if held is None:
        raise StoreError(f"库中没有县区 {county_code} 的数据：无需调整所属地市。")
    if held[0] == city_name:
        raise StoreError(f"{held[1]}（{county_code}）已属于“{held[0]}”，未做修改。")
    moved = session.execute(update(COUNTY_YEARS).where(COUNTY_YEARS.c.county_code == county_code)
                            .values(city_name=city_name)).rowcount
    record_audit(session, username=by, action="move_county", entity="county",
                 entity_key=county_code, county_code=county_code,
                 before={"city_name": held[0]}, after={"city_name": city_name})
    return moved


__all__ = ["PROVINCE", "Importer", "check_city", "check_import", "check_manage", "held_city",
           "move_county"]
