"""Review rv22 findings 1, 2, 3, 5 and 6 in the demo's two example ledgers (孟津区, 中牟县 plans
measured on 洛北县): the 规划台账 measures what the plans' words say."""

from __future__ import annotations

import json

import pytest
from openpyxl import load_workbook


def _rows(demo_run, county: str) -> dict:
    path = demo_run.out / f"规划台账示例（{county}）数据.json"
    return {t["id"]: t for t in json.loads(path.read_text("utf-8"))["targets"]}


def _book(demo_run, county: str):
    return load_workbook(demo_run.out / f"规划台账示例（{county}）.xlsx")


def _counts(demo_run, county: str, name: str) -> list[int]:
    """The 测算明细's 个数 of a target, per school year."""
    return [row[3] for row in _book(demo_run, county)["测算明细"].iter_rows(values_only=True)
            if row[0] == name]


def test_the_verdict_items_keep_their_slashes(demo_run):
    # rv22 1: 「达标学校 38 55 所、教学点 3470 个…26.55 万元班」 in 测算明细 E18/E19 (孟津), E2/E3 (中牟)
    for county in ("孟津区", "中牟县"):
        cells = [str(c.value) for row in _book(demo_run, county)["测算明细"].iter_rows()
                 for c in row if c.value is not None]
        text = "\n".join(cells)
        assert "万元班" not in text
        assert "现值 57.5%（达标学校 38/55 所、教学点 35/72 个），标准 ≥100.0%，需增加教师培训经费 27.35 万元" in text
        assert "现值 57.6%（达标学校 38/55 所、教学点 34/70 个），标准 ≥100.0%，需增加教师培训经费 26.55 万元" in text


def test_group_coverage_counts_the_school_groups_table(demo_run):
    # rv22 2: 17/55 = 30.9 % (the 5 教育集团 of the 学校表 column); by the 学校组织 table's
    # 教育集团, 学校联盟 and 教育共同体 (学区 not): 32/55 in 2024, 35/55 in 2025 (counted by hand)
    label = "集团化办学覆盖率（‘学校组织’表中教育集团、学校联盟、教育共同体的成员校，学区不计）"
    for county, status in (("孟津区", "已达成"), ("中牟县", "滞后")):
        row = _rows(demo_run, county)["school_group_coverage"]
        assert row["label"] == label
        assert row["values"] == {"2024": pytest.approx(32 / 55), "2025": pytest.approx(35 / 55)}
        assert _counts(demo_run, county, row["name"]) == [32, 35]
        assert row["status"] == status


def test_mengjin_s_main_city_is_111_only(demo_run):
    # rv22 3: 洛北县第一高级中学 is at 112 城乡结合区: 1 of the 2 public 高中, 滞后
    row = _rows(demo_run, "孟津区")["senior_schools_in_main_city"]
    assert (row["values"], row["status"]) == ({"2024": 0.5, "2025": 0.5}, "滞后")
    assert row["notes"][0] == ("2024：不在指定区域的学校：洛北县第一高级中学（城乡结合区）；只计公办学校，"
                               "未计入 1 所：洛北县育才外国语学校")


def test_principal_ranks_are_the_primary_and_secondary_schools(demo_run):
    # rv22 5: 100 % → 98.6 % 倒退 from 枣寨镇彩虹桥幼儿园 (民办 → 公办 in 2025, 未评定); the 公办
    # 中小学 with a 校长 row: 56 both years, all ranked (counted by hand from the 校长 sheet)
    row = _rows(demo_run, "孟津区")["principal_rank_reform"]
    assert row["label"] == "校长已定职级的学校占比（公办中小学，不含幼儿园）"
    assert (row["values"], row["status"]) == ({"2024": 1.0, "2025": 1.0}, "已达成")
    assert _counts(demo_run, "孟津区", "深化校长职级制改革") == [56, 56]
    assert not any("倒退" in n or "彩虹桥" in n for n in row["notes"])


def test_money_cells_show_two_decimals(demo_run):
    # rv22 6: 中牟 台账 H30 read 「6,590.6667」 元 (#,##0.00##)
    sheet = _book(demo_run, "中牟县")["台账"]
    assert sheet["B30"].value == "落实特殊教育学校生均公用经费标准（不低于6000元）"
    assert [(c.value, c.number_format) for c in sheet[30][6:8]] == [
        (6525, "#,##0.00"), (pytest.approx(6590.666666666667), "#,##0.00")]
    # 孟津's 只增不减 rows (万元, 元, 元): years and 到期预计 to the 分 too
    mengjin = _book(demo_run, "孟津区")["台账"]
    assert [mengjin[f"B{r}"].value.startswith("全面落实“两个只增不减”") for r in (32, 33, 34)] == [True] * 3
    assert {c.number_format for r in (32, 33, 34) for c in mengjin[r][6:10]
            if isinstance(c.value, int | float)} == {"#,##0.00"}
