"""``junheng demo-data``: one valid workbook per county and year, read back equal."""

from __future__ import annotations

import re

import pandas as pd
import pytest
from typer.testing import CliRunner

from junheng.cli import app
from junheng.io import read_workbook

runner = CliRunner()


def _text(output: str) -> str:
    return re.sub(r"[\s│┃]+", "", output)


def test_demo_data_overwrites_only_with_force_and_writes_a_workbook_that_reads_back_equal(
        tmp_path, first):
    target = tmp_path / "410331_2024.xlsx"
    target.write_bytes(b"")  # a file the user might have edited
    refused = runner.invoke(app, ["demo-data", "--out", str(tmp_path), "--years", "1"])
    assert refused.exit_code == 1
    assert "已有1个同名工作簿" in _text(refused.output) and "--force" in refused.output
    assert target.stat().st_size == 0

    result = runner.invoke(app, ["demo-data", "--out", str(tmp_path), "--years", "1",
                                 "--seed", "2025", "--force"], env={"COLUMNS": "80"})
    assert result.exit_code == 0, result.output
    # rw 3: at 80 columns the file's whole path is a line of its own, to be copied
    assert f"  {target}" in result.output.splitlines()
    assert "完成：1个县区×1个学年，共1个工作簿" in _text(result.output)
    # rv2 finding 3: the total counts 教学点 by 个 and apart, as the 自评 (was 「学校 N 所」)
    from junheng.io import summarize_county

    held = summarize_county(first)
    assert held.teaching_points > 0
    assert _text(f"合计：{held.schools_text}，班级") in _text(result.output)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["410331_2024.xlsx"]
    back = read_workbook(target)  # validates every rule on the way in
    assert dict(back.info) == dict(first.info)
    for key, frame in first.tables.items():
        pd.testing.assert_frame_equal(back.tables[key].reset_index(drop=True), frame, obj=key)


@pytest.mark.parametrize(("args", "message"), [
    (["--counties", "0"], "县区数0无效"),
    (["--years", "0"], "学年数0无效"),
    (["--seed", "-3"], "随机种子-3无效"),
])
def test_demo_data_refuses_bad_numbers_with_a_chinese_message(tmp_path, args, message):
    result = runner.invoke(app, ["demo-data", "--out", str(tmp_path / "out"), *args])
    assert result.exit_code == 1
    assert message in _text(result.output)
    assert not (tmp_path / "out").exists()


def test_demo_data_help_explains_every_option_in_chinese():
    result = runner.invoke(app, ["demo-data", "--help"])
    assert result.exit_code == 0
    for option in ("--out", "--seed", "--counties", "--years", "--first-year", "--workers",
                   "--force"):
        assert option in result.output
    assert "演示" in result.output and "随机种子" in result.output and "学年" in result.output


def test_demo_data_totals_each_school_year_apart_with_teaching_points_by_count():
    from junheng.cli.demo_data import year_totals
    from junheng.io import CountySummary

    def county(code, year, primary, points, kindergartens, classes, students, teachers):
        return CountySummary(code, "县", year, {"小学": primary, "教学点": points,
                                                "幼儿园": kindergartens},
                             classes, students, teachers, teachers, 0)

    summaries = [county("410331", 2024, 50, 72, 44, 1_933, 68_197, 4_682),
                 county("410131", 2024, 30, 34, 20, 1_163, 41_985, 2_871),
                 county("410331", 2025, 50, 70, 44, 1_859, 65_973, 4_545)]
    # 2024: schools 50+44 + 30+20 = 144 (含幼儿园 64), 教学点 72+34 = 106, classes 1,933+1,163 =
    # 3,096, students 68,197+41,985 = 110,182, staff 4,682+2,871 = 7,553; 2025 is not added in
    assert year_totals(summaries) == [
        "2024 学年 2 个县区合计：144 所学校（含幼儿园 64 所）、106 个教学点，班级 3,096 个，"
        "学生 110,182 人，教职工 7,553 人。",
        "2025 学年 1 个县区合计：94 所学校（含幼儿园 44 所）、70 个教学点，班级 1,859 个，"
        "学生 65,973 人，教职工 4,545 人。",
    ]
