"""Each plan says which data version it was computed on, and is marked when the county's
data changed after it (review rvweb 5); the 达标路径 form tells the layout runs apart.

The example county is imported once (data version 1); an approved submission makes version 2.
"""

from __future__ import annotations

import re

from junheng.planning.layout_json import write_layout_json

from .conftest import COUNTY, csrf_of
from .leaks import visible_text
from .test_layout_page import _plan, plan_page
from .test_submissions import _submit

STAMP = r"（\d{4}-\d\d-\d\d \d\d:\d\d）"  # the version's time, Beijing


def _approve(as_user) -> None:
    number = _submit(as_user("school_a"), sports_area=20000)
    admin = as_user("admin")
    response = admin.post(f"/submissions/{number}/approve", follow_redirects=False, data={
        "version": "1", "note": "", "csrf_token": csrf_of(admin, f"/submissions/{number}")})
    assert response.status_code == 303


def test_a_plan_made_before_an_approved_submission_is_marked_out_of_date(app, as_user):
    job_id, page = plan_page(app, as_user, _plan())
    text = visible_text(page)
    assert re.search("依据数据版本 1" + STAMP, text)
    assert "数据已更新" not in text
    _approve(as_user)
    admin = as_user("admin")
    text = visible_text(admin.get(f"/plans/layout/jobs/{job_id}").text)
    assert re.search("依据数据版本 1" + STAMP + r" ·\s+数据已更新（当前为数据版本 2），建议重新计算", text)
    listing = visible_text(admin.get("/plans/layout").text)
    assert re.search(r"已完成\s+1\s+数据已更新（当前为数据版本 2），建议重新计算", listing)
    # a plan asked for after the approval is on version 2, and not marked
    new_id, page = plan_page(app, as_user, _plan())
    text = visible_text(page)
    assert re.search("依据数据版本 2" + STAMP, text) and "数据已更新" not in text
    # the 达标路径 form offers both, told apart by time and data version (were two identical
    # 「页面测试（规划年 2030 学年）」), the current one first and chosen
    form = admin.get("/plans/compliance").text
    options = re.findall(r'<option value="(\d{8}[^"]*)" ?(selected)?>([^<]*)</option>', form)
    assert [(o[0], bool(o[1])) for o in options] == [(new_id, True), (job_id, False)]
    assert re.fullmatch(r"页面测试（规划年 2030 学年）· \d{4}-\d\d-\d\d \d\d:\d\d 计算 · 数据版本 2",
                        options[0][2])
    assert re.fullmatch(r"页面测试（规划年 2030 学年）· \d{4}-\d\d-\d\d \d\d:\d\d 计算 · 数据版本 1，"
                        "数据已更新", options[1][2])


def test_a_compliance_plan_is_marked_the_same_way(app, as_user, tmp_path):
    import json
    from datetime import UTC, date, datetime

    from compliance_builders import cost_file, county, primary_school
    from junheng.planning.compliance import plan_compliance
    from junheng.planning.compliance_costs import load_costs
    from junheng.planning.compliance_county import current_students

    from .test_compliance import _finished_job

    data = county(primary_school("A", 1000, sports_area=10.0))
    plan = plan_compliance(data, current_students(data), 2026,
                           costs=load_costs(cost_file(tmp_path)), plan_date=date(2026, 6, 1))
    job = _finished_job(app, plan, "20261206000000-abcdef01", "两校")
    request = json.loads((job / "request.json").read_text(encoding="utf-8"))
    request["created_at"] = datetime.now(UTC).isoformat()  # asked for after the import
    (job / "request.json").write_text(json.dumps(request), encoding="utf-8")
    admin = as_user("admin")
    path = "/plans/compliance/jobs/20261206000000-abcdef01"
    text = visible_text(admin.get(path).text)
    assert re.search("依据数据版本 1" + STAMP, text) and "数据已更新" not in text
    _approve(as_user)
    text = visible_text(admin.get(path).text)
    assert re.search("依据数据版本 1" + STAMP + r" ·\s+数据已更新（当前为数据版本 2），建议重新计算", text)
    listing = visible_text(admin.get("/plans/compliance").text)
    assert re.search(r"已完成\s+1\s+数据已更新（当前为数据版本 2），建议重新计算", listing)


def test_a_plan_queued_while_a_submission_is_approved_names_the_version_it_read(app, as_user):
    # review rvweb2 finding 1: a plan asked for on version 1, queued while a submission was
    # approved, ran on version 2 but was labelled 「依据数据版本 1 · 数据已更新」
    from junheng.web.worker import read_data

    jobs = app.state.web.jobs
    job_id = jobs.create(county_code=COUNTY, school_year=2025, config={"name": "页面测试"},
                         username="admin", kind="layout")
    _approve(as_user)  # while the job waits
    job = jobs.job_dir(job_id)
    history = read_data(job, {"county_code": COUNTY, "school_year": 2025}, jobs.store_url)
    assert [d.school_year for d in history] == [2025]
    assert jobs.status(job_id).data_version == 2
    write_layout_json(_plan(), job / "plan.json")
    jobs.finish(job_id, "规划完成")
    admin = as_user("admin")
    text = visible_text(admin.get(f"/plans/layout/jobs/{job_id}").text)
    assert re.search("依据数据版本 2" + STAMP, text) and "数据已更新" not in text
    listing = visible_text(admin.get("/plans/layout").text)
    assert "数据已更新" not in listing
