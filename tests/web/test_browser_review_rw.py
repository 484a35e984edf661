"""Review rw in a real browser (Debian's chromium, headless; skipped without it): the chosen
均衡评估 tab and the 填报审核 tab read dark on white, a finished plan's state stays on one line
beside a long message with its bar at full width, the options table's 项目 column keeps its
width, and the 布局调整 paragraph on /evaluation opens on demand below the tabs."""

from __future__ import annotations

import pytest

from junheng.io import example_county
from junheng.jobs.layout import write_layout_document
from junheng.planning.layout_json import write_layout_json
from junheng.web.worker import LayoutJobs

from .test_browser_plans import planner_page
from .test_layout_options_page import _options_plan

pytestmark = pytest.mark.browser

INK = "rgb(31, 41, 51)"  # app.css --ink #1f2933
LONG = "未满足的规则：" + "走读单程不超过 30 分钟：36 人超过（某校 12 人）；" * 40


def _finished_job(root) -> str:
    """A plan with both options and its Word document, finished with a ~1,200-character
    message (rw 3: the whole rule list stood beside the state)."""
    jobs = LayoutJobs(store_url="sqlite://", root=root / "layout")
    job_id = jobs.create(county_code="410306", school_year=2025, config={"name": "甲"},
                         username="admin", kind="layout")
    plan = _options_plan()
    write_layout_json(plan, jobs.job_dir(job_id) / "plan.json")
    write_layout_document(plan, example_county(), jobs.job_dir(job_id))
    jobs.finish(job_id, LONG)
    return job_id


def test_tabs_state_and_columns_are_readable(tmp_path):
    job_id = _finished_job(tmp_path)
    with planner_page(tmp_path) as (page, base):
        for path in ("/evaluation", "/submissions"):
            page.goto(f"{base}{path}")
            tab = page.locator("nav.tabs a.on")
            assert tab.evaluate("a => getComputedStyle(a).color") == INK, path
            assert tab.evaluate("a => getComputedStyle(a).backgroundColor") == "rgb(255, 255, 255)"
        # the paragraph is folded under the tabs: shut until its summary is clicked
        paragraph = page.goto(f"{base}/evaluation") and page.locator("#layout-paragraph")
        assert not paragraph.is_visible()
        page.locator("#layout-summary summary").click()
        assert paragraph.is_visible()
        page.goto(f"{base}/plans/layout/jobs/{job_id}")
        state = page.locator("#job-progress .state").bounding_box()
        line = page.locator("#job-progress .state").evaluate(
            "s => parseFloat(getComputedStyle(s).lineHeight)")
        assert state["height"] <= line + 1  # 已完成 on one line (was one character per line)
        assert page.locator("#job-progress progress").bounding_box()["width"] == 320
        first = page.locator("#options-table tbody td").first.bounding_box()
        size = page.locator("#options-table tbody td").first.evaluate(
            "td => parseFloat(getComputedStyle(td).fontSize)")
        assert first["width"] >= 14 * size  # min-width 14em (was ~4 characters)
