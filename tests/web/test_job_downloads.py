"""A plan job's page links only the files its folder holds, each saved under a Chinese name
(the county's name and what the file is, as the 评估结果 download), and the demo's system user
reads as 示例数据."""

from __future__ import annotations

import json
import zlib
from datetime import date
from urllib.parse import quote

import pytest

from compliance_builders import cost_file, county, primary_school
from junheng.planning.compliance import plan_compliance
from junheng.planning.compliance_costs import load_costs
from junheng.planning.compliance_county import current_students
from junheng.planning.compliance_json import write_compliance_json

from .test_layout_docs import _job as layout_job
from .test_overlay_page import HENAN, _upload

JOB = "20260101000000-abcdef01"
COMPLIANCE = f"/plans/compliance/jobs/{JOB}"


def _disposition(name: str, suffix: str) -> str:
    # the ASCII fallback: the name's CRC-32 in ten digits, so each file keeps its own name
    return f"attachment; filename=\"{zlib.crc32(name.encode()):010d}{suffix}\"; filename*=UTF-8''{quote(name)}"


def _compliance_job(app, tmp_path, username: str) -> None:
    """A finished 达标路径 as the worker leaves it, with plan.json only (no after.xlsx)."""
    data = county(primary_school("A", 1000, sports_area=10.0),
                  primary_school("B", 1000, sports_area=6.6, equipment_value=1800.0),
                  primary_school("C", 1000, sports_area=22.7))
    plan = plan_compliance(data, current_students(data), 2026,
                           costs=load_costs(cost_file(tmp_path)), plan_date=date(2026, 6, 1))
    job = app.state.web.jobs.root / JOB
    job.mkdir(parents=True)
    (job / "request.json").write_text(json.dumps(
        {"county_code": "410306", "school_year": 2025, "kind": "compliance",
         "config": {"name": "2026 学年达标", "time_limit": 20}, "username": username,
         "created_at": "2026-01-01T00:00:00"}), encoding="utf-8")
    (job / "progress.json").write_text(json.dumps(
        {"state": "done", "fraction": 1.0, "message": "计算完成"}), encoding="utf-8")
    write_compliance_json(plan, job / "plan.json")


def test_a_compliance_job_links_only_the_files_it_wrote(app, as_user, tmp_path):
    admin = as_user("admin")
    _compliance_job(app, tmp_path, "demo")
    page = admin.get(COMPLIANCE).text
    assert (f'<p class="downloads">下载：<a href="{COMPLIANCE}/files/plan.json">'
            "方案数据（供系统导入）</a></p>") in page
    assert "实施后的县域工作簿" not in page
    assert "发起人 示例数据 · " in page and "发起人 demo" not in page
    assert "<td>示例数据</td>" in admin.get("/plans/compliance").text  # 已计算的方案
    # once the worker writes the workbook after the plan, it is offered and downloads
    folder = app.state.web.jobs.root / JOB
    (folder / "after.xlsx").write_bytes(b"PK-after")
    (folder / "达标路径工作簿.xlsx").write_bytes(b"PK-plan")
    book = quote("达标路径工作簿.xlsx")
    page = admin.get(COMPLIANCE).text
    assert (f'<p class="downloads">下载：<a href="{COMPLIANCE}/files/{book}">整改项目清单（电子表格）</a>'
            f' · <a href="{COMPLIANCE}/files/after.xlsx">实施后的县域工作簿（可再次评估）</a>'
            f' · <a href="{COMPLIANCE}/files/plan.json">方案数据（供系统导入）</a></p>') in page
    after = admin.get(f"{COMPLIANCE}/files/after.xlsx")
    assert after.content == b"PK-after"
    assert after.headers["content-disposition"] == _disposition(
        "示例县达标路径实施后县域工作簿.xlsx", ".xlsx")
    workbook = admin.get(f"{COMPLIANCE}/files/{book}")
    assert workbook.content == b"PK-plan"
    assert workbook.headers["content-disposition"] == _disposition("示例县达标路径工作簿.xlsx", ".xlsx")
    assert admin.get(f"{COMPLIANCE}/files/{quote('整改措施.docx')}").status_code == 404
    assert admin.get(f"{COMPLIANCE}/files/plan.xlsx").status_code == 404


def test_a_compliance_job_written_before_the_chinese_names_still_offers_its_plan_xlsx(
        app, as_user, tmp_path):
    # a job folder the worker wrote before the workbook was 达标路径工作簿.xlsx holds plan.xlsx:
    # offered as before, saved under the name the documents cite
    admin = as_user("admin")
    _compliance_job(app, tmp_path, "demo")
    (app.state.web.jobs.root / JOB / "plan.xlsx").write_bytes(b"PK-old")
    page = admin.get(COMPLIANCE).text
    assert (f'<p class="downloads">下载：<a href="{COMPLIANCE}/files/plan.xlsx">整改项目清单（电子表格）</a>'
            f' · <a href="{COMPLIANCE}/files/plan.json">方案数据（供系统导入）</a></p>') in page
    old = admin.get(f"{COMPLIANCE}/files/plan.xlsx")
    assert old.content == b"PK-old"
    assert old.headers["content-disposition"] == _disposition("示例县达标路径工作簿.xlsx", ".xlsx")


def _layout_links(path: str, book: str, page: str) -> str:
    docx = quote("布局调整方案.docx")
    return (f'<p class="downloads">下载：<a href="{path}/files/{book}">方案表（电子表格）</a>'
            f' · <a href="{path}/files/plan.json">方案数据（供系统导入）</a>'
            f' · <a href="{path}/files/{page}">离线地图（网页）</a>'
            f' · <a href="{path}/files/{docx}">布局调整方案（文档）</a></p>')


def _layout_saved(admin, path: str, book: str, page: str) -> None:
    docx = quote("布局调整方案.docx")
    expected = {book: ("示例县布局调整方案工作簿.xlsx", ".xlsx"),
                "plan.json": ("示例县布局调整方案数据.json", ".json"),
                page: ("示例县布局方案地图.html", ".html"),
                docx: ("示例县布局调整方案.docx", ".docx")}
    for name, (saved, suffix) in expected.items():
        response = admin.get(f"{path}/files/{name}")
        assert response.status_code == 200, name
        assert response.headers["content-disposition"] == _disposition(saved, suffix), name


@pytest.mark.parametrize("book, page", [("布局调整方案工作簿.xlsx", "布局方案地图.html"),
                                        ("plan.xlsx", "map.html")])
def test_layout_downloads_are_saved_under_chinese_names(app, as_user, book, page):
    # a job folder written before the files had the names the documents cite holds plan.xlsx
    # and map.html: the same links, saved under the cited names
    admin = as_user("admin")
    job_id = layout_job(app, docx=True)
    path = f"/plans/layout/jobs/{job_id}"
    folder = app.state.web.jobs.job_dir(job_id)
    (folder / book).write_bytes(b"PK-plan")
    (folder / page).write_text("<html></html>", encoding="utf-8")
    other = quote("布局调整方案工作簿.xlsx") if book == "plan.xlsx" else "plan.xlsx"
    book, page = quote(book), quote(page)
    assert _layout_links(path, book, page) in admin.get(path).text
    _layout_saved(admin, path, book, page)
    assert admin.get(f"{path}/files/{other}").status_code == 404


def test_a_layout_job_without_its_files_offers_only_plan_json(app, as_user):
    job_id = layout_job(app)
    path = f"/plans/layout/jobs/{job_id}"
    page = as_user("admin").get(path).text
    assert (f'<p class="downloads">下载：<a href="{path}/files/plan.json">'
            "方案数据（供系统导入）</a></p>") in page
    assert as_user("admin").get(f"{path}/files/{quote('布局方案地图.html')}").status_code == 404
    assert as_user("admin").get(f"{path}/files/map.html").status_code == 404


def test_the_overlay_panel_names_the_standard_not_the_file(as_user):
    admin = as_user("admin")
    _upload(admin, "henan.yaml", HENAN.read_bytes())
    page = admin.get("/evaluation/overlay").text
    assert "<tr><th>覆盖文件</th><td>河南省补充标准</td></tr>" in page
    assert "henan.yaml" not in page


def test_the_workbook_after_the_plan_has_a_chinese_file_name(app, as_user, tmp_path):
    """rv2 finding 14: the 整改 job offered after.xlsx; the worker now writes
    达标路径实施后县域工作簿.xlsx (a job run before keeps after.xlsx, offered as before above)."""
    admin = as_user("admin")
    _compliance_job(app, tmp_path, "demo")
    folder = app.state.web.jobs.root / JOB
    (folder / "达标路径实施后县域工作簿.xlsx").write_bytes(b"PK-after")
    page = admin.get(COMPLIANCE).text
    link = f"{COMPLIANCE}/files/{quote('达标路径实施后县域工作簿.xlsx')}"
    assert f'<a href="{link}">实施后的县域工作簿（可再次评估）</a>' in page
    assert "after.xlsx" not in page
    after = admin.get(link)
    assert after.content == b"PK-after"
    assert after.headers["content-disposition"] == _disposition(
        "示例县达标路径实施后县域工作簿.xlsx", ".xlsx")


def test_two_downloads_never_share_the_ascii_fallback_name():
    """A client reading only ``filename=`` saved every file as report.xlsx (rw review finding 4)."""
    from junheng.web.deliverables_view import content_disposition

    names = ["洛北县布局调整方案工作簿.xlsx", "洛北县达标路径工作簿.xlsx", "洛北县就近划片方案.xlsx"]
    fallbacks = {content_disposition(n).split('"')[1] for n in names}
    assert len(fallbacks) == 3 and all(f.endswith(".xlsx") and f[:10].isdigit() for f in fallbacks)
