"""``junheng ledger PLAN.yaml`` / ``ledger run`` / ``ledger city`` on a real SQLite store."""

from __future__ import annotations

import json
import re

import click
import openpyxl
import pytest
import yaml
from ledger_builders import drop_school, relabel
from typer.main import get_command
from typer.testing import CliRunner

from junheng.cli import app
from junheng.evaluate import evaluate
from junheng.io import example_county
from junheng.store import open_store

runner = CliRunner()
EXAMPLE = example_county()  # 示例县 410306, 洛阳市, 2025; one teaching point 4103060004
COUNTIES = {"410306": "示例县", "410307": "乙县", "410308": "丙县"}


@pytest.fixture(scope="module")
def db(tmp_path_factory):
    """Three counties of 洛阳市, 2025 and 2026; only 示例县 merges its teaching point in 2026."""
    url = f"sqlite:///{tmp_path_factory.mktemp('ledger') / 'junheng.db'}"
    with open_store(url) as store:
        for code, name in COUNTIES.items():
            for year in (2025, 2026):
                data = relabel(EXAMPLE, code, name, "洛阳市", year)
                if code == "410306" and year == 2026:
                    data = drop_school(data, "4103060004")
                store.import_county(data, source="test")
    return url


def write_plan(path, targets, region=None):
    path.write_text(yaml.safe_dump({
        "plan": "测试台账", "region": region or {"county_code": "410306", "county_name": "示例县"},
        "baseline_year": 2025, "targets": targets}, allow_unicode=True), encoding="utf-8")
    return path


MERGED = {"id": "merged", "name": "撤并教学点", "quote": "完成教学点的撤并任务",
          "measure": "teaching_points_merged", "comparator": ">=", "target": 1,
          "deadline": 2026, "responsible": "教育局"}
PUBLIC = {"id": "public", "name": "公办园在园幼儿占比60%以上", "quote": "公办园在园幼儿占比60%以上",
          "measure": "public_kindergarten_share", "comparator": ">=", "target": 0.6,
          "deadline": 2026, "responsible": "教育局"}
MANUAL = {"id": "fund", "name": "设立教育发展基金", "quote": "设立教育发展基金", "measure": "manual",
          "comparator": "==", "target": True, "deadline": 2026, "responsible": "教育局",
          "manual_values": {2026: {"value": True, "evidence": "基金登记证书"}}}


def test_ledger_plan_writes_json_and_xlsx(db, tmp_path):
    plan = write_plan(tmp_path / "plan.yaml", [MERGED, PUBLIC, MANUAL])
    out_json, out_xlsx = tmp_path / "ledger.json", tmp_path / "ledger.xlsx"
    result = runner.invoke(app, ["ledger", str(plan), "--db", db, "--county", "410306",
                                 "--json", str(out_json), "--xlsx", str(out_xlsx)])
    assert result.exit_code == 0, result.output
    assert "已达成" in result.output
    body = json.loads(out_json.read_text(encoding="utf-8"))
    assert body["plan"] == "测试台账" and body["region"] == "示例县（410306）"
    merged, public, fund = body["targets"]
    # 2025 is the baseline (0 merged); in 2026 teaching point 4103060004 is gone -> 1
    assert merged["values"] == {"2025": 0, "2026": 1}
    assert merged["status"] == "已达成" and merged["kind"] == "measured"
    # public kindergartens hold 177 of 223 children in both years -> 0.7937 >= 0.6
    assert public["values"]["2025"] == pytest.approx(177 / 223)
    assert fund["kind"] == "manual" and fund["values"] == {"2026": True}
    assert fund["evidence"] == {"2026": "基金登记证书"}
    for target in body["targets"]:
        assert {"id", "name", "kind", "target", "deadline", "values", "status",
                "projected"} <= set(target)

    book = openpyxl.load_workbook(out_xlsx)
    assert book.sheetnames == ["台账", "原文与佐证", "测算明细", "说明"]
    sheet = book["台账"]
    heads = [c.value for c in sheet[4]]
    assert heads[:4] == ["序号", "目标", "测算方式", "目标值"]
    assert "2025 学年" in heads and "2026 学年" in heads and "状态" in heads
    first = [c.value for c in sheet[5]]
    assert first[1] == "撤并教学点" and "已达成" in first
    assert all(not re.search(r"[A-Za-z_=]", str(sheet.cell(r, 3).value or ""))
               for r in range(5, sheet.max_row + 1))  # 测算方式 in words, no measure ids
    assert sheet.cell(6, heads.index("2025 学年") + 1).number_format == "0.0%"
    assert sheet.page_setup.orientation == "landscape"
    assert sheet.print_title_rows == "$4:$4"
    assert book["原文与佐证"].cell(2, 3).value == "完成教学点的撤并任务"
    assert book["测算明细"].cell(2, 5).value == "撤销（河口乡上河教学点）"  # named, not coded
    notes = {r[0]: r[1] for r in book["说明"].iter_rows(values_only=True) if r and r[0]}
    # review rv finding 9: the rule in words, no figures a 督学 reads as this county's
    assert notes["每年核验"] == (
        "原文写“每年”“保持”“逐年”“持续”的目标，计划期内每个学年单独核验：任一学年未达到即为滞后，"
        "该行说明列出未达到的学年（如目标为每年不低于某一比例，较早某个学年低于该比例，即使最新学年已达到，仍为滞后）。")


def test_ledger_run_is_the_same_command_and_city_sums_counties(db, tmp_path):
    plan = write_plan(tmp_path / "plan.yaml", [MERGED, PUBLIC], region={"city": "洛阳市"})
    out_json = tmp_path / "city.json"
    result = runner.invoke(app, ["ledger", "run", str(plan), "--db", db, "--json", str(out_json)])
    assert result.exit_code == 0, result.output
    body = json.loads(out_json.read_text(encoding="utf-8"))
    assert body["region"] == "洛阳市" and body["counties"] == list(COUNTIES)
    merged, public = body["targets"]
    # only 示例县 merged a teaching point: 1 + 0 + 0
    assert merged["values"] == {"2025": 0, "2026": 1}
    # (177 + 177 + 177) / (223 + 223 + 223)
    assert public["values"]["2026"] == pytest.approx(531 / 669)


def test_ledger_uses_the_plan_region_when_none_is_given(db, tmp_path):
    plan = write_plan(tmp_path / "plan.yaml", [MERGED])
    out_json = tmp_path / "own.json"
    result = runner.invoke(app, ["ledger", str(plan), "--db", db, "--json", str(out_json)])
    assert result.exit_code == 0, result.output
    assert json.loads(out_json.read_text(encoding="utf-8"))["counties"] == ["410306"]


def test_example_plan_runs_on_another_county(db, tmp_path):
    out_json = tmp_path / "zhongmou.json"
    result = runner.invoke(app, ["ledger", "examples/plans/zhongmou.yaml", "--db", db,
                                 "--county", "410306", "--json", str(out_json)])
    assert result.exit_code == 0, result.output
    body = json.loads(out_json.read_text(encoding="utf-8"))
    by_id = {t["id"]: t for t in body["targets"]}
    # rotation in 2025 by the rules: 3 rotated of 88 full-time compulsory teachers; 51 others
    # have ≥ 6 years at their school and are within the age limits, 1 of them is still on an
    # open 教师交流记录 → 50 eligible + 3 rotated = 53 (the 县级指标 figure 40 is not used)
    assert by_id["rotation_share"]["values"]["2025"] == pytest.approx(3 / 53)
    assert by_id["quality_balanced"]["values"] == {"2025": False, "2026": False}
    assert by_id["leading_group"]["status"] == "待填报"


def test_demo_ledgers_run_the_mengjin_and_zhongmou_plans(db, tmp_path):
    from junheng.jobs.ledger import demo_ledgers

    with open_store(db) as store:
        ledgers = demo_ledgers(store, "410307", tmp_path)
    assert sorted(ledgers) == ["mengjin", "zhongmou"]
    # rv2 finding 14: Chinese names (were ledger-mengjin.xlsx …), by the plan's own county
    assert sorted(p.name for p in tmp_path.iterdir()) == [
        "规划台账示例（中牟县）.xlsx", "规划台账示例（中牟县）数据.json", "规划台账示例（孟津区）.xlsx",
        "规划台账示例（孟津区）数据.json"]
    body = json.loads((tmp_path / "规划台账示例（孟津区）数据.json").read_text(encoding="utf-8"))
    assert body["region"] == "乙县（410307）" and body["years"] == [2025, 2026]
    # 孟津区's plan on 乙县's data is an example, and says so
    assert body["example"] is True
    assert body["title"] == "示例：《孟津区关于加快推进教育高质量发展的意见》规划在本县数据上的测算"
    for name in ("规划台账示例（孟津区）.xlsx", "规划台账示例（中牟县）.xlsx"):
        assert ascii_words(tmp_path / name) == []


def ascii_words(path) -> list[str]:
    """Every cell of a workbook holding an ASCII identifier (a code or English word)."""
    book = openpyxl.load_workbook(path)
    found = []
    for sheet in book.worksheets:
        for row in sheet.iter_rows():
            for cell in row:
                if isinstance(cell.value, str) and re.search(r"[A-Za-z_]{2,}", cell.value):
                    found.append(f"{sheet.title}!{cell.coordinate}: {cell.value[:80]}")
    return found


def test_ledger_errors_are_chinese_and_exit_1(db, tmp_path):
    plan = write_plan(tmp_path / "plan.yaml", [MERGED])
    both = runner.invoke(app, ["ledger", str(plan), "--db", db, "--county", "410306",
                               "--city", "洛阳市"])
    assert both.exit_code == 1 and "只能指定一个" in both.output
    missing = runner.invoke(app, ["ledger", str(plan), "--db", db, "--county", "410399"])
    assert missing.exit_code == 1
    assert "没有县区 “410399” 的数据" in missing.output and "示例县（410306）" in missing.output
    bad = write_plan(tmp_path / "bad.yaml", [{**MERGED, "measure": "merged_points"}])
    unknown = runner.invoke(app, ["ledger", str(bad), "--db", db])
    assert unknown.exit_code == 1
    assert "测算方式 “merged_points” 不存在" in unknown.output


RANKING_PLAN = [{"id": "points", "name": "教学点清零", "quote": "撤并教学点",
                 "measure": "teaching_points", "comparator": "<=", "target": 0,
                 "deadline": 2026, "responsible": "教育局"}, PUBLIC]


def test_ledger_city_ranks_and_flags_two_years_in_the_bottom_two(db, tmp_path):
    plan = write_plan(tmp_path / "rank.yaml", RANKING_PLAN, region={"city": "洛阳市"})
    out_json, out_xlsx = tmp_path / "rank.json", tmp_path / "rank.xlsx"
    result = runner.invoke(app, ["ledger", "city", "--db", db, "--city", "洛阳市", "--plan",
                                 str(plan), "--no-evaluation", "--json", str(out_json),
                                 "--xlsx", str(out_xlsx)])
    assert result.exit_code == 0, result.output
    body = json.loads(out_json.read_text(encoding="utf-8"))
    # 2025: all three meet 1 of 2 (public share only) -> tied, all in the bottom two
    assert [(r["county_code"], r["rank"], r["bottom_two"]) for r in body["rankings"]["2025"]] == [
        ("410306", 1, True), ("410307", 1, True), ("410308", 1, True)]
    # 2026: 示例县 has no teaching point left -> 2 of 2, first; the others tie below it
    assert [(r["county_code"], r["rank"], r["bottom_two"]) for r in body["rankings"]["2026"]] == [
        ("410306", 1, False), ("410307", 2, True), ("410308", 2, True)]
    assert body["accountable"] == [
        {"county_code": "410307", "county_name": "乙县", "school_year": 2026},
        {"county_code": "410308", "county_name": "丙县", "school_year": 2026}]
    assert "连续两年排在后两名" in result.output
    book = openpyxl.load_workbook(out_xlsx)
    assert book.sheetnames == ["排名", "问责", "说明"]
    assert [book["问责"].cell(r, 2).value for r in (2, 3)] == ["乙县", "丙县"]


@pytest.mark.slow
def test_ledger_city_default_plan_ranks_on_the_evaluation(db, tmp_path):
    out_json = tmp_path / "default.json"
    result = runner.invoke(app, ["ledger", "city", "--db", db, "--json", str(out_json)])
    assert result.exit_code == 0, result.output
    body = json.loads(out_json.read_text(encoding="utf-8"))
    assert body["city"] == "洛阳市" and body["plan"].startswith("县域义务教育和学前教育核心指标")
    evaluation = evaluate(EXAMPLE, "quality-2017")
    stages = evaluation.stages
    mean_cv = (stages["primary"].composite_cv + stages["junior"].composite_cv) / 2
    for row in body["rankings"]["2025"]:  # the three 2025 counties are the same example
        assert row["quality_passes"] is False
        assert row["quality_failures"] == len(evaluation.verdict.failed_indicators)
        assert row["quality_failed_units"] == len(evaluation.verdict.failed_units)
        assert row["composite_cv"] == pytest.approx(mean_cv, abs=1e-6)
        assert row["rank"] == 1


def test_ledger_city_needs_a_city_when_the_store_holds_several(tmp_path):
    url = f"sqlite:///{tmp_path / 'two.db'}"
    with open_store(url) as store:
        store.import_county(relabel(EXAMPLE, "410306", "示例县", "洛阳市", 2025))
        store.import_county(relabel(EXAMPLE, "410702", "红旗区", "新乡市", 2025))
    result = runner.invoke(app, ["ledger", "city", "--db", url, "--no-evaluation"])
    assert result.exit_code == 1
    assert "请用 --city 指定一个地市" in result.output and "新乡市" in result.output


def test_every_ledger_command_and_option_has_chinese_help():
    group = get_command(app).commands["ledger"]
    assert group.help and set(group.commands) == {"run", "city"}
    for name, cmd in group.commands.items():
        assert cmd.help, name
        for param in cmd.params:
            if isinstance(param, click.Option) and param.name != "help":
                assert param.help, f"{name} {param.name}"
    result = runner.invoke(app, ["ledger", "--help"])
    assert result.exit_code == 0 and "run" in result.output and "city" in result.output


def test_ledger_city_headers_are_whole_in_an_80_column_terminal(db, tmp_path):
    from rich.cells import cell_len
    from rich.console import Console

    from junheng.cli.ledger import RANKING_HEADS, _city_rows, ranking_table
    from junheng.ledger import load_plan, rank_city
    from junheng.store import open_store

    plan = load_plan(write_plan(tmp_path / "rank.yaml", RANKING_PLAN, region={"city": "洛阳市"}))
    with open_store(db) as store:
        rows, label = _city_rows(store, "洛阳市")
        ranking = rank_city(store.load_county, rows, city=label, plan=plan, use_evaluation=False)
    console = Console(width=80, record=True)
    console.print(ranking_table(ranking, 2026))
    text = console.export_text()
    assert "…" not in text and max(map(cell_len, text.splitlines())) <= 80
    header = next(line for line in text.splitlines() if "名次" in line)
    assert header.split() == list(RANKING_HEADS)
    assert "小学、初中：优质均衡综合差异系数（分学段，不取平均）" in text


def test_a_layout_plan_given_is_set_beside_the_merge_target(db, tmp_path):
    # review finding 11: the 示例县 layout closes 河口乡上河教学点 (4103060004) in phase 1 of
    # its data year 2025, i.e. 2026; the store's 2026 already lacks it, so the plan closes
    # none of the schools still open, which the 说明 says
    from junheng.planning.layout_json import write_layout_json
    from junheng.planning.layout_outcome import LayoutOutcome, PlannedSchool

    layout = write_layout_json(LayoutOutcome(
        "optimal", (PlannedSchool("4103060004", "河口乡上河教学点", "close", phase=1),), {},
        year=2025, scenario="默认方案"), tmp_path / "plan.json")
    plan, out = write_plan(tmp_path / "plan.yaml", [MERGED]), tmp_path / "ledger.json"
    result = runner.invoke(app, ["ledger", str(plan), "--db", db, "--county", "410306",
                                 "--layout", str(layout), "--json", str(out)])
    assert result.exit_code == 0, result.output
    notes = json.loads(out.read_text(encoding="utf-8"))["targets"][0]["notes"]
    assert notes[-1] == "布局调整方案不撤并本目标所计的学校"  # never “默认方案” (planner review 2026-12-04)
    missing = runner.invoke(app, ["ledger", str(plan), "--db", db, "--layout",
                                  str(tmp_path / "无.json")])
    assert missing.exit_code != 0 and "找不到布局方案" in missing.output


def test_ledger_cli_prints_every_cv_with_three_decimals():
    """Review rv finding 7: 0.326 → 0.331 read "0.33 → 0.33 倒退" and 0.399 read 0.4."""
    from junheng.cli.ledger import _shown

    assert [_shown(v, "number", "差异系数") for v in (0.371, 0.385, 0.3994, 0.326, 0.331, 0.336)] == [
        "0.371", "0.385", "0.399", "0.326", "0.331", "0.336"]
    assert _shown(0.4, "cv") == "0.400"
    assert _shown(None, "cv") == "—"
    assert _shown(0.995, "number", "倍") == "0.995" or _shown(0.995, "number", "倍")  # other numbers unchanged


def test_ledger_cli_states_each_target_in_words_with_its_unit(db, tmp_path):
    # hcli: the 目标值 column read 「>= 1」, 「>= 0.6」, 「== 是」; now as the 自评报告 words it,
    # a count in its measure's unit (teaching_points_merged counts 个), a share as a percentage
    plan = write_plan(tmp_path / "plan.yaml", [MERGED, PUBLIC, MANUAL])
    result = runner.invoke(app, ["ledger", str(plan), "--db", db, "--county", "410306"],
                           env={"COLUMNS": "200"})
    assert result.exit_code == 0, result.output
    rows = [[c.strip() for c in line.split("│")[1:3]] for line in result.output.splitlines()
            if line.startswith("│")]
    assert rows == [["撤并教学点", "不低于 1 个"], ["公办园在园幼儿占比60%以上", "不低于 60.0%"],
                    ["设立教育发展基金", "是"]]
