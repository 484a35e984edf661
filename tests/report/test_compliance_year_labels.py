"""A total beside a year label says exactly which years it covers (issue 16 review): the
plan's total pays one-off items from 2026 and yearly items 2030–2034, so it is labelled
2026—2034 with the yearly part named, never "2026—2030"."""

import openpyxl
import xlsxwriter

from junheng.report.compliance_docx import _overview
from junheng.report.compliance_xlsx import _formats, _list_sheet

DOC = {
    "county": {"name": "洛北县", "code": "410331"}, "data_year": 2025, "target_year": 2030,
    "confirmed": False, "after": {}, "greedy": None, "status_text": "按此方案复核仍未达标",
    "objective": 130.0, "costs": {"recurring_years": 5}, "status": "gap_limit", "gap": 0.00008938,
    "totals": {"total": 130.0, "one_off": 80.0, "annual": 10.0,
               "recurring_years": [2030, 2031, 2032, 2033, 2034],
               "by_year": {"2026": 80.0, "2027": 0.0, "2028": 0.0, "2029": 0.0, "2030": 10.0,
                           "2031": 10.0, "2032": 10.0, "2033": 10.0, "2034": 10.0},
               "by_project": {"building": 80.0, "teachers": 50.0}},
    "actions": [{"school_id": "A", "name": "甲小学", "project": "building", "item": "classroom",
                 "item_name": "新建普通教室", "stage": None, "quantity": 2.0, "unit": "间",
                 "cost": 80.0, "annual_cost": 0.0, "funding": {"2026": 80.0}, "in_use_year": 2028}],
}

#: the solve status of DOC (gap 0.00008938) as the Word overview says it (review rv 7: the
#: gap alone, no sum of the one-off and the yearly money): of a confirmed plan S, of one its
#: re-check fails B, never 最少 beside a fail (review rv3 7)
S = "这一投入已接近最少（与最少可能的投入相差不超过 0.0089%，测算口径见《达标路径工作簿》“方案说明”表）"
B = "已计价措施中投入最少（测算值与可达到的最低值相差不超过 0.0089%，测算口径见《达标路径工作簿》“方案说明”表）"
#: what a failing DOC's overview says after its money (review rv3 7: it does not pass; rv10 13:
#: the least within the measures set, and the year in which the county still fails beside it)
FAILS = "；按此仍未达标：全县 2030 学年仍不能通过复核"


def test_the_word_overview_names_the_years_of_its_money_and_never_adds_the_two_kinds():
    # review 2026-12-05 finding 3: "2026—2034 学年共需投资 130.00 万元" added the 80.00 one-off
    # (the classrooms, paid in 2026) and 5 years of 10.00 a year; the two are said apart, each
    # with its years, and the 130.00 (the measure the solve makes least) is not printed at all
    # (review rv 7); the yearly money has no named kind here (no action pays it): 经常性支出
    assert _overview(DOC) == (
        "按所设单价和权重测算，洛北县在 2030 学年前可以实施的整改：一次性投入 80.00 万元"
        "（2026 学年），另每年经常性支出 10.00 万元（2030—2034 学年）；" + B + FAILS +
        "。一次性投入最多的是校舍建设，80.00 万元，占一次性投入的 100.0%。"
    )
    # rv15 5: 最少 only as the least of the measures priced, never alone beside a fail
    assert "最少" not in _overview(DOC).replace("已计价措施中投入最少", "") and "最优" not in _overview(DOC)
    assert "130.00" not in _overview(DOC) and "共需投资" not in _overview(DOC)


def test_a_plan_its_recheck_fails_never_says_it_meets_the_standard():
    # review 2026-12-04 finding 5: "在满足标准的前提下…（按此方案复核仍未达标）" said both; the
    # count is the rows of the 未解决事项 table (2 here), named by its number in the document
    doc = {**DOC, "unresolved": [{"school": "甲小学"}, {"school": "乙小学"}]}
    assert _overview(doc, 1).split("：")[0] == "按所设单价和权重测算，洛北县在 2030 学年前可以实施的整改"
    assert _overview(doc, 1).split("。")[0].endswith(f"；{B}{FAILS}，本方案措施仍未能解决的事项 2 项（见表 1）")
    assert "满足标准" not in _overview(doc, 1)
    # a plan the re-check confirms keeps the standard's wording and its solve status (the
    # solve's own words, from status and gap: 0.00008938 → 0.0089 %, as plan.xlsx says it)
    done = {**DOC, "confirmed": True, "status_text": "已证明最优"}
    assert _overview(done).split("万元")[0] == (
        "为使洛北县在 2030 学年达到义务教育优质均衡发展资源配置要求，在满足标准的前提下按总投资最少测算整改方案："
        "一次性投入 80.00 ")
    assert f"；{S}。" in _overview(done)


def test_a_plan_its_recheck_fails_still_says_its_solve_status_in_an_official_s_words():
    # review A11: "最优（与下界差 …）" was in plan.xlsx (solve_rows) only; the Word overview
    # (整改措施 and the 自评报告's §八, both add_compliance_chapter) says the same gap, in an
    # official's words, not the solver's (planner review finding 5): 0.00008938 → 0.0089 %
    from junheng.report.compliance_xlsx import solve_rows

    doc = {**DOC, "bound": 129.99, "model_objective": 130.0}
    label, words = solve_rows(doc)[0]
    # rv10 13: not 最优 beside a fail; a plan that passes keeps the solver's word
    assert (label, words) == ("模型求解状态", "所设措施范围内最低（与下界差 0.0089%，在容差 0.01% 内）")
    assert solve_rows({**doc, "confirmed": True})[0][1] == "最优（与下界差 0.0089%，在容差 0.01% 内）"
    assert f"；{B}{FAILS}。" in _overview(doc) and "模型求解状态" not in _overview(doc)
    # a solve stopped at its time limit says how far off it can be, in the same place
    assert "；这一投入的测算值与已计价措施中的最少投入相差不超过 0.4%（测算口径见" in _overview({**doc, "status": "time_limit", "gap": 0.004})
    # a proven gap of 0: at the bound, still no 最优 beside a fail (review rv3 7) ...
    assert "；已计价措施中投入最少（测算口径见" in _overview({**doc, "gap": 0.0})
    assert "最优" not in _overview({**doc, "gap": 0.0})
    # ... and 最优 only for a plan that passes, at a proven gap of 0
    assert "；经测算为最少可能的投入（已证明最优，" in _overview({**doc, "gap": 0.0, "confirmed": True})


def test_the_overview_names_the_yearly_kind_and_adds_no_totals():
    # review rv 7, the demo's figures: one-off 2,426.73 万元 paid 2027 and 2030, 交流补助 4.20 万元
    # a year 2030–2034; neither 2,447.73 (= 2,426.73 + 5 × 4.20) nor 2,497.73 (+ the 50.00 of
    # hires the layout pays) is printed
    doc = {**DOC, "gap": 0.00006639, "objective": 2447.73, "layout_paid": 50.0, "model_objective": 2497.74,
           "totals": {"total": 2447.73, "one_off": 2426.73, "annual": 4.2,
                      "recurring_years": [2030, 2031, 2032, 2033, 2034]},
           "actions": [{**DOC["actions"][0], "cost": 2426.73, "funding": {"2027": 2000.0, "2030": 426.73}},
                       {"school_id": "A", "name": "甲小学", "project": "rotation", "item": "rotation",
                        "item_name": "交流轮岗", "stage": None, "quantity": 7.0, "unit": "人·年",
                        "cost": 21.0, "annual_cost": 4.2, "funding": {"2030": 4.2}, "in_use_year": 2030}]}
    text = _overview(doc)
    assert text.split("：", 1)[1].split("。")[0] == (
        "一次性投入 2,426.73 万元（2027—2030 学年），另交流补助每年 4.20 万元（2030—2034 学年）；"
        "已计价措施中投入最少（测算值与可达到的最低值相差不超过 0.0066%，测算口径见《达标路径工作簿》“方案说明”表）" + FAILS)
    assert "2,447.73" not in text and "2,497.73" not in text and "不与一次性投入相加" not in text


def test_the_workbook_list_title_names_the_years_of_its_total(tmp_path):
    path = tmp_path / "list.xlsx"
    wb = xlsxwriter.Workbook(str(path))
    _list_sheet(wb, _formats(wb), DOC)
    wb.close()
    assert openpyxl.load_workbook(path).active["A1"].value == (
        "洛北县义务教育优质均衡发展整改项目清单（投资合计覆盖 2026—2034 学年；其中每年经常性支出 10.00 万元，"
        "计 2030—2034 学年共 5 年）"
    )


def test_the_money_names_its_one_off_and_recurring_parts_and_the_greedy_gap_the_measure():
    # review2 finding 11 and review 2026-12-05 finding 3: the one-off 80.00 and the 10.00 a
    # year apart; against the 150.00 of a simple fill the measure (130.00) is compared
    doc = {**DOC, "greedy": 150.0, "totals": {**DOC["totals"], "one_off": 80.0, "annual": 10.0}}
    # the measure itself is not printed: 150.00 − 130.00 = 20.00 on the same measure
    assert _overview(doc).split("。")[0].endswith(f"；{B}，按同一测算口径比逐校、逐项简单补齐少 20.00 万元{FAILS}")
    # without yearly money: the one-off alone
    once = {**DOC, "totals": {**DOC["totals"], "total": 80.0, "annual": 0.0}}
    assert _overview(once).split("。")[0] == (
        "按所设单价和权重测算，洛北县在 2030 学年前可以实施的整改：一次性投入 80.00 万元"
        f"（2026 学年）；{B}{FAILS}")


def test_the_cv_paragraph_after_a_layout_names_its_pupils_and_the_layout_s():
    # review2 finding 2: the same 2030 CV read 0.647 in the layout plan and 0.637 here, on two
    # pupil bases; the 整改措施 says which is its own. 0.639 → 0.637 over the 0.50 limit.
    from junheng.report.compliance_docx import _cv_paragraph
    from junheng.report.word_document import WordReport

    stages = {"before": {"stages": {"primary": {"limit": 0.5, "cv": {"sports_area_per_student": 0.639}}}},
              "after": {"stages": {"primary": {"cv": {"sports_area_per_student": 0.637}}}}}
    r = WordReport()
    _cv_paragraph(r, {**DOC, **stages, "layout_year": 2030})
    assert [p.text for p in r.doc.paragraphs] == [
        "目标学年超过限值的差异系数，达标路径实施前（布局调整后）→ 实施后：小学（限值 0.50）：生均体育运动场馆面积 0.639 → 0.637。",
        "注：差异系数和各校学生数按招生预测计算（各学段全县总数按布局方案各校占比分配）；布局调整方案按各村适龄儿童推算的"
        "规划年学生数计算，同一学年的数值会略有不同。"]
    r = WordReport()  # without a layout plan there is no other figure to tell apart
    _cv_paragraph(r, {**DOC, **stages, "layout_year": None})
    assert len(r.doc.paragraphs) == 1


def test_the_workbook_list_total_is_the_one_off_money_every_document_states(tmp_path):
    # review rv3 finding 11: the first sheet's 合计 read 2432.48 (the one-off 2,399.48 plus the
    # 交流补助 6.60 a year × 5) while every document says 2,399.48; here 2,399.48 one-off and a
    # 交流 row of 6.60 a year (33.00 over 5 years): the 合计 row reads 2,399.48 and 6.60 apart
    rotation = {"school_id": "A", "name": "甲小学", "project": "rotation", "item": "rotation",
                "item_name": "交流", "stage": None, "quantity": 11.0, "unit": "人",
                "teacher_type": "pe_art", "to_name": "乙小学", "cost": 33.0, "annual_cost": 6.6,
                "funding": {"2030": 6.6}, "in_use_year": 2030}
    doc = {**DOC, "actions": [{**DOC["actions"][0], "cost": 2_399.48}, rotation]}
    path = tmp_path / "list.xlsx"
    wb = xlsxwriter.Workbook(str(path))
    _list_sheet(wb, _formats(wb), doc)
    wb.close()
    ws = openpyxl.load_workbook(path).active
    assert [c.value for c in ws[2]][4:6] == ["一次性投入（万元）", "每年经常性支出（万元）"]
    assert [[c.value for c in row][4:6] for row in ws.iter_rows(min_row=3, max_row=5)] == [
        [2_399.48, 0], [0, 6.6], [2_399.48, 6.6]]
    assert [c.value for c in ws[5]][1] == "合计" and ws["E5"].number_format == "#,##0.00"
    assert ws["A7"].value == "一次性投入与每年经常性支出分别合计，不相加；每年经常性支出逐年见“分年度投资”表。"


def test_each_new_field_in_the_list_says_its_ground_is_to_be_checked_on_site():
    # review rv3 finding 8: the spare ground is a lower bound from data (no 绿地, roads, setbacks)
    from junheng.report.compliance_xlsx import project_rows

    field = {**DOC["actions"][0], "project": "sports", "item": "field", "item_name": "新建室外体育运动场地",
             "quantity": 8_366.0, "unit": "平方米", "cost": 752.94}
    assert project_rows({**DOC, "actions": [field]})[0]["content"] == (
        "新建室外体育运动场地 8,366 平方米（建在校内空地上，需现场核实用地）")
