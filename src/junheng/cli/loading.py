"""Where commands get a county from: a workbook file, or the store by county and year."""

from __future__ import annotations

from pathlib import Path

from junheng.errors import JunhengError
from junheng.model import CountyData
from junheng.settings import get_settings


def database_url(db: str | None, *, create: bool = False) -> str:
    """The ``--db`` option, or JUNHENG_DATABASE_URL, or the default SQLite file; a SQLite file
    that does not exist is refused unless the command makes the store (``create``: import,
    restore), so a mistyped path does not leave an empty database behind and report 「库中没有该县区」
    (review rvweb2 finding 12)."""
    url = db or get_settings().database_url
    if not create:
        missing = missing_sqlite_file(url)
        if missing is not None:
            raise JunhengError(f"找不到数据库文件 {missing}：请检查 --db 的路径（或环境变量 "
                               "JUNHENG_DATABASE_URL）；新建数据库请先用 junheng import 导入工作簿。")
    return url


def missing_sqlite_file(url: str) -> Path | None:
    """The file of a ``sqlite:///`` address when it does not exist; None for any other address.

    >>> missing_sqlite_file("sqlite:////nonexistent/x.db"), missing_sqlite_file("sqlite://")
    (PosixPath('/nonexistent/x.db'), None)
    """
    from sqlalchemy.engine import make_url
    from sqlalchemy.exc import ArgumentError

    try:
        parsed = make_url(url)
    except ArgumentError:
        return None  # the store says why it cannot read the address
    if parsed.get_backend_name() != "sqlite" or parsed.database in (None, "", ":memory:"):
        return None
    path = Path(parsed.database)
    return None if path.exists() else path


def load_county(*, file: Path | None, db: str | None, county: str | None, year: int | None
                ) -> CountyData:
    """Read ``file`` (validated) or load ``county``/``year`` from the store at ``db``."""
    if file is not None:
        from junheng.io import read_workbook

        return read_workbook(file)
    if not county:
        raise JunhengError("请用 --file 指定工作簿，或用 --db、--county、--year 指定库中的县区和学年。")
    from junheng.store import open_store

    store = open_store(database_url(db))
    if year is None:
        years = store.years(county)
        if not years:
            raise JunhengError(f"库中没有县区 {county} 的数据：请先用 junheng import 导入。")
        year = max(years)
    return store.load_county(county, year)


def load_county_years(*, db: str | None, county: str, up_to: int | None = None
                      ) -> list[CountyData]:
    """Every school year of ``county`` in the store (up to ``up_to``), oldest first."""
    from junheng.store import open_store

    store = open_store(database_url(db))
    years = [y for y in store.years(county) if up_to is None or y <= up_to]
    if not years:
        raise JunhengError(f"库中没有县区 {county} 的数据：请先用 junheng import 导入。")
    return [store.load_county(county, y) for y in sorted(years)]
