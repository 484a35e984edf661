"""The deliverables on the web: 自评报告, inspection tables and evaluation workbook downloads;
the 基本均衡, 学前普及普惠 and per-school indicator pages."""

from __future__ import annotations

import io
import re
from urllib.parse import unquote

import openpyxl
import pytest
from docx import Document

from .conftest import PRIMARY

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@pytest.fixture
def inspector(shared_user):
    return shared_user("inspector")


def saved_name(response) -> str:
    return unquote(re.search(r"filename\*=UTF-8''(.+)$", response.headers["content-disposition"])
                   .group(1))


def test_an_inspector_downloads_the_self_report(inspector):
    response = inspector.get("/evaluation/files/self-report")
    assert response.status_code == 200 and response.headers["content-type"] == DOCX
    assert saved_name(response) == "示例县2025学年优质均衡自评报告.docx"
    doc = Document(io.BytesIO(response.content))
    headings = [p.text for p in doc.paragraphs if p.style.name == "Heading 1"]
    assert headings[:3] == ["一、基本情况", "二、主要做法与成效", "三、资源配置"]


def test_inspection_tables_and_evaluation_workbook_for_both_standards(inspector):
    response = inspector.get("/evaluation/files/inspection?standard=basic-2012")
    assert response.headers["content-type"] == XLSX
    assert saved_name(response) == "示例县2025学年基本均衡督导评估检查用表.xlsx"
    assert openpyxl.load_workbook(io.BytesIO(response.content)).sheetnames == [
        "表一 各校指标", "表二 差异系数"]
    response = inspector.get("/evaluation/files/evaluation")
    assert openpyxl.load_workbook(io.BytesIO(response.content)).sheetnames[:2] == [
        "学校达标", "差异系数"]


def test_unknown_files_and_standards_are_chinese_404s(inspector):
    for path in ("/evaluation/files/secret", "/evaluation/files/inspection?standard=x"):
        response = inspector.get(path)
        assert response.status_code == 404
        assert re.search(r"[\u4e00-\u9fff]", response.text)


def test_the_evaluation_page_offers_the_downloads_and_the_tabs(inspector):
    page = inspector.get("/evaluation").text
    assert 'href="/evaluation/files/self-report?standard=quality-2017"' in page
    assert 'href="/evaluation/files/inspection?standard=quality-2017"' in page
    for tab in ("基本均衡", "学前普及普惠", "各校指标"):
        assert f">{tab}</a>" in page


def test_basic_page_shows_the_composite_cv_against_its_limit(inspector):
    page = inspector.get("/evaluation/basic").text
    assert "基本均衡标准" in page and "综合差异系数（各单项平均）" in page
    assert "限值 0.65" in page and "限值 0.55" in page
    assert 'href="/evaluation/files/self-report?standard=basic-2012"' in page


def test_basic_page_renders_the_engines_verdict_and_evaluates_government_work(inspector):
    # the example county: no provincial standard values, the four 政府工作 items unattested and
    # no 基本均衡公众满意度 → 待核实 on 6 items, none failed; both composite CVs pass
    page = inspector.get("/evaluation/basic").text
    assert "评估结论：待核实（未发现未达标项，6 项待佐证或缺数据）" in page
    assert "待核实项目（6 项）" in page
    assert "前提条件：县域内义务教育学校均达到省定办学基本标准，待佐证，未提供省定办学基本标准的标准值" in page
    assert "<h2>县级人民政府推进义务教育均衡发展工作</h2>" in page
    assert "<h2>公众满意度</h2>" in page
    assert "县级人民政府推进均衡发展工作：入学机会</td>" in page
    assert "不在此计算" not in page and "（校际差异系数）" not in page
    # teachers per pupil on the workbook's basis, per 100 pupils (primary: 5.7257, SD 0.6041)
    assert ('<td>师生比（均值、标准差为每百名学生的专任教师数）</td><td class="n">5.73</td>'
            '<td class="n">0.60</td><td class="n">0.106</td>') in page


def test_preschool_page_lists_each_kindergarten(inspector):
    page = inspector.get("/evaluation/preschool").text
    assert "评估结论：未达标" in page and "各幼儿园指标" in page
    # the standard applied stands beside each value (inspector A8)
    assert ('学前三年毛入园率达到 85% 以上</td><td class="n">43.7%</td><td class="n">≥85.0%</td>'
            in page)
    assert "班额达标比例" in page


def test_school_table_sorts_and_filters(inspector):
    page = inspector.get("/evaluation/schools?sort=students&order=desc").text
    names = re.findall(r'<a href="/schools/\d+">([^<]+)</a></td>', page)
    # 542, 438, 209 (nine-year primary, with its teaching point) and 111 pupils
    assert names == ["示例县城关第一小学", "示例县第一初级中学", "河口乡九年一贯制学校", "河口乡九年一贯制学校"]
    assert "学生数 ↓" in page
    assert f'href="/schools/{PRIMARY}"' in page
    page = inspector.get("/evaluation/schools?stage=primary").text
    assert "显示 2 个" in page
    page = inspector.get("/evaluation/schools?q=河口").text
    assert re.findall(r'<a href="/schools/\d+">([^<]+)</a></td>', page) == [
        "河口乡九年一贯制学校", "河口乡九年一贯制学校"]


def test_preschool_page_offers_its_report_but_no_inspection_tables(inspector):
    page = inspector.get("/evaluation/preschool").text
    assert 'href="/evaluation/files/self-report?standard=preschool-2020"' in page
    assert "files/inspection?standard=preschool-2020" not in page
    response = inspector.get("/evaluation/files/self-report?standard=preschool-2020")
    assert saved_name(response) == "示例县2025学年学前普及普惠自评报告.docx"
    assert inspector.get("/evaluation/files/inspection?standard=preschool-2020").status_code == 404


def test_forecast_page_lists_each_schools_classroom_shortfall_by_year(inspector):
    page = inspector.get("/forecast").text
    assert "各校逐年教室缺口（间）" in page
    section = page.split("各校逐年教室缺口（间）")[1].split("</table>")[0]
    rows = re.findall(r"<tr>(.*?)</tr>", section, re.S)
    values = [[int(v.replace(",", "")) for v in re.findall(r'class="n[^"]*">([\d,]+)<', row)]
              for row in rows[1:]]
    schools, total = values[:-1], values[-1]
    assert schools and total == [sum(column) for column in zip(*schools, strict=True)]


@pytest.mark.parametrize("path", ["/evaluation/files/self-report", "/evaluation/files/inspection",
                                  "/evaluation/basic", "/evaluation/preschool",
                                  "/evaluation/schools", "/evaluation/compare", "/ledger/city"])
def test_a_school_account_cannot_reach_county_deliverables(shared_user, path):
    response = shared_user("school_a").get(path)
    assert response.status_code == 403


def test_another_countys_admin_cannot_download_this_countys_report(shared_user):
    response = shared_user("other_admin").get("/evaluation/files/self-report?county=410306")
    assert response.status_code == 403


def test_the_forecast_page_says_what_every_other_face_says_of_the_seats_classrooms(inspector):
    # the web store holds the example county's one school year, as the CLI would forecast it
    from junheng.io import example_county
    from junheng.jobs.figures import classroom_shortage
    from junheng.jobs.forecast import forecast_with_projects

    # with the 在建 改扩建 of 城关第一小学 (6 rooms from 2026), as every face forecasts it
    sentence = classroom_shortage(forecast_with_projects([example_county()], 8)).sentence()
    assert sentence.startswith("县城（主城区、城乡结合区）义务教育学校")
    assert sentence in inspector.get("/forecast").text
