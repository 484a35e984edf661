"""On the demo county the 布局调整方案 says where its new school is planned and when each step
must be done (review rv15 2 and 14): the 新建学校实施步骤 table's years are plan.json's (the data
year + the school's phase, ``new_school_lead_years``, the plan date), the workbook's sheet holds
the same rows, and the site is the model's candidate point with its land to be found."""

from __future__ import annotations

from datetime import date

import pytest
from docx import Document
from openpyxl import load_workbook

from junheng.model.numbers import year_range
from junheng.planning.layout_json import read_layout_json
from junheng.planning.layout_new_steps import STEP_HEADS, STEP_TITLE


@pytest.fixture(scope="module")
def made(demo_run):
    layout = Document(str(demo_run.out / "布局调整方案.docx"))
    plan = read_layout_json(demo_run.out / "layout" / "plan.json")
    sheet = load_workbook(demo_run.out / "layout" / "布局调整方案工作簿.xlsx", read_only=True)[STEP_TITLE]
    return layout, plan, [[c if c is not None else "" for c in r] for r in sheet.iter_rows(values_only=True)]


def _table(layout) -> list[list[str]]:
    found = [t for t in layout.tables if tuple(c.text for c in t.rows[0].cells) == STEP_HEADS]
    assert len(found) == 1
    return [[c.text for c in r.cells] for r in found[0].rows[1:]]


def test_the_steps_years_are_the_plans(made):
    layout, plan, _ = made
    new = [s for s in plan.schools if s.action == "new"]
    assert len(new) == 1
    school = new[0]
    opens = plan.year + school.phase  # 2025 + 4 = 2029 on the demo
    lead = plan.rules["new_school_lead_years"]  # 2
    day = date.fromisoformat(plan.rules["plan_date"])
    rows = {r[1]: r for r in _table(layout)}
    assert [r[0] for r in rows.values()] == [school.name] * len(rows)
    # rv17 10: the site is no plot, so no fixed months; the date it must be done by in the words
    assert rows["立项、可研、选址与用地"][2] == "用地落实后方可确定"
    assert f"即 {opens - lead} 年 8 月前完成（编制日期 {day.year} 年 {day.month} 月）" in rows["立项、可研、选址与用地"][3]
    # hfix8 3: the land is 待核实, so the later steps count from it; the plan's years hold with
    # the land found before the first school year paid (2027-08 on the demo)
    if_land = f"（{opens - lead} 年 8 月前落实用地的，为 {{}} 学年）"
    assert rows["设计与建设"][2] == f"用地落实后约 {lead * 12} 个月" + if_land.format(year_range(opens - lead, opens - 1))
    assert rows["招生启用"][2] == f"用地落实后第 {lead + 1} 个秋季学期" + if_land.format(opens)
    # the default 划片 moves whole stage groups: every grade there the year it opens (rv17 1:
    # not 「首届七年级入学」 beside 「各年级齐全」 in the same year)
    assert plan.rules["rezoning_grades"] == "whole"
    assert rows["招生启用"][3] == (f"启用当学年片区七至九年级在读学生整体转入，各年级同时开班；规划年 {plan.target_year} 学年初中 "
                               f"{int(school.students_after['junior']):,} 人")
    assert rows["年级齐全"][2:] == ["启用当学年" + if_land.format(opens), "启用当学年即各年级齐全"]
    first = min(r.year for r in plan.transition)
    assert rows["启用前过渡"][2] == "启用前" + if_land.format(year_range(first, opens - 1))
    assert rows["启用前过渡"][3].startswith("片区学生留在现就读学校")
    assert rows["启用前过渡"][3].endswith(f"；用地晚于 {opens - lead} 年 8 月落实的，过渡期相应延长")


def test_the_workbook_holds_the_same_rows_and_the_site(made):
    layout, plan, sheet = made
    assert tuple(sheet[0]) == STEP_HEADS
    table = _table(layout)
    assert sheet[1:1 + len(table)] == table
    site = sheet[-1][0]
    school = next(s for s in plan.schools if s.action == "new")
    assert site.startswith(f"{school.name}校址：本方案按片区学生分布测算的候选校址")
    assert f"东经 {school.lon:.4f} 度、北纬 {school.lat:.4f} 度" in site and site.endswith("需落实用地（待核实）。")
    assert site in [p.text for p in layout.paragraphs]
