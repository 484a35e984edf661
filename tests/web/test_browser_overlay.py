"""A county admin sets and clears the provincial overlay in a real browser (Debian's chromium,
headless): htmx swaps the panel in place, a bad file shows the loader's message, and the
evaluation pages name the thresholds; skipped without /usr/bin/chromium."""

from __future__ import annotations

from pathlib import Path

import pytest

from .test_browser import example_server, signed_in_page

pytestmark = pytest.mark.browser
HENAN = Path(__file__).resolve().parents[2] / "examples" / "overlays" / "henan.yaml"


@pytest.fixture
def server(tmp_path):
    with example_server(tmp_path, {"admin": {"role": "admin", "county_code": "410306"}}) as base:
        yield base


def test_an_admin_uploads_a_bad_then_a_good_overlay_and_clears_it(server, tmp_path):
    from playwright.sync_api import sync_playwright

    bad = tmp_path / "bad.yaml"
    bad.write_text("name: 某省\nstandards: {basic-2012: {books: 1}}\n", encoding="utf-8")
    with sync_playwright() as playwright:
        page = signed_in_page(playwright, server)
        page.goto(f"{server}/evaluation/overlay")
        panel = page.locator("#overlay-panel")
        assert "本县区按国家标准（未设省级补充标准）评估" in panel.inner_text()
        page.set_input_files("input[name=overlay_file]", str(bad))
        page.click("text=上传并设置")
        alert = panel.locator("[role=alert]")
        alert.wait_for()
        assert (
            "覆盖文件 bad.yaml 中的指标代码“books”在标准 basic-2012 中不存在" in alert.inner_text()
        )
        assert page.url == f"{server}/evaluation/overlay"  # swapped in place, no navigation
        page.set_input_files("input[name=overlay_file]", str(HENAN))
        page.click("text=上传并设置")
        page.locator("text=本县区按河南省补充标准评估").wait_for()
        assert "“学前三年毛入园率达到 90% 以上”阈值 85.0% → 90.0%" in panel.inner_text()
        page.goto(f"{server}/evaluation/preschool")
        assert "阈值依据：河南省补充标准" in page.locator(".basis").inner_text()
        page.goto(f"{server}/evaluation/overlay")
        page.once("dialog", lambda dialog: dialog.accept())
        page.click("text=清除省级补充标准")
        page.locator("text=已清除省级补充标准“河南省”").wait_for()
        page.goto(f"{server}/")
        assert "阈值依据：国家标准（未设省级补充标准）" in page.locator(".basis").inner_text()
        page.context.browser.close()
