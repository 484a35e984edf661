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
    assert "有 2 处问题，请按上面所列逐条修改后重新检查" in result.output
    # rv2 finding 13: piped, each problem is one unbroken line (the 80-column table folded
    # codes mid-number: 「111、112、121、1 / 22」)
    # rw 12: the column by its letter and its header as the template writes it (学生数 is the
    # 4th column of 班级: 学校标识码, 年级, 班号, 学生数), no stray space after the name
    assert "班级 / 第 12 行 / D 列“学生数（人）”（值：-3）：“学生数”为 -3，应为 0–120 的整数。" in lines


def test_implausible_counts_are_refused_or_shown_back(county, edit, xlsx_of):
    """rv2 finding 13: 村居 0岁 = 1,500,000 (typed as 1.5e6) passed without a word. Above 20,000
    children of one age in one 村居 (50,000 births in one 乡镇) it is an error; above 3,000
    (10,000) a notice; both name the sheet, row, column and value."""
    bad = edit(county, "villages", 0, age_0=1_500_000)
    result = runner.invoke(app, ["validate", str(xlsx_of(bad))])
    assert result.exit_code == 1
    assert ("村居 / 第 2 行 / H 列“0岁（人）”（值：1500000）：“0岁”为 1500000，应为 0–20000 的整数，"
            "请核对是否多填了位数。"
            in result.output.splitlines())
    odd = edit(edit(county, "villages", 1, age_3=4_000), "births", 0, births=12_000)
    result = runner.invoke(app, ["validate", str(xlsx_of(odd))])
    assert result.exit_code == 0, result.output
    assert ("提示：村居 / 第 3 行 / 3岁（值：4,000）：一个村居同一年龄的常住儿童超过 3,000 人，请核对是否多填了位数。"
            in result.output)
    assert ("提示：出生 / 第 2 行 / 出生人数（值：12,000）：一个乡镇一年的出生人数超过 10,000 人，请核对是否多填了位数。"
            in result.output)


def test_an_indicator_code_may_be_its_chinese_name(county, xlsx_of):
    """rv2 finding 13: the 指标代码 asked for English identifiers; a listed Chinese 指标名称
    typed as the code reads as its code, and the English codes keep importing."""
    from junheng.io import read_workbook

    table = county.county_indicators.copy()
    table.loc[table["indicator_code"] == "junior_retention_rate", "indicator_code"] = "初中三年巩固率"
    path = xlsx_of(county.with_tables(county_indicators=table))
    assert runner.invoke(app, ["validate", str(path)]).exit_code == 0
    codes = read_workbook(path).county_indicators["indicator_code"].tolist()
    assert codes == ["teacher_pay_ratio", "quality_hs_quota_share", "migrant_public_share",
                     "disabled_enrolment_rate", "junior_retention_rate", "satisfaction_rate",
                     "rotation_eligible_teachers"]


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


def test_a_written_workbook_shows_the_clerk_no_english_indicator_code(county, xlsx_of):
    """rv18 10: the demo's 县级指标 showed teacher_pay_ratio … to a clerk; a code whose listed
    Chinese 指标名称 stands beside it is left empty (v2 reads it from the name), an own code
    stays, and the file reads back to the same codes."""
    import openpyxl

    from junheng.io import read_workbook

    table = county.county_indicators.copy()
    table.loc[len(table)] = {"indicator_code": "own_code", "indicator_name": "本县自定指标", "value": 1.0,
                             "evidence": "县教育局"}
    path = xlsx_of(county.with_tables(county_indicators=table))
    rows = list(openpyxl.load_workbook(path)["县级指标"].iter_rows(values_only=True))
    assert rows[0][:2] == ("指标代码", "指标名称")
    # the example county's own wordings of three names are no listed name: their codes stay
    assert [r[0] for r in rows[1:]] == ["teacher_pay_ratio", None, "migrant_public_share", None, None,
                                        "satisfaction_rate", None, "own_code"]
    assert rows[5][:2] == (None, "初中三年巩固率")
    assert runner.invoke(app, ["validate", str(path)]).exit_code == 0
    assert read_workbook(path).county_indicators["indicator_code"].tolist() == [*table["indicator_code"]]
