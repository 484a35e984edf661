"""大班额: classes in the 大班额 and 超大班额 bands of the class-size rules, by school and class."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import Response

from junheng.web import charts, results
from junheng.web.deps import Counties, CountyReader, Selected
from junheng.web.routers._common import render, try_engine
from junheng.web.summaries import GRADE_LABELS, class_size_by_school

router = APIRouter(tags=["class-size"])


@router.get("/class-size")
def class_size(request: Request, principal: CountyReader, selected: Selected,
               counties: Counties) -> Response:
    context: dict = {"lists": None, "error": ""}
    if selected.stored:
        code, year = selected.county_code, selected.school_year
        lists, context["error"] = try_engine(
            lambda: results.class_size_lists(counties, code, year, stamp=selected.stamp))
        if lists is not None:
            classes = lists.oversized_classes
            by_school = counties.result(
                "class_size_by_school", code, year,
                lambda data: class_size_by_school(data, classes), stamp=selected.stamp)
            worst = by_school.head(15)
            context.update(
                lists=lists, classes=classes.assign(
                    grade_label=classes["grade"].map(GRADE_LABELS)).to_dict("records"),
                big_schools=lists.oversized_schools.to_dict("records"),
                schools=by_school.to_dict("records"),
                bar_chart=charts.bar_chart(list(worst["name"])[::-1],
                                       list(worst["oversized"] + worst["extra_oversized"])[::-1],
                                       name="大班额及超大班额班级数", horizontal=True))
    return render(request, "class_size.html", principal=principal, selected=selected,
                  active="class_size", title="大班额", **context)
