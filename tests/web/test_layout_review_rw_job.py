"""Review rw findings 1, 2 and 8 on the layout pages: one running total for the whole job with
its step named and the solver's limit said per step, the solver's and the job's times on the
result apart; the headline figures and downloads before the long text, which folds under
headings; money on the form in 万元."""

from __future__ import annotations

import json
import re
from dataclasses import replace

import pytest

from junheng.web import layout_view, worker
from junheng.web.worker import _solve_progress, _write_progress

from .test_layout import _form
from .test_layout_docs import _job
from .test_layout_page import _plan

NOW = 1_000_000.0


@pytest.fixture
def frozen(monkeypatch):
    # not named ``clock``: that name would replace conftest's login clock under ``app`` too, and
    # ``worker.time`` is the time module itself, so every test of this module using ``app`` ran
    # with the machine's clock at 1970-01-12 and python-docx could not date its ZIP entries
    # (「ZIP does not support timestamps before 1980」, hx3; brief hq)
    monkeypatch.setattr(worker.time, "time", lambda: NOW)


def test_the_second_solve_counts_its_step_and_the_whole_job(frozen):
    # the solve of 方案乙 began 15 s ago, the job 78 s ago: the bar runs over 0.8–0.95 by
    # 15 / 600 of the span: 0.8 + 0.15 × 0.025 = 0.80375
    progress = _solve_progress({"state": "running", "fraction": 0.8, "end": 0.95,
                                "message": "方案甲新建学校：求解方案乙（不新建学校）",
                                "step": "求解方案乙（不新建学校）", "step_no": 2, "steps": 3,
                                "step_started": NOW - 15, "solve_started": NOW - 15,
                                "time_limit_s": 600, "job_started": NOW - 78})
    assert progress["message"] == ("第 2 步（共 3 步）求解方案乙（不新建学校）：本步已用 15 秒"
                                   "（求解时间上限每步 600 秒）；任务已用 78 秒")
    assert progress["fraction"] == pytest.approx(0.80375)


def test_a_step_without_a_solve_has_no_limit(frozen):
    progress = _solve_progress({"state": "running", "fraction": 0.95,
                                "message": "写出方案表、地图和文档（方案甲不新建学校，无需第 2 步）",
                                "step_no": 3, "steps": 3, "step_started": NOW - 2,
                                "job_started": NOW - 150})
    assert progress["message"] == ("第 3 步（共 3 步）写出方案表、地图和文档（方案甲不新建学校，无需第 2 步）："
                                   "本步已用 2 秒；任务已用 150 秒")
    # a job of another kind (no steps) keeps its message and adds the job's total
    zones = _solve_progress({"state": "running", "fraction": 0.1, "step": "构建划片模型并求解",
                             "solve_started": NOW - 15, "time_limit_s": 30,
                             "job_started": NOW - 17})
    assert zones["message"] == "构建划片模型并求解：已用 15 秒（时间上限 30 秒）；任务已用 17 秒"


def test_the_progress_file_carries_the_jobs_start_and_the_steps_start(tmp_path, monkeypatch):
    times = iter([100.0, 105.0, 140.0])
    monkeypatch.setattr(worker.time, "time", lambda: next(times))
    (tmp_path / "progress.json").write_text(json.dumps(
        {"state": "running", "fraction": 0.0, "message": "开始计算", "job_started": 90.0}))
    _write_progress(tmp_path, {"state": "running", "fraction": 0.0, "message": "开始计算",
                               "steps": 3})
    _write_progress(tmp_path, {"state": "running", "fraction": 0.02, "message": "甲", "step_no": 1})
    _write_progress(tmp_path, {"state": "running", "fraction": 0.1, "message": "乙", "step_no": 1})
    _write_progress(tmp_path, {"state": "running", "fraction": 0.8, "message": "丙", "step_no": 2})
    saved = json.loads((tmp_path / "progress.json").read_text())
    # step 1 began at 100 (kept at the second write of step 1, 105 unused), step 2 at 105
    assert saved == {"job_started": 90.0, "steps": 3, "step_started": 105.0,
                     "state": "running", "fraction": 0.8, "message": "丙", "step_no": 2}


def _finished(app, wall: float | None = 151.4) -> str:
    """A finished job: 840.00 万元 built; running 500.00 → 470.00 万元 a year; the solver
    3.6 s of a job of 151.4 s."""
    plan = replace(_plan(), seconds=3.6, metrics={
        "before": {"operating_yuan": 5_000_000.0},
        "after": {"capital_cost_yuan": 8_400_000.0, "operating_yuan": 4_700_000.0}})
    job_id = _job(app, plan=plan)
    if wall is not None:
        (app.state.web.jobs.job_dir(job_id) / "progress.json").write_text(json.dumps(
            {"state": "done", "fraction": 1.0, "message": "规划完成", "wall_s": wall}))
    return job_id


def _result(page: str) -> str:
    return re.search(r'<section class="panel" id="result">.*?</section>', page, re.S).group(0)


def test_the_result_gives_the_solvers_time_and_the_jobs_time_apart(app, as_user):
    page = as_user("admin").get(f"/plans/layout/jobs/{_finished(app)}").text
    assert ('<p class="meta" id="job-times">求解器用时 3.6 秒（方案甲的求解）；任务用时 151 秒'
            "（从开始计算到写出全部文件，含读取数据、招生预测、建模、各步求解和写出文件）</p>") in page
    assert "求解用时" not in page
    # a job finished before the worker kept its time: the solver's alone
    older = as_user("admin").get(f"/plans/layout/jobs/{_finished(app, None)}").text
    assert '<p class="meta" id="job-times">求解器用时 3.6 秒（方案甲的求解）</p>' in older


def test_the_headline_and_downloads_come_before_the_folded_detail(app, as_user):
    job_id = _finished(app)
    result = _result(as_user("admin").get(f"/plans/layout/jobs/{job_id}").text)
    # 8,400,000 元 = 840.00 万元 once; 4,700,000 − 5,000,000 = −300,000 元 = 30.00 万元 a year
    assert re.findall(r"<tr><th>(.*?)</th><td>(.*?)</td></tr>", result) == [
        ("一次性投入合计", "840.00 万元"), ("经常性支出变化", "每年减少 30.00 万元（测算口径）"),
        ("未满足的规则", "1 项")]  # 王后庄村四至六年级 9 人单程 35.0 分钟 > 30
    # kept: 河口乡九年一贯制学校 and 乙村教学点; closed: 甲村教学点
    assert ('<p id="counts">保留（不作调整，其中教学点 1 个） <b>2</b> 所，撤并教学点 <b>1</b> 个，'
            "扩建 <b>1</b> 所，新建 <b>1</b> 所</p>") in result
    order = [result.index(s) for s in ('id="counts"', 'id="headline-figures"',
                                       '<p class="downloads">下载：', "<details")]
    assert order == sorted(order)
    # the text is all there, under headings that fold
    assert re.findall(r"<summary>(.*?)</summary>", result) == [
        "未满足的规则：1 项", "差异系数上限", "财政支出、编制和通行"]
    # the rules numbered as the document's 求解信息 gives them (review rvweb 2: one count)
    assert "<p>未满足的规则：1 项（不含差异系数）：（1）走读单程不超过 30 分钟" in result
    assert "<p>财政支出：一次性建设投资 840.00 万元；每年运行支出由 500.00 万元变为 470.00 万元" in result


def test_the_form_asks_money_in_wan_yuan(as_user):
    page = as_user("admin").get("/plans/layout").text
    # 12,000,000 元 = 1,200 万元; 19,200 元 = 1.92 万元 (one guard at 河南's minimum wage, brief hguard)
    assert ("和设备另计）（万元）<input name=\"costs.new_school_yuan\" value=\"1,200\"></label>") in page
    assert ("不重复计；不含教职工人员经费）（万元）<input name=\"weights.operating_yuan_per_school\" "
            'value="1.92"></label>') in page


def test_money_in_wan_yuan_reaches_the_planner_in_yuan():
    values = layout_view.default_values(2025)
    values.update({"costs.new_school_yuan": "1,500", "weights.operating_yuan_per_school": "12.5"})
    config = layout_view.config_from_form(values)
    assert config["costs"]["new_school_yuan"] == 15_000_000.0  # 1,500 × 10,000
    assert config["weights"]["operating_yuan_per_school"] == 125_000.0  # 12.5 × 10,000
    # the form as the page shows it gives the planner's defaults back in 元
    again = layout_view.config_from_form(layout_view.default_values(2025))
    assert again["costs"]["new_school_yuan"] == 12_000_000.0
    assert again["weights"]["operating_yuan_per_school"] == 19_200.0  # 1.92 × 10,000 (brief hguard)


def test_a_wrong_amount_is_refused_and_the_form_refilled(as_user):
    admin = as_user("admin")
    response = admin.post("/plans/layout", data=_form(
        admin, **{"costs.new_school_yuan": "12o0", "weights.operating_yuan_per_school": "-10"}))
    assert response.status_code == 422
    page = response.text
    assert ("“新建一所学校基础造价（征地、场地、围墙、管网；教室、宿舍、按生均标准补足的教学及辅助用房、运动场和设备另计）”"
            "应为数字（只写数字和小数点，不加空格、逗号或下划线），现为“12o0”。") in page
    assert ("“每个校点每年的校点运行费用（默认 1.92 万元：1 名专职保安，按河南最低工资标准计，下限；水电、取暖和维修在生均公用经费和公用经费保底中，"
            "不重复计；不含教职工人员经费）”应不小于 0 万元，现为“-10”万元。") in page
    assert '<input name="costs.new_school_yuan" value="12o0">' in page
    assert '<input name="weights.operating_yuan_per_school" value="-10">' in page
