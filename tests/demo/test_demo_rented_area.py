"""Reviews rv9 and rv11 (1, 6, 8) on the demo. rv9: the 达标路径 counted 临时周转 m² toward 达标;
hrent then built every short peak (第四小学 18 m² for 36.30 万元, 实验中学 240 m² on a site with no
ground, 第四中学 2,073 m² of which 1,699 高中's: about 855 万元 for a 12.62 万元 rent). Now the
short peak is leased for the school's independent use where cheaper (counted as 非学校产权独立使用
校舍, the rule said beside 临时周转's 「不计入校舍面积」), a building that does not fit waits for
「须先核定用地」, and the 风险 sentence names every school within the 2 % margin; the price of a
room-year is said once as an assumption, and the layout says once what rented premises must meet."""

from __future__ import annotations

from demo_helpers import docx_text as _docx
from demo_helpers import xlsx_text as _xlsx

import json
from pathlib import Path

from docx import Document
from openpyxl import load_workbook




def test_the_short_peaks_are_leased_not_built(demo_run):
    # lease 18 + 240 + 499 m²·学年 = 757 × 2 / 120 = 12.62 万元 (0.30, 4.00, 8.32); building them
    # cost 36.30 + 114.00 + 160.90 (with 30.00 fees each) in the 整改 and 556.77 more of 高中's
    out = demo_run.out / "compliance"
    actions = json.loads((out / "plan.json").read_text(encoding="utf-8"))["actions"]
    leased = {a["name"]: (a["quantity"], a["cost"]) for a in actions if a["item"] == "temporary_area"}
    # brief hnewsch rule (T): 第四小学 builds its 2030 room (120 m² of 教学及辅助用房 more), so
    # it leases none: 240 + 499 = 739 m²·学年, 4.00 + 8.32 = 12.32 万元
    assert leased == {"洛北县实验中学": (240.0, 4.0), "洛北县第四中学": (499.0, 8.32)}
    assert not [a for a in actions if a["item"] == "teaching_area"]
    for text in (_docx(out / "整改措施.docx"), _docx(demo_run.out / "自评报告.docx"),
                 _xlsx(out / "达标路径工作簿.xlsx")):
        assert "临时周转租用教学及辅助用房" not in text and "仍须新建" not in text
    # the 自评报告 says the 高中 bill's items by its row of the 方案说明 sheet (brief hshort4)
    for text in (_docx(out / "整改措施.docx"), _xlsx(out / "达标路径工作簿.xlsx")):
        assert "租赁教学及辅助用房（独立使用，不新建）" in text
    assert "租赁校舍、由学校独立使用，共 739 平方米·学年" in _docx(demo_run.out / "自评报告.docx")


def test_the_plan_says_each_lease_term_and_what_it_is_counted_as(demo_run):
    # 第四小学 845 → 800 pupils in 2031: 45 × 4.5 = 202.5 m² freed ≥ 18, none needed from 2031;
    # 实验中学 1,986 → 1,862: 124 × 5.8 = 719.2 ≥ 240; 第四中学 679 → 636: 43 × 5.8 = 249.4,
    # ⌈374 − 249.4⌉ = 125 m² in 2031, 568 in 2032: none. 374 + 125 = 499 m²·学年 × 2 / 120 = 8.32;
    # built 374 × 0.35 = 130.90; the whole school's 374 / 0.18 ≈ 2,073 m²
    steps = _docx(demo_run.out / "compliance" / "整改措施.docx")
    assert ("租赁校舍比新建省的，租赁、不新建：2 所学校共 614 平方米（共 739 平方米·学年，租金按每平方米每学年 167 元计"
            "（假设值，按临时周转教室每间 120 平方米每学年 2.00 万元折算，以本县实际租金替换），共 12.32 万元）") in steps
    assert ("洛北县第四中学租赁 374 平方米（与高中共用，共租赁 2,073 平方米，按评估办法义务教育阶段计 374 平方米、计入本方案，"
            "其余由高中经费安排）（租期须覆盖 2030—2031 学年、独立使用，按非学校产权独立使用校舍计；") in steps
    assert "2031 学年 636 人需 125 平方米，2032 学年 568 人不需，2033 学年 505 人不需；租金 8.32 万元，新建须 130.90 万元）" in steps
    assert "洛北县第四小学租赁" not in steps  # brief hnewsch: its room built
    assert steps.count("租赁校舍与临时周转不同：临时周转（暂用、借用本校或邻校用房、装配式临时用房）不计入校舍面积；") == 1


def test_a_building_that_does_not_fit_waits_for_its_ground(demo_run):
    steps = _docx(demo_run.out / "compliance" / "整改措施.docx")
    assert "在 1 所学校新建、扩建校舍，包括音乐专用教室 1 间、美术专用教室 1 间，投资 95.10 万元" in steps
    assert ("新建校舍的用地（以下学校本校用地放不下，须先核定用地，核定可建后方按上文学年投入使用）：洛北县新区实验学校"
            "新建音乐专用教室 1 间") in steps


def test_the_risk_sentence_names_the_fourth_primary_school(demo_run):
    # rv11 8: 5,495 m² ÷ (0.85 × 7.5) = 861.96: 861 pupils hold it, 862 − 845 = 17 more fail (2.0 %)
    steps = _docx(demo_run.out / "compliance" / "整改措施.docx")
    assert "风险：表中 5 所学校的学生比规划年预测多出下列人数" in steps
    assert "洛北县第四小学（小学，规划年 845 人）多 17 人（2.0%）" in steps


def test_the_room_year_price_is_said_once_as_an_assumption(demo_run):
    said = "每间每学年 2.00 万元（假设值，以本县实际租金替换）"
    layout = _docx(demo_run.out / "布局调整方案.docx")
    assert layout.count(said) == 1
    assert f"182.00 万元（{said}，不计入建设投资）" in layout  # 91 间·学年 × 2.00 (brief hnewsch)
    assert _xlsx(demo_run.out / "layout" / "布局调整方案工作簿.xlsx").count(said) == 1
    assert _docx(demo_run.out / "compliance" / "整改措施.docx").count(said) == 1


def test_the_layout_says_once_what_rented_premises_must_meet(demo_run):
    layout = _docx(demo_run.out / "布局调整方案.docx")
    assert layout.count("租用校外用房的条件（各校相同）") == 1
    assert "用作教室的采光、通风符合《中小学校设计规范》（GB 50099—2011）" in layout
