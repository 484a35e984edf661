"""The web's 自评报告 summarises the layout plan the evaluation page offers beside it, as the
CLI's and the demo's do (lead's round-2 brief: the web gave the report no layout plan, so its
整改措施 lacked the 实施学校布局调整 section the page's #layout-summary panel quotes)."""

from __future__ import annotations

import io
import re
from dataclasses import replace

import pytest
from docx import Document

from junheng.io import example_county
from junheng.jobs.layout import write_layout_document
from junheng.planning.layout_json import write_layout_json
from junheng.web.worker import LayoutJobs

from .test_browser import example_server, signed_in_page
from .test_layout_docs import _job
from .test_layout_page import _plan

# _plan(): 甲村教学点 closed, 城关第一小学 expanded, 城东社区片区新建学校 opened; target 2030,
# data year 2025, here in 2 phases: 2025 + 1 = 2026 to 2025 + 2 = 2027; no metrics, so no money.
SUMMARY = ("布局调整方案“城区方案”（目标学年 2030）：撤并教学点 1 个，扩建 1 所，新建 1 所。"
           "先建后撤：学校在接收学校扩建完成后的下一期撤并；其余撤并按现有在校生由少到多分期实施，规模最小的先撤并。")
PARAGRAPH = SUMMARY + (
    "各校调整项目、实施期次、调整前后对比、差异系数和求解信息见《布局调整方案》，"
    "逐校明细见《布局调整方案工作簿》的“调整方案”表。")


def _layout_section(content: bytes) -> tuple[str, str] | None:
    """The heading of 整改措施's layout section and its paragraphs (a sentence each, htext2 1)
    joined, None without one."""
    paragraphs = Document(io.BytesIO(content)).paragraphs
    for k, p in enumerate(paragraphs):
        if p.style.name == "Heading 2" and p.text.endswith("实施学校布局调整"):
            rest = [q for q in paragraphs[k + 1:] if q.style.name.startswith("Heading")]
            end = paragraphs.index(rest[0]) if rest else len(paragraphs)  # the next heading
            return p.text, "".join(q.text for q in paragraphs[k + 1:end])
    return None


def test_the_self_report_summarises_the_plan_the_evaluation_page_offers(app, as_user):
    admin = as_user("admin")
    url = "/evaluation/files/self-report?standard=quality-2017"
    assert _layout_section(admin.get(url).content) is None  # no plan yet
    _job(app, docx=False, plan=replace(_plan(), phases=2), name="无文档方案")
    assert _layout_section(admin.get(url).content) is None  # not offered on the page either
    _job(app, docx=True, plan=replace(_plan(), phases=2), name="城区方案")
    # a new plan is a new report, not the one cached before it; its section is the third of
    # 整改措施: （一）补足学校办学条件, （二）落实政府保障责任 (the example county misses items)
    assert _layout_section(admin.get(url).content) == ("（三）实施学校布局调整", PARAGRAPH)
    page = admin.get("/evaluation").text
    shown = re.search(r'<p id="layout-paragraph">(.*?)</p>', page, re.S).group(1)
    assert shown == SUMMARY + "各校调整项目、实施期次和调整前后对比见上方“布局调整方案（文档）”。"
    basic = admin.get("/evaluation/files/self-report?standard=basic-2012").content
    assert _layout_section(basic)[1] == PARAGRAPH


def test_the_preschool_report_has_no_layout_section(app, as_user):
    """The layout plan adjusts the compulsory schools: the page offers it only there."""
    _job(app, docx=True, plan=replace(_plan(), phases=2), name="城区方案")
    content = as_user("admin").get("/evaluation/files/self-report?standard=preschool-2020").content
    assert _layout_section(content) is None


@pytest.mark.browser
def test_the_report_downloaded_in_a_browser_has_the_layout_section(tmp_path):
    """The county's plan as the worker leaves it; the 自评报告 clicked on the evaluation page."""
    from playwright.sync_api import sync_playwright

    jobs = LayoutJobs(store_url="sqlite://", root=tmp_path / "layout")
    job_id = jobs.create(county_code="410306", school_year=2025, config={"name": "城区方案"},
                         username="admin", kind="layout")
    plan = replace(_plan(), scenario="城区方案", phases=2)
    write_layout_json(plan, jobs.job_dir(job_id) / "plan.json")
    write_layout_document(plan, example_county(), jobs.job_dir(job_id))
    jobs.finish(job_id, "规划完成")
    with example_server(tmp_path, {"admin": {"role": "admin", "county_code": "410306"}}) as base, \
            sync_playwright() as playwright:
        page = signed_in_page(playwright, base)
        page.goto(f"{base}/evaluation")
        with page.expect_download(timeout=60_000) as report:
            page.get_by_role("link", name="自评报告（文档）").click()
        content = report.value.path().read_bytes()
        page.context.browser.close()
    assert _layout_section(content) == ("（三）实施学校布局调整", PARAGRAPH)
