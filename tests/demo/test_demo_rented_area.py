"""Review rv9 (issue 16) on the demo: the 达标路径 rented 18 / 240 / 374 m² of 教学及辅助用房 at
第四小学, 实验中学 and 第四中学 and counted them toward 达标 while saying 临时周转 「不计入校舍
面积」. One rule now: rented m² make no school 达标, so the short peak is built and the 整改
says when a rent would have left each school short; the price of a room-year is said once as
an assumption, and the layout says once what rented premises must meet."""

from __future__ import annotations

import json
from pathlib import Path

from docx import Document
from openpyxl import load_workbook


def _docx(path: Path) -> str:
    doc = Document(str(path))
    return "\n".join([p.text for p in doc.paragraphs] + [c.text for t in doc.tables for r in t.rows for c in r.cells])


def _xlsx(path: Path) -> str:
    book = load_workbook(path, read_only=True, data_only=True)
    return "\n".join(str(v) for ws in book.worksheets for row in ws.iter_rows(values_only=True) for v in row
                     if v is not None)


def test_no_school_is_made_da_biao_by_rented_area(demo_run):
    out = demo_run.out / "compliance"
    actions = json.loads((out / "plan.json").read_text(encoding="utf-8"))["actions"]
    assert not [a for a in actions if a["item"] == "temporary_area"]
    built = {a["name"]: a["quantity"] for a in actions if a["item"] == "teaching_area"}
    assert {k: built.get(k) for k in ("洛北县第四小学", "洛北县实验中学", "洛北县第四中学")} == {
        "洛北县第四小学": 18.0, "洛北县实验中学": 240.0, "洛北县第四中学": 374.0}
    for text in (_docx(out / "整改措施.docx"), _docx(demo_run.out / "自评报告.docx"),
                 _xlsx(out / "达标路径工作簿.xlsx")):
        assert "非学校产权独立使用" not in text and "临时周转租用教学及辅助用房" not in text
        assert "按临时周转教室每间 120 平方米" not in text


def test_the_plan_says_when_a_rent_would_leave_each_school_short(demo_run):
    # 第四小学 845 → 800 pupils in 2031: 45 × 4.5 = 202.5 m² freed ≥ 18, none needed from 2031;
    # 实验中学 1,986 → 1,862: 124 × 5.8 = 719.2 ≥ 240; 第四中学 679 → 636: 43 × 5.8 = 249.4,
    # ⌈374 − 249.4⌉ = 125 m² in 2031, 568 in 2032: 111 × 5.8 = 643.8 ≥ 374, none
    steps = _docx(demo_run.out / "compliance" / "整改措施.docx")
    assert ("仍须新建：学校达标按学校产权或长期独立使用的校舍计，临时周转（暂用、借用或临时租用的用房）不计入校舍面积、"
            "也不计入学校达标面积") in steps
    assert "3 所学校新建共 632 平方米：洛北县第四小学新建 18 平方米" in steps
    assert ("洛北县第四中学新建 374 平方米（目标学年需补 374 平方米，学生减少后逐年所需：2030 学年 679 人需 374 平方米，"
            "2031 学年 636 人需 125 平方米，2032 学年 568 人不需，2033 学年 505 人不需；如以租用代替新建，"
            "2030—2031 学年该项未达标，2032 学年起学生减少后不缺）") in steps
    assert "洛北县实验中学新建 240 平方米" in steps and steps.count("2031 学年起学生减少后不缺") == 2


def test_the_room_year_price_is_said_once_as_an_assumption(demo_run):
    said = "每间每学年 2.00 万元（假设值，以本县实际租金替换）"
    layout = _docx(demo_run.out / "布局调整方案.docx")
    assert layout.count(said) == 1
    assert f"206.00 万元（{said}，不计入建设投资）" in layout
    assert _xlsx(demo_run.out / "layout" / "布局调整方案工作簿.xlsx").count(said) == 1
    assert _docx(demo_run.out / "compliance" / "整改措施.docx").count(said) == 1


def test_the_layout_says_once_what_rented_premises_must_meet(demo_run):
    layout = _docx(demo_run.out / "布局调整方案.docx")
    assert layout.count("租用校外用房的条件（各校相同）") == 1
    assert "用作教室的采光、通风符合《中小学校设计规范》（GB 50099—2011）" in layout
