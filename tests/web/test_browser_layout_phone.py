"""Review rw finding 2 in a real browser (Debian's chromium, headless; skipped without it): on
a phone (390 x 844) a finished layout plan's headline figures and downloads stand in the first
screen, the long text folded below them, and nothing overflows sideways."""

from __future__ import annotations

import pytest

from junheng.planning.layout_json import write_layout_json
from junheng.web.worker import LayoutJobs

from .test_browser_plans import planner_page
from .test_layout_options_page import _options_plan

pytestmark = pytest.mark.browser

PHONE = {"width": 390, "height": 844}


def test_the_downloads_are_in_the_first_screen_of_a_phone(tmp_path):
    jobs = LayoutJobs(store_url="sqlite://", root=tmp_path / "layout")
    job_id = jobs.create(county_code="410306", school_year=2025, config={"name": "甲"},
                         username="admin", kind="layout")
    write_layout_json(_options_plan(), jobs.job_dir(job_id) / "plan.json")
    jobs.finish(job_id, "规划完成")
    with planner_page(tmp_path) as (page, base):
        page.set_viewport_size(PHONE)
        page.goto(f"{base}/plans/layout/jobs/{job_id}")
        downloads = page.locator("#result p.downloads").bounding_box()
        assert downloads["y"] + downloads["height"] <= PHONE["height"]  # no scrolling
        assert page.locator("#headline-figures").is_visible()
        first = page.locator("#result details").first
        assert first.bounding_box()["y"] > downloads["y"]  # the detail after the links
        spending = page.locator("#spending p")
        assert not spending.is_visible()  # folded until its heading is clicked
        page.locator("#spending summary").click()
        assert spending.inner_text().startswith("财政支出：")
        assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
