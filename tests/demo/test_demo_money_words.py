"""The money a planner reads in the demo's reports adds up and names its basis (review of the
demo as a county planner, items A10, A12, B4):

* 表 4 分年度财政支出: each 累计 is the previous one plus the row's shown 一次性投入 or
  年度运行成本变化 (it was cumulated in 元 before rounding: 4,316.84 beside 4,649.76 − 332.93),
  the two cumulated apart, never added (review 2026-12-05 finding 1);
* 表 5 是否新建学校: the sports area short is the schools' printed m² added up, and its 说明
  gives area × 元/m² = the weight, or 「≈」 and why where the weight is of unrounded areas
  (8,055 平方米 stood beside 402.73 万元, which is 8,054.5 × 500 元; brief hfix10a 1);
* the two 公用经费 totals each name their basis, and the 自评报告 says why they differ.
"""

from __future__ import annotations

import re
from pathlib import Path

from docx import Document

from junheng.model.labels import FUNDING_BASES_DIFFER, QUOTA_FUNDING, REPORTED_FUNDING


def _tables(path: Path) -> list[list[list[str]]]:
    return [[[c.text for c in row.cells] for row in t.rows] for t in Document(str(path)).tables]


def _number(text: str) -> float:
    return float(text.replace(",", ""))


def test_the_running_total_of_table_4_adds_the_shown_figures(demo_run):
    # rv16 9: the demo rents rooms, so 建设投资 and 临时周转 are two columns, cumulated together
    table = next(t for t in _tables(demo_run.out / "布局调整方案.docx")
                 if len(t[0]) > 4 and t[0][4] == "一次性投入累计（万元，建设投资与临时周转之和）")
    assert table[0][2] == "临时周转（万元，租赁、借用校舍，使用当年支付）"
    once_total, running_total, rows = 0.0, 0.0, table[1:]
    assert len(rows) >= 3
    for year, built, rent, running, once_sum, running_sum, *_ in rows:  # then the 保底 top-up (rv10 10)
        once_total = round(once_total + _number(built) + _number(rent), 2)
        running_total = round(running_total + _number(running), 2)
        assert (_number(once_sum), _number(running_sum)) == (once_total, running_total), year


def test_the_sports_area_of_table_5_is_the_one_its_money_is_priced_at(demo_run):
    # brief hfix10a 1: the total is the schools' printed whole m² added up (the figure the 整改措施
    # and the 自评报告 say and price); area × 元 a m² is the weight shown to the cent (「=」), or,
    # the weight being of the unrounded areas, 「≈」 with why
    table = next(t for t in _tables(demo_run.out / "布局调整方案.docx")
                 if t[0][1].startswith("方案甲"))
    row = next(r for r in table if r[0].startswith("布局分流新增的体育运动场馆面积缺口"))
    priced = re.findall(r"(方案[甲乙]) ([\d,.]+) 平方米 × ([\d,]+) 元 ([=≈]) 每年 ([\d,.]+) 万元(（权重按各校未取整的面积计）)?",
                        row[3])
    assert priced, row[3]
    for option, area, per_m2, how, wan, why in priced:
        cell = row[1] if option == "方案甲" else row[2]
        assert cell.startswith(f"{area} 平方米：")  # the same figure
        schools = re.findall(r"、?[^、：]+? ([\d,]+) 平方米", cell.split("：", 1)[1])
        assert sum(_number(n) for n in schools) == _number(area), cell
        exact = f"{_number(area) * _number(per_m2) / 10_000:,.2f}" == wan
        assert (how, bool(why)) == (("=", False) if exact else ("≈", True)), row[3]


def test_each_public_funding_total_names_its_basis(demo_run):
    layout = _tables(demo_run.out / "布局调整方案.docx")
    rows = [r for t in layout for r in t if "公用经费" in r[0] and "万元" in r[1]]
    labels = {r[0] for r in rows}
    assert f"财政支出：{QUOTA_FUNDING}（每年）" in labels
    assert all("保底" in label or QUOTA_FUNDING in label for label in labels), labels
    report = "\n".join(p.text for p in Document(str(demo_run.out / "自评报告.docx")).paragraphs)
    said = next(p for p in report.splitlines() if "公用经费拨款合计" in p)
    # both totals in one paragraph, each by its label, and the sentence on why they differ
    assert said.startswith(f"本学年{REPORTED_FUNDING}合计 ")
    assert f"的{QUOTA_FUNDING}为 " in said and said.endswith(FUNDING_BASES_DIFFER + "。")
    # the layout's figure there is 表 2's 当前 column
    quota = next(r for r in rows if QUOTA_FUNDING in r[0])[1]
    assert f"{QUOTA_FUNDING}为 {quota}" in said
