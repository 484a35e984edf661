"""地市排名: the counties of the user's city ranked per school year by ledger completion and
the 优质均衡 evaluation, with the 问责 rule (two years running in the bottom two) — the web
face of ``junheng ledger city``."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import Response

from junheng.web.deps import Counties, CountyReader, Selected
from junheng.web.routers._common import render, try_engine

router = APIRouter(tags=["ranking"])


def _rank(counties, principal):
    from junheng.ledger import rank_city
    from junheng.ledger.run import CountyYearRef
    from junheng.web.results import quality_evaluation

    refs = [CountyYearRef(cy.county_code, cy.school_year, cy.county_name, cy.city_name)
            for cy in principal.county_years]
    city = principal.city_name or next((r.city_name for r in refs if r.city_name), "")
    stamp = tuple((r.county_code, r.school_year) for r in refs)

    def evaluator(data):  # the evaluation the county's own pages share, under the same cache key
        return quality_evaluation(counties, data.county_code, data.school_year)

    return counties.cache.get(("ranking", principal.user_id, stamp), lambda: rank_city(
        counties.load, refs, city=city, evaluator=evaluator))


@router.get("/ledger/city")
def city_ranking(request: Request, principal: CountyReader, selected: Selected,
                 counties: Counties) -> Response:
    """Every county the user may see, ranked per school year."""
    ranking, error = try_engine(lambda: _rank(counties, principal)) \
        if principal.county_years else (None, "尚无任何县区数据：请先导入各县区的工作簿。")
    return render(request, "ranking.html", principal=principal, selected=selected,
                  active="ledger", title="地市排名", ranking=ranking, error=error)
