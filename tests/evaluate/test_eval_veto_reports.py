"""A 一票否决 item the county's own figures contradict (违规择校 answered 否, but a school took
10% of its entrants from outside its zone) is visible in the signed 自评报告 and the HTML report,
holds the verdict, and every count of 待核实 items equals the rows that read 待核实 / 待佐证."""

import pytest
from docx import Document
from test_eval_verdicts import passing_2017

from junheng.evaluate import evaluate
from junheng.report.evaluation_rows import status_counts
from junheng.report.methods import verdict_sentence

HOLD = "一票否决事项“不存在违规择校的情况”待核实（县级认定与数据不一致）（涉及A校），该项核实前不能认定达标。"
# 3 vetoes, the 基本均衡 recognition and the 9 qualitative items the fixture attests met
ATTESTED = ("达标指标中 13 项依县级认定（不存在以考试方式招生的情况、不设重点学校、不设重点班、"
            "通过国家义务教育发展基本均衡县认定 3 年以上、县域内义务教育学校规划布局合理，符合国家规定要求、"
            "县级人民政府制定义务教育学校办学标准，并认真落实、"
            "县级教育行政部门在核定的教职工编制总额和岗位总量内，统筹调配各校教职工编制和岗位数量、"
            "所有学校制定章程，实现学校管理与教学信息化、教师能熟练运用信息化手段组织教学，设施设备利用率达到较高水平、"
            "所有学校德育工作、校园文化建设水平达到良好以上、课程开齐开足，教学秩序规范，综合实践活动有效开展、"
            "无过重课业负担、国家义务教育质量监测相关科目学生学业水平达到Ⅲ级以上，且校际差异率低于 0.15），"
            "须督学核实佐证。")


@pytest.fixture(scope="module")
def ev():
    # A took 40 of its 400 entrants from outside its zone (10% > 5%, 40 ≥ 10): 待核实
    return evaluate(passing_2017(zone_entrants=360))


def test_the_verdict_is_held_by_the_veto_and_names_the_items_met_on_the_countys_word(ev):
    assert verdict_sentence(ev) == f"尚未达到优质均衡标准（未达标指标 1 项）。{HOLD}{ATTESTED}"


def test_the_count_of_conditions_uses_the_word_of_the_row(ev):
    assert {k: v for k, v in status_counts(ev.conditions).items() if v} == {"达标": 4, "待核实": 1}


def test_the_self_report_has_the_veto_table_and_counts_its_row(ev, tmp_path):
    from junheng.report.self_report import write_county_report

    doc = Document(str(write_county_report(ev, tmp_path / "自评报告.docx")))
    texts = [p.text for p in doc.paragraphs]
    assert f"一票否决事项与前提条件共 5 项：达标 4 项，待核实 1 项。{HOLD}" in texts
    table = next(t for t in doc.tables if t.rows[1].cells[1].text == "不存在以考试方式招生的情况")
    assert [(r.cells[1].text, r.cells[4].text) for r in table.rows[1:]] == [
        ("不存在以考试方式招生的情况", "达标"), ("不存在违规择校的情况", "待核实（县级认定与数据不一致）"),
        ("不设重点学校", "达标"), ("不设重点班", "达标"), ("通过国家义务教育发展基本均衡县认定 3 年以上", "达标")]
    # the conclusion's 待核实 count (1) equals the rows reading 待核实 or 待佐证 in the item tables
    conclusion = next(t for t in texts if t.startswith("按照"))
    assert conclusion.endswith("待核实（尚需佐证材料或补充数据）的事项 1 项。")
    open_rows = sum(r.cells[4].text.startswith(("待核实", "待佐证")) for t in doc.tables
                    if t.rows[0].cells[4].text == "结论" for r in t.rows[1:])
    assert open_rows == len(ev.verdict.pending) == 1


def test_the_html_header_and_row_use_the_same_word(ev):
    from junheng.report.html_report import report_html

    page = report_html(ev)
    assert "共 5 项：达标 4 项，待核实 1 项。" in page
    assert "待核实（县级认定与数据不一致）" in page
    assert "待佐证 1 项" not in page
