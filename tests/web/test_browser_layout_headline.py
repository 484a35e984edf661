"""Review rvweb 2 in a real browser (Debian's chromium, headless; skipped without it): the layout
job page's headline says the status as the document does and counts the unmet rules once."""

from __future__ import annotations

from dataclasses import replace

import pytest

from junheng.planning.layout_json import write_layout_json
from junheng.web.worker import LayoutJobs

from .test_browser_plans import planner_page
from .test_layout_headline_count import CVS
from .test_layout_page import _plan

pytestmark = pytest.mark.browser

SAID = "1 项（不含差异系数）；差异系数 2 项超过限值（均为不调整布局时已超限、本方案未使其变差，须另行整改）"


def test_the_headline_reads_the_documents_status_and_one_count(tmp_path):
    jobs = LayoutJobs(store_url="sqlite://", root=tmp_path / "layout")
    job_id = jobs.create(county_code="410306", school_year=2025, config={"name": "甲"},
                         username="admin", kind="layout")
    # _plan: one rule unmet (王后庄村四至六年级 9 人 35.0 分钟 > 30); CVS: 2 初中 CVs over their limits
    write_layout_json(replace(_plan(), gap=0.000078, evaluation=CVS), jobs.job_dir(job_id) / "plan.json")
    jobs.finish(job_id, "规划完成")
    with planner_page(tmp_path) as (page, base):
        page.goto(f"{base}/plans/layout/jobs/{job_id}")
        assert page.locator("#status-said").inner_text() == (
            f"求解目标在设定权重和计入额下最优（与下界差 0.0078%，在容差 0.01% 内）；未满足规则 {SAID} · 目标学年 2030")
        figure = page.locator("#headline-figures tr", has_text="未满足的规则").locator("td")
        assert figure.inner_text() == SAID
        assert page.locator("#unmet-rules summary").inner_text() == f"未满足的规则：{SAID}"
