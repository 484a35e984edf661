"""学校: the searchable school table (htmx live search, pinyin initials) and one school's page."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import Response

from junheng.model.places import school_names, town_label, town_names, urban_rural_label
from junheng.store.accounts import Role
from junheng.web import results
from junheng.web.deps import (
    Counties,
    CountyYear,
    SchoolInScope,
    Selected,
    Viewer,
    web_state,
)
from junheng.web.evaluation_view import school_units
from junheng.web.routers._common import cached_page, render, try_engine
from junheng.web.services import CountyService
from junheng.web.summaries import (
    SCHOOL_TYPE_LABELS,
    school_table,
    school_views,
    search_schools,
)

router = APIRouter(tags=["schools"])


def _visible_table(principal, selected, counties):
    table = counties.result("school_table", selected.county_code, selected.school_year,
                            school_table, stamp=selected.stamp)
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
async def school_page(request: Request, school_id: str, school: SchoolInScope,
                      principal: Viewer, selected: Selected) -> Response:
    counties = web_state(request).counties
    statuses = await counties.school_statuses(selected.county_code, selected.school_year,
                                              selected.stamp)
    version, pending = statuses.get(school_id, (0, 0))
    return await cached_page(
        request, "school.html", (school_id, principal.role.value, version, pending),
        lambda: _school_context(selected, counties, school, version, pending),
        principal=principal, selected=selected, active="schools", title=school["name"])


def _school_context(selected: CountyYear, counties: CountyService, school: dict,
                    version: int, pending: int) -> dict:
    code, year, stamp = selected.county_code, selected.school_year, selected.stamp
    school_id = school["school_id"]
    evaluation, evaluation_error = try_engine(
        lambda: results.quality_evaluation(counties, code, year, stamp=stamp))
    lists, _ = try_engine(lambda: results.class_size_lists(counties, code, year, stamp=stamp))
    views = counties.result("school_views", code, year,
                            lambda d: school_views(d, lists.oversized_classes if lists else None),
                            stamp=stamp)
    facilities = counties.result("facility_rows", code, year, _facility_rows, stamp=stamp)
    places = counties.result("place_names", code, year, _place_names, stamp=stamp)
    return {"school": school, "type_label": SCHOOL_TYPE_LABELS.get(school["school_type"], ""),
            "town": town_label(school.get("town_code"), places["towns"]),
            "urban_rural": urban_rural_label(school.get("urban_rural_code")),
            "central_school_name": places["schools"].get(str(school.get("central_school") or ""),
                                                         school.get("central_school")),
            "classes": views[school_id]["classes"], "teachers": views[school_id]["teachers"],
            "facility": facilities.get(school_id), "facility_version": version,
            "units": school_units(evaluation, school_id) if evaluation else [],
            "evaluation_error": evaluation_error, "pending": pending}


def _place_names(data) -> dict[str, dict[str, str]]:
    return {"towns": town_names(data), "schools": school_names(data)}


def _facility_rows(data) -> dict[str, dict]:
    return {row["school_id"]: row for row in data.facilities.to_dict("records")}
