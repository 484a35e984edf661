"""审计日志: every write leaves a row; rows can be read but never edited or deleted."""

from __future__ import annotations

import pytest
from sqlalchemy import delete, update
from sqlalchemy.exc import IntegrityError

from junheng.store.accounts import AuditEntry, list_audit, record_audit

from .conftest import COUNTY, csrf_of


def test_audit_page_lists_logins_newest_first(as_user):
    as_user("inspector")
    page = as_user("admin").get("/audit").text
    assert page.index("<td>admin</td>") < page.index("<td>inspector</td>")
    assert "<td>登录</td>" in page


def test_failed_logins_are_audited(app, anon):
    from .conftest import login

    login(anon, "admin", "wrong-password")
    with app.state.web.sessions() as session:
        entry = list_audit(session)[0]
    assert (entry.action, entry.username, entry.county_code) == ("login_failed", "admin",
                                                                  COUNTY)


@pytest.mark.parametrize("method", ("post", "put", "patch", "delete"))
def test_no_route_edits_or_deletes_audit_rows(as_user, method):
    client = as_user("admin")
    token = csrf_of(client, "/audit")
    response = client.request(method.upper(), "/audit", data={"csrf_token": token},
                              headers={"X-CSRF-Token": token})
    assert response.status_code == 405
    response = client.request(method.upper(), "/audit/1", data={"csrf_token": token},
                              headers={"X-CSRF-Token": token})
    assert response.status_code in (404, 405)


def test_the_app_has_only_get_routes_under_audit():
    from junheng.web.routers import ROUTERS

    audit_routes = [r for router in ROUTERS for r in router.routes
                    if r.path.startswith("/audit")]
    assert [r.path for r in audit_routes] == ["/audit"]
    assert {m for r in audit_routes for m in r.methods} == {"GET"}


def test_the_database_refuses_to_update_or_delete_audit_rows(app):
    with app.state.web.sessions() as session:
        record_audit(session, username="admin", action="import", entity="county_year",
                     county_code=COUNTY)
        session.commit()
    with app.state.web.sessions() as session, pytest.raises(IntegrityError,
                                                            match="审计日志只能追加，不能修改"):
        session.execute(update(AuditEntry).values(username="someone-else"))
    with app.state.web.sessions() as session, pytest.raises(IntegrityError,
                                                            match="审计日志只能追加，不能删除"):
        session.execute(delete(AuditEntry))


def test_audit_page_filters_by_action(as_user):
    client = as_user("admin")
    page = client.get("/audit?action=logout").text
    assert "没有记录" in page


def test_audit_page_shows_each_change_as_chinese_field_old_new(app, as_user):
    with app.state.web.sessions() as session:
        record_audit(session, username="admin", action="user_update", entity="user",
                     entity_key="school_a", county_code=COUNTY,
                     before={"username": "school_a", "role": "school", "city_name": None,
                             "school_id": "4103060001", "active": True},
                     after={"username": "school_a", "role": "inspector", "city_name": None,
                            "school_id": "4103060001", "active": False})
        record_audit(session, username="admin", action="import", entity="county_year",
                     county_code=COUNTY, after={"source": "示例县.xlsx", "replaced": False})
        session.commit()
    page = as_user("admin").get("/audit").text
    assert "<li>角色：学校填报员 → 督学</li><li>启用：是 → 否</li></ul>" in page
    assert "<li>来源文件：示例县.xlsx</li><li>替换已有数据：否</li>" in page
    for raw in ('"active"', "city_name", "school_id", "&#34;role&#34;", "{"):
        assert raw not in page.split("<tbody>")[1], raw


def test_audit_page_shows_a_zone_plans_year_share_and_counts_as_people_read_them(app, as_user):
    # review 2026-12-04 finding 20: "学年：2,025", "可就近划片入学比例：0.9458", "超员：807"
    with app.state.web.sessions() as session:
        record_audit(session, username="admin", action="zone_plan_save", entity="zone_plan",
                     entity_key="2025 学年初中就近划片方案 第 2 号", county_code=COUNTY,
                     after={"学年": 2025, "超员": 807.0, "调整学区学生": 1234.0,
                            "学区学位可容纳比例": 0.9458})
        # a log written before review 2 (B6) under the old name reads under the one name
        record_audit(session, username="admin", action="zone_plan_save", entity="zone_plan",
                     entity_key="2025 学年初中就近划片方案 第 1 号", county_code=COUNTY,
                     after={"可就近划片入学比例": 0.9304})
        session.commit()
    page = as_user("admin").get("/audit").text
    assert ("<li>学年：2025</li><li>超员：807 人</li><li>调整学区学生：1,234 人</li>"
            "<li>学区学位可容纳比例：94.6%</li>") in page
    assert "<li>学区学位可容纳比例：93.0%</li>" in page
    assert "可就近划片入学比例" not in page


def test_a_layout_choice_reads_as_the_form_words_it(app, as_user):
    # rv2 finding 14: the log showed 「候选新校址：town_centres」
    with app.state.web.sessions() as session:
        record_audit(session, username="admin", action="job_submit", entity="job",
                     entity_key="layout", county_code=COUNTY,
                     after={"config": {"new_sites": "town_centres"}})
        record_audit(session, username="admin", action="job_submit", entity="job",
                     entity_key="layout", county_code=COUNTY, after={"new_sites": "none"})
        session.commit()
    page = as_user("admin").get("/audit").text
    assert "候选新校址：各乡镇驻地及城区各片区中心</li>" in page
    assert "<li>候选新校址：不新建</li>" in page
    assert "town_centres" not in page


def test_a_plan_request_s_day_and_layout_job_read_in_chinese():
    # the layout and 达标路径 requests keep their 编制日期 (plan_date) and the 达标路径 its
    # layout job: the audit log named them by these keys
    from junheng.web.audit_text import field_label

    assert (field_label("plan_date"), field_label("layout_job")) == ("编制日期", "布局方案编号")


def test_a_submission_and_a_compliance_plan_read_in_chinese_on_the_audit_page(app, as_user):
    # review rvweb2 finding 3: 「办学条件·teaching_area：11,711 → 12,500」, every class listed
    # as 「grade g7；class_no 1；students 60…」 though one changed, action 「plan_compliance」
    import re

    from .leaks import visible_text
    from .test_permissions import _PRIMARY_CLASSES
    from .test_submissions import _submit

    first = _PRIMARY_CLASSES[0]
    classes = [(first[0], first[1], first[2] + 2), *_PRIMARY_CLASSES[1:]]
    number = _submit(as_user("school_a"), teaching_area=3000, classes=classes)
    admin = as_user("admin")
    admin.post(f"/submissions/{number}/approve", data={
        "version": "1", "note": "", "csrf_token": csrf_of(admin, f"/submissions/{number}")})
    with app.state.web.sessions() as session:
        record_audit(session, username="admin", action="plan_compliance",
                     entity="compliance_job", entity_key="20261206000000-abcdef01",
                     county_code=COUNTY, school_year=2025,
                     after={"target_year": 2029, "budget": 1000.0, "time_limit": 60.0,
                            "plan_date": "2026-12-06"})
        session.commit()
    page = admin.get("/audit").text
    rows = re.findall(r"<tr><td>.*?</tr>", page, re.S)
    # 操作, 对象 and 修改内容 (not the user name, the time, 来源地址); the job number aside
    shown = [visible_text("".join(re.findall(r"<td>.*?</td>", row, re.S)[2:5]))
             .replace("20261206000000-abcdef01", "") for row in rows
             if re.search("提交填报|批准填报|计算达标路径", row)]  # a login names its user
    assert len(shown) == 3
    assert [re.findall("[A-Za-z_]+", text) for text in shown] == [[]] * len(shown)
    approval = next(t for t in shown if "批准填报" in t)
    assert "教学及辅助用房面积：2,750 → 3,000" in approval
    assert f"班级·一年级 1 班：学生数 {first[2]} → {first[2] + 2}" in approval
    assert "计算达标路径" in shown[0] and "目标学年：2029" in shown[0]
    assert '<option value="plan_compliance" >计算达标路径</option>' in page
