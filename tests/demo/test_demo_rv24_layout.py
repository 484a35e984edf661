"""Review rv24 on the demo's 布局调整方案 (2, 3, 10a, 10b): 表 11 with its 限值, every single CV the
plan raises explained, and the per-pupil 公用经费 rate behind the 2,842.16 万元 in 求解信息. The
分流下限 remedy and the method's words (3) are pinned in test_demo_plain_words."""

from __future__ import annotations

import re

import pytest
from docx import Document
from openpyxl import load_workbook
from report.report_builders import table_rows

pytestmark = pytest.mark.slow

LAYOUT = "布局调整方案.docx"
HEAD = ["学段", "指标", "调整前（2030 学年不调整布局，计入 2030 学年前建成项目）", "调整后差异系数", "限值", "调整后是否超过限值"]


def cv_table(path) -> list[list[str]]:
    return next(rows for t in Document(str(path)).tables if (rows := table_rows(t))[0] == HEAD)


def test_table_11_has_the_limit_and_whether_the_cv_is_within_it(demo_run):
    # rv24 2: 小学骨干 0.512 → 0.494 within 0.50, 初中骨干 0.431 → 0.435 within 0.45; the sports
    # area over its limit in both 学段 (0.712 > 0.50, 0.693 > 0.45); the limits are the workbook's;
    # 2030 projections, 「预计不超过限值」 rather than 「达标」 (rv29 2)
    rows = cv_table(demo_run.out / LAYOUT)
    assert rows[1:] == [
        ["小学", "高于规定学历教师", "0.252", "0.291", "0.50", "预计不超过限值"],
        ["小学", "县级以上骨干教师", "0.512", "0.494", "0.50", "预计不超过限值"],
        ["小学", "体育艺术专任教师", "0.427", "0.216", "0.50", "预计不超过限值"],
        ["小学", "生均教学及辅助用房", "0.380", "0.465", "0.50", "预计不超过限值"],
        ["小学", "生均体育运动场馆", "0.737", "0.712", "0.50", "预计超过限值"],
        ["小学", "生均教学仪器设备值", "0.389", "0.376", "0.50", "预计不超过限值"],
        ["小学", "网络多媒体教室", "0.452", "0.461", "0.50", "预计不超过限值"],
        ["小学", "综合差异系数（参考值，非评估办法指标）", "0.450", "0.431", "—", "—"],
        ["初中", "高于规定学历教师", "0.089", "0.105", "0.45", "预计不超过限值"],
        ["初中", "县级以上骨干教师", "0.431", "0.435", "0.45", "预计不超过限值"],
        ["初中", "体育艺术专任教师", "0.348", "0.126", "0.45", "预计不超过限值"],
        ["初中", "生均教学及辅助用房", "0.293", "0.216", "0.45", "预计不超过限值"],
        ["初中", "生均体育运动场馆", "0.783", "0.693", "0.45", "预计超过限值"],
        ["初中", "生均教学仪器设备值", "0.330", "0.268", "0.45", "预计不超过限值"],
        ["初中", "网络多媒体教室", "0.327", "0.254", "0.45", "预计不超过限值"],
        ["初中", "综合差异系数（参考值，非评估办法指标）", "0.372", "0.300", "—", "—"]]
    book = load_workbook(demo_run.out / "layout" / "布局调整方案工作簿.xlsx", read_only=True)
    sheet = book["差异系数对比"]
    assert next(sheet.iter_rows(max_row=1, values_only=True))[4:] == ("限值", "调整后是否超过限值")
    # rv25 8: the limits in 0.00 as 表 11 prints them, and 表 11's verdicts beside them
    limits = [r[4:6] for r in sheet.iter_rows(min_row=2, values_only=True) if r[0] in ("小学", "初中")]
    assert [[f"{v:.2f}" if isinstance(v, float) else v, w] for v, w in limits] == [r[4:] for r in rows[1:]]
    assert {c.number_format for row in sheet.iter_rows(min_row=2, min_col=5, max_col=5) for c in row
            if isinstance(c.value, float)} == {"#,##0.00"}


def test_every_cv_the_plan_raises_has_its_cause(demo_run):
    # rv24 10a: （八） names 3 primary and 2 junior rises; the notes explained 2 (the rises of 0.02
    # and more). Every rise of 表 11 now has a note with the schools that drive it
    doc = Document(str(demo_run.out / LAYOUT))
    notes = [p.text for p in doc.paragraphs if p.text.startswith("注：布局调整使")]
    rises = [(r[0], r[2], r[3]) for r in cv_table(demo_run.out / LAYOUT)[1:]
             if r[4] != "—" and float(r[3]) > float(r[2])]
    assert rises == [("小学", "0.252", "0.291"), ("小学", "0.380", "0.465"), ("小学", "0.452", "0.461"),
                     ("初中", "0.089", "0.105"), ("初中", "0.431", "0.435")]
    said = [re.match(r"注：布局调整使(小学|初中)\S+?差异系数 (\d\.\d{3}) → (\d\.\d{3})", n).groups() for n in notes]
    assert sorted(said) == sorted(rises)
    # rv25 4: only the schools whose value changed, each before → after (桃桥镇九年制学校 and 竹关镇九年制学校
    # kept their 初中 pupils and 4 骨干 each, 马沟镇九年制学校 its 522 pupils: they explain the level, not the rise)
    assert ("注：布局调整使初中每百名学生拥有县级以上骨干教师数差异系数 0.431 → 0.435（升高 0.004，限值 0.45）：布局调整后全县平均 "
            "1.44 人，数值变化的学校中使其升高最多的是文化路社区片区初级中学（布局方案新建学校，规划年新设，821 人，每百名学生 0.61 人，"
            "低于平均；仅该校保持现状则为 0.412）、洛北县新区实验学校（学生 453 → 规划年 681 人，每百名学生 1.32 → 1.03 人，低于平均；"
            "仅该校保持现状则为 0.430）、洛北县第三初级中学（学生 740 → 规划年 875 人，每百名学生 1.49 → 1.26 人，低于平均；"
            "仅该校保持现状则为 0.433）。") in notes
    assert ("注：布局调整使初中每百名学生拥有高于规定学历教师数差异系数 0.089 → 0.105（升高 0.016，限值 0.45）：布局调整后全县平均 "
            "5.99 人，数值变化的学校中使其升高最多的是文化路社区片区初级中学（布局方案新建学校，规划年新设，821 人，每百名学生 7.19 人，"
            "高于平均；仅该校保持现状则为 0.098）、红林镇初级中学（学生 887 人不变，每百名学生 5.75 → 5.07 人，低于平均；仅该校保持现状则为 "
            "0.099）、青口镇初级中学（学生 721 人不变，每百名学生 5.96 → 5.13 人，低于平均；仅该校保持现状则为 0.100）。") in notes
    junior = [n for n in notes if n.startswith("注：布局调整使初中")]
    assert not [n for n in junior if any(s in n for s in ("马沟镇九年制学校", "桃桥镇九年制学校", "竹关镇九年制学校"))]
    assert ("注：布局调整使小学每百名学生拥有网络多媒体教室数差异系数 0.452 → 0.461（升高 0.009，限值 0.50）：布局调整后全县平均 "
            "3.90 间，数值变化的学校中使其升高最多的是洛北县城东新区第二小学（在建、规划项目新建学校，规划年新设，423 人，每百名学生 "
            "11.35 间，高于平均；仅该校保持现状则为 0.388）、洛北县第四小学（学生 537 → 规划年 845 人，每百名学生 3.17 → 2.01 间，"
            "低于平均；仅该校保持现状则为 0.448）、竹关镇九年制学校（学生 622 → 规划年 603 人，每百名学生 3.34 → 2.32 间，低于平均；"
            "仅该校保持现状则为 0.453）。") in notes


def test_the_per_pupil_rate_behind_the_funding_figure_is_printed(demo_run):
    # rv24 10b: 「运行成本的生均部分（小学，元/生·年）| —」 while 2,842.16 万元 was priced: the demo
    # workbook's 2025 基准定额, 720 and 940 元, for the plan year's 19,899 primary and 14,994 junior
    # pupils (学生分配): 19,899 × 720 + 14,994 × 940 = 14,327,280 + 14,094,360 = 28,421,640 元
    assert 19_899 * 720 + 14_994 * 940 == 28_421_640
    book = load_workbook(demo_run.out / "layout" / "布局调整方案工作簿.xlsx", read_only=True)
    rows = {r[0]: r[1:3] for r in book["求解信息"].iter_rows(values_only=True) if r[0]}
    head = "财政支出单价：运行成本的生均部分（{}，元/生·年）；空则取工作簿的{}生均公用经费基准定额"
    tail = "；小学、初中合计 2,842.16 万元（即“综合评价值说明”中按生均公用经费基准定额测算的公用经费）"
    assert rows[head.format("小学", "小学")] == (
        "720 元/生·年（未设，取县级数据 2025 学年的小学生均公用经费基准定额）",
        f"计入财政支出：规划年 2030 学年小学 19,899 人，每人每年 720 元{tail}")
    assert rows[head.format("初中", "初中")] == (
        "940 元/生·年（未设，取县级数据 2025 学年的初中生均公用经费基准定额）",
        f"计入财政支出：规划年 2030 学年初中 14,994 人，每人每年 940 元{tail}")
    assert "不含按生均公用经费基准定额测算的公用经费 2,842.16 万元" in rows["综合评价值说明"][0]
    # the docx appendix is the same table
    appendix = {r[0]: r[1] for t in Document(str(demo_run.out / LAYOUT)).tables for r in table_rows(t) if r}
    assert appendix[head.format("小学", "小学")] == "720 元/生·年（未设，取县级数据 2025 学年的小学生均公用经费基准定额）"
