"""``junheng plan compliance`` and the province job on a hand-made county (shipped costs)."""

from __future__ import annotations

import json
import re

import pytest
from openpyxl import load_workbook

from cli_run import invoke
from compliance_builders import county, primary_school, school_id
from junheng.evaluate import evaluate
from junheng.io import read_workbook, write_workbook
from junheng.jobs.compliance import run_compliance_province


def _county():
    # 960 pupils a school, 160 in every grade, so the forecast keeps them (no history: the
    # cohort moves up a grade and as many enter). B needs sports or equipment; the sports CV
    # needs B's ground anyway (see test_compliance.py): 0.9 m² × 960 = 864 m² of field at
    # 900 元 (77.76 万元) plus the 10 万元 sports project.
    return county(primary_school("A", 960, sports_area=10.0),
                  primary_school("B", 960, sports_area=6.6, equipment_value=1800.0),
                  primary_school("C", 960, sports_area=22.7))


def test_plan_compliance_writes_the_list_the_chapter_and_the_applied_workbook(tmp_path):
    workbook = write_workbook(_county(), tmp_path / "county.xlsx")
    out = tmp_path / "plan"
    result = invoke("plan", "compliance", "--plan-date", "2026-06-01", "--file", workbook, "--out", out,
                    "--apply", tmp_path / "after.xlsx", "--time-limit", "30")
    assert result.exit_code == 0, result.output
    assert "一次性投入 87.76 万元" in result  # no yearly money: the one-off alone
    assert "评估引擎复核：实施后全部学校和差异系数达标" in result
    doc = json.loads((out / "plan.json").read_text(encoding="utf-8"))
    assert (doc["target_year"], doc["confirmed"], doc["objective"]) == (2028, True, 87.76)
    assert [(a["school_id"], a["item"], a["quantity"]) for a in doc["actions"]] == [
        (school_id("B"), "field", 864.0), (school_id("B"), "sports", 1.0)]
    # the workbook under the name the documents cite (brief tf: it was plan.xlsx)
    assert sorted(p.name for p in out.iterdir()) == ["plan.json", "整改措施.docx", "达标路径工作簿.xlsx"]
    assert (f"已写入：\n  {out / 'plan.json'}\n  {out / '达标路径工作簿.xlsx'}\n  {out / '整改措施.docx'}\n"
            f"  {tmp_path / 'after.xlsx'}\n") in result.output
    cv_cells = [c for row in load_workbook(out / "达标路径工作簿.xlsx")["差异系数"].iter_rows(min_col=3)
                for c in row if isinstance(c.value, float)]
    assert cv_cells and {c.number_format for c in cv_cells} == {"0.000"}  # review finding 11
    again = evaluate(read_workbook(tmp_path / "after.xlsx"))
    assert not [f for f in again.verdict.failures if f.id == "school_rule" or f.area == "cv"]


def test_a_budget_spreads_the_plan_over_the_years_and_buys_what_fits(tmp_path):
    # 40 万元 a year cannot fund 87.76 万元 of field before 2028 (a field takes a year: 2026
    # and 2027 only). Within it: equipment to B's threshold (19.2 万元, bought in 2028) and a
    # smaller field for the CV alone (771 m², 69.39 万元) with the project (10 万元).
    workbook = write_workbook(_county(), tmp_path / "county.xlsx")
    result = invoke("plan", "compliance", "--plan-date", "2026-06-01", "--file", workbook, "--out", tmp_path / "plan",
                    "--budget", "40", "--time-limit", "20")
    assert result.exit_code == 0, result.output
    assert "一次性投入 98.59 万元" in result
    # the year table's 合计 line: its years add up to the total (review finding 12)
    assert re.search(r"合计\W+40\.00\W+40\.00\W+18\.59\W+98\.59", result.output)


def test_a_budget_too_small_names_the_least_budget_and_the_earliest_year(tmp_path):
    # The least: field 771 m² + project (79.39) in 2026-27 and equipment (19.2) in 2028,
    # 39.70 a year. At 20 a year the field needs four years of funding: 2030 at the earliest.
    workbook = write_workbook(_county(), tmp_path / "county.xlsx")
    result = invoke("plan", "compliance", "--plan-date", "2026-06-01", "--file", workbook, "--out", tmp_path / "plan",
                    "--budget", "20", "--time-limit", "20")
    assert result.exit_code == 0, result.output
    assert ("每年 20 万元不足以在 2028 学年前完成达标，至少需要每年 40 万元；按现有预算，最早可在 "
            "2030 学年达标") in result


@pytest.mark.parametrize(("typed", "shown"), [("-5", "-5"), ("0", "0"), ("2000000", "2,000,000")])
def test_a_budget_out_of_range_is_refused_before_solving_and_writes_nothing(tmp_path, typed, shown):
    """rw review: ``--budget -5`` ran on for a minute; the web form's rule, at once."""
    workbook = write_workbook(_county(), tmp_path / "county.xlsx")
    out = tmp_path / "plan"
    result = invoke("plan", "compliance", "--file", workbook, "--out", out, "--budget", typed)
    assert result.exit_code == 1
    assert (f"年度预算 {shown} 万元无效：应为大于 0、不超过 1,000,000 万元的数（金额以万元计），"
            "或留空按一般公共预算教育支出的 10% 计。") in result.output
    assert not out.exists()


def test_the_province_job_plans_every_county_and_lists_them(tmp_path):
    rows = run_compliance_province([[_county()], [county(primary_school("A", 960))]],
                                   tmp_path, scheduler="synchronous", time_limit=20)
    assert [(r["objective"], r["confirmed"]) for r in rows] == [
        (pytest.approx(87.76), True), (0.0, True)]
    assert json.loads((tmp_path / "summary.json").read_text(encoding="utf-8"))[0]["county"] \
        == "410306"


def test_the_project_table_never_adds_yearly_pay_to_the_one_off_money(monkeypatch):
    # rw 2: 「项目类别 / 投资（万元）」 listed 校舍建设 15.00 beside 教师招聘 5.00 (2.50 a year,
    # two years) in one column, whose sum 20.00 is neither the one-off 15.00 nor a year's 2.50
    import io

    from rich.console import Console

    from junheng.cli import plan as plan_cli

    out = io.StringIO()
    monkeypatch.setattr(plan_cli, "console", Console(file=out, width=200))
    plan_cli._print_investment({
        "years": [2026, 2027], "objective": 20.0, "greedy": 0, "costs": {"recurring_years": 2},
        "totals": {"total": 20.0, "one_off": 15.0, "annual": 2.5, "recurring_years": [2028, 2029]},
        "actions": [
            {"project": "building", "annual_cost": 0.0, "funding": {"2026": 10.0, "2027": 5.0}},
            {"project": "teachers", "annual_cost": 2.5, "funding": {"2028": 2.5, "2029": 2.5}}]})
    table = out.getvalue().split("按项目类别")[1].split("分年度投资")[0]
    rows = [[c.strip() for c in line.split("│")[1:-1]] for line in table.splitlines()
            if line.startswith("│")]
    assert rows == [["校舍建设", "15.00"], ["教师招聘（每年经常性支出，自 2028 学年起持续）", "5.00"],
                    ["一次性投入合计", "15.00"], ["经常性支出合计（各学年之和）", "5.00"]]
