"""七、存在的问题 names the schools below the province's basic standard (planner review
finding 3: 表 3 said the demo county fails 基本均衡 on books, 存在的问题 said nothing)."""

from dataclasses import replace
from datetime import date

from docx import Document

from junheng.evaluate import evaluate
from junheng.io import example_county
from junheng.report.self_report import write_county_report
from junheng.report.self_report.problems import basic_standard_problem
from junheng.standards import Overlay

HENAN = Overlay("河南省", "", {"basic-2012": {"books_per_student": {"primary": 20, "junior": 30}}})
HIGH = Overlay("某省", "", {"basic-2012": {"books_per_student": {"primary": 50, "junior": 60}}})


def test_the_report_names_the_schools_below_the_basic_standard(tmp_path):
    # 示例县城关第一小学: 16,500 books / 542 pupils = 30.44 (standard 50); 示例县第一初级中学:
    # 21,000 / 438 = 47.95 (60); the engine's sentence names three of the four
    data = replace(example_county(), overlay=HIGH)
    path = write_county_report(evaluate(data), tmp_path / "自评报告.docx", data=data,
                               report_date=date(2026, 3, 1))
    texts = [p.text for p in Document(str(path)).paragraphs]
    at = next(i for i, t in enumerate(texts) if t.endswith("）部分学校未达到省定办学基本标准"))
    assert texts[at + 1] == (
        "县域内义务教育学校未全部达到省定办学基本标准（基本均衡的前提条件）：4 个评估单位（3 所学校，一贯制学校分学段）未达到省定办学基本标准："
        "示例县城关第一小学（小学）：生均图书册数 30.44 册（省定标准 50 册）；河口乡九年一贯制学校（小学）："
        "生均图书册数 39.59 册（省定标准 50 册）；示例县第一初级中学（初中）：生均图书册数 47.95 册（省定标准 60 册）；"
        "等共 4 个评估单位（3 所学校，一贯制学校分学段）。")


def test_nothing_is_said_when_every_school_meets_it_or_without_data():
    data = replace(example_county(), overlay=HENAN)
    assert basic_standard_problem(evaluate(data)) == ""
    # a 基本均衡 evaluation says it in its own 前提条件 group
    high = replace(example_county(), overlay=HIGH)
    assert basic_standard_problem(evaluate(high, "basic-2012")) == ""


def test_the_demo_county_names_its_three_schools(second):
    # 石店镇魏西坪村小学 3,587 / 182 = 19.71; 竹关镇九年制学校 junior 17,801.67 / 654 = 27.22;
    # 桃桥镇九年制学校 junior 36,070 × 768.9 / 1,705.9 / 699 = 23.26 (1.1 × 699 = 768.9)
    data = replace(second, overlay=HENAN)
    assert basic_standard_problem(evaluate(data)) == (
        "县域内义务教育学校未全部达到省定办学基本标准（基本均衡的前提条件）：3 所学校未达到省定办学基本标准："
        "石店镇魏西坪村小学（小学）：生均图书册数 19.71 册（省定标准 20 册）；竹关镇九年制学校（初中）："
        "生均图书册数 27.22 册（省定标准 30 册）；桃桥镇九年制学校（初中）：生均图书册数 23.26 册（省定标准 30 册）。")
