"""均衡评估: the 优质均衡 verdict, CVs per stage and indicator, failing schools and items."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import Response
from markupsafe import Markup, escape

from junheng.model import labels
from junheng.web import charts, results
from junheng.web.deps import Counties, CountyReader, Selected
from junheng.web.evaluation_view import item_sections, short_units
from junheng.web.routers._common import render, try_engine
from junheng.web.routers.plans import layout_document

router = APIRouter(tags=["evaluation"])

STATUS_LABELS = {**labels.STATUS_LABELS, "met": f'<span class="ok">{labels.STATUS_LABELS["met"]}</span>',
                 "not_met": f'<span class="bad">{labels.STATUS_LABELS["not_met"]}</span>'}


def status_label(status: str) -> Markup:
    return Markup(STATUS_LABELS.get(status, escape(status)))


@router.get("/evaluation")
def evaluation(request: Request, principal: CountyReader, selected: Selected,
               counties: Counties) -> Response:
    context: dict = {"evaluation": None, "error": ""}
    if selected.stored:
        ev, context["error"] = try_engine(lambda: results.quality_evaluation(
            counties, selected.county_code, selected.school_year, stamp=selected.stamp))
        if ev is not None:
            names = counties.result("school_names", selected.county_code,
                                    selected.school_year,
                                    lambda d: dict(zip(d.schools["school_id"], d.schools["name"],
                                                       strict=True)), stamp=selected.stamp)
            context.update(evaluation=ev, cv_chart=charts.cv_chart(ev.stages),
                           names=names, label=charts.indicator_label,
                           stage_names=charts.STAGE_NAMES, status_label=status_label,
                           short=short_units(ev),
                           items=item_sections(ev))
    return render(request, "evaluation.html", principal=principal, selected=selected,
                  active="evaluation", title="均衡评估",
                  layout_document=layout_document(request, selected), **context)
