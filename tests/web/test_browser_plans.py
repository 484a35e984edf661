"""A planner in a real browser (Debian's chromium, headless; skipped without it): the
达标路径 form comes with the county's latest layout plan chosen, and the layout plan's page
shows the 保留原因 and 一至三年级远距离 tables with a new school's Chinese label, the
comparison with the plan without new schools and the 布局调整方案 (Word) to download, which the
evaluation page offers too."""

from __future__ import annotations

import time
from contextlib import contextmanager
from dataclasses import replace

import pytest
from docx import Document

from junheng.io import example_county
from junheng.jobs.layout import write_layout_document
from junheng.planning.layout_json import write_layout_json
from junheng.web.worker import LayoutJobs

from .test_browser import example_server, signed_in_page
from .test_layout_docs import TERMS, WITHOUT
from .test_layout_page import _plan

pytestmark = pytest.mark.browser


def _layout_jobs(root) -> list[str]:
    """Two finished plans; the newer opens a new school, is compared with the plan without
    new schools and has its Word document, as the worker writes them."""
    jobs = LayoutJobs(store_url="sqlite://", root=root / "layout")
    made = []
    for name, notes in (("旧方案", ()), ("新方案", (WITHOUT, TERMS))):
        job_id = jobs.create(county_code="410306", school_year=2025, config={"name": name},
                             username="admin", kind="layout")
        plan = replace(_plan(), scenario=name, notes=notes)
        write_layout_json(plan, jobs.job_dir(job_id) / "plan.json")
        if notes:
            write_layout_document(plan, example_county(), jobs.job_dir(job_id))
        jobs.finish(job_id, "规划完成")
        made.append(job_id)
        time.sleep(1.1)  # job ids sort by the second they were made
    return made


@contextmanager
def planner_page(tmp_path):
    """The example county's admin signed in to the app in chromium; yields (page, its URL)."""
    from playwright.sync_api import sync_playwright

    with example_server(tmp_path, {"admin": {"role": "admin", "county_code": "410306"}}) as base, \
            sync_playwright() as playwright:
        page = signed_in_page(playwright, base)
        yield page, base
        page.context.browser.close()


def test_the_planner_sees_the_latest_layout_plan_chosen_and_its_tables(tmp_path):
    made = _layout_jobs(tmp_path)
    with planner_page(tmp_path) as (page, base):
        page.goto(f"{base}/plans/compliance")
        assert page.locator("select[name=layout_job]").input_value() == made[1]
        page.goto(f"{base}/plans/layout/jobs/{made[1]}")
        assert page.locator("#kept-reasons tbody tr").count() == 2
        far = page.locator("#young-far tbody tr")
        assert far.count() == 2
        assert far.nth(1).locator("td").nth(1).inner_text() == "新建学校（城东社区片区）"
        assert page.get_by_role("link", name="方案数据（供系统导入）").is_visible()
        _the_comparison_and_the_word_document(page, base, made[1])


def _the_comparison_and_the_word_document(page, base: str, job_id: str) -> None:
    """The panel 方案乙（不新建学校）与方案甲（新建学校）的比较 reads as a table and a list; the plan's Word document
    downloads from its page and from the evaluation page beside the 自评报告."""
    panel = page.locator("#without-new")
    assert panel.get_by_role("heading", name="方案乙（不新建学校）与方案甲（新建学校）的比较").is_visible()
    rows = panel.locator("table tbody tr")
    assert rows.count() == 8
    assert rows.nth(0).locator("td").all_inner_texts() == [
        "建设投资（含接收学校补足生均面积）", "650.00 万元", "3,000.00 万元"]
    # the score follows the money rows, in plain words (planner review item 1)
    assert rows.nth(2).locator("td").first.inner_text() == \
        "综合评价值（支出加上对通行时间、面积缺口等的折算，越低越好）"
    _the_notes_fold_away(page)
    assert panel.locator("li").all_inner_texts() == [
        "计入综合评价值的财政支出每年多 300,000 元（运行支出（不含按生均公用经费基准定额测算的公用经费和新聘教师人员经费）多 600,000 元、"
        "建设投资年均摊少 300,000 元）", "权重（不是支出）每年多 500,000 元（通行时间折算多 500,000 元）"]
    with page.expect_download() as download:
        page.get_by_role("link", name="布局调整方案（文档）").click()
    assert download.value.suggested_filename == "示例县布局调整方案.docx"  # the county and the document, no job id
    title = Document(download.value.path()).paragraphs[0].text
    assert title == "洛阳市示例县义务教育学校布局调整方案（新方案，规划年 2030 学年）"
    page.goto(f"{base}/evaluation")
    with page.expect_download() as again:
        page.get_by_role("link", name="布局调整方案（文档）").click()
    assert again.value.suggested_filename == download.value.suggested_filename
    # the 自评报告's paragraph on the plan stands beside its download (planner review item 6)
    page.locator("#layout-summary summary").click()  # folded (review rw 9)
    assert page.locator("#layout-paragraph").inner_text().startswith(
        "布局调整方案“新方案”（目标学年 2030）：撤并教学点 1 个，扩建 1 所，新建 1 所。")


def _the_notes_fold_away(page) -> None:
    """Under the comparison a few short notes; the full 说明 open from 更多说明 (planner review
    item 2: fourteen paragraphs stood there)."""
    section = page.locator("section.panel", has=page.get_by_role("heading", name="调整前后对比"))
    # the basis, the money, where the rest is: none of this plan's notes asks for work
    assert section.locator(":scope > p.note").count() == 3
    more = page.locator("#more-notes")
    first = more.locator("p.note").first
    assert not first.is_visible()
    more.locator("summary").click()
    assert first.is_visible()
