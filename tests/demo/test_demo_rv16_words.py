"""Review rv16's words on the demo's documents: the 差异系数 verdict follows the plan's own rule
(1), the 小学 surplus before and after the transfers (3, in test_demo_teachers_boarders), no 元
inside a 万元 cell (4), the 整改 year table's note (7), the per-site price out of the body and
表 1's running change traced alone (8, rv17 11), the rents' own column (9) and no 2 m² measure (6)."""

from __future__ import annotations

import re

import pytest
from demo_helpers import docx_text
from docx import Document

from junheng.report.layout_years import RENT_HEAD


@pytest.fixture(scope="module")
def layout(demo_run) -> str:
    return docx_text(demo_run.out / "布局调整方案.docx")


@pytest.fixture(scope="module")
def measures(demo_run) -> str:
    return docx_text(demo_run.out / "compliance" / "整改措施.docx")


def _table(path, head: str) -> list[list[str]]:
    for t in Document(str(path)).tables:
        rows = [[c.text for c in r.cells] for r in t.rows]
        if rows and head in rows[0]:
            return rows
    raise AssertionError(head)


def test_the_cvs_the_plan_lowers_keep_its_rule_and_are_still_over(layout):
    # 小学 0.737 → 0.712 (limit 0.50), 初中 0.783 → 0.693 (limit 0.45): both over without the
    # plan, both lowered by it; main read 「否（本方案不满足）」 and 「差异系数 2 项超过上限」
    assert "否（本方案不满足）" not in layout and "项超过上限" not in layout
    assert layout.count("符合规则“已超限的不高于规划年不调整布局时”，仍未达到限值（达标路径也不能使其降到限值以下，见《整改措施》）："
                        "小学生均体育运动场馆面积差异系数：") >= 1
    # rv29 3: 2025 first, the plan year's value above it
    # rv28 2: not 「须由达标路径补足」: the 达标路径 leaves both over (小学 0.708, above 2025's 0.632; 初中 0.597)
    assert "须由达标路径补足" not in layout
    assert ("小学生均体育运动场馆面积差异系数：2025 学年 0.632，2030 学年布局调整后 0.712，高于 2025 学年；不调整布局时已超过限值 0.50"
            "（0.737），布局调整后低于不调整布局时，"
            "符合规则“已超限的不高于规划年不调整布局时”；达标路径实施后 0.708，高于 2025 学年，仍超过限值，"
            "达标路径也不能使其降到限值以下，见《整改措施》") in layout
    assert ("初中生均体育运动场馆面积差异系数：2025 学年 0.674，2030 学年布局调整后 0.693，高于 2025 学年；不调整布局时已超过限值 0.45"
            "（0.783），布局调整后低于不调整布局时，"
            "符合规则“已超限的不高于规划年不调整布局时”；达标路径实施后 0.597，仍超过限值，"
            "达标路径也不能使其降到限值以下，见《整改措施》") in layout
    assert ("差异系数 2 项超过限值（均为不调整布局时已超限、本方案未使其变差，达标路径也不能使其降到限值以下，"
            "见《整改措施》）") in layout


def test_no_yuan_inside_a_wan_cell(layout):
    # 300,000 元 of new teachers inside 4,534.48 万元 a year is 30.00 万元 (5,035.44 with the
    # per-site cost at 10 万元; brief hsite: 4,514.64 at 1.6 万元; brief hguard: 1.92 万元)
    assert "4,534.48 万元（含新聘教师人员经费 30.00 万元）" in layout
    assert not re.search(r"万元（含[^）]*\d 元）", layout)


def test_the_per_site_price_is_in_the_method_only_and_table_1_names_the_whole_change(layout):
    assert "每个校点每年 100,000 元" not in layout
    # 表 1: the counted −239.05 alone (rv17 11) with its one rule (brief hwords3 1: new spending at
    # the set prices, savings only of what is paid today; −242.67 held boarding's −3.62 at 1,500 元
    # a boarder); the whole measured change −480.05 = −239.05 − 120.96 − 3.62 − 116.42 with its
    # parts only in （一） (and 表 8's row); brief hguard: 63 sites fewer at 1.92 万元
    cell = ("运行支出每年减少 239.05 万元（新增支出按所设单价计，节省只计目前实际拨付的）；按单价测算、县未报实际支出的节省另列，"
            "不计入（分项和全部按测算口径的变化见（一）财政支出）")
    assert cell in layout and "全部按测算口径每年减少" not in layout
    assert ("运行支出每年减少 239.05 万元（新增支出按所设单价计，节省只计目前实际拨付的）；按单价测算、县未报实际支出的节省另列，"
            "不计入：校点运行费用每年减少 120.96 万元（单价按 1 名专职保安计，见本方案“测算方法和未满足的规则”）、寄宿生管理费用"
            "每年减少 3.62 万元；撤并学校目前少拨的公用经费保底 116.42 万元现在并未支出，不计为节省（全部按测算口径，每年运行支出由 "
            "5,014.53 万元变为 4,534.48 万元，每年减少 480.05 万元，其中计入上数的 239.05 万元，其余 241.00 万元为另列的节省和"
            "现在并未支出的保底）") in layout


def test_the_rents_have_their_own_column_in_the_year_table(demo_run):
    rows = _table(demo_run.out / "布局调整方案.docx", RENT_HEAD)
    heads = rows[0]
    assert heads[1] == "建设投资（万元，各项建设在投入使用前 2 个学年平均拨付）" and heads[2] == RENT_HEAD
    by_year = {r[0]: r for r in rows[1:]}
    # 2027: main's 2,654.26 one-off = 2,578.26 built + 76.00 rented; 2029–2031 rents only
    assert by_year["2027 学年"][1:3] == ["2,578.26", "76.00"]
    assert [by_year[f"{y} 学年"][1] for y in (2029, 2030, 2031)] == ["0.00"] * 3
    assert [by_year[f"{y} 学年"][2] for y in (2029, 2030, 2031)] == ["20.00", "10.00", "4.00"]


def test_the_measures_year_note_names_the_county_rows(measures):
    assert "本方案无每年经常性支出" not in measures
    assert "注：达标路径自身无每年经常性支出，合计即一次性投入；末 2 行为县政府部门落实的每年经常性支出，不计入合计。" in measures


def test_a_few_square_metres_at_a_new_site_are_no_measure(measures):
    assert not re.search(r"维修改造（核定面积） \d+ 平方米", measures)
    assert ("按标准新校址至少需要新建音乐专用教室 1 间、新建美术专用教室 1 间；音乐、美术专用教室面积差额均不足 20 平方米"
            "（2、7 平方米），迁入新校址后现有专用教室不再使用，不列措施，新校址核定面积时复核") in measures
