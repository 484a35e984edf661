"""A failed plan shows a Chinese page: what failed and what to do, never a traceback, an
exception's class name or a file name (review of the web app on the demo county)."""

from __future__ import annotations

import pytest

from junheng.errors import ConfigError
from junheng.web import worker

from .conftest import COUNTY
from .leaks import visible_text


def _fail(app, kind: str, exc: Exception) -> str:
    jobs = app.state.web.jobs
    job_id = jobs.create(county_code=COUNTY, school_year=2025, config={"name": "失败测试"},
                         username="admin", kind=kind)

    def body(job, request):
        raise exc

    worker._guarded(str(jobs.job_dir(job_id)), body)
    assert (jobs.job_dir(job_id) / "error.log").read_text(encoding="utf-8").startswith(
        "Traceback")  # kept for the administrator
    return job_id


@pytest.mark.parametrize("kind", ["compliance", "layout"])
def test_a_program_error_says_what_failed_and_what_to_do_in_chinese(app, as_user, kind):
    job_id = _fail(app, kind, KeyError("budget"))
    page = as_user("admin").get(f"/plans/{kind}/jobs/{job_id}").text
    text = visible_text(page)
    assert "计算失败" in text
    assert f"（任务编号 {job_id}）：计算程序出错，未能完成（不是输入的问题）" in text
    assert "怎么办：" in text and "请联系系统管理员，并告知任务编号" in text
    for word in ("KeyError", "Traceback", "error.log", "budget"):
        assert word not in text


def test_a_data_problem_shows_the_planners_own_message(app, as_user):
    job_id = _fail(app, "compliance", ConfigError("没有目标学年 2040 的在校生预测：请把预测年数延长到 2040 学年。"))
    text = visible_text(as_user("admin").get(f"/plans/compliance/jobs/{job_id}").text)
    assert "计算失败" in text and f"（任务编号 {job_id}）" in text
    assert "没有目标学年 2040 的在校生预测" in text
    assert "请按说明修改后在达标路径页面重新提交" in text


def test_the_failure_message_is_said_once(app, as_user):
    # review rvweb2 finding 8: the failed page printed the message in the progress line and in
    # the failure box
    message = "没有目标学年 2040 的在校生预测：请把预测年数延长到 2040 学年。"
    for kind in ("layout", "compliance"):
        job_id = _fail(app, kind, ConfigError(message))
        text = visible_text(as_user("admin").get(f"/plans/{kind}/jobs/{job_id}").text)
        assert text.count(message) == 1
