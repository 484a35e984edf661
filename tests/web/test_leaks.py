"""The leak crawler: every page each role can reach (following the links from 概览) and every
rendered report, read as a user reads them, holds no English identifier, stack trace,
``None``, ``nan``, scientific notation or UTC time (:mod:`tests.web.leaks`)."""

from __future__ import annotations

import io
import re
from collections import deque

import openpyxl
import pytest
from docx import Document

from .conftest import USERS
from .leaks import leaks, visible_text

ROLES = ("admin", "inspector", "school_a", "city_admin", "province_admin")
SKIP = re.compile(r"^/(static|logout)|/files/|\.(xlsx|docx|json|zip|pdf|html)$|^/login")
LIMIT = 150
# What users typed or the fixtures hold (user names, the import's source file and user, the
# test client's address), and the pinyin initials the school search takes (cgyx).
DATA_WORDS = {"example", "test", "testclient", "cgyx"}


def scrub(text: str) -> str:
    for name in sorted(USERS, key=len, reverse=True):
        text = text.replace(name, "")
    return text
HREF = re.compile(r'href="(/[^"#]*)"')


def crawl(client, start: str = "/", visit=None) -> dict[str, str]:
    """{path: visible text} of every page reachable from ``start`` by links (GET only);
    ``visit(path, html)`` also sees each page as served (the form crawler's hook)."""
    seen, queue, pages = {start}, deque([start]), {}
    while queue and len(pages) < LIMIT:
        path = queue.popleft()
        response = client.get(path, follow_redirects=True)
        if "text/html" not in response.headers.get("content-type", ""):
            continue
        pages[path] = scrub(visible_text(response.text))
        if visit is not None:
            visit(path, response.text)
        for link in HREF.findall(response.text):
            link = link.replace("&amp;", "&")
            if link not in seen and not SKIP.search(link):
                seen.add(link)
                queue.append(link)
    return pages


@pytest.mark.parametrize("role", ROLES)
def test_no_page_leaks_program_text(shared_user, role):
    pages = crawl(shared_user(role))
    assert len(pages) >= (3 if role == "school_a" else 15)
    found = {path: leaks(text, DATA_WORDS) for path, text in pages.items()}
    assert {path: f for path, f in found.items() if f} == {}


def test_error_pages_do_not_leak(shared_user):
    client = shared_user("inspector")
    for path in ("/schools/0000000000", "/evaluation/files/x", "/evaluation?year=二〇二五",
                 "/no-such-page"):
        response = client.get(path)
        assert response.status_code >= 400
        assert leaks(scrub(visible_text(response.text))) == [], path


def test_rendered_reports_do_not_leak(shared_user):
    client = shared_user("inspector")
    for standard in ("quality-2017", "basic-2012", "preschool-2020"):
        doc = Document(io.BytesIO(client.get(
            f"/evaluation/files/self-report?standard={standard}").content))
        text = "\n".join(p.text for p in doc.paragraphs)
        text += "\n".join(c.text for t in doc.tables for row in t.rows for c in row.cells)
        assert leaks(text) == [], standard
        for kind in ("inspection", "evaluation") if standard != "preschool-2020" else ():
            book = openpyxl.load_workbook(io.BytesIO(client.get(
                f"/evaluation/files/{kind}?standard={standard}").content))
            cells = "\n".join(str(c.value) for ws in book for row in ws.iter_rows() for c in row
                              if isinstance(c.value, str))
            assert leaks(cells + "\n".join(book.sheetnames)) == [], (kind, standard)


def test_the_offline_html_report_does_not_leak(tmp_path):
    from junheng.io import example_county
    from junheng.jobs.reports import write_reports

    paths = write_reports([example_county()], tmp_path)
    page = next(p for p in paths if p.suffix == ".html").read_text(encoding="utf-8")
    assert leaks(visible_text(page)) == []
