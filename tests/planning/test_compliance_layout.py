"""The compliance path after a layout plan in force (issue 16 item 3, issue 18): the demo
county with its teaching points closed by a layout plan, and the CLI's ``--layout``."""

from __future__ import annotations

import json

import pytest

from cli_run import invoke
from junheng.errors import ConfigError
from junheng.io import write_workbook
from junheng.jobs.compliance import run_compliance
from junheng.planning.compliance_layout import county_after_layout
from junheng.planning.layout_json import write_layout_json
from junheng.planning.layout_outcome import LayoutOutcome, PlannedSchool


def closing_points(data, n: int) -> LayoutOutcome:
    """A layout plan that merges the first ``n`` teaching points into their central schools."""
    s = data.schools
    points = s[(s["school_type"] == "teaching_point") & s["central_school"].notna()].head(n)
    closed = tuple(PlannedSchool(r.school_id, r.name, "close", kind="teaching_point",
                                 merged_into=r.central_school)
                   for r in points.itertuples())
    return LayoutOutcome("optimal", closed, {"before": {}, "after": {}}, county=data.county_code,
                         year=data.school_year, scenario="示例布局方案")


def test_the_compliance_plan_is_for_the_county_after_the_layout(demo_years):
    data = demo_years[-1]
    layout = closing_points(data, 10)
    closed = {s.school_id for s in layout.schools}
    points = int((data.schools["school_type"] == "teaching_point").sum())
    after = county_after_layout(data, layout)
    assert len(after.schools) == len(data.schools) - 10
    assert int((after.schools["school_type"] == "teaching_point").sum()) == points - 10
    assert not closed & set(after.classes["school_id"])
    # every class of a closed point is now a class of its receiver
    receivers = {s.merged_into for s in layout.schools}
    moved = data.classes[data.classes["school_id"].isin(closed)]
    assert len(after.classes[after.classes["school_id"].isin(receivers)]) == len(
        data.classes[data.classes["school_id"].isin(receivers)]) + len(moved)
    plan = run_compliance(demo_years, target_year=data.school_year + 3, layout=layout,
                          time_limit=20)
    assert plan.assumptions[0].startswith("按布局调整方案“示例布局方案”实施后的县域编制：撤并 10 所（其中教学点 10 个）")
    assert not closed & set(plan.problem.start.schools["school_id"])
    assert not closed & set(plan.actions.get("school_id", []))
    assert len(plan.problem.start.schools) == len(data.schools) - 10


def test_a_layout_plan_of_another_county_or_year_is_refused(demo_years):
    data = demo_years[-1]
    other = LayoutOutcome("optimal", (), {"before": {}, "after": {}}, county="410999",
                          year=data.school_year)
    with pytest.raises(ConfigError, match="布局方案属于县区 410999"):
        county_after_layout(data, other)
    old = LayoutOutcome("optimal", (), {"before": {}, "after": {}}, county=data.county_code,
                        year=data.school_year - 1)
    with pytest.raises(ConfigError, match=f"布局方案按 {data.school_year - 1} 学年数据编制"):
        county_after_layout(data, old)


def test_plan_compliance_takes_a_layout_plan_json(demo_years, tmp_path):
    data = demo_years[-1]
    workbook = write_workbook(data, tmp_path / "county.xlsx")
    layout = write_layout_json(closing_points(data, 3), tmp_path / "layout.json")
    out = tmp_path / "plan"
    result = invoke("plan", "compliance", "--file", workbook, "--out", out, "--layout", layout,
                    "--time-limit", "20")
    assert result.exit_code == 0, result.output
    doc = json.loads((out / "plan.json").read_text(encoding="utf-8"))
    assert doc["assumptions"][0].startswith("按布局调整方案“示例布局方案”（layout.json）实施后的县域编制：撤并 3 所")
