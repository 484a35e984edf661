"""An admin enters a manual ledger value with an evidence file in a real browser (Debian's
chromium, headless) and sees the target's status change; skipped without /usr/bin/chromium."""

from __future__ import annotations

import pytest

from .test_browser import plans_server, signed_in_page

pytestmark = pytest.mark.browser
TARGET = "编制学校布局三年专项规划"


@pytest.fixture
def server(tmp_path):
    """The app with the example county imported, the example plans and a county admin."""
    yield from plans_server(tmp_path, "admin")


def _status(page) -> str:
    row = page.locator("tr", has=page.locator(f"td[title]:text-is('{TARGET}')"))
    return row.locator("span.status").inner_text()


def test_an_admin_enters_a_manual_value_with_a_file_and_sees_the_status_change(server,
                                                                                 tmp_path):
    from playwright.sync_api import sync_playwright

    evidence = tmp_path / "布局规划批复.pdf"
    evidence.write_bytes(b"%PDF-1.4 approval")
    with sync_playwright() as playwright:
        page = signed_in_page(playwright, server)
        page.goto(f"{server}/ledger?plan=mengjin")
        assert _status(page) == "待填报"
        page.select_option("select[name=target]", label=f"{TARGET}（是/否）")
        page.select_option("select[name=year]", "2025")
        page.fill("input[name=value]", "是")
        page.fill("input[name=date]", "2025-06-30")
        page.fill("input[name=note]", "区政府常务会议通过")
        page.set_input_files("input[name=files]", str(evidence))
        page.click("text=保存填报")
        page.wait_for_url("**/ledger?plan=mengjin&entered=layout_plan*")
        assert _status(page) == "已达成"
        assert page.locator("a", has_text="布局规划批复.pdf").count() == 1
        assert "已保存填报" in page.content()
        page.context.browser.close()
