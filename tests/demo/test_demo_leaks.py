"""Nothing a user reads after ``junheng demo`` leaks the program (review 2026-12-04, findings 3
and 4): every paragraph and table cell of its Word documents, every text cell and sheet name
of its workbooks, the offline web report, and the pages of the web system started with the
command the demo prints, read with :func:`tests.web.leaks.leaks` (English identifiers and
setting names, ``None``, ``nan``, scientific notation…); a failure says where."""

from __future__ import annotations

import io
import re
import shlex
from contextlib import redirect_stdout
from pathlib import Path

import pytest
from docx import Document
from fastapi.testclient import TestClient
from openpyxl import load_workbook

from web.leaks import leaks, visible_text
from web.test_leaks import DATA_WORDS

# The county data workbook is the input format (docs/workbook.md): coordinates are WGS-84; its
# 县级指标 sheet leaves the 指标代码 of a listed 指标名称 empty (rv18 10: teacher_pay_ratio … showed).
ALLOWED = {"WGS", "demo"}  # "demo": the account the demo's plans are registered under


def docx_parts(path: Path) -> dict[str, str]:
    document = Document(str(path))
    return {"正文": "\n".join(p.text for p in document.paragraphs),
            **{f"表 {k}": "\n".join(c.text for row in t.rows for c in row.cells)
               for k, t in enumerate(document.tables, start=1)}}


def xlsx_parts(path: Path) -> dict[str, str]:
    parts = {}
    for ws in load_workbook(path, read_only=True).worksheets:
        cells = [v for row in ws.iter_rows(values_only=True)
                 for v in row if isinstance(v, str)]
        parts[ws.title] = "\n".join([ws.title, *cells])
    return parts


def found_in(out: Path) -> dict[str, dict[str, list[str]]]:
    """{file: {part: leaks}} over every Word, Excel and HTML file under ``out``."""
    found = {}
    for path in sorted(out.rglob("*")):
        name = str(path.relative_to(out))
        if path.suffix == ".docx":
            parts = docx_parts(path)
        elif path.suffix == ".xlsx":
            parts = xlsx_parts(path)
        elif path.suffix == ".html":
            parts = {"网页": visible_text(path.read_text(encoding="utf-8"))}
        else:
            continue
        found[name] = {part: f for part, text in parts.items() if (f := leaks(text, ALLOWED))}
    return found


@pytest.mark.slow
def test_no_document_or_workbook_of_the_demo_leaks_program_text(demo_run):
    found = found_in(demo_run.out)
    assert {"自评报告.docx", "布局调整方案.docx", "compliance/整改措施.docx", "layout/布局调整方案工作簿.xlsx",
            "compliance/达标路径工作簿.xlsx", "评估报表工作簿.xlsx", "招生预测工作簿.xlsx",
            "规划台账示例（孟津区）.xlsx"} <= set(found)
    assert sum(n.endswith("zones.xlsx") for n in found) == 2
    assert {name: parts for name, parts in found.items() if parts} == {}


def serve_command(run) -> list[str]:
    """The ``junheng serve`` arguments of the line the demo prints."""
    from junheng.cli.demo import print_summary

    printed = io.StringIO()
    with redirect_stdout(printed):
        print_summary(run)
    line = next(t for t in printed.getvalue().splitlines() if t.startswith("启动网页系统："))
    return shlex.split(re.search(r"junheng serve (.*?)，", line).group(1))


@pytest.mark.slow
def test_the_web_started_as_printed_shows_the_ledgers_and_leaks_nothing(demo_run):
    from junheng.web import create_app

    args = serve_command(demo_run)
    options = dict(zip(args[::2], args[1::2], strict=True))
    assert set(options) == {"--db", "--data-dir", "--plans-dir"}
    app = create_app(options["--db"], secret_key="demo-test-secret-0123456789abcdef",
                     data_dir=options["--data-dir"], plans_dir=options["--plans-dir"])
    admin, _, password = next(u for u in demo_run.users if u[1] == "admin")
    with TestClient(app) as client:
        page = client.get("/login").text
        token = re.search(r'<meta name="csrf-token" content="([^"]+)"', page).group(1)
        assert client.post("/login", data={"username": admin, "password": password,
                                           "csrf_token": token}).status_code in (200, 303)
        # review finding 4: the page listed no plan; the demo measured 孟津区's and 中牟县's
        ledger = client.get("/ledger").text
        assert "未找到规划文件" not in ledger
        assert all(f'href="/ledger?plan={p}"' in ledger for p in ("mengjin", "zhongmou"))
        assert "<h2>示例：《孟津区" in client.get("/ledger?plan=mengjin").text
        pages = main_pages(client)
    assert sum(p.startswith(("/plans/layout/jobs/", "/plans/compliance/jobs/")) for p in pages) == 2
    assert sum(p.startswith("/plans/zones/") for p in pages) >= 2
    users = sorted((u[0] for u in demo_run.users), key=len, reverse=True)
    found = {path: leaks(_without(text, users), ALLOWED | DATA_WORDS)
             for path, text in pages.items()}
    assert {path: f for path, f in found.items() if f} == {}


MAIN = ("/", "/evaluation", "/schools", "/teachers", "/forecast", "/class-size", "/plans/layout",
        "/plans/compliance", "/plans/zones", "/ledger")
PLAN_PAGE = re.compile(r'href="(/plans/(?:layout|compliance|zones)/[^"#?]+|/ledger\?plan=\w+)"')


def main_pages(client) -> dict[str, str]:
    """{path: visible text} of the main pages and every plan page they link to."""
    pages, queue = {}, list(MAIN)
    while queue:
        path = queue.pop(0)
        if path in pages:
            continue
        response = client.get(path, follow_redirects=True)
        assert response.status_code == 200, path
        if "text/html" not in response.headers.get("content-type", ""):
            continue
        pages[path] = visible_text(response.text)
        queue += [p for p in PLAN_PAGE.findall(response.text)
                  if not p.endswith((".xlsx", ".docx", ".json", ".zip", ".html", ".csv"))
                  and "/files/" not in p]
    return pages


def _without(text: str, names: list[str]) -> str:
    for name in names:
        text = text.replace(name, "")
    return text
