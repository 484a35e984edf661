"""The 交流轮岗 plan in a real browser (review rvweb 9): /teachers renders at once with
「交流轮岗方案计算中…」 and a progress bar; htmx polls it and reloads the page when the worker
is done, which then shows the stored list with its stamp; skipped without /usr/bin/chromium."""

from __future__ import annotations

import pytest

from .test_browser import example_server, signed_in_page

pytestmark = pytest.mark.browser


def test_the_teachers_page_loads_the_list_when_the_job_is_done(tmp_path):
    from playwright.sync_api import sync_playwright

    users = {"admin": {"role": "admin", "county_code": "410306"}}
    with example_server(tmp_path, users) as server, sync_playwright() as playwright:
        page = signed_in_page(playwright, server)
        page.goto(f"{server}/teachers")
        assert "交流轮岗方案计算中…" in page.locator("#rotation-calculating").inner_text()
        assert page.locator("#job-progress progress").count() == 1
        # no click: the poll reloads the page once the job is done
        page.locator("#rotation-stamp").wait_for(timeout=120_000)
        assert page.locator("#rotation-calculating").count() == 0
        text = page.locator("text=应交流不少于 5 名，安排 5 名").first.inner_text()
        assert "最优（与下界差 0%，在容差 0.01% 内）" in text
        assert page.locator("#rotation-again button").inner_text() == "重新计算"
        page.context.browser.close()
