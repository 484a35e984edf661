"""The county 自评报告 (report/self_report): chapters as counties write them, 整改措施 summed
(never one line per class), contents field, header with the county's name, charts, pages."""

import re
from datetime import date

import pytest
from docx import Document
from docx.oxml.ns import qn
from report_builders import empty_paragraphs, find_table, paragraphs, table_rows

from junheng.evaluate import evaluate
from junheng.io import example_county
from junheng.report.self_report import export_pdf, soffice, write_county_report

DAY = date(2026, 3, 1)
PER_CLASS = re.compile(r"\d+ ?年级|\d+ ?班|班额 \d+ 人")


def headings(doc) -> list[str]:
    return [text for style, text in paragraphs(doc) if style.startswith("Heading")]


def chapter(doc, title: str) -> list[str]:
    """Paragraph texts and table cells from heading ``title`` to the next level-1 heading."""
    out, inside = [], False
    body = doc.element.body
    for node in body.iterchildren():
        if node.tag == qn("w:p"):
            style = node.find(f"{qn('w:pPr')}/{qn('w:pStyle')}")
            text = "".join(t.text or "" for t in node.iter(qn("w:t")))
            if style is not None and style.get(qn("w:val")) == "Heading1":
                inside = text == title
            elif inside:
                out.append(text)
        elif node.tag == qn("w:tbl") and inside:
            out += ["".join(t.text or "" for t in tc.iter(qn("w:t"))) for tc in node.iter(qn("w:tc"))]
    return out


@pytest.fixture(scope="module")
def example():
    data = example_county()
    return data, evaluate(data)


@pytest.fixture(scope="module")
def example_doc(example, tmp_path_factory):
    data, ev = example
    path = tmp_path_factory.mktemp("self") / "自评报告.docx"
    write_county_report(ev, path, data=data, report_date=DAY)
    return Document(str(path))


@pytest.fixture(scope="module")
def demo_path(tmp_path_factory, demo_years):
    """The demo county (seed 2025) with the previous year: many schools, 大班额, CVs over."""
    first, second = demo_years
    path = tmp_path_factory.mktemp("demo") / "自评报告.docx"
    return write_county_report(evaluate(second), path, data=second, previous=evaluate(first),
                               report_date=DAY)


def test_the_chapters_of_a_county_self_evaluation_report(example_doc):
    assert headings(example_doc) == [
        "一、基本情况", "（一）教育投入", "二、主要做法与成效", "（一）主要做法", "（二）办学资源配置与校际差距",
        "（三）落实政府责任，保障办学条件", "（四）控制办学规模和班额", "三、资源配置", "（一）小学",
        "（二）初中", "四、政府保障程度", "五、教育质量", "六、社会认可度", "七、存在的问题",
        "（一）政府保障责任落实不到位", "（二）县级认定与计算结果不一致",  # class size fails
        "（三）佐证材料和数据尚不完整", "八、整改措施",
        "（一）补足学校办学条件", "（二）落实政府保障责任", "附录一  评估方法与依据",
        "（一）评估依据", "（二）计算方法", "附表"]


def test_contents_field_header_with_the_county_and_page_numbers(example_doc):
    xml = example_doc.element.xml
    assert 'TOC \\o "1-2"' in xml
    assert example_doc.settings.element.find(qn("w:updateFields")) is not None
    # Before Word updates the field (and in a PDF made without Word) it lists the headings.
    contents = next(p.text for p in example_doc.paragraphs if p.text.startswith("一、基本情况\n"))
    assert contents.split("\n")[:3] == ["一、基本情况", "　　（一）教育投入", "二、主要做法与成效"]
    assert contents.endswith("附表")
    body = example_doc.sections[2]
    assert body.header.paragraphs[0].text == "洛阳市示例县县域义务教育优质均衡发展督导评估自评报告"
    assert "PAGE" in body.footer._element.xml
    assert example_doc.sections[0].header.paragraphs[0].text == ""  # no header on the cover


def test_rectification_is_summed_by_indicator_and_stage_with_a_total(example, example_doc):
    _, ev = example
    rows = find_table(example_doc, ["指标", "学段", "涉及学校（个）", "其中影响达标（个）", "需补足"],
                      "每百名学生拥有网络多媒体教室数")
    # The example county's two gaps (see evaluation_rows): 1 multimedia room at the junior
    # school and 23,366 元 of equipment at the nine-year school's junior stage.
    assert rows[1:] == [["每百名学生拥有网络多媒体教室数", "初中", "1", "0", "1 间"],
                        ["生均教学仪器设备值", "初中", "1", "0", "2.34 万元"],  # 23,366 元
                        ["合计", "—", "2", "0", "—"]]
    assert len(ev.gaps) == 2


def test_no_line_per_class_in_the_measures_of_the_demo_county(demo_path):
    doc = Document(str(demo_path))
    measures = chapter(doc, "八、整改措施")
    assert measures and not [t for t in measures if PER_CLASS.search(t)]
    assert len(measures) < 150  # a summary, not the county's classes one by one


def test_failing_schools_are_in_the_appendix_and_the_chapter_names_where(demo_path):
    # the demo county: 43 primary units, 10 pass; 17 junior units, 5 pass
    doc = Document(str(demo_path))
    resources = chapter(doc, "三、资源配置")
    assert "未达标的小学评估单位 33 个，逐校未达到标准值的指标及需补足的数量见附表“未达标的小学评估单位”和《评估报表工作簿》" \
           "“学校达标”工作表（与其他标准一并评估时为“优质均衡-学校达标”）。" in resources
    captions = [t for t in chapter(doc, "附表") if t.startswith("表 ")]
    assert [c.split("  ")[1] for c in captions] == [
        "未达标的小学评估单位", "未达标的初中评估单位", "各校（评估单位）资源配置指标", "大班额、超大班额按学校汇总"]
    assert not [t for t in resources if t.startswith("表 ") and "未达标的" in t]
    rows = find_table(doc, ["学校", "学生数", "达标项数", "未达到标准值的指标（现值 / 标准值）", "需补足"],
                      "洛北县实验小学")
    assert len(rows) == 1 + 33


def test_demo_report_has_cv_and_distribution_charts_and_a_two_year_table(demo_path):
    doc = Document(str(demo_path))
    captions = [t for _, t in paragraphs(doc) if t.startswith("图 ")]
    assert [c.split("  ")[1][:4] for c in captions] == ["小学各项", "小学各校", "初中各项", "初中各校"]
    assert len(doc.inline_shapes) == 4
    text = "\n".join(t for _, t in paragraphs(doc))
    assert re.search(r"表 \d+  近两学年各项指标校际差异系数", text)
    # 10 of 14 CVs widened: a problem (七、存在的问题), not an achievement; 二（一） keeps a
    # neutral line (review 2026-12-05 finding 4). The composites as the review recomputed
    # them from this table: (0.152+0.522+0.399+0.285+0.611+0.321+0.310)/7 = 0.371 → 0.385
    before, problems = text.rsplit("七、存在的问题", 1)  # the chapter, not its line in the contents
    assert "与 2024 学年相比，14 项可比的校际差异系数中，10 项扩大" not in before
    assert re.search(r"近两学年各项指标校际差异系数见表 (\d+)，扩大的指标列入“存在的问题”。\n表 \1  近两学年", text)
    heading = re.search(r"（[一二三四五六七八九十]+）部分校际差异系数扩大\n(.*)\n", problems)
    assert heading and heading.group(1) == (
        "与 2024 学年相比，14 项可比的校际差异系数中，10 项扩大、3 项缩小、1 项持平；小学综合差异系数（参考值，"
        "非评估办法指标）由 0.371 升至 0.385，初中综合差异系数（参考值，非评估办法指标）由 0.326 升至 0.331。")
    # review 2026-12-04 finding 11: 变化 is the difference of the two values shown
    # (0.522 → 0.503 read "-0.020"); checked row by row in thousandths
    trend = find_table(doc, ["学段", "指标", "2024 学年", "2025 学年", "变化"], "小学")
    assert len(trend) == 1 + 14
    assert all(int(row[4].replace(".", "")) == int(row[3].replace(".", "")) - int(row[2].replace(".", ""))
               for row in trend[1:])
    assert "缩小校际差距" not in text
    assert not re.search(r"\d\.\d+e[+-]\d+|\bnan\b|\bNone\b", text)


def test_basic_2012_has_its_own_chapters_and_a_clean_title(example, tmp_path):
    data, _ = example
    path = write_county_report(evaluate(data, "basic-2012"), tmp_path / "r.docx", data=data)
    doc = Document(str(path))
    names = [h for h in headings(doc) if not h.startswith("（")]
    assert names == ["一、基本情况", "二、主要做法与成效", "三、校际均衡状况",
                     "四、县级人民政府推进义务教育均衡发展工作", "五、公众满意度", "六、存在的问题",
                     "七、整改措施", "附录一  评估方法与依据", "附表"]
    text = "\n".join(t for _, t in paragraphs(doc))
    assert "县域义务教育发展基本均衡督导评估\n自评报告" in text and "督导评估督导评估" not in text
    assert "未设政府保障" not in text


def test_a_compliance_plan_gives_the_measures_by_area_and_year(example, tmp_path):
    from junheng.planning.compliance import plan_compliance
    from junheng.planning.compliance_county import current_students
    from junheng.planning.compliance_json import compliance_dict

    data, ev = example
    doc = compliance_dict(plan_compliance(data, current_students(data), 2028, time_limit=10, plan_date=date(2026, 6, 1)))
    path = write_county_report(ev, tmp_path / "r.docx", data=data, compliance=doc)
    header = ["项目类别", "2026 学年", "2027 学年", "2028 学年", "合计"]
    rows = next(rows for rows in map(table_rows, Document(str(path)).tables) if rows[0] == header)
    # one-off and yearly money have their own 合计 and are never added (review 2026-12-05 finding 1)
    once = sum(v for a in doc["actions"] if not a["annual_cost"] for v in a["funding"].values())
    yearly = sum(v for a in doc["actions"] if a["annual_cost"] for v in a["funding"].values())
    totals = {row[0]: row[-1] for row in rows if "合计" in row[0]}
    assert totals["一次性投入合计"] == f"{once:,.2f}"
    assert totals.get("经常性支出合计（各学年之和）", "0.00") == f"{yearly:,.2f}"
    for row in rows[1:]:  # each total is the sum of its years
        assert sum(float(v.replace(",", "")) for v in row[1:-1]) == pytest.approx(
            float(row[-1].replace(",", "")), abs=0.011)


@pytest.mark.skipif(soffice() is None, reason="LibreOffice is not installed: no PDF, no page count")
def test_demo_report_is_20_to_40_pages(demo_path):
    pdf = export_pdf(demo_path)
    pages = len(re.findall(rb"/Type\s*/Page[^s]", pdf.read_bytes()))
    assert 20 <= pages <= 40, pages


def test_preschool_report_has_the_2020_chapters_and_every_kindergarten(example, tmp_path):
    data, _ = example
    ev = evaluate(data, "preschool-2020")
    doc = Document(str(write_county_report(ev, tmp_path / "r.docx", data=data)))
    names = [h for h in headings(doc) if not h.startswith("（")]
    assert names == ["一、基本情况", "二、主要做法与成效", "三、普及普惠水平", "四、政府保障情况",
                     "五、幼儿园保教质量保障情况", "六、社会认可度", "七、存在的问题", "八、整改措施",
                     "附录一  评估方法与依据", "附表"]
    rows = find_table(doc, ["序号", "幼儿园", "性质", "在园幼儿（人）", "班级数", "专任教师（人）",
                            "班额达标比例", "幼儿与专任教师比", "专任教师持证率", "结论"], "1")
    assert len(rows) == 1 + len(ev.units)  # the example county's two kindergartens
    assert [r[3] for r in rows[1:]] == ["177", "46"]


def test_investment_lists_spending_by_year_and_projects_with_a_total(example_doc):
    rows = find_table(example_doc, ["项目", "2023 年", "2024 年"], "教育总投入（万元）")
    assert rows[1:3] == [["教育总投入（万元）", "52,300", "55,100"],
                         ["一般公共预算教育支出（万元）", "41,250", "43,880"]]
    text = "\n".join(t for _, t in paragraphs(example_doc))
    # 公用经费 400,000 + 420,000 + 260,000 + 10,000 + 150,000 + 30,000 = 1,270,000 元;
    # 培训经费 20,000 + 21,000 + 13,000 + 500 + 7,500 + 1,500 = 63,500 元 (5.0%)
    assert "本学年学校填报的公用经费拨款合计 127.00 万元，教师培训经费合计 6.35 万元（占学校填报的公用经费拨款的 5.0%）" in text


def ledger_for(region: dict, data):
    from junheng.ledger import plan_from_dict, run_ledger

    plan = plan_from_dict({
        "plan": "孟津区教育发展意见", "region": region, "baseline_year": 2025,
        "targets": [{"id": "no_points", "name": "撤并全部教学点", "quote": "……",
                     "measure": "teaching_points", "comparator": "<=", "target": 0,
                     "deadline": 2027, "responsible": "区教育局"}]})
    return run_ledger(plan, lambda code, year: data, [("410306", 2025)])


def test_another_countys_plan_is_left_out_of_the_report(example, tmp_path):
    # review finding 5: 孟津区 (410308)'s targets are not the example county's (410306)
    from junheng.report.html_report import report_html

    data, ev = example
    texts = {}
    for name, region in (("own", {"county_code": "410306"}), ("other", {"county_code": "410308"})):
        path = write_county_report(ev, tmp_path / f"{name}.docx", data=data,
                                   ledger=ledger_for(region, data), report_date=DAY)
        texts[name] = "\n".join(t for _, t in paragraphs(Document(str(path))))
        texts[name + ".html"] = report_html(ev, ledger=ledger_for(region, data), report_date=DAY)
    assert "孟津区教育发展意见" in texts["own"] and "孟津区教育发展意见" not in texts["other"]
    assert 'id="ledger"' in texts["own.html"] and 'id="ledger"' not in texts["other.html"]
    assert ledger_for({"county_code": "410308"}, data).is_example
    assert ledger_for({"county_code": "410308"}, data).title == \
        "示例：《孟津区教育发展意见》规划在本县数据上的测算"
    assert ledger_for({"county_code": "410306"}, data).title == "《孟津区教育发展意见》目标台账"


def test_every_composite_cv_names_its_standard_and_stage(example_doc):
    # review finding 6: "综合差异系数" without its standard read as one figure with four values;
    # hr item 2: 教督〔2017〕6号 has no composite, so the 2017 one is named as the system's own
    # reference figure and never as 「优质均衡…综合差异系数」
    text = "\n".join(t for _, t in paragraphs(example_doc))
    assert re.search(r"小学综合差异系数（参考值，非评估办法指标） 0\.\d{3}", text)
    assert "优质均衡小学综合差异系数" not in text and "（优质均衡 2017）" not in text
    assert not re.search(r"[；，。]综合差异系数 \d", text)


def test_the_forecast_table_names_the_preschool_classes_of_primary_schools_it_leaves_out(tmp_path):
    """The example county plus one 混合班 of 20 children at its 小学 (a 附设幼儿班): 一、基本情况
    counts 223 + 20 = 243 学前 children; the projection follows each school's own grades and
    starts from the kindergartens' 223, and the note under its table says so with both figures."""
    import pandas as pd

    from junheng.forecast import forecast_county

    data = example_county()
    extra = data.classes.iloc[[0]].assign(grade="kmix", class_no=1, students=20, migrant_students=0)
    data = data.with_tables(classes=pd.concat([data.classes, extra], ignore_index=True))
    path = write_county_report(evaluate(data), tmp_path / "自评报告.docx", data=data,
                               forecast=forecast_county(data, horizon=3), report_date=DAY)
    texts = [text for _, text in paragraphs(Document(str(path)))]
    assert "注：学前按幼儿园在园幼儿预测（基年 223 人），不含小学、教学点附设幼儿班；" \
           "一、基本情况中的学前 243 人含附设幼儿班 20 人。" in texts
    assert any("学前 243 人" in text for text in texts)


def test_the_stage_and_its_count_of_indicators_are_spaced(example_doc):
    # review 2026-12-04 finding 13: "全县小学7 项资源配置指标中" (the quality standard has 7)
    text = [p.text for p in example_doc.paragraphs if "项资源配置指标中" in p.text]
    assert [t[:15] for t in text] == ["全县小学 7 项资源配置指标中", "全县初中 7 项资源配置指标中"]


def test_no_empty_paragraph_anywhere_in_the_report(example_doc, demo_path):
    # the title page is spaced, not padded; no empty 表注 after a table (brief left1 item 5)
    assert empty_paragraphs(example_doc) == []
    assert empty_paragraphs(Document(str(demo_path))) == []


def test_teaching_points_are_counted_in_ge_and_said_once(example_doc):
    # review 2026-12-04 finding 17: "教学点 70 所…教学点 70 个" in one paragraph. The example
    # county has 1 教学点 among its schools: listed once, as 个. review2 finding 10: "各级各类学校
    # （含幼儿园、教学点）171 所" counted 教学点 as 所; now 学校 (with 幼儿园) in 所, 教学点 apart.
    [text] = [t for t in chapter(example_doc, "一、基本情况") if "共有学校 " in t]
    # 1 小学 + 1 初级中学 + 1 九年一贯制 + 2 幼儿园 = 5 所; the 教学点 is not among them
    assert ("共有学校 5 所（含幼儿园 2 所）、教学点 1 个，其中小学 1 所、初级中学 1 所、九年一贯制学校 1 所、"
            "幼儿园 2 所；") in text
    assert text.count("教学点") == 1 and text.endswith("寄宿制学校 2 所。")


def test_the_school_table_totals_schools_and_teaching_points_as_the_text_does(example_doc):
    # planner review 2026-12-04: the table's 合计 was 171 under 学校数（所） where the text says
    # 学校 101 所、教学点 70 个. The example county: 5 所 and 1 个 (as above); classes
    # 12 + 9 + 9 + 2 + 8 = 40, pupils 542 + 438 + 306 + 14 + 223 = 1,523, teachers
    # 29 + 34 + 22 + 3 + 18 = 106, the 教学点's included
    table = find_table(example_doc, ["学校类型", "学校数（所）", "班级数（个）", "在校生（人）", "专任教师（人）"], "小学")
    assert table[4:] == [["教学点（个）", "1", "2", "14", "3"], ["幼儿园", "2", "8", "223", "18"],
                         ["合计（学校 5 所、教学点 1 个）", "5", "40", "1,523", "106"]]
    assert ("数据来源：县域教育数据工作簿（学校、班级、教师表）。专任教师按任教学段计。"
            "教学点按个计，不计入学校数；合计的班级、在校生和专任教师含教学点。") in [
        p.text for p in example_doc.paragraphs]


def test_the_reported_funding_names_its_basis_and_why_the_layout_s_differs():
    # review A10: 5,606.49 万元 (学校填报) in the 自评报告 and 3,595.78 万元 (基准定额) in the layout
    # plan were both "公用经费". By hand: 1,200,000 元 reported = 120.00 万元, 培训 45,000 元 =
    # 3.75 % → 3.8 %; the plan's 当前 (data year 2025) figure 800,000 元 = 80.00 万元, with the reason after it
    import pandas as pd

    from junheng.model.labels import FUNDING_BASES_DIFFER
    from junheng.planning.layout_outcome import LayoutOutcome
    from junheng.report.self_report.investment import funding_text

    funding = pd.DataFrame({"public_funding": [900_000.0, 300_000.0],
                            "training_funding": [45_000.0, None]})
    plan = LayoutOutcome("optimal", (), {"now": {"operating_pupil_yuan": 800_000.0}}, year=2025)
    assert funding_text(funding, plan) == (
        "本学年学校填报的公用经费拨款合计 120.00 万元，教师培训经费合计 4.50 万元（占学校填报的公用经费拨款的 3.8%）。"
        "布局调整方案中 2025 学年的按生均公用经费基准定额测算的公用经费为 80.00 万元，与学校填报的公用经费拨款"
        "不同：" + FUNDING_BASES_DIFFER + "。")
    assert FUNDING_BASES_DIFFER.endswith("两者口径不同，不能相减比较")
    # without a layout plan (or without its figure) the paragraph stops after the schools' own
    assert funding_text(funding).endswith("（占学校填报的公用经费拨款的 3.8%）。")


def test_the_stage_table_says_its_count_holds_the_teaching_points(example_doc):
    # review finding 15: "有该学段的学校 小学 114 所" counted 70 教学点 while 表1 says they are
    # not 所. The example county's 小学: 小学 1 + 九年一贯制学校 1 + 教学点 1 = 3 个
    table = find_table(example_doc, ["学段", "有该学段的学校和教学点（个）", "班级数（个）", "在校生（人）",
                                     "平均班额（人）", "专任教师（人）"], "学前")
    assert [r[:2] for r in table[1:]] == [["学前", "2"], ["小学", "3"], ["初中", "2"]]


def test_the_report_has_no_english_word(demo_path):
    # planner review finding 14: 「评估报表（Excel）」, 「自评报告（Word）」 and 「由 Word 自动生成」
    doc = Document(str(demo_path))
    texts = [p.text for p in doc.paragraphs] + [c.text for t in doc.tables for row in t.rows
                                                for c in row.cells]
    assert [w for text in texts for w in re.findall(r"[A-Za-z]{2,}", text)] == []


def test_the_demo_oversized_schools_are_listed_by_stage(demo_path):
    # review 2026-12-05 finding 15: 「洛北县实验小学、…等初级中学 2 所、小学 3 所」 read as if
    # those primary schools were junior schools; 273 + 471 + 683 + 574 + 233 = 2,234 over
    text = "\n".join(t for _, t in paragraphs(Document(str(demo_path))))
    assert ("5 所学校超出规模上限，共超出 2,234 人，涉及小学 3 所（洛北县实验小学、洛北县第二实验小学、洛北县城关第一小学）、"
            "初级中学 2 所（洛北县第一初级中学、洛北县实验中学）。") in text
