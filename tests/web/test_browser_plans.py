"""A planner in a real browser (Debian's chromium, headless; skipped without it): the
达标路径 form comes with the county's latest layout plan chosen, and the layout plan's page
shows the 保留原因 and 一至三年级远距离 tables with a new school's Chinese label."""

from __future__ import annotations

import time
from dataclasses import replace

import pytest

from junheng.planning.layout_json import write_layout_json
from junheng.web.worker import LayoutJobs

from .test_browser import example_server, signed_in_page
from .test_layout_page import _plan

pytestmark = pytest.mark.browser


def _layout_jobs(root) -> list[str]:
    jobs = LayoutJobs(store_url="sqlite://", root=root / "layout")
    made = []
    for name in ("旧方案", "新方案"):
        job_id = jobs.create(county_code="410306", school_year=2025, config={"name": name},
                             username="admin", kind="layout")
        write_layout_json(replace(_plan(), scenario=name), jobs.job_dir(job_id) / "plan.json")
        jobs.finish(job_id, "规划完成")
        made.append(job_id)
        time.sleep(1.1)  # job ids sort by the second they were made
    return made


def test_the_planner_sees_the_latest_layout_plan_chosen_and_its_tables(tmp_path):
    from playwright.sync_api import sync_playwright

    made = _layout_jobs(tmp_path)
    with example_server(tmp_path, {"admin": {"role": "admin", "county_code": "410306"}}) as base, \
            sync_playwright() as playwright:
        page = signed_in_page(playwright, base)
        page.goto(f"{base}/plans/compliance")
        assert page.locator("select[name=layout_job]").input_value() == made[1]
        page.goto(f"{base}/plans/layout/jobs/{made[1]}")
        assert page.locator("#kept-reasons tbody tr").count() == 2
        far = page.locator("#young-far tbody tr")
        assert far.count() == 2
        assert far.nth(1).locator("td").nth(1).inner_text() == "新建学校（城东社区片区）"
        assert page.get_by_role("link", name="方案数据（供系统导入）").is_visible()
        page.context.browser.close()
