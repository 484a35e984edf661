"""An inspector downloads the 自评报告 and the inspection tables from the evaluation page in a
real browser (Debian's chromium, headless); skipped without /usr/bin/chromium. A click on a
file not built yet says so, and a second click saves the stored file at once (brief hweb3)."""

from __future__ import annotations

import time

import openpyxl
import pytest
from docx import Document

from .test_browser import CHROMIUM, CHROMIUM_ARGS, example_server, signed_in_page

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


NAME = "示例县2025学年优质均衡自评报告.docx"


def test_a_click_says_the_report_is_being_built_and_a_second_saves_it_at_once(server, tmp_path):
    from playwright.sync_api import expect, sync_playwright

    with sync_playwright() as playwright:
        page = signed_in_page(playwright, server, "inspector")
        page.goto(f"{server}/evaluation")
        with page.expect_download(timeout=120_000) as first:
            page.get_by_role("link", name="自评报告（文档）").click()
            # no file built yet: the first estimate (report_files.FIRST_ESTIMATE)
            expect(page.locator("#file-self-report")).to_contain_text(
                "正在生成自评报告（约 30 秒）…")
            expect(page.get_by_role("status")).to_be_visible()
        assert first.value.suggested_filename == NAME
        built = first.value.path().read_bytes()
        # the link is back: a second click saves the stored file, with no build
        link = page.get_by_role("link", name="自评报告（文档）")
        expect(link).to_be_visible()
        started = time.monotonic()
        with page.expect_download(timeout=10_000) as second:
            link.click()
        took = time.monotonic() - started
        assert page.locator("text=正在生成").count() == 0
        assert second.value.suggested_filename == NAME
        assert second.value.path().read_bytes() == built
        page.context.browser.close()
    assert took < 5, f"第二次下载用时 {took:.1f} 秒"
    [stored] = (tmp_path / "report-files").rglob("*.docx")
    assert stored.read_bytes() == built
