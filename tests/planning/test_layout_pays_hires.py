"""The 达标路径 after a layout plan leaves out of its own total the pay of the hires the
layout's staffing ledger makes at the same school (review 2026-12-04 finding 1: the demo's
达标路径 said 4,652.26 万元 with 2 × 10 万 × 5 年 = 100.00 that the combined figures count as the
layout's; its own total is 4,552.26, its yearly spending 17.40 not 37.40)."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest
from docx import Document
from openpyxl import load_workbook

from junheng.jobs.compliance import run_compliance
from junheng.planning.compliance_json import compliance_dict, recurring_note, year_rows


@pytest.fixture(scope="module")
def plan(tmp_path_factory):
    """test_plans_combined's pair (B hires 1 teacher × 10, 1 体育艺术 × 10 and 2 骨干 × 12
    万元 a year = 44.00), with a layout staffing ledger that hires 4 小学 teachers at B."""
    from test_compliance_layout import _relief

    from compliance_builders import cost_file, school_id

    tmp = tmp_path_factory.mktemp("pays")
    data, layout = _relief(5)
    a, b = layout.schools
    staffing = {"county": {"need": 84, "today": 80, "new_posts": 0, "hire": 4, "surplus": 0},
                "schools": [{"school_id": school_id("B"), "name": "B小学", "stage": "primary",
                             "pupils": 800, "need": 42, "today": 38, "moved_in": 0,
                             "moved_out": 0, "new_posts": 0, "hire": 4, "surplus": 0}]}
    layout = replace(
        layout, schools=(replace(a, students_expected=1000),
                         replace(b, students_expected=600, capital_yuan=2_100_000.0)),
        metrics={"before": {"operating_yuan": 1_000_000.0},
                 "after": {"capital_cost_yuan": 2_100_000.0, "operating_yuan": 900_000.0}},
        staffing=staffing)
    out = tmp / "out"
    out.mkdir()
    return run_compliance([data], out, layout=layout, time_limit=30, costs=cost_file(tmp),
                          plan_date=date(2026, 6, 1)), out


def test_the_hires_the_layout_pays_are_out_of_the_compliance_total(plan):
    plan, _ = plan
    # the 4 hires' 44.00 万元 a year, counted for costs.yaml's 5 years: 220.00 万元
    assert plan.layout_paid == 220.0
    assert round(plan.solution.objective - plan.objective, 2) == 220.0
    doc = compliance_dict(plan)
    assert doc["objective"] == round(plan.solution.objective - 220.0, 2)
    assert doc["model_objective"] == round(plan.solution.objective, 2)
    # every total reads the same: the actions' costs add up to the plan's total, no yearly pay
    assert doc["totals"]["total"] == doc["objective"]
    assert doc["totals"]["annual"] == 0.0
    assert sorted(a["layout_paid"] for a in doc["actions"] if a["project"] == "teachers") == [1, 1, 2]
    # the combined figures count them once, in the layout (not taken out a second time)
    assert plan.combined["compliance_yearly"] == 0.0
    # the redeploy sentence still names their pay (44.00 a year), the layout's
    assert (doc["redeployment"]["hired_after"], doc["redeployment"]["hired_yearly_cost"]) == (4, 44.0)
    years, rows = year_rows(doc)
    line = next(r for r in rows if r[0].startswith("教师招聘"))
    assert line == ("教师招聘（人员经费已计入布局调整方案新聘教师）", [0.0] * len(years), 0.0)
    # review 2026-12-05 finding 1: the one-off and the yearly lines each have their own total,
    # never added; no yearly pay is left, so the one-off total is the whole 总投资
    assert rows[-2:] == [("一次性投入合计", rows[-2][1], doc["objective"]),
                         ("经常性支出合计（各学年之和）", [0.0] * len(years), 0.0)]
    # second review 2026-12-04, 7: the table's note names no yearly kind without money
    assert recurring_note(doc) == "一次性投入与经常性支出分别合计，不相加。"


def test_every_file_shows_the_compliance_total_without_them(plan):
    plan, out = plan
    total = f"{plan.objective:,.2f}"
    wb = load_workbook(out / "达标路径工作簿.xlsx")  # the name the documents cite (was plan.xlsx)
    about = {r[0]: r[1] for r in wb["方案说明"].iter_rows(values_only=True) if r[0]}
    assert about["一次性投入（万元）"] == round(plan.objective, 2)  # no yearly money left
    # the bound is the model's, read against the model's objective (with the 220.00)
    assert about["模型目标值（万元）"] == round(plan.solution.objective, 2)
    assert about["模型目标值与总投资"] == "模型目标值含已计入布局调整方案新聘教师的人员经费 220.00 万元，总投资不含"
    year = [r[0] for r in wb["分年度投资"].iter_rows(values_only=True)]
    assert "教师招聘（人员经费已计入布局调整方案新聘教师）" in year
    text = "\n".join(p.text for p in Document(str(out / "整改措施.docx")).paragraphs)
    assert f"一次性投入 {total} 万元（2026 学年）" in text and "共需投资" not in text  # rv 7 (compliance_money)
    assert "注：一次性投入与经常性支出分别合计，不相加。" in text and "新增教师、租用场地" not in text
    assert ("为 1 所学校招聘或引进体育、音乐、美术专任教师 1 名、其他学科高于规定学历的专任教师 1 名、"
            "县级以上骨干教师 2 名，人员经费已计入布局调整方案新聘教师，本方案不另计投资") in text
