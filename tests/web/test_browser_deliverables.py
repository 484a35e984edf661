"""An inspector downloads the 自评报告 and the inspection tables from the evaluation page in a
real browser (Debian's chromium, headless); skipped without /usr/bin/chromium."""

from __future__ import annotations

import openpyxl
import pytest
from docx import Document

from .test_browser import CHROMIUM, CHROMIUM_ARGS, example_server

pytestmark = pytest.mark.browser


@pytest.fixture
def server(tmp_path):
    """The app with the example county imported and an inspector account."""
    with example_server(tmp_path, {"inspector": {"role": "inspector",
                                                 "county_code": "410306"}}) as base:
        yield base


def test_an_inspector_downloads_the_self_report_and_the_inspection_tables(server, tmp_path):
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS,
                                             headless=True)
        context = browser.new_context(accept_downloads=True, locale="zh-CN")
        page = context.new_page()
        page.goto(f"{server}/login")
        page.fill("input[name=username]", "inspector")
        page.fill("input[name=password]", "browser-test-pw")
        page.click("button[type=submit]")
        page.wait_for_url(f"{server}/")
        page.goto(f"{server}/evaluation")
        with page.expect_download(timeout=60_000) as report:
            page.click("text=自评报告（文档）")
        assert report.value.suggested_filename == "示例县2025学年优质均衡自评报告.docx"
        docx = tmp_path / "自评报告.docx"
        report.value.save_as(docx)
        with page.expect_download(timeout=60_000) as tables:
            page.click("text=督导评估检查用表（电子表格）")
        assert tables.value.suggested_filename == "示例县2025学年优质均衡督导评估检查用表.xlsx"
        xlsx = tmp_path / "检查用表.xlsx"
        tables.value.save_as(xlsx)
        context.close()
        browser.close()
    headings = [p.text for p in Document(str(docx)).paragraphs if p.style.name == "Heading 1"]
    assert "八、整改措施" in headings
    assert openpyxl.load_workbook(xlsx).sheetnames == ["表一 各校指标", "表二 差异系数", "表三 政府保障"]
