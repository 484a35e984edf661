"""``junheng validate`` on a v2 workbook lists the v2 sheets it holds; a v1 workbook does not."""

from pathlib import Path

from typer.testing import CliRunner

from junheng.cli import app

runner = CliRunner()
V1_EXAMPLE = Path(__file__).parent / "fixtures" / "example_county_v1.xlsx"


def test_validate_counts_the_rows_of_every_v2_sheet(county, xlsx_of):
    result = runner.invoke(app, ["validate", str(xlsx_of(county))])
    assert result.exit_code == 0, result.output
    expected = ("第 2 版新增数据：学校组织 6 行，教师交流记录 5 行，教师培训 224 行，校长 5 行，编制岗位 4 行，"
                "专用教室 12 行，建设项目 5 行，县级年度数据 9 行，县级认定 6 行")
    assert "".join(expected.split()) in "".join(result.output.split())  # rich wraps at 80


def test_validate_of_a_v1_workbook_says_nothing_of_v2():
    result = runner.invoke(app, ["validate", str(V1_EXAMPLE)])
    assert result.exit_code == 0, result.output
    assert "v2" not in result.output and "检查通过：示例县（410306）2025 学年" in result.output
