"""学校填报: a school submits, the county approves or rejects, stale edits are caught.

The example county's 城关第一小学 (4103060001) has 12 classes and a 校舍设施 row with
教学及辅助用房 2,750 m²; its row is at version 1 after import.
"""

from __future__ import annotations

import re

from junheng.store.accounts import list_audit, school_records

from .conftest import COUNTY, PRIMARY, csrf_of, post_form
from .test_permissions import _PRIMARY_CLASSES, _facility_form

FORM = f"/schools/{PRIMARY}/facilities"


def _official(app):
    with app.state.web.sessions() as session:
        return school_records(session, county_code=COUNTY, school_year=2025, school_id=PRIMARY)


def _submit(client, **changes):
    response = post_form(client, FORM, _facility_form(**{"version": 1, "import_id": 1,
                                                         **changes}))
    assert response.status_code == 303, response.text
    return int(re.match(r"/submissions/(\d+)", response.headers["location"]).group(1))


def test_the_form_shows_the_official_values_and_their_version(as_user):
    page = as_user("school_a").get(FORM).text
    assert 'name="teaching_area" inputmode="decimal" value="2750"' in page
    assert 'name="version" value="1"' in page
    assert page.count('name="class_class_no"') == 12 + 3  # 12 classes and 3 empty rows


def test_a_submission_waits_for_approval_and_changes_nothing_official(app, as_user):
    school = as_user("school_a")
    number = _submit(school, teaching_area=3000)
    page = school.get(f"/submissions/{number}").text
    assert "待审核" in page
    facility, version, classes = _official(app)
    assert facility["teaching_area"] == 2750.0
    assert version == 1
    assert len(classes) == 12


def test_approval_replaces_the_official_rows_bumps_the_version_and_is_audited(app, as_user):
    # One more first-grade class of 58 pupils: 大班额 (56–65) goes from 0 to 1.
    classes = [*_PRIMARY_CLASSES, ("g1", "3", 58)]
    number = _submit(as_user("school_a"), teaching_area=3000, classes=classes)
    admin = as_user("admin")
    assert "大班额（56–65 人）" in admin.get("/").text
    response = post_form(admin, f"/submissions/{number}/approve", {"version": "1",
                                                                    "note": "核实无误"})
    assert response.status_code == 303
    facility, version, official_classes = _official(app)
    assert facility["teaching_area"] == 3000.0
    assert version == 2
    assert len(official_classes) == 13
    assert {"grade": "g1", "class_no": "3", "students": 58, "boarders": None,
            "migrant_students": None, "disabled_students": None} in official_classes
    assert "已通过" in admin.get(f"/submissions/{number}").text
    dashboard = admin.get("/").text  # the cached county is recomputed after approval
    assert re.search(r"<b>1</b><span><a href=\"/class-size\">大班额", dashboard)
    class_size = admin.get("/class-size").text
    assert "大班额最多的学校" in class_size and "示例县城关第一小学" in class_size
    with app.state.web.sessions() as session:
        entries = {e.action: e for e in list_audit(session, county_codes={COUNTY})}
    assert entries["submit"].username == "school_a"
    assert entries["approve"].username == "admin"
    assert entries["approve"].before["facility"]["teaching_area"] == 2750.0
    assert entries["approve"].after["facility"]["teaching_area"] == 3000.0
    assert entries["approve"].after["version"] == 2


def test_rejection_keeps_the_official_data_and_records_the_reason(app, as_user):
    number = _submit(as_user("school_a"), teaching_area=3000)
    admin = as_user("admin")
    response = post_form(admin, f"/submissions/{number}/reject", {"version": "1",
                                                                   "note": "面积与房产证不符"})
    assert response.status_code == 303
    page = admin.get(f"/submissions/{number}").text
    assert "已退回" in page and "面积与房产证不符" in page
    assert _official(app)[0]["teaching_area"] == 2750.0


def test_a_stale_form_is_refused_with_a_conflict_and_keeps_what_was_typed(app, as_user):
    school = as_user("school_a")
    first = _submit(school, teaching_area=3000)
    post_form(as_user("admin"), f"/submissions/{first}/approve", {"version": "1"})
    # The school still has the form it opened at version 1 and types a new value.
    response = post_form(school, FORM, _facility_form(version=1, import_id=1,
                                                      teaching_area=3111))
    assert response.status_code == 409
    assert "已被修改（当前版本 2，您打开时的版本 1）" in response.text
    assert 'name="teaching_area" inputmode="decimal" value="3111"' in response.text
    assert _official(app)[0]["teaching_area"] == 3000.0


def test_of_two_submissions_on_the_same_version_only_the_first_approval_applies(app, as_user):
    school = as_user("school_a")
    first = _submit(school, teaching_area=3000)
    second = _submit(school, teaching_area=3500)
    admin = as_user("admin")
    assert post_form(admin, f"/submissions/{first}/approve",
                     {"version": "1"}).status_code == 303
    refused = post_form(admin, f"/submissions/{second}/approve", {"version": "1"})
    assert refused.status_code == 409
    assert "当前版本 2，填报依据版本 1" in refused.text
    assert _official(app)[0]["teaching_area"] == 3000.0
    assert "待审核" in admin.get(f"/submissions/{second}").text


def test_a_decision_on_a_stale_view_of_the_submission_is_refused(as_user):
    number = _submit(as_user("school_a"), teaching_area=3000)
    admin = as_user("admin")
    stale = post_form(admin, f"/submissions/{number}/approve", {"version": "7"})
    assert stale.status_code == 409
    assert "已被他人处理（当前版本 1，您看到的版本 7）" in stale.text
    assert post_form(admin, f"/submissions/{number}/approve",
                     {"version": "1"}).status_code == 303
    again = post_form(admin, f"/submissions/{number}/reject", {"version": "2"})
    assert again.status_code == 409
    assert f"第 {number} 号填报已已通过" not in again.text
    assert "已通过，不能再次审核" in again.text


def test_a_negative_pupil_count_is_refused_and_nothing_is_submitted(app, as_user):
    classes = [*_PRIMARY_CLASSES[:-1], ("g6", "2", -3)]
    response = post_form(as_user("school_a"), FORM,
                         _facility_form(version=1, import_id=1, classes=classes))
    assert response.status_code == 422
    assert "学生数不能小于 0" in response.text
    with app.state.web.sessions() as session:
        assert [e.action for e in list_audit(session)] == ["login"]


def test_the_import_rules_apply_to_the_form(as_user):
    # A primary school cannot have a 七年级 class; class numbers are unique per grade;
    # 随迁子女 cannot exceed the class.
    classes = [("g7", "1", 30), ("g1", "1", 20), ("g1", "1", 25)]
    form = _facility_form(version=1, import_id=1, classes=classes)
    form["class_migrant_students"] = ["", "40", ""]
    response = post_form(as_user("school_a"), FORM, form)
    assert response.status_code == 422
    text = response.text
    assert "年级与学校类型“小学”不符" in text
    assert "同一学校同一年级内班号须唯一" in text
    assert "随迁子女数 40 超过该班学生数 20" in text


def test_an_empty_required_resource_is_refused(as_user):
    response = post_form(as_user("school_a"), FORM,
                         _facility_form(version=1, import_id=1, sports_area=""))
    assert response.status_code == 422
    assert "“体育运动场馆面积”为空" in response.text


def test_a_non_number_is_refused_with_the_column_name(as_user):
    response = post_form(as_user("school_a"), FORM,
                         _facility_form(version=1, import_id=1, books="一万"))
    assert response.status_code == 422
    assert "图书册数应为数字" in response.text


def test_a_number_with_separators_is_refused_not_misread(as_user):
    # Issue 14: "1,2,3" was read as 123 books.
    response = post_form(as_user("school_a"), FORM,
                         _facility_form(version=1, import_id=1, books="1,2,3"))
    assert response.status_code == 422
    assert "图书册数应为数字（只写数字和小数点，不加空格、逗号或下划线）" in response.text


def test_every_problem_of_the_form_is_listed_at_once_and_the_input_kept(as_user):
    # review rvweb2 finding 5: 「12,5OO」 was reported alone, and 寄宿生 52 > 学生 48 only on the
    # next submit, under workbook headings 工作表 / 行 / 列
    from .leaks import visible_text

    form = _facility_form(version=1, import_id=1, teaching_area="12,5OO", books="一万")
    form["class_boarders"] = ["52", *[""] * (len(_PRIMARY_CLASSES) - 1)]
    response = post_form(as_user("school_a"), FORM, form)
    assert response.status_code == 422
    table = re.search(r'<table class="data problems">.*?</table>', response.text, re.S).group(0)
    rows = [[visible_text(cell) for cell in re.findall(r"<t[hd]>.*?</t[hd]>", row, re.S)]
            for row in re.findall(r"<tr>.*?</tr>", table, re.S)]
    assert rows == [
        ["项目", "班级", "填写值", "问题"],
        ["教学及辅助用房面积", "—", "12,5OO",
         "教学及辅助用房面积应为数字（只写数字和小数点，不加空格、逗号或下划线）。"],
        ["图书册数", "—", "一万", "图书册数应为数字（只写数字和小数点，不加空格、逗号或下划线）。"],
        ["寄宿生数", "一年级 1 班", "52", "寄宿生数 52 超过该班学生数 46：请核对。"]]
    assert "发现 3 处问题，未提交" in response.text
    assert 'name="teaching_area" inputmode="decimal" value="12,5OO"' in response.text


def test_submissions_name_the_school_and_its_classes_sort_by_number(as_user):
    # review rvweb2 findings 6 and 7: 「学校标识码 4103310011」 and 「第 1 号填报 · 学校
    # 4103310011」; the school page listed 一年级 1, 10, 11, 2, 3 … (class_no sorted as text)
    from .leaks import visible_text

    classes = [*_PRIMARY_CLASSES[:2], *((("g1", str(n), 40)) for n in (10, 3, 11)),
               *_PRIMARY_CLASSES[2:]]
    number = _submit(as_user("school_a"), classes=classes)
    admin = as_user("admin")
    listing = visible_text(admin.get("/submissions").text)
    assert re.search(rf"第 {number} 号\s+示例县城关第一小学（{PRIMARY}）", listing)
    page = admin.get(f"/submissions/{number}").text
    assert f"<h1>第 {number} 号填报 · 示例县城关第一小学（{PRIMARY}）</h1>" in page
    admin.post(f"/submissions/{number}/approve", data={
        "version": "1", "note": "", "csrf_token": csrf_of(admin, f"/submissions/{number}")})
    school = admin.get(f"/schools/{PRIMARY}").text
    section = school[school.index("班级（15 个）"):]
    first_grade = re.findall(r"<td>一年级</td><td>(\d+)</td>", section)
    assert first_grade == ["1", "2", "3", "10", "11"]
