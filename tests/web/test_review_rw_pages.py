"""Review rw (a bureau user on the demo's web pages): the 填报 form keeps what was typed and shows
whole numbers without ".0", its errors name the class by 年级 and 班号, 确认导入 says it worked,
the rotation table has 3 decimals, and the options table says 未满足的规则 as a count.

The example county's 城关第一小学 (4103060001) has 教学及辅助用房 2,750 m² and 12 classes
(一年级 1–2 班 first, 46 and 44 pupils; :mod:`.test_permissions`)."""

from __future__ import annotations

import re
from dataclasses import replace

from .conftest import COUNTY, PRIMARY, post_form, wait_rotation
from .test_import import _next_year, _workbook, upload_and_confirm
from .test_layout_docs import _job
from .test_layout_options_page import ALT, _options_plan
from .test_permissions import _PRIMARY_CLASSES, _facility_form

FORM = f"/schools/{PRIMARY}/facilities"


def test_the_form_shows_whole_numbers_without_a_trailing_zero(as_user):
    page = as_user("school_a").get(FORM).text  # stored as 2750.0, 1250000.0 (floats)
    assert 'name="teaching_area" inputmode="decimal" value="2750"' in page
    assert 'name="equipment_value" inputmode="decimal" value="1250000"' in page
    assert ".0\"" not in page


def test_a_refused_form_keeps_what_was_typed_and_names_the_class(as_user):
    # 一年级 2 班 gets "abc" pupils, 一年级 1 班 "-3"; 教学及辅助用房 "12a"
    classes = [("g1", "1", "-3"), ("g1", "2", "abc"), *_PRIMARY_CLASSES[2:]]
    response = post_form(as_user("school_a"), FORM,
                         _facility_form(version=1, import_id=1, classes=classes,
                                        teaching_area="12a"))
    assert response.status_code == 422
    page = response.text
    assert 'name="teaching_area" inputmode="decimal" value="12a"' in page
    students = re.findall(r'name="class_students" value="([^"]*)"', page)
    assert students[:3] == ["-3", "abc", "45"]  # 二年级 1 班's 45 as typed
    rows = re.findall(r"<tr><td>学生数</td><td>(.*?)</td><td>(.*?)</td>", page)
    assert rows == [("一年级 1 班", "-3"), ("一年级 2 班", "abc")]
    assert "第 1 个班级" not in page and "第 2 个班级" not in page


def test_a_confirmed_import_says_it_worked(as_user, tmp_path):
    admin = as_user("admin")
    done = upload_and_confirm(admin, _workbook(tmp_path, _next_year()))
    assert done.status_code == 303
    page = admin.get(done.headers["location"]).text
    notice = re.search(r'<div class="alert ok" role="status" id="import-notice">(.*?)</div>',
                       page).group(1)
    # the example county's workbook: 6 rows of 学校 = 5 schools (2 幼儿园) and 1 教学点, as the
    # check page counts them (review rvweb 10: 「学校 171 所」 counted 教学点 as schools); 40
    # classes, 112 teacher rows, 21 sheets with rows (基本信息 … 乡镇; as the workbook's sheets count them)
    assert notice == (f"导入成功：county.xlsx 已导入为示例县（{COUNTY}）2026 学年数据：5 所学校（含幼儿园 2 所）、"
                      "1 个教学点、班级 40 个、教师 112 人，共 21 张工作表有数据。")
    # the plain 概览 (no ?imported=1) has no notice, though its content is cached
    assert 'id="import-notice"' not in admin.get(f"/?county={COUNTY}&year=2026").text


def test_the_rotation_table_has_three_decimals(shared_user):
    page = wait_rotation(shared_user("admin"))  # the stored plan's job done (rvweb 9)
    panel = re.search(r"<h2>交流轮岗方案</h2>.*?</table>", page, re.S).group(0)
    # the CVs to 3 places as 均衡评估 prints them (was 4), the limits to 2; since brief hrot2 the
    # 5 teachers 河口乡九年一贯制学校 sends back in exchange count in the figures after (0.386
    # with any teacher sent back); since brief hrot3 only eligible teachers go back and the model
    # limits the CV with them counted: 0.208; brief hrot4: solved to 0.01 % the plan of the same
    # objective sends 1 骨干 and gets 1 back, each school keeps its 骨干: 0.030 after too;
    # brief hstaff: with the subject needs by the 课程方案's hours the optimum sends 2 骨干: 0.208
    assert ('<tr><td>初中每百名学生拥有县级以上骨干教师数</td><td class="n">0.030</td>'
            '<td class="n">0.208</td><td class="n">0.45</td></tr>') in panel
    assert not re.search(r'<td class="n">\d+\.\d{4}</td>', panel)


LONG = ("走读单程不超过 30 分钟：12 人超过（城关第一小学 12 人：东村四至六年级 12 人单程 34.0 分钟，"
        "按规则须寄宿；本校床位 0 张不足）")


def test_the_options_table_counts_the_rules_unmet(app, as_user):
    plan = replace(_options_plan(), alternative={**ALT, "unmet": LONG})
    page = as_user("admin").get(f"/plans/layout/jobs/{_job(app, '甲说明。', plan=plan)}").text
    panel = re.search(r'<section class="panel" id="options">.*?</section>', page, re.S).group(0)
    row = re.search(r"<tr><td>未满足的规则</td><td>(.*?)</td><td>(.*?)</td><td>(.*?)</td></tr>",
                    panel).groups()
    # 方案甲 meets every rule; 方案乙's one rule up to its colon (the 说明 column is left out:
    # branch hv words it in planning/layout_options)
    # each count says it leaves the 差异系数 out (brief hverdict, review rvweb 2)
    assert row[:2] == ("无", "1 项（不含差异系数）：走读单程不超过 30 分钟")
    assert "方案乙未满足的规则：1 项（见下表）" in panel
    assert "东村四至六年级" not in page
