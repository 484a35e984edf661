"""On the demo county the 自评报告's 主要做法 says what the county did, from its workbook (brief
hzuofa 1: six headings each 「待县教育局补充」): the figures are the workbook's, read here from
the workbook itself; 「待县教育局补充」 stays only under the headings the workbook cannot fill
(组织领导, 县管校聘, 教学改革), saying what is missing."""

from __future__ import annotations

import re

import pytest
from docx import Document
from openpyxl import load_workbook

#: the headings with a part no sheet records: 1 组织领导, 4 县管校聘, 6 教学改革
PARTLY = {1, 4, 6}


@pytest.fixture(scope="module")
def demo(demo_run):
    return demo_run.out


@pytest.fixture(scope="module")
def headings(demo) -> dict[int, list[str]]:
    """Each numbered heading of （一）主要做法 with its paragraphs."""
    texts = [p.text for p in Document(str(demo / "自评报告.docx")).paragraphs]
    start = texts.index("（一）主要做法")
    end = texts.index("（二）办学资源配置与校际差距")
    out: dict[int, list[str]] = {}
    for text in texts[start + 1:end]:
        if m := re.match(r"(\d)\. ", text):
            out[int(m.group(1))] = [text]
        else:
            out[max(out)].append(text)
    return out


@pytest.fixture(scope="module")
def sheets(demo) -> dict[str, list[tuple]]:
    path = max((demo / "workbooks").glob("*.xlsx"))  # the latest school year
    book = load_workbook(path, read_only=True)
    return {name: list(book[name].iter_rows(values_only=True)) for name in ("建设项目", "县级年度数据", "教师", "县级指标")}


def test_only_what_the_workbook_lacks_is_left_to_the_bureau(headings):
    assert sorted(headings) == [1, 2, 3, 4, 5, 6]
    for n, lines in headings.items():
        left = [t for t in lines if "待县教育局补充" in t]
        if n in PARTLY:
            # one line, after the facts, naming what no sheet records
            assert len(left) == 1 and left[0].startswith("（待县教育局补充：工作簿不含"), n
            assert lines[-1] == left[0] and len(lines) >= 3, n
        else:
            assert left == [] and len(lines) >= 3, n


def test_the_completed_projects_are_the_workbooks(headings, sheets):
    head, *rows = sheets["建设项目"]
    col = {name: k for k, name in enumerate(head)}
    done = [r for r in rows if r[col["状态"]] == "竣工"]
    # the demo: 6 竣工 rows, 38,000 + 1,267.2 + 979.2 + 1,440 + 180 + 260 = 42,126.4 万元
    total = sum(r[col["总投资（万元）"]] or 0 for r in done)
    line = next(t for t in headings[2] if t.startswith("已竣工学校建设项目"))
    assert line.startswith(f"已竣工学校建设项目 {len(done)} 个、总投资 {total:,.0f} 万元：")
    for r in done:
        places = r[col["新增学位（个）"]]
        said = f"{r[col['竣工日期']].year} 年竣工 {r[col['项目名称']]}"
        assert said in line
        if places:
            assert f"{said}（新增学位 {places:,} 个" in line


def test_the_spending_is_the_workbooks(headings, sheets):
    _, *rows = sheets["县级年度数据"]
    spending = sorted((r[0], r[2]) for r in rows if r[1] == "一般公共预算教育支出")
    (y0, v0), (y1, v1) = spending[0], spending[-1]
    assert headings[2][1].startswith(f"一般公共预算教育支出由 {y0} 年 {v0:,.0f} 万元增至 {y1} 年 {v1:,.0f} 万元")


def test_the_rotation_is_the_workbooks(headings, sheets):
    head, *rows = sheets["教师"]
    rotated = sum(r[head.index("本学年交流轮岗")] == "是" for r in rows)
    eligible = next(r[2] for r in sheets["县级指标"] if r[0] == "rotation_eligible_teachers")
    line = headings[4][1]
    # the demo: 118 of 1,084, 10.9 %
    assert line.startswith(f"本学年交流轮岗 {rotated} 人，符合交流条件 {eligible:,} 人，"
                           f"交流比例 {rotated / eligible:.1%}")
