"""``junheng forecast`` (county from the store), ``forecast stages`` and ``forecast backtest``."""

from __future__ import annotations

import json
import re

import click
import openpyxl
import pytest
from typer.main import get_command
from typer.testing import CliRunner

from junheng.cli import app

runner = CliRunner()

BIRTHS_CSV = "year,births\n" + "".join(
    f"{y},{b}\n" for y, b in zip(range(2010, 2022),
                                 [100, 110, 120, 130, 140, 150, 160, 150, 140, 130, 120, 110],
                                 strict=True))
# primary = 0.9 * births six years earlier; junior = primary six years earlier
ENTRANTS_CSV = "year,stage,entrants\n" + "".join(
    f"{y},primary,{n}\n" for y, n in zip(range(2016, 2025), [90, 99, 108, 117, 126, 135, 144,
                                                             135, 126], strict=True)) + \
    "2022,junior,90\n2023,junior,99\n2024,junior,108\n"


def _text(result) -> str:
    """The command's output without the line breaks and spaces rich adds to fit 80 columns."""
    return "".join(result.output.split())


@pytest.fixture(scope="module")
def store_url(tmp_path_factory, demo_years):
    """The demo county's two school years imported into a SQLite store."""
    from junheng.store import open_store

    url = f"sqlite:///{tmp_path_factory.mktemp('store') / 'junheng.db'}"
    store = open_store(url)
    for data in demo_years:
        store.import_county(data)
    return url


@pytest.fixture
def stage_files(tmp_path):
    births, entrants = tmp_path / "births.csv", tmp_path / "entrants.csv"
    births.write_text(BIRTHS_CSV, encoding="utf-8")
    entrants.write_text(ENTRANTS_CSV, encoding="utf-8")
    return births, entrants


def test_county_forecast_from_the_store_writes_xlsx_and_json(store_url, tmp_path):
    xlsx, out_json = tmp_path / "forecast.xlsx", tmp_path / "forecast.json"
    result = runner.invoke(app, ["forecast", "--db", store_url, "--county", "410331", "--year",
                                 "2025", "--horizon", "3", "--xlsx", str(xlsx), "--json",
                                 str(out_json)])
    assert result.exit_code == 0, result.output
    assert "在校生预测（基年 2025，括号内为 80% 区间；人）" in result.output
    # rw 2: the total adds the 在园幼儿 to the 在校生, and says so (stacked header: 合计 / （含学前）)
    assert re.search(r"┃\s+合计 ┃\n┃.*┃ （含学前） ┃", result.output), result.output
    assert "历史回测" in result.output
    payload = json.loads(out_json.read_text(encoding="utf-8"))
    assert payload["base_year"] == 2025 and payload["horizon"] == 3
    assert payload["backtest_origins"] == [2020, 2021, 2022, 2023, 2024]
    assert {row["year"] for row in payload["county"]} == {2025, 2026, 2027, 2028}
    sheets = openpyxl.load_workbook(xlsx, read_only=True).sheetnames
    assert sheets[:5] == ["说明", "要点", "全县", "乡镇", "学校"]


def test_a_year_missing_from_the_store_is_refused(store_url):
    result = runner.invoke(app, ["forecast", "--db", store_url, "--county", "410331",
                                 "--year", "2030"])
    assert result.exit_code == 1
    assert "没有县区4103312030学年的数据（已有：2024、2025）" in _text(result)


def test_a_county_missing_from_the_store_is_refused(store_url):
    result = runner.invoke(app, ["forecast", "--db", store_url, "--county", "999999"])
    assert result.exit_code == 1
    assert "库中没有县区999999的数据" in _text(result)


def test_forecast_without_options_shows_its_help():
    result = runner.invoke(app, ["forecast"])
    assert result.exit_code == 0
    assert "stages" in result.output and "backtest" in result.output


def test_stages_writes_the_projection_csv(stage_files, tmp_path):
    births, entrants = stage_files
    out = tmp_path / "out.csv"
    result = runner.invoke(app, ["forecast", "stages", "--births", str(births), "--entrants",
                                 str(entrants), "--horizon", "3", "--out", str(out),
                                 "--interval-floor", "0"])
    assert result.exit_code == 0, result.output
    lines = out.read_text(encoding="utf-8").splitlines()
    assert lines[0] == "year,stage,entrants,lower,upper,method"
    # primary 2025 = 0.9 * b(2019) = 117 exactly as in every past year: without a floor no spread
    assert lines[1] == "2025,primary,117,117,117,mean3"
    assert lines[4] == "2025,junior,117,111,123,mean3"


def test_stages_reads_a_gbk_csv_saved_by_excel(stage_files, tmp_path):
    births, entrants = stage_files
    births.write_bytes(BIRTHS_CSV.encode("gbk"))
    out = tmp_path / "out.csv"
    result = runner.invoke(app, ["forecast", "stages", "--births", str(births), "--entrants",
                                 str(entrants), "--horizon", "1", "--out", str(out)])
    assert result.exit_code == 0, result.output


def test_stages_reports_a_bad_cell_with_file_row_and_column(stage_files, tmp_path):
    births, entrants = stage_files
    births.write_text("year,births\n2019,820\n2020,八百\n", encoding="utf-8")
    result = runner.invoke(app, ["forecast", "stages", "--births", str(births), "--entrants",
                                 str(entrants), "--out", str(tmp_path / "o.csv")])
    assert result.exit_code == 1
    assert "输入文件有1处问题，未做预测：births.csv/第3行/births（值：八百）：出生人数须为非负整数。" \
        in _text(result)
    assert not (tmp_path / "o.csv").exists()


def test_stages_reports_a_missing_file(tmp_path):
    result = runner.invoke(app, ["forecast", "stages", "--births", str(tmp_path / "no.csv"),
                                 "--entrants", str(tmp_path / "no2.csv"), "--out",
                                 str(tmp_path / "o.csv")])
    assert result.exit_code == 1
    assert "找不到出生文件" in _text(result)


def test_stages_rejects_a_horizon_beyond_ten_years(stage_files, tmp_path):
    births, entrants = stage_files
    result = runner.invoke(app, ["forecast", "stages", "--births", str(births), "--entrants",
                                 str(entrants), "--horizon", "12", "--out",
                                 str(tmp_path / "o.csv")])
    assert result.exit_code == 1
    assert "预测年限12无效" in _text(result)


def test_backtest_prints_every_method_and_both_baselines(stage_files):
    births, entrants = stage_files
    result = runner.invoke(app, ["forecast", "backtest", "--births", str(births), "--entrants",
                                 str(entrants), "--horizon", "2"])
    assert result.exit_code == 0, result.output
    for label in ("按回测自动选用", "近3年均值", "指数平滑", "阻尼趋势", "基准：保持上年",
                  "基准：固定历年均值比率"):
        assert label in result.output
    assert "1 年后" in result.output and "2 年后" in result.output


def test_backtest_of_a_county_compares_methods_at_county_and_school_level(store_url, tmp_path):
    out = tmp_path / "bt.csv"
    result = runner.invoke(app, ["forecast", "backtest", "--db", store_url, "--county",
                                 "410331", "--horizon", "2", "--origins", "2", "--out",
                                 str(out)])
    assert result.exit_code == 0, result.output
    assert "县区×学段" in result.output and "学校" in result.output
    header = out.read_text(encoding="utf-8").splitlines()[0]
    assert header == "method,level,stage,horizon,mape,n"


def test_every_forecast_command_and_option_has_help():
    group = get_command(app).commands["forecast"]
    commands = [group, *group.commands.values()]
    for command in commands:
        assert command.help, command.name
        for param in command.params:
            if isinstance(param, click.Option):
                assert param.help, f"{command.name} {param.name}"


@pytest.mark.parametrize("columns", ["80", "200"])
def test_the_county_table_never_splits_a_figure(store_url, columns):
    # rw 3: at 80 columns the intervals wrapped inside numbers (「(8,633–8,72」 / 「5)」). Every
    # cell line is now a figure, a whole interval or one cut after its dash; at 200 columns
    # the interval stays on one line. The pools are given in their Chinese words (rw 9).
    import re

    from junheng.cli.console import FIGURE_LINE

    result = runner.invoke(app, ["forecast", "--db", store_url, "--county", "410331", "--horizon",
                                 "3", "--entry-pool", "乡镇", "--junior-pool", "全县"],
                           env={"COLUMNS": columns})
    assert result.exit_code == 0, result.output
    lines = result.output.split("在校生预测（基年")[1].split("└")[0].splitlines()
    cells = [c.strip() for line in lines if line.startswith("│") for c in line.split("│")[1:-1]]
    assert cells and all(not c or FIGURE_LINE.fullmatch(c) for c in cells), cells
    whole = [c for c in cells if re.fullmatch(r"\([\d,]+–[\d,]+\)", c)]
    cut = [c for c in cells if c.endswith("–")]
    assert (bool(whole), bool(cut)) == ((False, True) if columns == "80" else (True, False))
    assert all(len(line) <= int(columns) for line in result.output.splitlines() if "│" in line)


def test_a_pool_in_other_words_is_refused_in_the_users_words(store_url):
    result = runner.invoke(app, ["forecast", "--db", store_url, "--county", "410331",
                                 "--entry-pool", "全县"])
    assert result.exit_code == 1
    assert ("一年级生源口径“全县”无效：可选“乡镇”（所在乡镇出生，默认）或“划片”（划片村居）。"
            in _text(result))
    assert "entry_pool" not in result.output and "town" not in result.output
