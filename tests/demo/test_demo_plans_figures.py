"""The demo's figures that disagreed between the layout and the 达标路径 documents (brief hp),
read as a user reads them: the Word documents and workbooks the demo writes."""

from __future__ import annotations

from pathlib import Path

from docx import Document
from openpyxl import load_workbook


def _docx(path: Path) -> str:
    doc = Document(str(path))
    cells = [c.text for t in doc.tables for r in t.rows for c in r.cells]
    return "\n".join([p.text for p in doc.paragraphs] + cells)


def _xlsx(path: Path, sheet: str | None = None) -> str:
    book = load_workbook(path, read_only=True, data_only=True)
    sheets = [book[sheet]] if sheet else book.worksheets
    return "\n".join(str(v) for ws in sheets for row in ws.iter_rows(values_only=True) for v in row
                     if v is not None)


def test_the_fourth_school_s_ground_is_one_figure_in_both_plans(demo_run):
    # 第四中学: 12,701 m² spare, the 达标路径's field 2,199 m² of it at 17.319 %: a block of 12,697
    # and 4 m² left in both plans (was 12,696 / 5 in the layout, 「12,701…已全部用于」 in the 方案说明)
    layout = _docx(demo_run.out / "布局调整方案.docx")
    assert "洛北县第四中学最多 2 间" in layout
    assert "占用 12,697 平方米后余 4 平方米" in layout and "12,696" not in layout
    said = _xlsx(demo_run.out / "compliance" / "达标路径工作簿.xlsx", "方案说明")
    assert "本方案建室外体育运动场地整块 12,697 平方米（与高中共用）后余 4 平方米" in said
    assert "12,701 平方米，已全部用于" not in said


def test_the_new_district_school_is_short_of_the_layout_s_186_square_metres(demo_run):
    # 新区实验学校: the layout's 186 m² beyond its ground; the 达标路径 said 「缺 111 … 用地 186」
    assert "洛北县新区实验学校超出留足本校缺口后的校内空地可建面积的体育运动场馆 186 平方米" in _docx(
        demo_run.out / "布局调整方案.docx")
    steps = _docx(demo_run.out / "compliance" / "整改措施.docx")
    assert "洛北县新区实验学校（初中）缺 186 平方米（初中部分按评估办法按学生拆分计 111 平方米）" in steps
    assert "仍缺 111 平方米（为初中部分按评估办法按学生拆分所计，全校须补 186 平方米）" in steps


def test_both_options_rentals_are_compared(demo_run):
    # 方案甲 73 room-years × 2.00 万元 = 146.00 (the 过渡期 table's); 方案乙's were in no row
    table = _xlsx(demo_run.out / "layout" / "布局调整方案工作簿.xlsx", "两个方案比较")
    assert "临时周转（借用或租用教室，不新建，按每间每学年计费）" in table
    assert "过渡期共 73 间·学年、146.00 万元（其中规划年 2 间）" in table


def test_the_fourth_primary_school_s_rooms_say_why_the_plans_differ(demo_run):
    # 第四小学: 0 rooms in the layout (855 seats, 845 pupils), 4 / 2 / 1 rooms short grade by
    # grade in 2029–2031 in the 达标路径, 1 of 2029's the layout's
    steps = _docx(demo_run.out / "compliance" / "整改措施.docx")
    assert ("两个方案的缺口口径不同：布局调整按学段学位核定（学位 855 个，规划年 845 人未超出，不新建；2029 学年超出学位"
            "借用 1 间），达标路径按年级编班（每个年级按标准班额）核定（2029 学年 893 人缺 4 间、2030 学年 845 人缺 2 间、"
            "2031 学年 800 人缺 1 间）") in steps


def test_the_fourth_school_builds_the_area_whose_rent_would_run_on_from_its_rooms(demo_run):
    # rooms borrowed 2027–2029, area short 2030–2031: five years in a row, so built (367 m²,
    # the compulsory part) and not rented (497 m²·学年 before); 实验中学's run is the layout's own
    steps = _docx(demo_run.out / "compliance" / "整改措施.docx")
    assert "改为新建、不租用：洛北县第四中学新建 367 平方米（2030—2031 学年所需）" in steps
    assert "洛北县实验中学 2027—2030 学年连续 4 个学年借用教室或租用教学及辅助用房临时周转" in steps
