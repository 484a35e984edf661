"""What the two plans' totals leave out or count once (review 2026-12-04 findings 2 and 7),
on a hand-made pair of plans:

* the layout expands 乙中学 (100 万元) and its staffing ledger hires 5 初中 teachers there by
  编制 (5 × 10 万元 = 50 万元 a year of its +20 万元 running change);
* the 达标路径 builds 10 m² at 丁中学 (20 万元, funded 5 in 2027 and 15 in 2028), a building
  shared with 高中 whose 高中 part costs 8 万元; it hires 2 体育、音乐、美术 teachers at 乙中学
  (20 万元 a year) and 1 at 丙中学 (10 万元 a year), each for 2030–2031.
"""

from __future__ import annotations

import pandas as pd

from junheng.planning.layout_outcome import LayoutOutcome, PlannedSchool
from junheng.planning.plans_combined import (
    combined_lines,
    combined_summary,
    combined_table,
    combined_year_rows,
)

LAYOUT = LayoutOutcome(
    "optimal",
    (
        PlannedSchool(
            "B", "乙中学", "expand", phase=2, added_classrooms=6, capital_yuan=1_000_000.0
        ),
    ),
    {
        "before": {"operating_yuan": 3_000_000.0, "hire_staff_yuan": 0.0},
        "after": {"operating_yuan": 3_200_000.0, "hire_staff_yuan": 500_000.0},
    },
    county="410306",
    year=2025,
    target_year=2030,
    scenario="默认方案",
    staffing={"schools": [{"school_id": "B", "name": "乙中学", "stage": "junior", "hire": 5}]},
)
ACTIONS = pd.DataFrame(
    {
        "school_id": ["D", "B", "C"],
        "name": ["丁中学", "乙中学", "丙中学"],
        "stage": "junior",
        "item": ["teaching_area", "hire_pe_art", "hire_pe_art"],
        "project": ["building", "teachers", "teachers"],
        "quantity": [10.0, 2.0, 1.0],
        "cost": [20.0, 40.0, 20.0],
        "annual_cost": [0.0, 20.0, 10.0],
        "funding": [{2027: 5.0, 2028: 15.0}, {2030: 20.0, 2031: 20.0}, {2030: 10.0, 2031: 10.0}],
    }
)
SENIOR = pd.DataFrame(
    {
        "school_id": ["D"],
        "name": ["丁中学"],
        "item": ["teaching_area"],
        "quantity": [10.0],
        "built": [50.0],
        "senior": [40.0],
        "senior_cost": [8.0],
        "layout": [0.0],
    }
)


def _doc() -> dict:
    return combined_summary(LAYOUT, ACTIONS, 2030, recurring_years=2, senior=SENIOR)


def test_the_senior_part_is_stated_beside_every_total_and_never_in_one():
    doc = _doc()
    # 8 万元 over the building's funding 5 : 15 → 2.00 in 2027, 6.00 in 2028
    # and what it is: 高中's 40 of the 50 m² built (review 2026-12-04 finding 16)
    assert doc["senior"] == {"total": 8.0, "schools": ["丁中学"], "by_year": {2027: 2.0, 2028: 6.0},
                             "items": [["教学及辅助用房", 40.0, "平方米", 8.0]]}
    total = combined_lines(doc)[3]
    # review rv6 N5: the sentence leads with the whole need, 120.00 + 8.00 = 128.00, and names both parts
    assert total.startswith("布局调整与达标路径需一次性投入 128.00 万元（含普通高中部分 8.00 万元；"
                            "其中义务教育部分 120.00 万元（")
    assert total.split("不抵减一次性投入；", 1)[1] == (
        "另需高中经费 8.00 万元（丁中学与高中共用部分：教学及辅助用房 40 平方米 8.00 万元，不计入布局调整与达标路径合计），"
        "分年度见“布局调整与达标路径分年度投资”表。"
    )
    # the totals: 乙中学's expansion 100 + 丁中学's 20 one-off; nothing of the 8 万元
    assert (doc["once"], doc["compliance_construction"]) == (120.0, 20.0)
    years, rows = combined_year_rows(doc)
    name, by_year, whole = rows[-2]
    assert rows[-3][0] == "经常性支出变化合计（布局调整与达标路径，各学年之和）" and whole == 8.0
    assert name == "高中部分（不计入义务教育投资）：另需高中经费（丁中学与高中共用部分，由高中经费安排）"
    assert dict(zip(years, by_year, strict=True))["2027"] == 2.0
    assert dict(zip(years, by_year, strict=True))["2028"] == 6.0
    # review rv 9: its own line, then the one-off 合计 with it, year by year (each year the
    # 合计's figure plus the 高中 part's; in all 120.00 + 8.00 = 128.00)
    once = next(r for r in rows if r[0] == "一次性投入合计（布局调整与达标路径）")
    assert rows[-1] == ("一次性投入合计连同高中部分",
                        [round(a + b, 2) for a, b in zip(once[1], by_year, strict=True)], 128.0)
    heads, table = combined_table(doc)
    assert table[-3][0] == "合计"
    assert table[-2:] == [
        ["高中部分（不计入义务教育投资）：另需高中经费（丁中学与高中共用部分，由高中经费安排）", *[""] * 6, "8.00"],
        ["一次性投入合计连同高中部分", *[""] * 6, "128.00"],
    ]


def test_the_compliance_hires_among_the_ledgers_are_paid_once():
    doc = _doc()
    # 乙中学's 2 are among the ledger's 5 there: 0 of its 20 万元 a year; 丙中学's 1 is not
    assert (doc["layout_hires"], doc["compliance_yearly"], doc["layout_yearly"]) == (
        50.0,
        10.0,
        20.0,
    )
    assert doc["ledger_hires"] == [
        {"name": "乙中学", "item": "hire_pe_art", "quantity": 2, "covered": 2, "ledger": 5,
         "county": 5}
    ]
    by = doc["by_year"]
    assert sum(by["compliance_yearly"]) == 20.0  # 丙中学's 10 万元 in 2030 and in 2031
    yearly = combined_lines(doc)[2]
    # (the layout sets no bus price, so its change leaves the bus out: review2 B9)
    assert yearly.split("，布局调整按")[0] == (
        "每年经常性支出变化：+30.00 万元（布局调整 +20.00 万元：运行、寄宿、交通等，含新聘教师人员经费 +50.00 万元，不含校车或交通补助费用（未设单价）；"
        "达标路径 +10.00 万元：新聘教师；达标路径在乙中学招聘体育、音乐、美术专任教师 2 人，"
        "在布局调整为该校按编制招聘的 5 人（全县 5 人）之内，人员经费已计入布局调整，不重复计入）"
    )
    # the per-school row still names the 2 hires, at no cost of the 达标路径
    row = next(r for r in doc["schools"] if r["name"] == "乙中学")
    assert (row["compliance"], row["compliance_yearly"]) == (
        "招聘体育、音乐、美术专任教师 2 人",
        0.0,
    )


def test_hires_beyond_the_ledgers_are_paid_for_the_rest():
    # the ledger also hires 3 at 戊小学: the clause names 乙中学's 1 and the county's 4
    # (review 2026-12-04 finding 14: a school's figure read as the county's)
    staffing = {"schools": [{"school_id": "B", "name": "乙中学", "stage": "junior", "hire": 1},
                            {"school_id": "E", "name": "戊小学", "stage": "primary", "hire": 3}]}
    layout = LayoutOutcome(
        LAYOUT.status,
        LAYOUT.schools,
        LAYOUT.metrics,
        county="410306",
        year=2025,
        target_year=2030,
        scenario="默认方案",
        staffing=staffing,
    )
    doc = combined_summary(layout, ACTIONS, 2030, recurring_years=2)
    # 1 of 乙中学's 2 within the ledger's 1: 10 万元 a year left there, 10 at 丙中学
    assert doc["compliance_yearly"] == 20.0 and doc["senior"] is None
    assert "其中 1 人在布局调整为该校按编制招聘的 1 人（全县 4 人）之内" in combined_lines(doc)[2]
    assert "另需高中经费" not in "".join(combined_lines(doc))


def test_the_yearly_line_names_only_what_it_holds():
    """Brief left1 item 1: with both hires among the ledger's, the 达标路径's yearly line holds
    only 丙中学's rotation allowance (6 万元 a year, 2030–2031: 12) and names only 交流补助."""
    actions = ACTIONS.copy()
    actions.loc[2, ["school_id", "name", "item", "project", "quantity", "cost", "annual_cost"]] = [
        "B", "乙中学", "rotation", "rotation", 1.0, 12.0, 6.0]
    actions.at[2, "funding"] = {2030: 6.0, 2031: 6.0}
    doc = combined_summary(LAYOUT, actions, 2030, recurring_years=2)
    assert (doc["compliance_yearly"], doc["compliance_yearly_parts"]) == (6.0, ["rotation"])
    assert "达标路径 +6.00 万元：交流补助；达标路径在乙中学" in combined_lines(doc)[2]
    rows = {name: total for name, _, total in combined_year_rows(doc)[1]}
    assert rows["达标路径：经常性支出（交流补助；每年，2030—2031 学年）"] == 12.0
    # no yearly item left at all: the line names none
    doc = combined_summary(LAYOUT, actions.iloc[:2], 2030, recurring_years=2)
    assert "达标路径 +0.00 万元；达标路径在乙中学" in combined_lines(doc)[2]
    rows = {name: total for name, _, total in combined_year_rows(doc)[1]}
    assert rows["达标路径：经常性支出（每年，2030—2031 学年）"] == 0.0
