"""Brief hkeys on the demo (洛北县): the 达标路径工作簿's 万元 columns with two decimals and the
与高中共用部分 sheet's 平方米·学年 whole (「2765.44」); the per-site price (1.6 万元 since brief hsite) only in 测算方法 and the
annex, not in the body; the table of settings has 已完成撤并论证的学校 (none in the demo)."""

from __future__ import annotations

from docx import Document
from openpyxl import load_workbook

BODY = ("布局调整方案.docx", "自评报告.docx", "compliance/整改措施.docx")


def test_money_in_wan_columns_has_two_decimals_and_the_senior_lease_is_whole(demo_run):
    book = load_workbook(demo_run.out / "compliance" / "达标路径工作簿.xlsx")
    rows = [[c.value for c in r] for r in book["与高中共用部分"].iter_rows(min_row=2, max_row=4)]
    # 499 m²·学年 for 义务教育 of 2,765.44 in all: 2,765 and 2,765 − 499 = 2,266, as the text says
    assert rows[0] == ["洛北县第四中学", "租赁教学及辅助用房（独立使用，不新建）", 499, 2765, 2266, "平方米·学年", 37.77]
    assert book["与高中共用部分"]["G4"].value == 84 and book["与高中共用部分"]["G4"].number_format == "#,##0.00"
    for ws in book.worksheets:  # every number under a 万元 heading or beside a 万元 label reads 84.00, not 84
        rows = [list(r) for r in ws.iter_rows()]
        top = 1 if sum(c.value is not None for c in rows[0]) == 1 and len(rows) > 1 else 0  # a title above
        money = {c.column for c in rows[top] if "万元" in str(c.value or "")}
        bad = [c.coordinate for row in rows[top + 1:] for c in row
               if (c.column in money or (c.column > 1 and "万元" in str(row[0].value or "")))
               and isinstance(c.value, int | float) and c.number_format != "#,##0.00"]
        assert not bad, (ws.title, bad[:5])
    # the 方案说明 sheet's money rows (brief hteach3 left the path no yearly cost: no 90 row)
    assert book["方案说明"]["A4"].value == "一次性投入（万元）"
    assert book["方案说明"]["B4"].value == 2067.69 and book["方案说明"]["B4"].number_format == "#,##0.00"


def test_the_site_cost_source_is_in_the_method_not_in_the_body(demo_run):
    for name in BODY:
        said = [p.text for p in Document(str(demo_run.out / name)).paragraphs]
        assert not [p for p in said if "每个校点每年 19,200 元" in p or "每个校点每年 1.92 万元" in p], name
        # the plan names itself 本方案 (brief hwords3 3), the other documents name it
        own = "本方案" if name == "布局调整方案.docx" else "《布局调整方案》"
        assert any(f"单价按 1 名专职保安计，见{own}“测算方法和未满足的规则”" in p for p in said), name
        assert not any("见《布局调整方案》" in p for p in said if own == "本方案"), name
    said = [p.text for p in Document(str(demo_run.out / "布局调整方案.docx")).paragraphs]
    # the 测算方法 paragraph, its 主要单价 a paragraph of its own since the sources made it long
    method = "".join(p for p in said if p.startswith(("本方案的测算方法：", "主要单价：")))
    # brief hsite: one full-time guard a site, with its sources; the 保底 counted apart; brief hguard:
    # priced at 河南's minimum wage (新疆's 15,750 元 was below it)
    assert ("每个校点每年的校点运行费用 19,200 元（按每个校点 1 名专职保安估算：河南省三类地区最低工资每月 1,600 元 × 12"
            "（豫政〔2021〕33号，下限，未含单位社保），福清市教育局 2021 年按师生员工不足 200 人的学校配 1 名专职保安；水电、取暖和"
            "维修由公用经费开支，不足 100 人的农村小规模学校和教学点按 100 人核定的公用经费（国发〔2015〕67号）已单列为"
            "“公用经费保底”，不重复计入）") in method


def test_the_settings_list_closures_already_reviewed(demo_run):
    rows = [[c.text for c in r.cells] for t in Document(str(demo_run.out / "布局调整方案.docx")).tables
            for r in t.rows]
    assert ["规则：已完成撤并论证的学校", "—", ""] in [r[:3] for r in rows]
