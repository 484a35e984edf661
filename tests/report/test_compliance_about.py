"""The 方案说明 sheet of the compliance workbook reads without a blank or a 0.0001 万元/元
(review finding 11)."""

import openpyxl
import xlsxwriter

from junheng.report.compliance_xlsx import _about_sheet, _formats


def _about(tmp_path, greedy):
    doc = {"verdict": "按此方案，2028 学年可以通过复核：全部学校和各项差异系数达标。", "status_text": "最优", "objective": 120.5, "bound": 120.5, "greedy": greedy,
           "status": "optimal", "gap": 0.0,
           "confirmed": True, "budget": None, "diagnosis": None, "outside": [], "warnings": [],
           "assumptions": [], "left_out": [],
           "costs": {"items": {"equipment": {"name": "教学仪器设备", "unit": "元",
                                             "unit_cost": 0.0001, "source": "按价值计"},
                               "teaching_area": {"name": "教学及辅助用房", "unit": "平方米",
                                                 "unit_cost": 0.35, "source": "估算"}},
                     "projects": {}}}
    path = tmp_path / "about.xlsx"
    wb = xlsxwriter.Workbook(str(path))
    _about_sheet(wb, _formats(wb), doc)
    wb.close()
    return dict(openpyxl.load_workbook(path).active.iter_rows(min_row=2, values_only=True))


def test_the_greedy_cost_is_a_figure_or_says_why_there_is_none(tmp_path):
    assert _about(tmp_path, 150.25)["逐校、逐项简单补齐的投资（万元）"] == 150.25
    assert _about(tmp_path, None)["逐校、逐项简单补齐的投资（万元）"] == \
        "无：逐校、逐项简单补齐不能使全部学校和差异系数达标，没有可比的投资额"


def test_the_sheet_opens_with_the_verdict(tmp_path):
    rows = _about(tmp_path, None)
    assert list(rows)[0] == "结论"
    assert rows["结论"] == "按此方案，2028 学年可以通过复核：全部学校和各项差异系数达标。"


def test_the_sheet_shows_the_solve_s_status_bound_and_gap(tmp_path):
    # review 2026-12-04 finding 11: objective 120.5 = bound 120.5, a proven gap of 0
    rows = _about(tmp_path, None)
    assert rows["模型求解状态"] == "最优（与下界差 0%，在容差 0.01% 内）"
    assert rows["总投资（测算口径）可达到的最低值（下界：经计算证明任何方案都不会低于此数，万元）"] == 120.5


def test_unit_prices_read_in_words_a_value_priced_item_too(tmp_path):
    rows = _about(tmp_path, None)
    assert rows["单价：教学仪器设备"] == "按设备价值计，1 元投入 1 元；按价值计"
    assert rows["单价：教学及辅助用房"] == "3,500 元/平方米；估算"  # 0.35 万元 (rv 11: prices per m² in 元)


def test_the_teaching_points_left_after_a_layout_say_so():
    """Inspector finding 10: 5 points after the layout's 撤并, beside 70 in 基本情况."""
    from junheng.report.compliance_docx import _left_out
    from junheng.report.word_document import WordReport

    points = [{"school_id": f"P{k}", "name": f"{k}号教学点", "kind": "teaching_point",
               "students": 9, "cost": 0.0} for k in range(5)]
    for year, said in ((2026, "全县按布局调整计划实施后（规划年 2026 学年）保留的 5 个教学点（目标学年共 45 名学生）"),
                       (None, "全县 5 个教学点（目标学年共 45 名学生）")):
        r = WordReport()
        _left_out(r, {"left_out": points, "layout_year": year})
        [text] = [p.text for p in r.doc.paragraphs if "教学点" in p.text]
        assert text.startswith(said + "按评估办法并入所属中心校计算")
