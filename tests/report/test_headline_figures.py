"""One source for the headline figures: the CLI, report.html, the evaluation Excel and the Word
自评报告 show the same 主要数据 rows, read back from the files; the classroom shortage starts
in the same year everywhere (the base year when it is already short)."""

from __future__ import annotations

import html
import re

import pytest
from docx import Document
from python_calamine import CalamineWorkbook

from cli_run import invoke
from junheng.io import example_county, write_workbook
from junheng.jobs import Evaluations, forecast_or_reason, write_evaluation_outputs, write_reports
from junheng.jobs.figures import ClassroomShortage, headline_figures


@pytest.fixture(scope="module")
def run(tmp_path_factory):
    out = tmp_path_factory.mktemp("figures")
    data = example_county()
    evaluations = Evaluations()
    forecast, _ = forecast_or_reason([data])
    figures = headline_figures(data, evaluations.all(data), forecast)
    write_evaluation_outputs(evaluations.all(data), xlsx_path=out / "evaluation.xlsx",
                             figures=figures)
    write_reports([data], out, evaluations=evaluations, forecast=forecast, figures=figures)
    return out, figures


def _html_rows(path) -> list[tuple[str, str]]:
    text = path.read_text(encoding="utf-8")
    section = re.search(r'<section id="figures">(.*?)</section>', text, re.S).group(1)
    return [(html.unescape(a), html.unescape(b)) for a, b in
            re.findall(r"<tr><td>(.*?)</td><td>(.*?)</td></tr>", section)]


def _excel_rows(path) -> list[tuple[str, str]]:
    sheet = CalamineWorkbook.from_path(str(path)).get_sheet_by_name("主要数据").to_python()
    return [(r[0], r[1]) for r in sheet[3:] if len(r) > 1 and r[1] != ""]


def _word_rows(path) -> list[tuple[str, str]]:
    for table in Document(str(path)).tables:
        if table.rows[0].cells[0].text == "项目":
            return [(row.cells[0].text, row.cells[1].text) for row in table.rows[1:]]
    raise AssertionError("no 主要数据 table")


def test_the_example_county_figures_worked_out_by_hand(run):
    _, figures = run
    rows = dict(figures.rows())
    # 班级 sheet of the example county: 751 primary + 549 junior pupils, no 高中, 223 in 幼儿园
    assert rows["在校生（义务教育：小学＋初中）"] == "1,300 人"
    assert rows["在校生（含高中：义务教育＋高中）"] == "1,300 人"
    assert rows["在园幼儿（学前）"] == "223 人"
    # no 托班 and no 附设幼儿班 in the example: every other scope is the same 223 (review B12)
    assert rows["在园幼儿（其他口径）"] == (
        "毛入园率、普惠和公办占比按 3–5 岁班级 223 人（不含托班 0 人，含小学附设幼儿班 0 人）；"
        "师幼比按幼儿园 3–5 岁班级 223 人；招生预测基年按幼儿园 223 人（含托班）")
    assert rows["大班额（义务教育）"] == "0 个"
    # the county seat's compulsory schools: 3 classes short in 2025 (actual), 1 in 2026, all
    # at the primary schools; the 初中 balance is its own (review finding 1: never netted)
    assert rows["县城义务教育学校教室开始不足的学年"] == "小学：2025 学年（基年已不足）；初中：预测期内够用"
    assert rows["县城义务教育学校教室缺口：2025 学年（基年，实际数）"] == \
        "小学缺 3 间；初中恰好够用；逐校相加缺 3 间"  # 3 = 3 + 0, the old net
    assert "义务教育评估口径（不含特殊教育学校）" not in rows  # the example has no 特殊教育学校


def test_every_total_is_the_sum_of_the_rows_it_names(run):
    _, figures = run
    s = figures.students
    assert figures.compulsory_students == s["primary"] + s["junior"]
    assert figures.with_senior_students == figures.compulsory_students + s.get("senior", 0)
    for label, _ in figures.rows():
        if label.startswith("在校生") or label.startswith("专任教师"):
            assert "（" in label  # every count names its scope


def test_html_excel_and_word_show_the_same_rows(run):
    out, figures = run
    expected = figures.rows()
    assert _html_rows(out / "自评报告（网页）.html") == expected
    assert _excel_rows(out / "evaluation.xlsx") == expected
    assert _word_rows(out / "自评报告.docx") == expected


def test_the_composite_cv_is_a_note_under_the_table_not_a_row(run):
    # review ht 1: the 综合差异系数 is this system's reference figure, no 评估指标: no row of
    # the table; the note under it in every file gives both stages' values to 3 decimals
    out, figures = run
    assert not [label for label, _ in figures.rows() if "综合差异系数" in label]
    assert set(figures.cvs) == {"小学", "初中"}
    note = ("“义务教育”为小学和初中，“含高中”另加高中，“学前”为幼儿园和附设幼儿班。综合差异系数（各单项差异系数的平均）"
            f"为参考值（非评估办法指标），不列入上表：小学 {figures.cvs['小学']:.3f}，初中 {figures.cvs['初中']:.3f}。")
    assert note in [p.text for p in Document(str(out / "自评报告.docx")).paragraphs]
    sheet = CalamineWorkbook.from_path(str(out / "evaluation.xlsx")).get_sheet_by_name("主要数据").to_python()
    assert sheet[3 + len(figures.rows()) + 1][0] == note
    assert f'<p class="note">{html.escape(note)}</p>' in (out / "自评报告（网页）.html").read_text(encoding="utf-8")


def test_the_cli_prints_the_same_rows(run, tmp_path):
    _, figures = run
    workbook = write_workbook(example_county(), tmp_path / "示例县.xlsx")
    result = invoke("report", "--file", workbook, "--out", tmp_path / "out")
    assert result.exit_code == 0, result.output
    for label, value in figures.rows():
        assert f"{label}：{value}" in result
    assert f"注：{figures.cv_note()}" in result


def test_the_shortage_starts_in_the_same_year_in_every_sentence_and_table(run):
    out, figures = run
    first = figures.classroom.first_year
    sentence = figures.classroom.sentence()
    assert sentence.startswith("县城（主城区、城乡结合区）义务教育学校教室按学段分计（一个学段富余的"
                               f"教室不能容纳另一学段的班级，不跨学段相抵）：小学：{first}")
    page = out / "自评报告（网页）.html"
    assert html.escape(sentence) in page.read_text(encoding="utf-8") or sentence in \
        page.read_text(encoding="utf-8")
    word = "\n".join(p.text for p in Document(str(out / "自评报告.docx")).paragraphs)
    assert sentence in word


def test_special_education_and_the_per_school_shortage_are_named_beside_the_totals():
    """Inspector findings 4e and 5: the demo's 31,503 / 15,808 pupils and 2,946 teachers include
    the 特殊教育学校 (50 / 25 pupils, 23 teachers) that the evaluation leaves out; a year whose
    net is 富余 16 still has schools 31 rooms short."""
    from junheng.jobs.figures import HeadlineFigures

    short = ClassroomShortage(2025, ((2025, 100, 90, 10), (2030, 84, 100, -16)), True, (12, 31))
    figures = HeadlineFigures("甲县", 2025, {"primary": 31503, "junior": 15808},
                              {"primary": 1801, "junior": 1145}, 0, 0, 0, classroom=short,
                              special=(50, 25, 23))
    rows = dict(figures.rows())
    assert rows["义务教育评估口径（不含特殊教育学校）"] == (
        "在校生小学 31,453 人、初中 15,783 人，专任教师 2,923 人；特殊教育学校小学 50 人、初中 25 人、"
        "专任教师 23 人计入上列总数，不计入差异系数、持证率、培训学时等评估指标")
    assert rows["县城义务教育学校教室缺口：2030 学年（招生预测，未计布局调整）"] == \
        "各校合计富余 16 间（一校富余抵另一校不足）；逐校相加缺 31 间"
    assert short.sentence().endswith("逐校相加（达标路径的算法，未计布局调整）2025 学年缺 12 间，2030 学年各校合计虽有富余，"
                                     "逐校相加仍缺 31 间。")


def test_the_layout_plans_gap_stands_beside_the_forecasts_row_of_its_target_year():
    """Review finding 6: the layout's 2030 县城 gap (不调整 31, 调整后 4, from the villages'
    children) and the forecast's 逐校相加缺 27 (from each school's enrolment) are the same
    counting on different pupils; the row of 2030 names both, the others are unchanged."""
    from junheng.jobs.figures import HeadlineFigures, with_layout
    from junheng.planning.layout_outcome import LayoutOutcome

    short = ClassroomShortage(2025, ((2025, 100, 90, 10), (2030, 84, 100, -16)), True, (71, 27))
    figures = HeadlineFigures("甲县", 2025, {"primary": 100}, {"primary": 10}, 0, 0, 0,
                              classroom=short)
    layout = LayoutOutcome("optimal", (), {k: {"urban_classroom_shortfall": v} for k, v in
                                           (("now", 71), ("before", 31), ("after", 4))},
                           year=2025, target_year=2030)
    rows = dict(with_layout(figures, layout).rows())
    assert rows["县城义务教育学校教室缺口：2030 学年（招生预测，未计布局调整）"] == (
        "各校合计富余 16 间（一校富余抵另一校不足）；逐校相加缺 27 间；布局调整方案（学生按各村适龄儿童推算）"
        "不调整逐校相加缺 31 间、调整后（方案新建教室后，临时周转借用的不算）缺 4 间：算法相同，学生数来源不同于本行的招生预测（按各校历年招生推算）")
    assert rows["县城义务教育学校教室缺口：2025 学年（基年，实际数）"] == (
        "各校合计缺 10 间（一校富余抵另一校不足）；逐校相加缺 71 间")
    assert with_layout(figures, None) is figures
    from junheng.report.layout_xlsx import comparison_notes

    note = next(n for n in comparison_notes(layout) if n.startswith("县城学校缺少的普通教室"))
    assert "同一算法" not in note and ("编班和逐校相加的算法与招生预测的“逐校相加”缺口相同，学生数来源不同："
                                   "“当前”按各校填报在校生，与招生预测基年的缺口相同；规划年两列按各村适龄儿童逐年推算，"
                                   "招生预测按各校历年招生推算") in note


def test_a_base_year_with_enough_rooms_starts_the_shortage_later():
    import pandas as pd

    seat = pd.DataFrame({"year": [2025, 2026, 2027], "classes_needed": [9, 11, 12],
                         "classrooms": [10, 10, 10], "net_shortfall": [-1, 1, 2]})
    short = ClassroomShortage.from_seat(seat)
    assert (short.first_year, short.worst_year, short.most) == (2026, 2027, 2)
    # short 1 in 2026 and 2 in 2027: the most, 2, in 2027 (rv6 N15: the year is the most's)
    assert short.sentence() == "县城（主城区、城乡结合区）义务教育学校：2026—2027 学年教室不足，2027 学年最多，缺 2 间。"
    none = ClassroomShortage.from_seat(seat.assign(classrooms=0))
    assert none.sentence().endswith("无法判断教室是否够用。")


def test_the_word_names_the_excel_rectification_count_read_back_from_the_sheet(run):
    out, _ = run
    sheet = CalamineWorkbook.from_path(str(out / "evaluation.xlsx")).get_sheet_by_name(
        "优质均衡-整改清单").to_python()
    numbered = [r for r in sheet if r and isinstance(r[0], int | float) and r[0] != ""]
    word = "\n".join(p.text for p in Document(str(out / "自评报告.docx")).paragraphs)
    assert f"“整改清单”工作表（共 {len(numbered)} 条" in word


def test_the_guarantee_rows_say_how_they_map_to_the_15_articles(run):
    out, _ = run
    note = "评估办法规定 15 项，其中第 3、11 项各含两项要求，分两行评估，故本表共 17 行。"
    assert note in (out / "自评报告（网页）.html").read_text(encoding="utf-8")
    word = "\n".join(p.text for p in Document(str(out / "自评报告.docx")).paragraphs)
    assert note in word
    sheet = CalamineWorkbook.from_path(str(out / "evaluation.xlsx")).get_sheet_by_name(
        "优质均衡-政府保障").to_python()
    assert any(note in str(c) for r in sheet for c in r)


def test_the_web_dashboard_counts_pupils_as_the_files_do(run):
    from junheng.web.summaries import county_kpis

    out, figures = run
    kpis = county_kpis(example_county())
    shown = dict(_html_rows(out / "自评报告（网页）.html"))
    assert shown["在校生（义务教育：小学＋初中）"] == f"{kpis.compulsory_students:,} 人"
    assert kpis.scope == "小学、初中、学前"  # what the dashboard's all-stage total covers
    assert kpis.students == figures.with_senior_students + figures.students["preschool"]


@pytest.mark.slow
def test_the_demo_county_shows_the_same_figures_in_every_file(demo_years, tmp_path):
    """The demo county (seed 2025, both years): 主要数据 read back from report.html, the
    evaluation Excel and the Word report are the same rows; the shortage starts in the base
    year, as the HTML's 教室供需 table marks it."""
    evaluations = Evaluations()
    data = demo_years[-1]
    forecast, _ = forecast_or_reason(demo_years)
    figures = headline_figures(data, evaluations.all(data), forecast)
    write_evaluation_outputs(evaluations.all(data), xlsx_path=tmp_path / "evaluation.xlsx",
                             figures=figures)
    write_reports(demo_years, tmp_path, evaluations=evaluations, forecast=forecast,
                  figures=figures)
    rows = figures.rows()
    assert _html_rows(tmp_path / "自评报告（网页）.html") == rows
    assert _excel_rows(tmp_path / "evaluation.xlsx") == rows
    assert _word_rows(tmp_path / "自评报告.docx") == rows
    shown = dict(rows)
    assert shown["县城义务教育学校教室开始不足的学年"] == (
        "小学：2025 学年（基年已不足）；初中：2025 学年（基年已不足）；九年、十二年一贯制学校：预测期内够用")
    assert shown["在校生（含高中：义务教育＋高中）"] == \
        f"{figures.compulsory_students + figures.students['senior']:,} 人"


def test_the_forecast_total_names_its_stages_and_is_their_sum(tmp_path):
    from junheng.jobs import write_forecast_outputs

    forecast, _ = forecast_or_reason([example_county()])
    write_forecast_outputs(forecast, xlsx_path=tmp_path / "forecast.xlsx")
    rows = CalamineWorkbook.from_path(str(tmp_path / "forecast.xlsx")).get_sheet_by_name(
        "全县").to_python()
    mid = [r for r in rows[1:] if r[2] == "在校生（中）"]
    total = [r for r in mid if str(r[1]).startswith("合计")]
    assert [r[1] for r in total] == ["合计（学前＋小学＋初中）"]  # the example has no 高中
    for k in range(3, len(rows[0])):
        assert total[0][k] == sum(r[k] for r in mid if r is not total[0])


def test_a_conclusion_with_few_failing_items_names_them_with_schools_values_and_standards():
    """Review finding 14: "县域义务教育发展基本均衡督导评估结论 未达标（未达标 1 项…）" never said which
    item; the demo's one is the prerequisite, failing on 生均图书 at three schools."""
    from types import SimpleNamespace as NS

    from junheng.jobs.figures import HeadlineFigures, named_failures, verdict_text

    book = ("前提条件：县域内义务教育学校均达到省定办学基本标准，未达标，现值 95.0%，3 所学校未达到省定办学基本标准："
            "石店镇魏西坪村小学（小学）：生均图书册数 19.71 册（省定标准 20 册）；竹关镇九年制学校（初中）：生均图书册数 "
            "27.22 册（省定标准 30 册）；桃桥镇九年制学校（初中）：生均图书册数 23.26 册（省定标准 30 册）")
    one = NS(verdict=NS(failures=[NS(message=book)]))
    assert named_failures(one) == book
    four = NS(verdict=NS(failures=[NS(message=f"第{i}项。") for i in range(4)]))
    assert named_failures(four) == ""  # more than 3: listed in 存在的问题, not in the row
    two = NS(verdict=NS(failures=[NS(message="甲。"), NS(message="乙")]))
    assert named_failures(two) == "甲；乙"
    figures = HeadlineFigures("甲县", 2025, {"primary": 100}, {"primary": 10}, 0, 0, 0, verdicts=(
        ("县域义务教育发展基本均衡督导评估", verdict_text("未达标", "未达标指标 1 项", 4, "河南省补充标准", book)),
        ("县域义务教育优质均衡发展督导评估", verdict_text(
            "未达标", "未达标指标 15 项，另有 45 个评估单位未达到学校达标要求", 10, "河南省补充标准"))))
    rows = dict(figures.rows())
    assert rows["县域义务教育发展基本均衡督导评估结论"] == (
        "未达标（未达标指标 1 项，待核实 4 项；依据河南省补充标准）。未达标项：" + book)
    # review 2026-12-05 finding 2: 「未达标 60 项」 were 15 indicators and 45 schools
    assert rows["县域义务教育优质均衡发展督导评估结论"] == (
        "未达标（未达标指标 15 项，另有 45 个评估单位未达到学校达标要求，待核实 10 项；依据河南省补充标准）")
