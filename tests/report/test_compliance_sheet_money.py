"""The 达标路径工作簿's money as the documents write it (brief hkeys 4): every number in a 万元
column with two decimals and thousands separated (84 万元 read 「84」 beside 「37.77」), and the
与高中共用部分 sheet's 平方米·学年 in whole 平方米 as the text says them (「2765.44」 beside
「2,765 平方米·学年」)."""

from __future__ import annotations

import xlsxwriter
from openpyxl import load_workbook

from junheng.report.compliance_xlsx import _formats, _sheet


def test_a_wan_column_has_two_decimals_and_other_columns_keep_theirs(tmp_path):
    path = tmp_path / "book.xlsx"
    wb = xlsxwriter.Workbook(str(path))
    _sheet(wb, _formats(wb), "与高中共用部分", ["学校", "措施", "义务教育阶段所需（计入本方案）", "建成共用总量", "高中部分",
                                         "单位", "高中部分估算（万元）"],
           [["第四中学", "租赁教学及辅助用房（独立使用，不新建）", 499, 2765, 2266, "平方米·学年", 37.77],
            ["第四中学", "配置网络多媒体教室", 6, 34, 28, "间", 84],
            ["第四中学", "新建室外体育运动场地", 2291, 12697, 10406, "平方米", 936.514]])
    _sheet(wb, _formats(wb), "方案说明", ["项目", "内容"], [["每年经常性支出（万元）", 90], ["学校数", 12]])
    wb.close()
    ws = load_workbook(path)["与高中共用部分"]
    cells = [[(c.value, c.number_format) for c in row[2:]] for row in ws.iter_rows(min_row=2, max_row=4)]
    assert cells == [
        [(499, "#,##0"), (2765, "#,##0"), (2266, "#,##0"), ("平方米·学年", "#,##0"), (37.77, "#,##0.00")],
        [(6, "#,##0"), (34, "#,##0"), (28, "#,##0"), ("间", "#,##0"), (84, "#,##0.00")],  # 84.00 万元
        [(2291, "#,##0"), (12697, "#,##0"), (10406, "#,##0"), ("平方米", "#,##0"), (936.51, "#,##0.00")]]
    # a row labelled in 万元 (the key-value sheet): its figure too; a count stays whole
    info = load_workbook(path)["方案说明"]
    assert [(c.value, c.number_format) for c in (info["B2"], info["B3"])] == [(90, "#,##0.00"), (12, "#,##0")]
