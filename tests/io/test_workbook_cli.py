"""``junheng template`` and ``junheng validate`` through typer's CliRunner."""

import pytest
from typer.testing import CliRunner

from junheng.cli import app

runner = CliRunner()


@pytest.fixture(autouse=True)
def wide_console(monkeypatch):
    # rich wraps table cells to the terminal width; keep each problem on one line
    monkeypatch.setenv("COLUMNS", "300")


def test_both_commands_are_listed_with_chinese_help():
    result = runner.invoke(app, ["--help"])
    assert result.exit_code == 0
    assert "template" in result.output and "validate" in result.output
    assert "生成空白的县域教育数据工作簿模板" in result.output


@pytest.mark.parametrize(("command", "phrases"), [
    ("template", ["生成空白的县域教育数据工作簿模板", "要写出的模板文件路径", "--force", "以免误删已填数据"]),
    ("validate", ["检查县域教育数据工作簿", "工作表 / 行 / 列 / 值 / 说明", "要检查的县域教育数据工作簿"]),
])
def test_command_help_is_in_chinese(command, phrases):
    result = runner.invoke(app, [command, "--help"])
    assert result.exit_code == 0
    for phrase in phrases:
        assert phrase in result.output


def test_template_writes_a_workbook_and_refuses_to_overwrite(tmp_path):
    out = tmp_path / "模板.xlsx"
    first = runner.invoke(app, ["template", str(out)])
    assert first.exit_code == 0, first.output
    assert out.stat().st_size > 0
    assert "已生成模板" in first.output
    again = runner.invoke(app, ["template", str(out)])
    assert again.exit_code == 1
    assert "已存在，未覆盖：请换一个文件名，或加 --force 覆盖" in again.output
    forced = runner.invoke(app, ["template", str(out), "--force"])
    assert forced.exit_code == 0


def test_template_wants_an_xlsx_name(tmp_path):
    result = runner.invoke(app, ["template", str(tmp_path / "模板.xls")])
    assert result.exit_code == 1
    assert "应以 .xlsx 结尾" in result.output
    assert not (tmp_path / "模板.xls").exists()


def test_validate_summarises_a_valid_workbook(county, xlsx_of):
    result = runner.invoke(app, ["validate", str(xlsx_of(county))])
    assert result.exit_code == 0, result.output
    # classes: 12 + 9 + 9 + 2 + 6 + 2 = 40; students 542 + 438 + 306 + 14 + 177 + 46 = 1,523
    assert "检查通过：示例县（410306）2025 学年" in result.output
    # rv2 finding 3: 教学点 by 个 and apart (was 「学校 6 所（…教学点 1 所…）」)
    assert ("5 所学校（含幼儿园 2 所）、1 个教学点：小学 1 所，初级中学 1 所，九年一贯制学校 1 所，教学点 1 个，"
            "幼儿园 2 所") in result.output
    assert "班级 40 个，学生 1,523 人" in result.output
    assert "教职工 112 人" in result.output
    assert "村居 6 个" in result.output


def test_validate_lists_every_problem_and_exits_1(county, edit, xlsx_of):
    bad = edit(county, "classes", 10, students=-3)
    bad = edit(bad, "teachers", 4, school_id="4103069999")
    result = runner.invoke(app, ["validate", str(xlsx_of(bad))])
    assert result.exit_code == 1
    lines = result.output.splitlines()
    assert any("班级" in ln and " 12 " in ln and "学生数" in ln and "-3" in ln for ln in lines)
    assert any("教师" in ln and " 6 " in ln and "学校标识码" in ln and "4103069999" in ln
               for ln in lines)
    assert "发现 2 处问题" in result.output
    assert "有 2 处问题，请按上表逐条修改后重新检查" in result.output


def test_validate_prints_notices(county, edit, xlsx_of):
    odd = edit(county, "schools", 0, central_school="4103060003")
    result = runner.invoke(app, ["validate", str(xlsx_of(odd))])
    assert result.exit_code == 0
    assert "提示：学校第 2 行“示例县城关第一小学”不是教学点" in result.output


def test_validate_reports_a_bad_file_without_a_traceback(tmp_path):
    path = tmp_path / "data.xlsx"
    path.write_text("a,b\n1,2\n", encoding="utf-8")
    result = runner.invoke(app, ["validate", str(path)])
    assert result.exit_code == 1
    assert "无法读取“data.xlsx”：这是文本文件（如 CSV），不是电子表格（.xlsx）。" in result.output
    assert "Traceback" not in result.output
    assert result.exception is None or isinstance(result.exception, SystemExit)


def test_validate_of_the_empty_template_asks_for_county_info(tmp_path):
    out = tmp_path / "t.xlsx"
    runner.invoke(app, ["template", str(out)])
    result = runner.invoke(app, ["validate", str(out)])
    assert result.exit_code == 1
    assert "“基本信息”没有填写" in result.output
