"""On the demo county 表3 says why each receiver spends on its sports area and why a school with
spare seats builds a room (brief hfourth; rv7: 第四小学 read a new room and 111.81 万元 of field
and land beside 845 pupils on 855 seats, and nothing said what the money bought)."""

from __future__ import annotations

import re

import pytest
from docx import Document

#: 表3's head
HEAD = ["实施学年", "学校", "调整方式", "内容", "撤并程序"]
#: an item bought: m² × 元 a m² (its parts in brackets) = 万元
ITEM = re.compile(r"([\d,]+) 平方米 × ([\d,]+) 元(?:（[^）]*）)? ?= ([\d,.]+) 万元")


def _number(text: str) -> float:
    return float(text.replace(",", ""))


@pytest.fixture(scope="module")
def layout(demo_run):
    doc = Document(str(demo_run.out / "布局调整方案.docx"))
    table = next(t for t in doc.tables if [c.text for c in t.rows[0].cells] == HEAD)
    cells = {r.cells[1].text: r.cells[3].text for r in table.rows[1:]}
    return cells, "\n".join(p.text for p in doc.paragraphs)


def test_each_sports_item_of_table_3_is_its_m2_times_its_price(layout):
    cells, _ = layout
    items = [m for text in cells.values() for m in ITEM.findall(text)]
    assert len(items) >= 8  # 4 receivers, each a field and land
    assert [i for i in items if round(_number(i[0]) * _number(i[1]) / 10_000, 2) != _number(i[2])] == []


def test_each_receiver_s_items_add_up_to_its_money_in_the_note(layout):
    """The 需论证 note gives each receiver's 万元 (第四小学 111.81); 表3's items add up to it,
    and its gap is what the need leaves after what the school has and its own gap."""
    cells, text = layout
    # the note runs on over paragraphs (report_format.short_paragraphs): read them all
    money = dict(re.findall(r"(洛北县[^（；：]+)（规划年学生 [\d,]+ → [\d,]+ 人：[^\n]*?平方米，([\d,.]+) 万元", text))
    assert money["洛北县第四小学"] == "111.81"
    said = {name: cell for name, cell in cells.items() if "补足体育运动场馆" in cell}
    assert set(said) == set(money)
    for name, cell in said.items():
        total = sum(_number(w) for _, _, w in ITEM.findall(cell))
        assert round(total, 2) == _number(money[name]), name
        gap, need, has = (int(_number(x)) for x in re.search(
            r"补足体育运动场馆 ([\d,]+) 平方米（.*?需 ([\d,]+) 平方米；现有 ([\d,]+) 平方米", cell).groups())
        own = re.search(r"已缺的 ([\d,]+) 平方米由达标路径补足", cell)
        assert need == has + gap + (int(_number(own.group(1))) if own else 0), name


def test_a_receiver_s_own_gap_is_one_figure_in_table_3_and_the_note(layout):
    """rv18 9: 新区实验学校 read 「已缺的 276 平方米」 in 表3 (need − 现有 − this plan's gap) and
    「留足本校自身缺口 275 平方米」 in the note, the 达标路径 pricing 275: 816 pupils × (8.0395 /
    8.8434 m²) = 6,924.38 m² − 6,649 = 275.38 → 275; the need 6,649 + 2,812 + 275 = 9,736
    (exact 9,736.60)."""
    cells, text = layout
    assert ("需 9,736 平方米；现有 6,649 平方米，生均 5.82 平方米；不调整时本校 816 人已缺的 275 平方米由达标路径补足"
            in cells["洛北县新区实验学校"])
    note = re.search(r"洛北县新区实验学校（规划年学生 816 → 1,143 人：.*?留足本校自身缺口 ([\d,]+) 平方米", text, re.S)
    assert note.group(1) == "275"


def test_the_nine_year_school_states_the_arithmetic_it_does(layout):
    """rv20 1: 「按优质均衡标准小学生均 7.5 平方米、初中生均 10.2 平方米的 86.7%…即生均小学约 8.04」
    while 7.5 × 86.7 % = 6.50: the 初中 binds (10.2 × 0.867 = 8.8434), the 1 : 1.1 split gives the
    小学 8.8434 ÷ 1.1 = 8.0395 = 107.2 % of 7.5; 462 × 8.0395 + 681 × 8.8434 = 9,736.61."""
    assert ("规划年小学 462 人、初中 681 人，按优质均衡标准初中生均 10.2 平方米的 86.7%（优质均衡允许一项指标不低于标准的 85%，"
            "另留 2% 余量，与达标路径同一口径）即生均 10.2 × 86.7% ≈ 8.84 平方米；九年一贯制学校全校场地按小学、初中 1 : 1.1 "
            "拆分，小学随之为生均 8.84 ÷ 1.1 ≈ 8.04 平方米（小学标准 7.5 平方米的 107.2%），共需 9,736 平方米") in layout[0][
        "洛北县新区实验学校"]


def test_the_fourth_primary_says_the_classes_its_room_is_for_and_what_its_money_buys(layout):
    # 845 pupils on 855 seats (19 rooms of 45) form 21 classes grade by grade: 2 rooms short,
    # both built (brief hnewsch rule (T): a school that extends builds its target year's rooms;
    # it borrows 2 in 2029 only); 845 × 6.5025 = 5,494.61 m² needed, 4,692 had: 803 short, 144 m²
    # of field on its own ground (× 900 = 12.96 万元) and 659 m² of land (× 1,500 = 98.85 万元)
    cell = layout[0]["洛北县第四小学"]
    assert cell.startswith("新建普通教室 2 间（2030 学年小学 845 人，按年级编班 21 个班、现有教室 19 间），")
    assert ("补足体育运动场馆 803 平方米（规划年学生 845 人，按优质均衡标准小学生均 7.5 平方米的 86.7%（优质均衡允许一项指标不低于标准的 85%，另留 2% 余量，与达标路径同一口径）"
            "即生均约 6.50 平方米需 5,495 平方米；现有 4,692 平方米，生均 5.55 平方米）："
            "校内空地建室外体育运动场地 144 平方米 × 900 元 = 12.96 万元；"
            "扩充体育运动场地用地 659 平方米 × 1,500 元（地价 600 元＋室外体育运动场地 900 元）= 98.85 万元") in cell
