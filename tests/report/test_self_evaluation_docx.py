"""The Word self-evaluation report (自评报告): sections, numbers from the engines, fonts, layout."""

from datetime import date

import pytest
from docx import Document
from docx.oxml.ns import qn
from report_builders import (
    between,
    example_layout_outcome,
    example_ledger,
    find_table,
    paragraphs,
    table_rows,
)

from junheng.errors import ConfigError
from junheng.evaluate import evaluate
from junheng.forecast import forecast_county
from junheng.io import example_county
from junheng.report.self_evaluation_docx import write_self_evaluation_docx

DAY = date(2026, 3, 1)
CV_HEADER = ["指标", "标准值", "全县均值", "差异系数", "限值", "差异系数结论", "达到标准值的学校"]


@pytest.fixture(scope="module")
def example():
    data = example_county()
    return data, evaluate(data)


@pytest.fixture(scope="module")
def example_doc(example, tmp_path_factory):
    data, ev = example
    path = tmp_path_factory.mktemp("docx") / "自评报告.docx"
    write_self_evaluation_docx(ev, path, data=data, report_date=DAY)
    return Document(str(path))


@pytest.fixture(scope="module")
def demo(tmp_path_factory, generated):
    """A generated county with failing schools, CVs over their limits and 大班额."""
    data = generated(11)[0][-1]
    ev = evaluate(data)
    path = tmp_path_factory.mktemp("demo") / "自评报告.docx"
    write_self_evaluation_docx(ev, path, data=data, report_date=DAY)
    return ev, Document(str(path))


def headings(doc) -> list[str]:
    return [text for style, text in paragraphs(doc) if style.startswith("Heading")]


def test_report_has_the_sections_of_a_self_evaluation_report(example_doc):
    assert headings(example_doc) == [
        "一、基本情况", "二、资源配置", "（一）小学", "（二）初中", "三、政府保障程度",
        "四、教育质量和社会认可度", "（一）教育质量", "（二）社会认可度", "五、存在的问题",
        "（一）政府保障程度方面", "（二）待核实：尚需佐证材料或补充数据的事项", "六、整改措施",
        "（一）补足学校办学条件，逐校销号", "（二）落实政府保障责任", "七、评估依据与说明", "附表"]


def test_title_page_names_county_school_year_and_report_date(example_doc):
    title = [t for style, t in paragraphs(example_doc) if style == "Title"]
    assert title == ["洛阳市示例县\n县域义务教育优质均衡发展督导评估\n自评报告"]
    text = "\n".join(t for _, t in paragraphs(example_doc))
    assert "县　　区：洛阳市示例县（410306）" in text
    assert "学　　年：2025—2026 学年" in text
    assert "报告日期：2026 年 3 月 1 日" in text


def test_basic_situation_counts_schools_classes_students_and_teachers(example_doc):
    # students per school type from the example's class plan:
    # 小学 90+90+91+91+91+89 = 542; 初中 147+147+144 = 438; 九年一贯制 32+30+33+31+34+35+38+36+37
    # = 306; 教学点 8+6 = 14; 幼儿园 55+59+63 + 24+22 = 223. Full-time teachers: every teacher
    # numbered by a multiple of 17 is not full-time: 小学 30-1, 初中 36-2, 九年 24-2, 点 3,
    # 幼儿园 14-1 + 5.
    rows = find_table(example_doc, ["学校类型", "学校数（所）", "班级数（个）", "在校生（人）",
                                    "专任教师（人）"], "小学")
    assert rows[1:] == [["小学", "1", "12", "542", "29"], ["初级中学", "1", "9", "438", "34"],
                        ["九年一贯制学校", "1", "9", "306", "22"], ["教学点", "1", "2", "14", "3"],
                        ["幼儿园", "2", "8", "223", "18"], ["合计", "6", "40", "1,523", "106"]]


def test_cv_table_holds_the_engines_cv_values(example, example_doc):
    _, ev = example
    # By hand, primary 高于规定学历教师 per 100: 城关一小 29/542 = 5.3506, 九年一贯制 14/209 = 6.6986,
    # weights 542/751 and 209/751: mean 43/751 = 5.7257, S = √(0.7217·0.3752² + 0.2783·0.9729²)
    # = 0.6041, CV = 0.1055 -> "0.106".
    rows = find_table(example_doc, CV_HEADER, "每百名学生拥有高于规定学历教师数（人）")
    assert rows[1][1:5] == ["≥4.2", "5.73", "0.106", "0.50"]
    for stage, result in ev.stages.items():
        first = f"{ev.standard.resource_indicators[0].name}（人）"
        tables = [t for t in example_doc.tables if table_rows(t, 1)[0] == CV_HEADER]
        rows = table_rows(tables[list(ev.stages).index(stage)])
        assert rows[1][0] == first
        expected = [f"{cv.cv:.3f}" for cv in result.indicators.values()]
        assert [r[3] for r in rows[1:-1]] == expected
        assert rows[-1][0] == "综合差异系数（各单项平均）"
        assert rows[-1][3] == f"{result.composite_cv:.3f}"


def test_cv_over_its_limit_is_marked_and_counts_schools_meeting_the_standard(demo):
    ev, doc = demo
    for stage, result in ev.stages.items():
        tables = [table_rows(t) for t in doc.tables if table_rows(t, 1)[0] == CV_HEADER]
        rows = tables[list(ev.stages).index(stage)]
        for row, cv in zip(rows[1:-1], result.indicators.values(), strict=True):
            assert row[3] == f"{cv.cv:.3f}"
            assert row[5] == ("未达标" if cv.met is False else "达标")
            meeting = ev.assessment[(ev.assessment["stage"] == stage)
                                    & (ev.assessment["indicator"] == cv.indicator)]
            assert row[6] == f"{int(meeting['met'].fillna(False).sum())}/{result.units}"
    assert any(cv.met is False for r in ev.stages.values() for cv in r.indicators.values())


def test_every_failing_item_of_the_verdict_is_in_the_problems(demo):
    ev, doc = demo
    problems = between(doc, "五、存在的问题", "六、整改措施")
    assert len(ev.verdict.failures) > 10
    for failure in ev.verdict.failures:
        assert failure.message in problems
    for pending in ev.verdict.pending:
        assert pending.message in problems
    if ev.verdict.pending:
        pending_part = problems.split("待核实：尚需佐证材料或补充数据的事项")[1]
        assert all(f.message not in pending_part for f in ev.verdict.failures)


def test_failing_schools_are_listed_with_their_gaps_in_natural_units(demo):
    ev, doc = demo
    header = ["学校", "学生数", "达标项数", "未达到标准值的指标（现值 / 标准值）", "需补足"]
    tables = [table_rows(t) for t in doc.tables if table_rows(t, 1)[0] == header]
    listed = {row[0]: row for rows in tables for row in rows[1:]}
    failing = ev.units[ev.units["passes"].eq(False).fillna(False).astype(bool)]
    assert len(listed) == failing["name"].nunique() > 0
    unit = failing.iloc[0]
    row = listed[unit["name"]]
    gaps = ev.gaps[(ev.gaps["unit_id"] == unit["unit_id"])]
    assert row[2] == f"{int(unit['n_met'])}/7"
    assert row[4].split("\n") == gaps["text"].tolist()  # e.g. "需增加体育运动场馆 1,150 平方米"


def test_every_guarantee_item_is_in_the_guarantee_table(example, example_doc):
    _, ev = example
    header = ["序号", "评估内容", "现值", "标准", "结论", "说明与佐证"]
    rows = find_table(example_doc, header, "1")
    assert [r[1] for r in rows[1:]] == [i.indicator.name for i in ev.guarantee]
    by_id = {i.indicator.id: r for i, r in zip(ev.guarantee, rows[1:], strict=True)}
    assert by_id["class_size"][2:5] == ["87.5%", "≥100.0%", "未达标"]  # 28 of 32 classes
    assert by_id["layout_planning"][4] == "达标"  # attested in 县级认定
    assert by_id["staffing_allocation"][4] == "待佐证"
    assert by_id["teacher_pay"][2:5] == ["1.02 倍", "≥1倍", "达标"]
    assert "佐证：县人社局 2025 年工资统计" in by_id["teacher_pay"][5]
    assert "未能在教育部原文中核实" not in by_id["music_art_room_area"][5]


def test_rules_used_and_their_sources_are_stated(example, example_doc):
    _, ev = example
    rules = between(example_doc, "七、评估依据与说明", "附表")
    for line in ev.rules.describe():
        assert line in rules
    assert "依据文件：教督〔2017〕6号《县域义务教育优质均衡发展督导评估办法》" in rules
    assert "未经核实" not in rules


def test_east_asian_fonts_are_set_on_body_headings_and_tables(example_doc):
    def east_asia(style_name):
        fonts = example_doc.styles[style_name].element.rPr.rFonts
        assert fonts.get(qn("w:eastAsiaTheme")) is None and fonts.get(qn("w:asciiTheme")) is None
        return fonts.get(qn("w:eastAsia"))

    assert east_asia("Normal") == "仿宋"
    assert east_asia("Title") == "黑体"
    assert east_asia("Heading 1") == "黑体"
    assert east_asia("Heading 2") == "楷体"
    assert east_asia("表格文字") == "宋体"
    table = example_doc.tables[0]
    cell_style = table.rows[1].cells[0].paragraphs[0].style.name
    assert cell_style == "表格文字"


def test_pages_are_a4_with_landscape_appendix_and_page_numbers_from_the_text(example_doc):
    title, body, appendix = example_doc.sections
    a4 = (11906, 16838)  # 210 × 297 mm in twips, as Word stores A4
    for section in (title, body):
        assert (section.page_width.twips, section.page_height.twips) == a4
    assert (appendix.page_width.twips, appendix.page_height.twips) == a4[::-1]
    footer = body.footer._element.xml
    assert "PAGE" in footer and "— " in body.footer.paragraphs[0].text
    assert body._sectPr.find(qn("w:pgNumType")).get(qn("w:start")) == "1"
    assert appendix._sectPr.find(qn("w:pgNumType")) is None  # numbering continues
    assert "PAGE" not in title.footer._element.xml


def test_every_table_repeats_its_header_row(example_doc):
    assert len(example_doc.tables) >= 8
    for table in example_doc.tables:
        first, *rest = table._tbl.findall(qn("w:tr"))
        assert first.trPr.find(qn("w:tblHeader")) is not None
        assert all(tr.trPr.find(qn("w:tblHeader")) is None for tr in rest)


def test_layout_forecast_and_ledger_add_their_measures(example, tmp_path):
    data, ev = example
    forecast = forecast_county(data, horizon=3)
    path = write_self_evaluation_docx(ev, tmp_path / "r.docx", data=data, report_date=DAY,
                                      forecast=forecast, layout_plan=example_layout_outcome(),
                                      ledger=example_ledger(data))
    doc = Document(str(path))
    assert headings(doc)[11:17] == [
        "六、整改措施", "（一）补足学校办学条件，逐校销号", "（二）落实政府保障责任", "（三）实施学校布局调整",
        "（四）按入学预测保障学位供给", "（五）对照规划目标逐年推进"]
    measures = between(doc, "（三）实施学校布局调整", "（四）按入学预测保障学位供给")
    assert "布局调整方案“测试方案”（目标学年 2027，分 2 期实施）：撤并 1 所，扩建 1 所，新建 1 所。" in measures
    actions = find_table(doc, ["期次", "学校", "调整方式", "内容"], "第 1 期")
    assert actions[1:] == [
        ["第 1 期", "城关新区小学", "新建", "增加普通教室 12 间，调整后学位 540 个"],
        ["第 1 期", "示例县第一初级中学", "扩建", "增加普通教室 3 间，增加宿舍床位 60 张，调整后学位 600 个"],
        ["第 2 期", "河口乡上河教学点", "撤并", "学生并入河口乡九年一贯制学校"]]
    metrics = find_table(doc, ["指标", "目标学年不调整", "目标学年按方案调整"], "教学点数")
    assert metrics[1] == ["教学点数", "1", "0"]
    forecast_text = between(doc, "（四）按入学预测保障学位供给", "（五）对照规划目标逐年推进")
    assert "基年 2025 学年，预测 3 年" in forecast_text
    from junheng.forecast import forecast_highlights
    from junheng.report.forecast_xlsx import highlight_lines

    assert highlight_lines(forecast_highlights(forecast))[0] in forecast_text
    ledger = find_table(doc, ["目标", "目标值", "最新值", "期限", "状态", "到期预计", "责任单位"],
                        "撤并全部教学点")
    assert ledger[1][:5] == ["撤并全部教学点", "不高于0", "1（2025）", "2027", "未开始"]
    assert ledger[2][:5] == ["消除大班额", "不高于0", "0（2025）", "2025", "已达成"]


def test_preschool_evaluation_is_refused(example, tmp_path):
    data, _ = example
    with pytest.raises(ConfigError, match="自评报告只适用于义务教育"):
        write_self_evaluation_docx(evaluate(data, "preschool-2020"), tmp_path / "x.docx")
