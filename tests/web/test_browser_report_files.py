"""An inspector clicks 自评报告 on the evaluation page in a real browser (Debian's chromium,
headless; skipped without it unless JUNHENG_TEST_BROWSER_REQUIRED=1): the link says the file
is being built, the file arrives when built, and a second click saves the stored file at once
(brief hweb3 item 1)."""

from __future__ import annotations

import time

import pytest

from .test_browser import example_server, signed_in_page

pytestmark = pytest.mark.browser

NAME = "示例县2025学年优质均衡自评报告.docx"


@pytest.fixture
def server(tmp_path):
    """The app with the example county imported and an inspector account."""
    with example_server(tmp_path, {"inspector": {"role": "inspector",
                                                 "county_code": "410306"}}) as base:
        yield base


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
