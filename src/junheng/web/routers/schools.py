"""学校: the searchable school table (htmx live search, pinyin initials) and one school's page."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import Response

from junheng.store.accounts import Role, list_submissions, school_records
from junheng.web import engines
from junheng.web.deps import Counties, SchoolInScope, Selected, Viewer, web_state
from junheng.web.routers._common import render, try_engine
from junheng.web.summaries import (
    SCHOOL_TYPE_LABELS,
    school_classes,
    school_table,
    search_schools,
    teacher_summary,
)

router = APIRouter(tags=["schools"])


def _visible_table(principal, selected, counties):
    table = counties.result("school_table", selected.county_code, selected.school_year,
                            school_table)
    if principal.role is Role.SCHOOL:
        table = table[table["school_id"] == principal.school_id]
    return table


@router.get("/schools")
def schools(request: Request, principal: Viewer, selected: Selected, counties: Counties,
            q: str = "") -> Response:
    rows = None
    total = 0
    if selected.stored:
        table = _visible_table(principal, selected, counties)
        total = len(table)
        rows = search_schools(table, q).to_dict("records")
    template = "_school_rows.html" if request.headers.get("hx-request") else "schools.html"
    return render(request, template, principal=principal, selected=selected, active="schools",
                  title="学校", rows=rows, q=q, total=total)


@router.get("/schools/{school_id}")
def school_page(request: Request, school_id: str, school: SchoolInScope, principal: Viewer,
                selected: Selected, counties: Counties) -> Response:
    code, year = selected.county_code, selected.school_year
    data = counties.load(code, year)
    evaluation, evaluation_error = try_engine(
        lambda: counties.result("evaluation", code, year, engines.evaluation_report))
    units = engines.school_units(evaluation, school_id) if evaluation else []
    lists, _ = try_engine(lambda: counties.result("class_lists", code, year,
                                                  engines.class_size_lists))
    categories = {} if lists is None else {
        (r.grade, r.class_no): r.category
        for r in lists["classes"][lists["classes"]["school_id"] == school_id].itertuples()}
    with web_state(request).sessions() as session:
        facility, version, _ = school_records(session, county_code=code, school_year=year,
                                              school_id=school_id)
        pending = list_submissions(session, county_codes={code}, school_id=school_id,
                                   status="pending")
    return render(request, "school.html", principal=principal, selected=selected,
                  active="schools", title=school["name"], school=school,
                  type_label=SCHOOL_TYPE_LABELS.get(school["school_type"], ""),
                  classes=school_classes(data, school_id).to_dict("records"),
                  teachers=teacher_summary(data, school_id), facility=facility,
                  facility_version=version, units=units, evaluation_error=evaluation_error,
                  pending=pending, categories=categories)
