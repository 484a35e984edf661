"""教师配置: staffing, training shortfalls and the 交流轮岗 plan (county admins and
inspectors); a school's own lists (school users see only theirs)."""

from __future__ import annotations

from urllib.parse import quote

from fastapi import APIRouter, HTTPException, Request
from fastapi.responses import Response

from junheng.errors import JunhengError
from junheng.web.deps import Counties, CountyReader, SchoolInScope, Selected, Viewer
from junheng.web.routers._common import render
from junheng.web.teachers_view import for_school, teacher_pages

router = APIRouter(tags=["teachers"])
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
DOWNLOADS = {"staffing": "编制测算.xlsx", "rotation": "交流轮岗名单.xlsx"}


async def _pages(counties, selected):
    return await counties.result_async("teacher_pages", selected.county_code,
                                       selected.school_year, teacher_pages, stamp=selected.stamp)


@router.get("/teachers")
async def teachers(request: Request, principal: CountyReader, selected: Selected,
                   counties: Counties) -> Response:
    pages, error = None, ""
    if selected.stored:
        try:
            pages = await _pages(counties, selected)
        except JunhengError as exc:
            error = str(exc)
    return render(request, "teachers.html", principal=principal, selected=selected,
                  active="teachers", title="教师配置", pages=pages, error=error)


@router.get("/teachers/{name}.xlsx")
async def download(name: str, principal: CountyReader, selected: Selected,
                   counties: Counties) -> Response:
    from junheng.jobs.teachers import rotation_sheets, staffing_sheets, xlsx_bytes
    from junheng.teachers.staffing import staffing_report

    if name not in DOWNLOADS or not selected.stored:
        raise HTTPException(404, "没有这个文件。")
    if name == "staffing":
        report = await counties.result_async("staffing_report", selected.county_code,
                                             selected.school_year, staffing_report,
                                             stamp=selected.stamp)
        body = xlsx_bytes(staffing_sheets(report))
    else:
        pages = await _pages(counties, selected)
        if pages.rotation is None:
            raise HTTPException(404, pages.rotation_error or "没有交流轮岗方案。")
        body = xlsx_bytes(rotation_sheets(pages.rotation))
    filename = quote(DOWNLOADS[name])
    return Response(body, media_type=XLSX,
                    headers={"Content-Disposition": f"attachment; filename*=UTF-8''{filename}"})


@router.get("/schools/{school_id}/teachers")
async def school_teachers(request: Request, school: SchoolInScope, principal: Viewer,
                          selected: Selected, counties: Counties) -> Response:
    pages = await _pages(counties, selected)
    return render(request, "school_teachers.html", principal=principal, selected=selected,
                  active="school_teachers", title=f"{school['name']} · 教师",
                  school_row=school, rotation=pages.rotation,
                  rotation_error=pages.rotation_error,
                  **for_school(pages, school["school_id"]))
