"""The comparison with naive as the terminal and the workbook show it (tiny county, stage CSVs)."""

from __future__ import annotations

import openpyxl
import pytest
from forecast_builders import tiny_county

from junheng.cli import app
from junheng.forecast import forecast_county
from junheng.report.forecast_skill import method_text
from junheng.report.forecast_xlsx import write_forecast_xlsx

ENTRANTS = "year,stage,entrants\n" + "".join(
    f"{y},primary,{n}\n" for y, n in zip(range(2016, 2025), [90, 99, 108, 117, 126, 135, 144,
                                                             135, 126], strict=True))
BIRTHS = "year,births\n" + "".join(
    f"{y},{b}\n" for y, b in zip(range(2010, 2022), [100, 110, 120, 130, 140, 150, 160, 150,
                                                     140, 130, 120, 110], strict=True))


@pytest.fixture(scope="module")
def result():
    return forecast_county(tiny_county(), horizon=2)


def test_workbook_backtest_sheet_compares_with_naive_and_names_the_choices(result, tmp_path):
    path = write_forecast_xlsx(result, tmp_path / "forecast.xlsx")
    rows = list(openpyxl.load_workbook(path, read_only=True)["回测误差"].iter_rows(values_only=True))
    cells = [c for row in rows for c in row if isinstance(c, str)]
    assert "与“保持上年”比较（县区分学段合计的回测平均绝对百分比误差、区间覆盖率）" in cells
    primary = [r for r in rows if r[0] == "小学"]
    # the tiny county follows its ratios exactly: the projection never erred (「0%」, review
    # rvweb 12: 「0.0%」 read as a rounded error)
    assert primary[0][:4] == ("小学", "选用：逐级推移", "0%", "0%")
    assert primary[-1][1] == "逐级推移"  # the choices table
    assert not any("auto" in c or "MAPE" in c for c in cells)


def test_stage_command_prints_the_comparison_and_the_coverage(tmp_path):
    from typer.testing import CliRunner

    births, entrants = tmp_path / "b.csv", tmp_path / "e.csv"
    births.write_text(BIRTHS, encoding="utf-8")
    entrants.write_text(ENTRANTS, encoding="utf-8")
    output = CliRunner().invoke(app, ["forecast", "stages", "--births", str(births), "--entrants",
                                      str(entrants), "--horizon", "2", "--out",
                                      str(tmp_path / "o.csv")]).output
    text = "".join(output.split())
    assert "回测对比（学段新生）" in text
    assert "小学新生：近3年均值比率。" in text
    assert "mean3" not in text


def test_method_codes_read_in_chinese():
    assert method_text("naive") == "保持上年"
    assert method_text("ets+births:mean3") == "趋向上限的阻尼趋势比率（出生人数按近3年均值比率外推）"
