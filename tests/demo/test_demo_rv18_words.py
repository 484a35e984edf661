"""Review rv18's words on the demo's documents: the years each part's yearly change is counted
(6), the travel total's weights and the mean beside it (7), the new teachers' pay in 万元, the
speeds' unit and the 县级指标 without English codes (10); 5 and 9 in test_demo_teachers_boarders,
test_demo_sports_words and test_demo_senior_bill."""

from __future__ import annotations

import openpyxl
import pytest
from demo_helpers import docx_text


@pytest.fixture(scope="module")
def texts(demo_run) -> dict[str, str]:
    return {name: docx_text(demo_run.out / path) for name, path in (
        ("layout", "布局调整方案.docx"), ("measures", "compliance/整改措施.docx"), ("self", "自评报告.docx"))}


def test_the_note_counts_each_part_s_years(texts):
    # 表 4 row 17: −153.07 − 6 × 239.05 = −1,587.37 (brief hwords3 1; −1,610.11 with boarding's −3.62 in), the layout's 2028—2034 (7 years); the
    # 达标路径's 2030—2034 (5); main read 「经常性支出在总投资中按 5 年计」
    for name in ("measures", "self"):
        assert "经常性支出在总投资中布局调整按 7 年、达标路径按 5 年计。" in texts[name], name
        assert "经常性支出在总投资中按 5 年计" not in texts[name], name


def test_the_travel_total_says_its_weights_and_the_mean_s_change(texts):
    # 67,377,530 / 73,549,468 − 1 = −8.39 %; the mean 7.25 / 7.76 − 1 = −6.57 %, pupils unchanged
    said = ("学生单程通行时间合计（按全年往返次数计：走读生每年单程 360 次、寄宿生 72 次）减少 8.4%；"
            "平均单程通行时间由 7.76 分钟变为 7.25 分钟，减少 6.6%。")
    for name in ("layout", "self"):
        assert said in texts[name], name
        assert "单程通行时间合计减少" not in texts[name], name


def test_the_speeds_have_their_unit(texts):
    layout = texts["layout"]
    # docx_text: a cell a line, each value below its row's label
    assert "步行、电动车接送或公交的平均速度\n12 公里/小时\n" in layout
    assert "规则：镇村校车或接送速度\n25 公里/小时\n" in layout
    assert "城区校车或公交平均速度（城区行程直线距离超过校车接送距离时）\n20 公里/小时\n" in layout


def _cells(path, sheet: str) -> list[str]:
    ws = openpyxl.load_workbook(path, read_only=True)[sheet]
    return [str(v) for row in ws.iter_rows(values_only=True) for v in row if v is not None]


def test_the_new_teachers_pay_is_in_wan_beside_the_running_cost(demo_run):
    # 300,000 元 a year, beside 运行支出 of 4,534.48 万元 (brief hguard): 30.00 万元 as everywhere else
    cells = "\n".join(_cells(demo_run.out / "layout" / "布局调整方案工作簿.xlsx", "调整前后对比"))
    assert "方案甲含新聘教师人员经费 30.00 万元" in cells
    assert "300,000 元" not in cells


def test_the_county_indicators_show_the_clerk_chinese_names_only(demo_run):
    for path in sorted((demo_run.out / "workbooks").glob("*.xlsx")):
        ws = openpyxl.load_workbook(path, read_only=True)["县级指标"]
        rows = list(ws.iter_rows(values_only=True))
        assert rows[0][:2] == ("指标代码", "指标名称")
        assert [r[0] for r in rows[1:]] == [None] * 7, path.name
        assert rows[1][1] == "教师平均工资收入水平与当地公务员平均工资收入水平之比"
