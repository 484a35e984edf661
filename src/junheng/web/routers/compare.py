"""学年对比: two stored school years of the county side by side (counts and 差异系数)."""

from __future__ import annotations

from fastapi import APIRouter, HTTPException, Request
from fastapi.responses import Response

from junheng.web import results
from junheng.web.compare_view import count_rows, cv_compare_rows
from junheng.web.deps import Counties, CountyReader, Selected
from junheng.web.routers._common import render, try_engine

router = APIRouter(tags=["compare"])


@router.get("/evaluation/compare")
def compare(request: Request, principal: CountyReader, selected: Selected, counties: Counties,
            base: int | None = None) -> Response:
    """The selected school year against ``base`` (default: the year before it)."""
    earlier = [y for y in selected.years if y < selected.school_year]
    context: dict = {"rows": None, "cvs": None, "base": None, "earlier": earlier, "error": ""}
    if selected.stored and earlier:
        base = earlier[-1] if base is None else base
        if base not in earlier:
            raise HTTPException(404, f"库中没有 {base} 学年的数据，或该学年不早于所选学年。")
        code, year = selected.county_code, selected.school_year

        def build():
            ev_before = results.quality_evaluation(counties, code, base)
            ev_after = results.quality_evaluation(counties, code, year, stamp=selected.stamp)
            return (count_rows(counties.load(code, base), counties.load(code, year), ev_before,
                               ev_after), cv_compare_rows(ev_before, ev_after))

        pair, context["error"] = try_engine(build)
        if pair is not None:
            context.update(rows=pair[0], cvs=pair[1], base=base)
    return render(request, "evaluation_compare.html", principal=principal, selected=selected,
                  active="evaluation", title="学年对比", **context)
