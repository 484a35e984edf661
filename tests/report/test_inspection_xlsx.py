"""The inspection tables (督导评估检查用表.xlsx): the county's figures and blank 核查 columns, from
``junheng inspection`` (and ``write_inspection_xlsx``)."""

import openpyxl
import pytest

from cli_run import invoke
from junheng.evaluate import evaluate
from junheng.io import example_county, write_workbook


@pytest.fixture(scope="module")
def workbook(tmp_path_factory):
    return write_workbook(example_county(), tmp_path_factory.mktemp("wb") / "示例县.xlsx")


def rows(ws) -> list[list]:
    return [[c.value for c in row] for row in ws.iter_rows(min_row=2)]


def test_both_standards_give_their_tables_with_check_columns(workbook, tmp_path):
    result = invoke("inspection", "--file", workbook, "--out", tmp_path / "检查用表.xlsx",
                    "--standard", "all")
    assert result.exit_code == 0, result.output
    assert "示例县（410306）2025学年督导评估检查用表已写出" in result
    wb = openpyxl.load_workbook(tmp_path / "检查用表.xlsx")
    assert wb.sheetnames == ["优质均衡表一 各校指标", "优质均衡表二 差异系数", "优质均衡表三 政府保障",
                             "基本均衡表一 各校指标", "基本均衡表二 差异系数"]
    schools = rows(wb["优质均衡表一 各校指标"])
    assert schools[0][-4:] == ["达标项数", "结论", "核查情况", "核查意见"]
    assert schools[1][:5] == [1, "4103060001", "示例县城关第一小学", "小学", 542]
    assert schools[1][-4:] == [7, "达标", None, None]
    cv = rows(wb["优质均衡表二 差异系数"])
    primary = evaluate(example_county()).stages["primary"]
    first = next(iter(primary.indicators.values()))
    assert cv[1][:2] == ["小学", first.name] and cv[1][4] == pytest.approx(first.cv)
    assert cv[0][-2:] == ["核查差异系数", "核查结论"]
    items = rows(wb["优质均衡表三 政府保障"])
    assert items[0] == ["序号", "评估内容", "评估标准", "县自评情况", "自评结论", "佐证材料", "核查情况",
                        "核查结论"]
    assert len([r for r in items[1:] if isinstance(r[0], int)]) == 17
    assert items[1][1:5] == ["县域内义务教育学校规划布局合理，符合国家规定要求", "—", "是（县级认定）", "达标"]
    assert {r[4] for r in items[1:] if isinstance(r[0], int)} <= {"达标", "未达标", "待佐证", "数据缺失",
                                                                 "不适用"}


def test_missing_output_is_a_chinese_error(workbook):
    result = invoke("inspection", "--file", workbook)
    assert result.exit_code != 0 and "请用 --out 指定输出的电子表格文件" in result.output
