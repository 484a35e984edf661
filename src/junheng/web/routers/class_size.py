"""大班额: classes of 56–65 (大班额) and 66 or more (超大班额), by school and class."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import Response

from junheng.web import charts
from junheng.web.deps import Counties, CountyReader, Selected
from junheng.web.routers._common import render
from junheng.web.summaries import class_size_by_school, county_kpis, oversized_classes

router = APIRouter(tags=["class-size"])


@router.get("/class-size")
def class_size(request: Request, principal: CountyReader, selected: Selected,
               counties: Counties) -> Response:
    context: dict = {"classes": None}
    if selected.stored:
        code, year = selected.county_code, selected.school_year
        classes = counties.result("oversized", code, year, oversized_classes)
        by_school = counties.result("class_size_by_school", code, year, class_size_by_school)
        worst = by_school[(by_school["oversized"] + by_school["extra_oversized"]) > 0].head(15)
        context.update(
            classes=classes.to_dict("records"), kpis=counties.result("kpis", code, year,
                                                                     county_kpis),
            schools=by_school[(by_school["oversized"] + by_school["extra_oversized"]) > 0]
            .to_dict("records"),
            chart=charts.bar_chart(list(worst["name"])[::-1],
                                   list(worst["oversized"] + worst["extra_oversized"])[::-1],
                                   name="大班额及超大班额班级数", horizontal=True))
    return render(request, "class_size.html", principal=principal, selected=selected,
                  active="class_size", title="大班额", **context)
