"""全市（全省）概览: the province run's results for the counties a city or province admin
oversees, ranked, with links into each county."""

from __future__ import annotations

from fastapi import APIRouter, HTTPException, Request
from fastapi.responses import Response

from junheng.web.deps import CountyReader, Selected, web_state
from junheng.web.routers._common import render

router = APIRouter(tags=["province"])


@router.get("/province")
def province(request: Request, principal: CountyReader, selected: Selected) -> Response:
    """Every county the user oversees (``?county=`` outside the scope is refused as on
    every county page)."""
    from junheng.store.engine import transaction
    from junheng.store.province import read_results
    from junheng.web.province_view import ranked_rows

    state = web_state(request)
    with transaction(state.store.engine) as conn:
        results = read_results(conn, county_codes=sorted(principal.counties))
    imports = {(cy.county_code, cy.school_year): cy.import_id for cy in principal.county_years}
    rows = ranked_rows(results, imports)
    scope = principal.city_name or ""  # "本县区" + "县区排名" read 县区 twice (review finding 15)
    return render(request, "province.html", principal=principal, selected=selected,
                  active="province",
                  title=f"{scope}各县区排名", rows=rows, scope=scope,
                  jobs=[("forecast", "招生预测"), ("layout", "布局规划"),
                        ("compliance", "达标路径"), ("ledger", "规划台账")])


@router.get("/province/{county_code}")
def province_county(request: Request, county_code: str, principal: CountyReader) -> Response:
    """One county's latest province-run results: failing items and both plans' rows."""
    from junheng.store.engine import transaction
    from junheng.store.province import read_results
    from junheng.web.province_view import county_detail

    if not principal.reaches(county_code):
        raise HTTPException(403, f"您没有查看县区 {county_code} 的权限。")
    with transaction(web_state(request).store.engine) as conn:
        detail = county_detail(read_results(conn, county_codes=[county_code]))
    if detail is None:
        raise HTTPException(404, f"县区 {county_code} 还没有批量计算结果。")
    return render(request, "province_county.html", principal=principal, active="province",
                  title=f"{detail['county_name']}批量计算结果", d=detail)
