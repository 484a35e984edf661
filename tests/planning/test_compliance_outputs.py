"""What a planner reads of a compliance plan: sports area capped at the shortfall, spending
spread over the years, 复核未通过 before anything else and a Word total that adds up."""

from __future__ import annotations

import pandas as pd
from docx import Document

from junheng.optimize.result import SolveStatus
from junheng.planning.compliance_data import _addition_bound
from junheng.planning.compliance_json import plan_status_text
from junheng.planning.compliance_unresolved import MODEL
from junheng.report.compliance_docx import add_compliance_chapter, title
from junheng.report.word_document import WordReport
from junheng.standards import load_standard

IND = "sports_area_per_student"


def test_sports_area_bound_is_the_shortfall_not_the_best_school():
    # S1 has 1,000 m² where the threshold asks 7,956: it may add 6,956 m², not the 13,344 m²
    # that lifting it to S2's ratio (2.5 × need) would take.
    frame = pd.DataFrame({"school_id": ["S1", "S2"], "stage": ["primary", "primary"],
                          f"base_{IND}": [1000.0, 20_000.0], f"need_{IND}": [7956.0, 8000.0]})
    schools = pd.DataFrame({"school_id": ["S1", "S2"], "reach_primary": [1.0, 1.0],
                            "reach_junior": [0.0, 0.0]})
    bound = _addition_bound(schools, frame, load_standard("quality-2017"), "sports_area",
                            shortfall=True)
    assert bound.tolist() == [6956.0, 0.0]


def _doc(confirmed: bool) -> dict:
    action = {"item": "gym", "project": "sports", "school_id": "S1", "name": "实验小学",
              "quantity": 6956.0, "cost": 100.0, "annual_cost": 0.0,
              "funding": {"2026": 50.0, "2027": 50.0}, "in_use_year": 2028}
    hire = {"item": "hire_pe_art", "project": "teachers", "school_id": "S1", "name": "实验小学",
            "quantity": 1.0, "cost": 30.0, "annual_cost": 10.0,
            "funding": {"2028": 10.0, "2029": 10.0, "2030": 10.0},
            "in_use_year": 2028}
    return {"county": {"name": "洛北县", "code": "410399"}, "data_year": 2025, "target_year": 2028,
            "years": [2026, 2027, 2028], "actions": [action, hire], "confirmed": confirmed,
            "objective": 130.0, "greedy": None, "status": "optimal", "gap": 0.0,
            "status_text": plan_status_text(SolveStatus.OPTIMAL, 0.0, confirmed),
            "totals": {"by_project": {"sports": 100.0, "teachers": 30.0}, "total": 130.0,
                       "one_off": 100.0, "annual": 10.0, "recurring_years": [2028, 2029, 2030]},
            "before": None, "after": {"stages": {}, "failures": ["音乐美术专用教室 现值 65.5%"]},
            "diagnosis": None, "left_out": [], "warnings": [], "outside": [], "assumptions": [],
            "costs": {"recurring_years": 3},
            "unresolved": [] if confirmed else [
                {"school": "实验小学", "item": "音乐美术专用教室", "current": "需增加音乐专用教室 1 间",
                 "standard": "每 12 个班音乐、美术专用教室各 1 间", "reason": MODEL}]}


def test_a_failed_recheck_opens_the_chapter_and_is_never_called_optimal(tmp_path):
    # Issue 16: the title names the county and the year; a plan its re-check fails opens with
    # "按此方案…不能通过复核" and a table of what remains, never a gap to the bound.
    doc = _doc(confirmed=False)
    r = WordReport()
    add_compliance_chapter(r, doc)
    paras = [p.text for p in r.doc.paragraphs if p.text.strip()]
    # rv13 11: the title states the plan, the line under it where it stands
    assert paras[0] == "洛北县义务教育优质均衡发展整改措施"
    assert paras[1] == ("按本方案已安排的措施，2028 学年全县仍不能通过复核；表 1 的完成学年按局务会决定相应事项后计"
                        "（标“须局务会决定”），本方案无计价措施的事项不列完成学年，并写明原因。")
    paras = paras[1:]
    assert paras[1] == "按此方案，2028 学年不能通过复核，原因：模型方案未能解决 1 项。详见“未解决事项”表。"
    assert doc["status_text"] == "按此方案复核仍未达标"
    # the model's own status is said once (review A11: it was in the workbook only), in an
    # official's words (planner review finding 5): gap 0 proven, at the bound; a plan that
    # fails is never called 最优 or 最少 (review rv3 7), and the same sentence says it fails
    # rv10 13: the least within the measures set, beside the year in which the county still fails
    status = "已计价措施中投入最少（测算口径见"  # report/compliance_money.bound_words
    assert sum(status in p for p in paras) == 1
    assert next(p for p in paras if status in p).split("。")[0].endswith(
        "）；按此仍未达标：全县 2028 学年仍不能通过复核，本方案措施仍未能解决的事项 1 项（见表 1）")
    left = [p for p in (p.replace(status, "") for p in paras) if any(w in p for w in ("最优", "最少", "下界", "接近"))]
    assert left == []
    r.doc.save(str(tmp_path / "a.docx"))
    table = Document(str(tmp_path / "a.docx")).tables[0]
    assert [[c.text for c in row.cells] for row in table.rows] == [
        ["学校", "项目", "实施后现值", "标准", "未解决原因"],
        ["实验小学", "音乐美术专用教室", "需增加音乐专用教室 1 间", "每 12 个班音乐、美术专用教室各 1 间",
         MODEL]]
    # review 2026-12-05 finding 3: "2026—2028 学年共需投资 130.00 万元" added the 100.00 of the
    # hall (paid 2026—2027) and 3 years of the 10.00 a year hire; each is said with its years
    # (review rv 7: each kind by its name, never added)
    assert any("一次性投入 100.00 万元（2026—2027 学年），另新增教师每年 10.00 万元（自 2028 学年起持续）" in p  # rv15 13: pay goes on
               for p in paras)
    assert not any("130.00" in p or "共需投资" in p for p in paras)


def test_the_year_tables_total_equals_the_texts_total(tmp_path):
    # Issue 16 / review finding 12: the yearly items (10 万元 a year for 3 years) are their
    # own line with their years; one-off (100.00) and yearly (30.00) money each have their own
    # total and are never added (review 2026-12-05 finding 1).
    r = WordReport()
    add_compliance_chapter(r, _doc(confirmed=True))
    r.doc.save(str(tmp_path / "a.docx"))
    table = Document(str(tmp_path / "a.docx")).tables[-1]
    assert [[c.text for c in row.cells] for row in table.rows] == [
        ["项目类别", "2026 学年", "2027 学年", "2028 学年", "2029 学年", "2030 学年", "合计"],
        ["体育场馆建设", "50.00", "50.00", "0.00", "0.00", "0.00", "100.00"],
        ["教师招聘（每年经常性支出，自 2028 学年起持续）", "0.00", "0.00", "10.00", "10.00", "10.00", "30.00"],
        ["一次性投入合计", "50.00", "50.00", "0.00", "0.00", "0.00", "100.00"],
        ["经常性支出合计（各学年之和）", "0.00", "0.00", "10.00", "10.00", "10.00", "30.00"]]


def test_the_chapter_title_of_a_report_says_when_the_plan_still_fails():
    # a plan that does not pass its target year is never titled as if it did: the line under
    # the title says so (rv13 11: no failure as the chapter's name); the 自评's table is the sheet
    for confirmed, expected in ((False, ["八、整改措施", "按本方案已安排的措施，2028 学年全县仍不能通过复核；"
                                         "《达标路径工作簿》“指标整改措施”表的完成学年按局务会决定相应事项后计"
                                         "（标“须局务会决定”），本方案无计价措施的事项不列完成学年，并写明原因。"]),
                                (True, ["八、整改措施", "按此方案，2028 学年可以通过复核：全部学校和各项差异系数达标。"])):
        r = WordReport()
        add_compliance_chapter(r, _doc(confirmed=confirmed), number=8, brief=True)
        assert [p.text for p in r.doc.paragraphs[:2]] == expected
    assert title(_doc(confirmed=True)) == "洛北县义务教育优质均衡发展整改措施（2028 学年达标路径）"


def test_the_report_version_names_the_workbook_sheets_and_says_project_schools_once():
    # the 自评报告's chapter: one sentence for the schools their projects build (not one
    # paragraph each), the private schools' needs and the assumptions named by their sheet
    doc = _doc(confirmed=True)
    doc["warnings"] = [
        "甲小学：正在迁建，建设按项目实施；本方案不在该校安排教室、校舍面积、运动场地和多媒体教室建设，……",
        "乙中学：在建项目新建的学校，建设按项目实施；本方案不在该校安排教室、校舍面积、运动场地和多媒体教室建设，……",
        "其他提示。"]
    need = {"name": "丙学校", "stage": "", "item_name": "购置教学仪器设备", "quantity": 1.0, "unit": "元",
            "cost": 4.5}
    doc["private_needs"] = {"items": [need, need], "indicative_total": 9.0}
    doc["assumptions"] = ["很长的编制口径。"]
    r = WordReport()
    add_compliance_chapter(r, doc, number=8, brief=True)
    paras = [p.text for p in r.doc.paragraphs if p.text.strip()]
    # brief hshort4: the county's 需论证 notes counted and named by the sheet's rows
    assert paras[-3:] == [
        "迁建中或在建项目新建的学校 2 所（甲小学、乙中学）：建设按项目实施，本方案不在这些学校安排教室、校舍面积、"
        "运动场地和多媒体教室建设，其校舍、场地类指标由项目保障，教师类指标仍由本方案配足；各校按标准至少需要的建设见《达标路径工作簿》"
        "的“未解决事项”表。",
        "本方案另有需论证事项 1 条，逐条见《达标路径工作簿》“方案说明”表的“需论证”行和《整改措施》。",
        "说明：本章按项目类别和年度汇总；《达标路径工作簿》的“整改项目清单”（逐校逐项）、"
        "“民办学校举办者整改需求”（2 项，不计入本方案投资）、“方案说明”（编制口径、单价及来源）各表列出明细和编制口径，"
        "经常性支出在总投资中按 3 年计。逐项展开的整改措施见《整改措施》文档。"]
    assert not any("很长的编制口径" in p for p in paras)
    r = WordReport()
    add_compliance_chapter(r, doc)  # the standalone 整改措施.docx prints everything
    paras = [p.text for p in r.doc.paragraphs if p.text.strip()]
    # the 说明 counted and named by the 方案说明 sheet's rows, which hold each word for word (brief hshort4)
    assert paras[-1] == "说明：本方案的编制口径 1 条逐条见《达标路径工作簿》“方案说明”表的“说明”行；经常性支出在总投资中按 3 年计。"
    assert "其他提示。" in paras and not any("很长的编制口径" in p for p in paras)
    assert sum("建设按项目实施" in p for p in paras) == 2


def test_the_report_version_says_a_repeated_reason_once_under_the_table(tmp_path):
    from junheng.planning.compliance_unresolved import PRIVATE, UNRESOLVED

    doc = _doc(confirmed=False)
    doc["unresolved"] = [
        {"school": "民办学校（小学）", "item": "生均体育运动场馆面积", "current": "4.11", "standard": "7.5",
         "reason": PRIVATE},
        {"school": "民办学校（初中）", "item": "生均体育运动场馆面积", "current": "4.52", "standard": "10.2",
         "reason": PRIVATE},
        {"school": "第一初级中学（初中）", "item": "生均体育运动场馆面积", "current": "6.44", "standard": "10.2",
         "reason": UNRESOLVED + "：校内空地和室内体育馆每校上限 3,000 平方米（含布局调整方案已建部分）容纳不下，仍缺 7,189 平方米",
         "short_m2": 7189},
        *doc["unresolved"]]
    r = WordReport()
    add_compliance_chapter(r, doc, number=8, brief=True)
    # brief hshort4: the 自评报告 sums the rows up by reason and names the sheet of every row
    assert not any("仍未解决" in p.text for p in r.doc.paragraphs if p.text.startswith("表 "))
    (said,) = [p.text for p in r.doc.paragraphs if "仍未解决的事项" in p.text]
    assert said == ("按此方案 2028 学年仍未解决的事项 4 项、涉及 3 所学校，其中仍缺体育运动场馆面积的是第一初级中学（初中）"
                    "7,189 平方米；逐校逐项的现值、标准和原因见《达标路径工作簿》“未解决事项”表（4 行）。")
    r = WordReport()
    add_compliance_chapter(r, doc)  # the 《整改措施》 prints each row with its reason in full
    r.doc.save(str(tmp_path / "a.docx"))
    saved = Document(str(tmp_path / "a.docx"))
    assert [row.cells[4].text for row in saved.tables[0].rows][:3] == ["未解决原因", PRIVATE, PRIVATE]


def test_the_self_report_names_the_workbook_of_the_staffing_table():
    # review2 (b): the 自评报告 (brief chapter) has no 教师配置汇总 table, so its sentence names
    # the workbook; the standalone 整改措施 neither (brief hshort3: its 9 pages are the sheet's rows)
    from junheng.report.compliance_brief import WORKBOOK
    from junheng.report.compliance_joint_docx import write_redeployed

    doc = {"redeployment": {"teachers": 2, "hired_after": 0, "hired_yearly_cost": 0.0,
                            "moves": [{"from_school_id": "S", "from_name": "甲中学", "to_school_id": "R",
                                       "to_name": "乙中学", "stage": "junior", "type_name": "体育艺术教师",
                                       "teachers": 2}],
                            "schools": [{"school_id": "S", "name": "甲中学", "stage": "junior", "out": 2, "in": 0},
                                        {"school_id": "R", "name": "乙中学", "stage": "junior", "out": 0, "in": 2}]},
           "staffing": {"year": 2030, "ratio": {"primary": 19, "junior": 13.5},
                        "county": {"need": 27, "today": 25, "moved": 5, "new_posts": 5, "hire": 5,
                                   "surplus": 3}, "moved_by_kind": {"closure": 5, "kept": 0}}}
    said = {}
    for brief in (True, False):
        r = WordReport()
        write_redeployed(r, doc, brief=brief)
        paras = [p.text for p in r.doc.paragraphs if "按编制需招聘 5 人" in p.text]
        # the 自评报告's sentence keeps the county's figures, the sheet the rest (brief hshort4)
        end = ("另有 3 人富余留在原校；逐校的编制、调配、招聘和自然减员见{}“教师配置汇总”表。" if brief
               else "另有 3 人富余留在原校（见{}“教师配置汇总”表）。").format(WORKBOOK)
        assert len(paras) == 1 and end in paras[0]
        said[brief] = paras[0]
        assert "（见“教师配置汇总”表）" not in paras[0] and not r.tables
    assert said[False] != said[True]  # the 《整改措施》 in full
    assert said[True] == ("教师（2030 学年）：按编制标准核定的教职工 27 人，与公办学校现有专任教师 25 人比较（非教学岗位不另计）；"
                        "随学生调配 5 人；县管校聘同学段调剂 0 人；新建学校编制 5 人；调配、调剂后按编制需招聘 5 人，另有 3 人富余留在原校；"
                          "逐校的编制、调配、招聘和自然减员见《达标路径工作簿》“教师配置汇总”表。")


def test_the_before_cv_names_the_layout_plans_figure_of_the_same_year_beside_it():
    # Planner review: 小学生均体育运动场馆面积 of 2030 after the layout read 0.647 in the layout
    # plan and 0.639 in the 自评报告, the reason pages away. Same year: the layout's figure
    # stands beside this plan's, with why; equal at three decimals (0.5746 and 0.57459): none.
    from junheng.report.compliance_docx import _cv_paragraph

    doc = {**_doc(confirmed=False), "target_year": 2030, "layout_year": 2030,
           "layout_cvs": {"primary": {"sports_area_per_student": 0.647255,
                                      "teaching_area_per_student": 0.57459}},
           "before": {"stages": {"primary": {"cv": {"sports_area_per_student": 0.638587,
                                                    "teaching_area_per_student": 0.5746},
                                             "limit": 0.5, "passing": 28, "units": 43}}},
           "after": {"stages": {"primary": {"cv": {"sports_area_per_student": 0.636548,
                                                   "teaching_area_per_student": 0.47303}}},
                     "failures": []}}
    r = WordReport()
    _cv_paragraph(r, doc)
    assert [p.text for p in r.doc.paragraphs][0] == (
        "目标学年超过限值的差异系数，达标路径实施前（布局调整后）→ 实施后：小学（限值 0.50）：生均体育运动场馆面积 0.639"
        "（布局调整方案“调整后”为 0.647：同一学年、同一方法，学生数按村居学龄人口推算） → 0.637；生均教学及辅助用房面积"
        " 0.575 → 0.473。")
    r = WordReport()
    _cv_paragraph(r, {**doc, "layout_year": 2029})  # another year: the note under it says so
    assert "布局调整方案“调整后”" not in r.doc.paragraphs[0].text


#: the longest paragraph the two plans' summary may print (htext2 1: the schools both plans
#: build at were joined into one paragraph of 3,937 characters in 整改措施 and 自评)
SUMMARY_LIMIT = 300


def _both(schools: int) -> dict:
    """Two plans' summary (plans_combined.combined_lines' example) with ``schools`` schools
    where both build, each with a long merged item."""
    merged = ("室外体育运动场地 1,475 平方米（布局调整 617 平方米 + 达标路径 858 平方米），布局调整与达标路径合建，"
              "2029 学年投入使用；临时周转教室（两个方案合计，当年借用）：2027 学年 4 间（布局调整付费）")
    return {"layout_scenario": "默认方案", "layout_year": 2030, "target_year": 2030,
            "layout_construction": 100.0, "compliance_construction": 50.5, "construction": 150.5,
            "compliance_other_once": 3.0, "once": 153.5, "layout_yearly": -20.0,
            "compliance_yearly": 30.0, "yearly": 10.0, "recurring": 20.0, "total": 173.5,
            "by_year": {"years": [2029, 2030, 2031], "recurring_years": [2030, 2031],
                        "layout_construction": [100.0, 0.0, 0.0], "compliance_construction": [50.5, 0.0, 0.0],
                        "compliance_other_once": [3.0, 0, 0], "layout_yearly": [0.0, -20.0, -20.0],
                        "compliance_yearly": [0.0, 30.0, 30.0]},
            "schools": [{"school_id": f"S{i}", "name": f"第{i}小学", "layout": "扩建", "layout_cost": 10.0,
                         "compliance": "新建室外体育运动场地 858 平方米", "together": merged,
                         "compliance_once": 5.0, "compliance_yearly": 0.0, "once": 15.0}
                        for i in range(1, schools + 1)]}


def test_the_two_plans_summary_counts_the_shared_schools_and_names_their_column(tmp_path):
    # 20 schools of 126 characters each joined were one paragraph of about 2,700 characters;
    # now a short sentence counts them and names the workbook's column with a row each.
    r = WordReport()
    add_compliance_chapter(r, {**_doc(confirmed=True), "combined": _both(20)}, brief=True)
    paras = [p.text for p in r.doc.paragraphs if p.text.strip()]
    # the 自评报告 counts them and names the sheet's column that holds each (brief hshort4)
    assert not any("同校同项合计" in t.rows[0].cells[-1].text for t in r.doc.tables)
    assert any("（含同校同项合计的 20 所学校，表末为两个方案合计的各项说明）" in p for p in paras)
    r = WordReport()
    add_compliance_chapter(r, {**_doc(confirmed=True), "combined": _both(20)})
    paras = [p.text for p in r.doc.paragraphs if p.text.strip()]
    assert [len(p) for p in paras if len(p) > SUMMARY_LIMIT] == []
    # brief hshort4: the schools are a column of the workbook's 合计 sheet, not a table here
    assert ("布局调整与达标路径在同一学校建设同一项目的，合为一个项目按合计规模实施：共 20 所学校，逐校见《达标路径工作簿》"
            "“布局调整与达标路径合计”表的“布局调整与达标路径同校同项合计”列。") in paras
    assert not [t for t in r.doc.tables if len(t.columns) == 2]


def test_the_report_version_names_the_sheet_rows_of_each_lease_not_paragraphs_it_lacks():
    # brief hshort4: the 自评报告 no longer prints each school's lease paragraph, so the 租赁校舍
    # sentence names the 方案说明 sheet's 需论证 rows; the 《整改措施》 keeps 「见本章各段」
    from junheng.report.compliance_docx import _project_para

    lease = {"school_id": "B", "name": "乙中学", "item": "temporary_area", "quantity": 566.0, "cost": 9.43,
             "annual_cost": 0.0, "funding": {"2030": 9.43}, "in_use_year": 2030}
    doc = {"costs": {"recurring_years": 5}}
    assert "缺口见《达标路径工作簿》“方案说明”表的“需论证”行）" in _project_para("rented_area", [lease], doc, brief=True)
    assert "缺口见本节各段）" in _project_para("rented_area", [lease], doc)
