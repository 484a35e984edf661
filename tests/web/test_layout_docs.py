"""The web gives what the CLI gives: a layout plan that opens a new school is compared with
the plan without new schools (the two notes of ``junheng plan layout``, in a panel of their
own), and the plan's 布局调整方案.docx is offered on its page and beside the 自评报告.

The notes are written by the CLI's writers: :func:`without_new_schools_note` on hand figures,
and the term-by-term note of the module example of ``planning/layout_compare.py``."""

from __future__ import annotations

import re
import time
from dataclasses import replace
from pathlib import Path
from urllib.parse import quote

import pytest
from docx import Document

from junheng.jobs.layout import without_new_schools_note, write_layout_document
from junheng.planning.layout_json import write_layout_json
from junheng.planning.layout_outcome import LayoutOutcome
from junheng.web.worker import _solve_progress

from .conftest import COUNTY
from .leaks import visible_text
from .test_layout import _form, _wait
from .test_layout_page import _plan

# Hand figures of a plan opening 城东社区片区新建学校 (``_plan``) and of the same scenario
# without new sites; the note is written by the CLI's writer, the page reads it back.
AFTER = {"capital_cost_yuan": 30_000_000.0, "added_classrooms": 24, "mean_travel_min": 8.5,
         "travel_pupil_minutes": 1_200_000.0, "day_pupils_over_limit": 0, "boarders": 120,
         "operating_yuan": 9_000_000.0, "hire_staff_yuan": 2_000_000.0}
ALT_AFTER = {"capital_cost_yuan": 6_000_000.0, "receiver_area_yuan": 500_000.0,
             "added_classrooms": 14, "mean_travel_min": 14.25, "travel_pupil_minutes": 2_345_000.0,
             "day_pupils_over_limit": 12, "boarders": 300, "operating_yuan": 7_250_000.0}


def _without_note() -> str:
    plan = replace(_plan(), metrics={"before": {}, "after": AFTER}, objective=3_100_000.0)
    alt = LayoutOutcome("optimal", _plan().schools[:1], {"before": {}, "after": ALT_AFTER},
                        objective=3_600_000.0, gap=0.0)
    return without_new_schools_note(plan, alt)


WITHOUT = _without_note()
TERMS = (
    "方案乙与方案甲相比：计入综合评价值的财政支出每年多 300,000 元（运行支出（不含按生均公用经费基准定额测算的公用经费和新聘"
    "教师人员经费）多 600,000 元、建设投资年均摊少 300,000 元）；权重（不是支出）每年多 500,000 元（通行时间"
    "折算多 500,000 元）；综合评价值（两者之和）每年多 800,000 元。")
INFEASIBLE = ("方案乙（不新建学校：不设候选新校址，其他设置相同）：无可行方案，即不新建学校时方案甲的规则无法"
              "全部满足。")
DOCX_URL = quote("布局调整方案.docx")
DOCX_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def _job(app, *notes: str, docx: bool = False, year: int = 2025, name: str = "页面测试",
         plan: LayoutOutcome | None = None) -> str:
    """A finished layout job of the example county whose plan (``plan``, else :func:`_plan`)
    carries ``notes``."""
    jobs = app.state.web.jobs
    job_id = jobs.create(county_code=COUNTY, school_year=year, config={"name": name},
                         username="admin", kind="layout")
    plan = replace(plan or _plan(), notes=notes, scenario=name)
    write_layout_json(plan, jobs.job_dir(job_id) / "plan.json")
    if docx:
        write_layout_document(plan, app.state.web.store.load_county(COUNTY, 2025),
                              jobs.job_dir(job_id))
    jobs.finish(job_id, "规划完成")
    return job_id


def _panel(page: str) -> str:
    found = re.search(r'<section class="panel" id="without-new">.*?</section>', page, re.S)
    return found.group(0) if found else ""


def test_both_notes_are_shown_in_their_own_panel_as_a_table_and_a_list(app, as_user):
    job_id = _job(app, "甲说明。", WITHOUT, TERMS)
    page = as_user("admin").get(f"/plans/layout/jobs/{job_id}").text
    panel = _panel(page)
    assert "<h2>方案乙（不新建学校）与方案甲（新建学校）的比较</h2>" in panel
    assert "<p><b>方案乙（不新建学校：不设候选新校址，其他设置相同，按所设单价和权重测算，不新建学校条件下求解目标（综合评价值加计入额）最低（测算模型按表列建设和撤并如期实施计算））</b></p>" in panel
    rows = re.findall(r"<tr><td>(.*?)</td><td class=\"n\">(.*?)</td><td class=\"n\">(.*?)</td></tr>",
                      panel)
    assert rows == [
        ("建设投资（含接收学校补足生均面积）", "650.00 万元", "3,000.00 万元"),  # 6,000,000 + 500,000
        # the money first, then the score that adds the weights to it (planner review)
        ("每年运行支出", "725.00 万元",
         '900.00 万元<br><span class="meta">方案甲含新聘教师人员经费 200.00 万元</span>'),
        ("综合评价值（支出加上对通行时间、面积缺口等的折算，越低越好）", "360.00 万元", "310.00 万元"),
        ("新建普通教室", "14 间", "24 间"),  # a plan stored before: its 新增 count
        ("平均单程通行", "14.25 分钟", "8.50 分钟"),
        ("学生单程通行时间合计", "234.5 万人·分钟/年", "120.0 万人·分钟/年"),
        ("走读超时学生", "12 人", "0 人"),
        ("寄宿生", "300 人", "120 人")]
    # 30,000,000 − (6,000,000 + 500,000) once, 9,000,000 − 7,250,000 a year: dearer in money
    assert ("<p>方案甲（新建学校）新建城东社区片区新建学校；方案乙与方案甲相比，按财政支出计更省，一次性建设投资少 2,350.00 万元，每年运行支出少 "
            "175.00 万元（其中新聘教师人员经费少 200.00 万元，不计入综合评价值）；综合评价值更高（综合评价值不计"
            "新聘教师人员经费）。</p>") in panel
    assert "<p>方案乙与方案甲相比：</p>" in panel
    assert re.findall(r"<li>(.*?)</li>", panel) == [
        "计入综合评价值的财政支出每年多 300,000 元（运行支出（不含按生均公用经费基准定额测算的公用经费和新聘教师人员经费）多 600,000 元、"
        "建设投资年均摊少 300,000 元）", "权重（不是支出）每年多 500,000 元（通行时间折算多 500,000 元）"]
    assert "<p>综合评价值（两者之和）每年多 800,000 元。</p>" in panel
    # the notes are no longer among the 调整前后对比's 说明; the plan's other notes still are
    more = re.search(r'<details id="more-notes">.*?</details>', page, re.S).group(0)
    assert '<p class="note">甲说明。</p>' in more
    assert "方案乙（不新建学校：" not in page.replace(panel, "")
    assert "方案乙与方案甲相比" not in page.replace(panel, "")


def test_an_infeasible_alternative_reads_as_its_sentence(app, as_user):
    page = as_user("admin").get(f"/plans/layout/jobs/{_job(app, INFEASIBLE)}").text
    panel = _panel(page)
    assert f"<p>{INFEASIBLE}</p>" in panel and "<table" not in panel


def test_a_plan_without_a_new_school_has_no_panel(app, as_user):
    page = as_user("admin").get(f"/plans/layout/jobs/{_job(app, '甲说明。')}").text
    assert _panel(page) == "" and "方案乙（不新建学校）与方案甲（新建学校）的比较" not in page


def test_the_plans_page_offers_its_word_document(app, as_user):
    admin = as_user("admin")
    job_id = _job(app, WITHOUT, TERMS, docx=True)
    page = admin.get(f"/plans/layout/jobs/{job_id}").text
    url = f"/plans/layout/jobs/{job_id}/files/{DOCX_URL}"
    assert f'<a href="{url}">布局调整方案（文档）</a>' in page
    response = admin.get(url)
    assert response.status_code == 200
    assert response.headers["content-type"] == DOCX_TYPE
    assert response.headers["content-disposition"].endswith(
        "filename*=UTF-8''" + quote("示例县布局调整方案.docx"))
    path = Path(app.state.web.jobs.job_dir(job_id)) / "布局调整方案.docx"
    assert response.content == path.read_bytes()
    title = Document(str(path)).paragraphs[0].text
    assert title == "洛阳市示例县义务教育学校布局调整方案（页面测试，规划年 2030 学年）"
    # an inspector of the county reads it too; another county's admin does not
    assert as_user("inspector").get(url).status_code == 200
    assert as_user("other_admin").get(url).status_code == 403


def test_a_job_finished_without_the_document_offers_none(app, as_user):
    admin = as_user("admin")
    job_id = _job(app)
    assert "布局调整方案（文档）" not in admin.get(f"/plans/layout/jobs/{job_id}").text
    assert admin.get(f"/plans/layout/jobs/{job_id}/files/{DOCX_URL}").status_code == 404


EVALUATION_PAGES = ("/evaluation", "/evaluation/basic", "/evaluation/schools")


def test_the_report_pages_offer_the_layout_document_where_a_plan_has_one(app, as_user):
    admin = as_user("admin")
    for path in (*EVALUATION_PAGES, "/evaluation/preschool"):
        assert "布局调整方案" not in admin.get(path).text, path
    _job(app, docx=False)  # a plan without the document (finished before the worker wrote it)
    _job(app, docx=True, year=2024, name="上学年方案")  # another school year's plan
    for path in EVALUATION_PAGES:
        assert "布局调整方案" not in admin.get(path).text, path
    job_id = _job(app, docx=True, name="城区方案")
    url = f"/plans/layout/jobs/{job_id}/files/{DOCX_URL}"
    for path in EVALUATION_PAGES:
        page = admin.get(path).text
        assert f'<a class="button" href="{url}" download>布局调整方案（文档）</a>' in page, path
        assert "布局调整方案（文档）即本学年最近完成的布局调整方案“城区方案”，与布局规划页下载的相同。" in page, path
        assert 'href="/evaluation/files/self-report?standard=' in page, path
    # 学前普及普惠: the layout plan adjusts the compulsory schools, not the kindergartens
    assert "布局调整方案" not in admin.get("/evaluation/preschool").text
    assert admin.get(url).status_code == 200


def test_the_progress_names_the_solve_without_new_schools():
    """While the worker solves the plan without new schools, the bar runs over its own span
    and the message says which solve it is (a progress file without a step: 求解中)."""
    progress = _solve_progress({"state": "running", "fraction": 0.8, "end": 0.95,
                                "message": "方案甲新建学校：求解方案乙（不新建学校）",
                                "step": "求解方案乙（不新建学校）",
                                "solve_started": time.time() - 10_000, "time_limit_s": 60})
    assert progress["fraction"] == pytest.approx(0.95)
    assert re.fullmatch(r"求解方案乙（不新建学校）：已用 \d+ 秒（时间上限 60 秒）", progress["message"])
    older = _solve_progress({"state": "running", "fraction": 0.1, "message": "求解中",
                             "solve_started": time.time() - 10_000, "time_limit_s": 30})
    assert older["fraction"] == pytest.approx(0.95)
    assert re.fullmatch(r"求解中：已用 \d+ 秒（时间上限 30 秒）", older["message"])


@pytest.mark.slow
def test_the_worker_compares_a_plan_that_opens_a_new_school_and_writes_its_document(app,
                                                                                    as_user):
    """The example county with its junior school closed: the plan opens a new school at a
    town centre; without new sites no plan meets the rules, which the panel says. The CV rule
    off: with the county's forecast pupils (as junheng demo) closing the junior school breaks
    the 初中生均体育运动场馆面积 CV limit, and this test is about the new school."""
    admin = as_user("admin")
    response = admin.post("/plans/layout", data=_form(admin, name="撤并初中", close="4103060002",
                                                       time_limit_s=30, cv_limits=""))
    path = response.headers["location"]
    page = _wait(admin, path)
    assert re.search(r"新建 <b>1</b> 所", page)
    # the junior school closed is a school, by 所, the 教学点 closed by 个 (review2 finding 13)
    # brief hborrow5 (rule (24) at each year's forecast grades): 河口乡九年一贯制学校 lacks a room in 2032
    # (grade 1 with 上河教学点's pupils) and borrows it: 保留（临时周转过渡）, counted apart from 扩建
    assert ("撤并学校 <b>1</b> 所，撤并教学点 <b>1</b> 个，扩建 <b>0</b> 所，保留（临时周转过渡） <b>1</b> 所，"
            "新建 <b>1</b> 所") in page
    assert f"<p>{INFEASIBLE}</p>" in _panel(page)
    assert "<p>已计入的在建、规划项目" not in _panel(page)
    docx = admin.get(f"{path}/files/{DOCX_URL}")
    assert docx.status_code == 200 and docx.headers["content-type"] == DOCX_TYPE
    assert "NEW-" not in visible_text(page)


def test_the_ledger_page_reads_a_merge_target_against_the_newest_layout_plan(app, as_user):
    # review A18: the ledger's "晚于期限…不能按期完成" was in its workbook only. The example
    # county (2025 only) has one 教学点, 河口乡上河教学点; a finished layout plan closes it in its
    # phase 2 (2025 + 2 = 2027 学年). 孟津's target (≥ 70 merged by 2026, none merged yet) is then
    # 1 year late for that point and 69 short by 2027, 0 by 2026 (one year of data: no trend),
    # said among the row's reasons (review rv20 9: each count with its year)
    from junheng.planning.layout_outcome import PlannedSchool

    plan = replace(_plan(), schools=(PlannedSchool("4103060004", "河口乡上河教学点", "close", phase=2),))
    _job(app, plan=plan, name="台账测试")
    page = visible_text(as_user("admin").get("/ledger?plan=mengjin").text)
    assert ("撤并小规模学校教学点70个（无进展）：目标 ≥ 70 个，期限 2026 学年；2025 学年 0 个；"
            "布局调整方案“台账测试”拟于 2027 学年撤并本目标所计学校中的 1 个（教学点 1 个）；连同已撤并的 0 个，"
            "至 2027 学年共 1 个，比目标少 69 个；晚于期限（2026 学年）：2027 学年撤并的教学点 1 个晚 1 学年，"
            "到期（2026 学年）按本方案只有 0 个，不能按期完成") in page


def _spending_plan() -> LayoutOutcome:
    """:func:`_plan` spending: 城关第一小学 extended in 2027 (phase 2) for 100 万元 of rooms, 30
    万元 of receivers' area and 15 万元 of land beside it (100 m²); 城东社区片区新建学校 opened in
    2029 (phase 4) for 300 万元; running 10 万元 a year less."""
    from junheng.planning.layout_outcome import PlannedSchool

    extended = PlannedSchool("4103060001", "城关第一小学", "expand", kind="primary_school", phase=2,
                             added_classrooms=2, capital_yuan=1_000_000.0, area_yuan=300_000.0,
                             sports_land_area=100.0, sports_land_yuan=150_000.0)
    new = PlannedSchool("NEW-410306001-1", "城东社区片区新建学校", "new", kind="new", phase=4,
                        added_classrooms=12, capital_yuan=3_000_000.0)
    after = {"operating_yuan": 400_000.0, "sports_land_m2": 100.0, "sports_land_yuan": 150_000.0}
    return replace(_plan(), schools=(_plan().schools[0], extended, new),
                   metrics={"before": {"operating_yuan": 500_000.0}, "after": after},
                   rules={**_plan().rules, "plan_date": "2026-12-05"})


def test_the_workers_document_has_the_layouts_own_total_investment_table(app, as_user):
    # hfix8 4: the document the worker writes before any 达标路径 has the 总投资 table with the
    # rows that exist then, each as the joint table gives it: 100 + 30 + 300 = 430 万元 built
    # (the area inside it), no 临时周转; 430 − 15 = 415 without the land; −10 万元 a year from
    # the new school's 2029 to 2034 (2030 + 5 − 1): 6 × −10 = −60
    job_id = _job(app, docx=True, plan=_spending_plan())
    response = as_user("admin").get(f"/plans/layout/jobs/{job_id}/files/{DOCX_URL}")
    assert response.status_code == 200
    path = Path(app.state.web.jobs.job_dir(job_id)) / "布局调整方案.docx"
    doc = Document(str(path))
    texts = [p.text for p in doc.paragraphs]
    (said,) = [t for t in texts if t.startswith("下表为本方案的总投资")]
    assert said == (
        "下表为本方案的总投资（达标路径尚未测算，下表只有本方案的各行：在本方案基础上编制达标路径后，《整改措施》的"
        "“布局调整与达标路径总投资”表另列达标路径的建设投资，设备、培训、租赁校舍等一次性投入，两个方案的一次性财政支出合计"
        "和另需高中经费）：一次性投入合计 430.00 万元（第 3 行）。上文本方案的一次性建设投资为下表第 1 行，过渡期临时周转为"
        "第 2 行，一次性投入合计为第 1、2 行之和；接收学校补足生均面积（需论证）为第 4 行，其中待决策的相邻用地为第 5 行。")
    assert texts[texts.index(said) + 1].endswith("布局调整总投资（万元）")
    (table,) = [t for t in doc.tables if t.rows[0].cells[1].text == "项目" and t.rows[1].cells[1].text == "布局调整：建设投资"]
    assert [[c.text for c in r.cells] for r in table.rows] == [
        ["序号", "项目", "万元", "性质", "与各行的关系"],
        ["1", "布局调整：建设投资", "430.00", "一次性", "计入 3"],
        ["2", "布局调整：过渡期临时周转", "0.00", "一次性", "计入 3"],
        ["3", "布局调整：一次性投入合计", "430.00", "一次性", "1＋2"],
        ["4", "需论证：布局调整接收学校补足的面积", "30.00", "一次性", "在 1 内"],
        ["5", "其中待决策的相邻用地", "15.00", "一次性", "在 4 内"],
        ["6", "一次性投入（不计 5）", "415.00", "一次性", "3－5"],
        ["7", "布局调整：经常性支出变化", "-10.00", "每年", "不与一次性相加"],
        # rv19: the years the sum adds, −10 × 6 = −60 over 2029—2034 (was labelled 2027—2034, 8 years)
        ["8", "经常性支出变化累计（2029—2034 学年）", "-60.00", "各学年之和", "不与一次性相加"]]
    # no 达标路径 row: they are said not yet computed
    assert not [r for r in table.rows if r.cells[1].text.startswith("达标路径")]


def test_a_plan_that_spends_nothing_has_no_total_investment_table(app):
    job_id = _job(app, docx=True)
    texts = [p.text for p in Document(str(Path(app.state.web.jobs.job_dir(job_id)) / "布局调整方案.docx")).paragraphs]
    assert not [t for t in texts if t.startswith("下表为本方案的总投资") or t.endswith("总投资（万元）")]
