"""Uploads cannot take the server down (issue 14, item 2).

A 4 KB workbook with one cell at XFD1048576 made the reader abort, and in the web it took the
whole ``junheng serve`` process with it. Now the scan refuses it with a Chinese page, and
uploads are read in a child process: a file that exhausts the child's memory ends the child,
the page says so, and the next upload works.
"""

from __future__ import annotations

from fuzz.workbooks import xlsx_from_sheets
from junheng.io import example_county, write_workbook

from .conftest import close_app, csrf_of, login, make_app

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _upload(client, content: bytes, name: str):
    return client.post("/import", data={"csrf_token": csrf_of(client, "/import")},
                       files={"file": (name, content, XLSX)})


def test_the_4_kb_workbook_that_killed_the_server_gets_a_chinese_page(as_user):
    admin = as_user("admin")
    content = xlsx_from_sheets({"学校": '<sheetData><row r="1"><c r="A1"><v>1</v></c></row>'
                                       '<row r="1048576"><c r="XFD1048576"><v>1</v></c></row>'
                                       '</sheetData>'})
    response = _upload(admin, content, "攻击.xlsx")
    assert response.status_code == 422
    assert "工作表“学校”的单元格 XFD1048576 超出可读取的范围" in response.text
    assert admin.get("/").status_code == 200


def test_a_file_that_exhausts_the_readers_memory_ends_the_child_not_the_server(
        db_url, tmp_path):
    from fastapi.testclient import TestClient

    # Within the scan's bounds (4,975,000 cells), but more than 64 MB for the grid.
    heavy = xlsx_from_sheets({"学校": '<sheetData><row r="1"><c r="A1"><v>1</v></c></row>'
                                     '<row r="199000"><c r="Y199000"><v>1</v></c></row>'
                                     '</sheetData>'})
    app = make_app(db_url, tmp_path, upload_memory_bytes=64 * 1024**2)
    try:
        with TestClient(app, follow_redirects=False) as admin:
            assert login(admin, "admin").status_code == 303
            died = _upload(admin, heavy, "大表.xlsx")
            assert died.status_code == 422
            assert "无法读取“大表.xlsx”：读取程序在解析该文件时异常退出" in died.text
            assert admin.get("/").status_code == 200
            data = example_county()
            good = write_workbook(data.__class__({**data.info, "school_year": 2026},
                                                 data.tables), tmp_path / "g.xlsx")
            again = _upload(admin, good.read_bytes(), "示例县2026.xlsx")
            assert again.status_code == 200
            assert "检查通过：示例县2026.xlsx" in again.text
    finally:
        app.state.web.workbook_reader.close()
        close_app(app)
