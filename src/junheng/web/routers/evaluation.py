"""均衡评估: the 优质均衡 verdict, CVs per stage and indicator, failing schools and items."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import Response
from markupsafe import Markup, escape

from junheng.web import charts, engines
from junheng.web.deps import Counties, CountyReader, Selected
from junheng.web.routers._common import render, try_engine

router = APIRouter(tags=["evaluation"])

STATUS_LABELS = {"met": '<span class="ok">达标</span>', "not_met": '<span class="bad">未达标</span>',
                 "attestation": "待佐证", "not_applicable": "不适用", "missing": "缺数据"}


def status_label(status: str) -> Markup:
    return Markup(STATUS_LABELS.get(status, escape(status)))


@router.get("/evaluation")
def evaluation(request: Request, principal: CountyReader, selected: Selected,
               counties: Counties) -> Response:
    context: dict = {"evaluation": None, "error": ""}
    if selected.stored:
        doc, context["error"] = try_engine(lambda: counties.result(
            "evaluation", selected.county_code, selected.school_year,
            engines.evaluation_report, stamp=selected.stamp))
        if doc is not None:
            names = counties.result("school_names", selected.county_code,
                                    selected.school_year,
                                    lambda d: dict(zip(d.schools["school_id"], d.schools["name"],
                                                       strict=True)), stamp=selected.stamp)
            context.update(evaluation=doc, cv_chart=charts.cv_chart(doc.get("stages", {})),
                           names=names, label=charts.indicator_label,
                           stage_names=charts.STAGE_NAMES, status_label=status_label,
                           short=[u for u in doc.get("units", [])
                                  if any(m is False for m in u.get("met", {}).values())])
    return render(request, "evaluation.html", principal=principal, selected=selected,
                  active="evaluation", title="均衡评估", **context)
