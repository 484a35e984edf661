"""数据导入: upload, a report of every located problem, confirmation, atomic import."""

from __future__ import annotations

import re

from junheng.io import example_county, write_workbook
from junheng.store.accounts import list_audit

from .conftest import COUNTY, csrf_of, recoded_county

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _workbook(tmp_path, data, name="county.xlsx") -> bytes:
    return write_workbook(data, tmp_path / name).read_bytes()


def _upload(client, content: bytes, name="county.xlsx"):
    return client.post("/import", data={"csrf_token": csrf_of(client, "/import")},
                       files={"file": (name, content, XLSX)})


def upload_and_confirm(client, content: bytes):
    """Upload a workbook that passes the checks and confirm it; the confirmation's answer."""
    checked = _upload(client, content)
    assert checked.status_code == 200, checked.text
    token = re.search(r'name="token" value="([^"]+)"', checked.text).group(1)
    return client.post("/import/confirm", data={"csrf_token": csrf_of(client, "/import"),
                                                "token": token})


def _next_year():
    data = example_county()
    return data.__class__({**data.info, "school_year": 2026}, data.tables)


def test_a_valid_workbook_is_summarised_then_imported_on_confirmation(app, as_user, tmp_path):
    admin = as_user("admin")
    checked = _upload(admin, _workbook(tmp_path, _next_year()), "示例县2026.xlsx")
    assert checked.status_code == 200
    assert "检查通过：示例县2026.xlsx" in checked.text
    assert "2026—2027" in checked.text
    # rv2 finding 3: 教学点 by 个 and apart, as the 自评 counts them (was 「6 所：…教学点 1」)
    assert ("<td>5 所学校（含幼儿园 2 所）、1 个教学点：小学 1 所，初级中学 1 所，九年一贯制学校 1 所，"
            "教学点 1 个，幼儿园 2 所</td>") in checked.text
    assert app.state.web.store.years(COUNTY) == [2025]  # nothing stored before confirmation
    token = re.search(r'name="token" value="([^"]+)"', checked.text).group(1)
    done = admin.post("/import/confirm", data={"csrf_token": csrf_of(admin, "/import"),
                                               "token": token})
    assert done.status_code == 303
    assert done.headers["location"] == f"/?county={COUNTY}&year=2026&imported=1"
    assert app.state.web.store.years(COUNTY) == [2025, 2026]
    with app.state.web.sessions() as session:
        entry = next(e for e in list_audit(session) if e.action == "import")
    assert entry.entity_key == f"{COUNTY}:2026"
    assert entry.after["rows"]["classes"] == 40
    assert entry.before is None


def test_a_workbook_with_problems_lists_each_one_and_imports_nothing(app, as_user, tmp_path):
    data = example_county()
    classes = data.classes.copy()
    classes.loc[10, "students"] = -3
    classes.loc[11, "students"] = 150
    bad = data.with_tables(classes=classes)
    response = _upload(as_user("admin"), _workbook(tmp_path, bad))
    assert response.status_code == 422
    assert "有 2 处问题，未做任何导入" in response.text
    # Frame rows 10 and 11 are Excel rows 12 and 13 (header on row 1); 学生数 is 班级's column D,
    # named as the template heads it (rw 12)
    assert re.search(r"<td>班级</td><td>12</td><td>D 列“学生数（人）”</td><td>-3</td>", response.text)
    assert re.search(r"<td>班级</td><td>13</td><td>D 列“学生数（人）”</td><td>150</td>", response.text)
    assert "<td>“学生数”为 -3，应为 0–120 的整数。</td>" in response.text
    assert app.state.web.store.years(COUNTY) == [2025]


def test_a_file_that_is_not_a_workbook_gets_a_clear_message(as_user):
    response = _upload(as_user("admin"), b"school,name\n1,a\n", "schools.xlsx")
    assert response.status_code == 422
    assert "schools.xlsx" in response.text
    assert "xlsx" in response.text


def test_a_held_county_year_needs_replace(app, as_user, tmp_path):
    admin = as_user("admin")
    checked = _upload(admin, _workbook(tmp_path, example_county()))
    assert "用本文件替换" in checked.text
    token = re.search(r'name="token" value="([^"]+)"', checked.text).group(1)
    refused = admin.post("/import/confirm", data={"csrf_token": csrf_of(admin, "/import"),
                                                  "token": token})
    assert refused.status_code == 409
    assert "已在库中" in refused.text
    replaced = admin.post("/import/confirm", data={"csrf_token": csrf_of(admin, "/import"),
                                                   "token": token, "replace": "true"})
    assert replaced.status_code == 303
    log = app.state.web.store.import_log(county_code=COUNTY, school_year=2025)
    assert [r.replaced for r in log] == [False, True]


def test_a_workbook_of_another_county_is_refused(as_user, tmp_path):
    response = _upload(as_user("other_admin"), _workbook(tmp_path, example_county()))
    assert response.status_code == 403
    assert "不在您的管理范围内" in response.text


def test_a_confirmation_token_works_only_for_its_uploader(as_user, tmp_path):
    checked = _upload(as_user("admin"), _workbook(tmp_path, _next_year()))
    token = re.search(r'name="token" value="([^"]+)"', checked.text).group(1)
    city = as_user("city_admin")
    response = city.post("/import/confirm", data={"csrf_token": csrf_of(city, "/import"),
                                                  "token": token})
    assert response.status_code == 404


def test_a_city_admin_imports_a_new_county_of_its_city(app, as_user, tmp_path):
    other = recoded_county("410307", county_name="新县")
    city = as_user("city_admin")
    assert upload_and_confirm(city, _workbook(tmp_path, other)).status_code == 303
    assert app.state.web.store.years("410307") == [2025]
    assert city.get("/?county=410307").status_code == 200
    # The county's own admin still cannot reach the new county.
    assert as_user("admin").get("/?county=410307").status_code == 403


def test_a_city_admin_cannot_take_over_a_county_held_by_another_city(app, as_user, tmp_path):
    # Issue 14, item 1: 洛阳市's admin uploaded 郑州市's county 410122 relabelled 洛阳市 and
    # replaced it, moving the county into its own scope.
    store = app.state.web.store
    store.import_county(recoded_county("410122", county_name="中牟县", city_name="郑州市"))
    relabelled = recoded_county("410122", county_name="中牟县", city_name="洛阳市")
    response = _upload(as_user("city_admin"), _workbook(tmp_path, relabelled))
    assert response.status_code == 403
    assert "工作簿属于县区 410122，不在您的管理范围内，未导入" in response.text
    assert [(c.county_code, c.city_name) for c in store.counties()] == [
        ("410122", "郑州市"), (COUNTY, "洛阳市")]
    assert len(store.import_log(county_code="410122")) == 1


def test_a_county_admin_cannot_move_its_county_into_another_city(app, as_user, tmp_path):
    data = example_county()
    relabelled = data.__class__({**data.info, "city_name": "郑州市"}, data.tables)
    response = _upload(as_user("admin"), _workbook(tmp_path, relabelled))
    assert response.status_code == 409
    assert "导入不能更改县区的所属地市" in response.text
    assert [c.city_name for c in app.state.web.store.counties()] == ["洛阳市"]


def test_the_import_page_names_the_templates_format_version(as_user):
    # review finding 15: the page said 格式 v1 while the template is v2
    page = as_user("admin").get("/import").text
    assert "上传县域教育数据工作簿（.xlsx，格式第 2 版）" in page and "格式 v" not in page


def test_the_check_and_import_buttons_say_they_are_working_once_pressed(as_user):
    # review rw 14: a 9 s check left the button live; app.js disables a data-busy form's
    # button and shows the text (the browser test presses it)
    page = as_user("admin").get("/import").text
    assert ('<form method="post" action="/import" enctype="multipart/form-data" '
            'data-busy="正在检查…">') in page


def test_the_import_list_names_a_command_line_import_in_chinese_not_the_server_login(app, as_user):
    # rw 1: older CLIs recorded the operating-system login, "root" on a server
    app.state.web.store.import_county(_next_year(), source="旧导入.xlsx", user="root")
    page = as_user("admin").get("/import").text
    assert "<td>旧导入.xlsx</td><td>命令行导入</td>" in page
    assert "<td>root</td>" not in page
