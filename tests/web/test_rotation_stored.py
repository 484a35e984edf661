"""The 交流轮岗 plan of the teacher pages is a stored result (review rvweb 8, 9): the pages
render at once and show 「交流轮岗方案计算中…」 while the worker solves it; then the same
named list on every load until the teachers', classes' or schools' data change — an overlay
or a re-import of the same data keep it; a teacher change makes a new one."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from junheng.io import example_county
from junheng.store.overlays import set_overlay

from .conftest import COUNTY, NINE_YEAR, ROTATION_PROGRESS, post_form, wait_rotation

pytestmark = pytest.mark.slow
# the example county's plan (tests/web/test_teachers_pages.py): 5 teachers to 河口乡九年一贯制学校,
# which is at its 编制 and sends 5 back
HEADLINE = "应交流不少于 5 名，安排 5 名，其中骨干教师 2 名；调入学校已达编制的交换派回 5 名"
OVERLAY = ("name: 某省\nsource: 某省文件\nstandards:\n  basic-2012:\n"
           "    books_per_student: {primary: 20, junior: 30}\n")


def _moves(page: str) -> list[str]:
    """The named list's rows (teacher, from, to) as the county page shows them."""
    return re.findall(r"<tr><td>(T\d+)</td><td>([^<]+)</td><td>([^<]+)</td>", page)


def _jobs(app) -> list:
    return app.state.web.jobs.list(COUNTY, kind="rotation")


def _store(app):
    return app.state.web.store


def test_the_page_shows_calculating_then_the_same_stored_list(app, as_user):
    admin = as_user("admin")
    first = admin.get("/teachers").text
    # the page renders at once, before the job ran: 计算中 with the job's progress, no list
    assert "交流轮岗方案计算中…" in first and ROTATION_PROGRESS.search(first)
    assert HEADLINE not in first and "下载交流轮岗名单" not in first
    assert admin.get("/teachers/rotation.xlsx").status_code == 404
    assert "交流轮岗方案计算中…" in admin.get("/teachers/rotation.xlsx").text
    page = wait_rotation(admin, "/teachers")
    assert HEADLINE in page and "交流轮岗方案计算中" not in page
    # review rvweb2 finding 11: the data version as every plan names it (was 「数据版本：导入编号 1」)
    assert re.search(r"本方案于 \d{4}-\d\d-\d\d \d\d:\d\d（北京时间）按 2025 学年数据计算（数据版本 1）"
                     r"，最优（与下界差 0%，在容差 0.01% 内）；学校、班级、教师数据和交流轮岗规则不变时", page)
    moves = _moves(page)
    # the page lists the 5 rotated (the 5 sent back are in the download), all to 河口乡
    assert len(moves) == 5 and {m[2] for m in moves} == {"河口乡九年一贯制学校（乡村）"}
    assert _moves(admin.get("/teachers").text) == moves
    # the overlay changes a 基本均衡 threshold the plan does not read: same list, no new job
    with _store(app).session() as session:
        set_overlay(session, COUNTY, text=OVERLAY, file_name="某省.yaml", by="admin")
        session.commit()
    again = admin.get("/teachers").text
    assert _moves(again) == moves and "计算中" not in again
    # a re-import of the same data (a new import id, the same content): the same list
    _store(app).import_county(example_county(), replace=True, source="again.xlsx", user="test")
    again = admin.get("/teachers").text
    assert _moves(again) == moves and "计算中" not in again and "（数据版本 1）" in again
    assert len(_jobs(app)) == 1


def test_a_teacher_change_makes_a_new_list(app, as_user):
    admin = as_user("admin")
    moves = _moves(wait_rotation(admin, "/teachers"))
    moved = moves[0][0]
    # the first moved teacher came to his school this year: no longer eligible (≥ 6 years)
    data = example_county()
    teachers = data.teachers.copy()
    teachers.loc[teachers["teacher_id"] == moved, "school_start_year"] = 2025
    _store(app).import_county(data.with_tables(teachers=teachers), replace=True,
                              source="t.xlsx", user="test")
    assert "交流轮岗方案计算中…" in admin.get("/teachers").text
    page = wait_rotation(admin, "/teachers")
    assert "（数据版本 2）" in page
    assert moved not in [m[0] for m in _moves(page)] and len(_jobs(app)) == 2


def test_a_school_sees_calculating_then_its_moves(app, as_user):
    school = as_user("school_b")
    page = school.get(f"/schools/{NINE_YEAR}/teachers").text
    assert "交流轮岗方案计算中…" in page and "建议交流到本校" not in page
    assert 'id="rotation-again"' not in page
    page = wait_rotation(school, f"/schools/{NINE_YEAR}/teachers")
    assert "建议交流到本校（5 名）" in page and "本方案于" in page
    job = _jobs(app)[0].job_id
    assert as_user("other_admin").get(f"/plans/rotation/jobs/{job}/progress").status_code == 403
    assert school.get("/plans/rotation/jobs/20250101000000-deadbeef/progress").status_code == 404


def test_a_planner_recomputes(app, as_user):
    admin = as_user("admin")
    moves = _moves(wait_rotation(admin, "/teachers"))
    assert 'id="rotation-again"' in admin.get("/teachers").text
    assert post_form(as_user("inspector"), "/teachers/rotation").status_code == 403
    response = post_form(admin, "/teachers/rotation")
    assert response.status_code == 303 and response.headers["location"] == "/teachers"
    running = admin.get("/teachers").text
    # the stored plan stays on the page while the new one is computed
    assert "正在重新计算交流轮岗方案，完成前仍显示下面的方案" in running and _moves(running) == moves
    page = wait_rotation(admin, "/teachers")
    assert len(_jobs(app)) == 2 and HEADLINE in page
    assert Path(app.state.web.jobs.job_dir(_jobs(app)[0].job_id), "rotation.json").is_file()


def test_a_failed_job_is_shown_with_its_number_and_not_started_again(app, as_user):
    """A plan the solver could not find stays the key's outcome (no job per page load): the
    page says why, with the job's number the message asks for, and offers 重新计算."""
    from junheng.web.rotation_view import KIND, inputs_key

    state = app.state.web
    key = inputs_key(state.counties.load(COUNTY, 2025))
    job_id = state.jobs.create(county_code=COUNTY, school_year=2025, config={"inputs": key},
                               username="admin", kind=KIND)
    progress = Path(state.jobs.job_dir(job_id), "progress.json")
    progress.write_text('{"state": "failed", "fraction": 1.0, "message": '
                        '"交流轮岗方案在时间限制内没有找到可行解：请延长求解时间或放宽约束。"}',
                        encoding="utf-8")
    admin = as_user("admin")
    for _ in range(2):
        page = admin.get("/teachers").text
        assert (f"交流轮岗方案在时间限制内没有找到可行解：请延长求解时间或放宽约束。（交流轮岗计算任务编号 "
                f"{job_id}）") in page
        assert "计算中" not in page and 'id="rotation-again"' in page
    assert len(_jobs(app)) == 1
    assert "交流轮岗方案在时间限制内没有找到可行解" in admin.get("/teachers/rotation.xlsx").text


def test_rotation_jobs_have_a_worker_of_their_own(tmp_path):
    """A page's 交流轮岗 job never waits behind a layout plan (up to 2 × 600 s): its own pool
    of one process; layout, 达标路径 and 划片 share theirs (no process starts until a submit)."""
    from junheng.web.worker import LayoutJobs

    jobs = LayoutJobs(store_url="sqlite://", root=tmp_path, max_workers=2)
    rotation, layout = jobs._pool("rotation"), jobs._pool("layout")
    assert rotation is not layout and jobs._pool("compliance") is layout
    assert jobs._pool("rotation") is rotation
    assert (rotation._max_workers, layout._max_workers) == (1, 2)
    jobs.shutdown()
    assert jobs._pool("rotation") is not rotation  # a new pool after a shutdown
    jobs.shutdown()
