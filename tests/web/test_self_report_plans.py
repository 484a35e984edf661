"""The web's 自评报告 is the CLI's document (brief webword): the same builder writes its
主要数据 table, its 整改措施 from the county's newest 达标路径 (with the 教师配置汇总 sentence of the
layout plan that 达标路径 followed) and, without a 达标路径, one sentence saying so."""

from __future__ import annotations

import io
import json
import shutil
from pathlib import Path

import pytest
from docx import Document

from junheng.io import example_county
from junheng.jobs.compliance import run_compliance
from junheng.jobs.layout import run_layout
from junheng.jobs.reports import write_reports
from junheng.planning.layout_config import LayoutConfig
from junheng.planning.layout_json import read_layout_json
from junheng.report.self_report.chapters import NO_COMPLIANCE
from report.report_builders import empty_paragraphs

from .leaks import leaks

URL = "/evaluation/files/self-report?standard=quality-2017"
PLANS = Path(__file__).resolve().parents[2] / "examples" / "plans"


@pytest.fixture(scope="module")
def solved(tmp_path_factory):
    """The example county's default layout plan and the 达标路径 after it, solved by the
    engines as the web's worker and the demo solve them (about 6 s together)."""
    out = tmp_path_factory.mktemp("plans")
    data = example_county()
    plan = run_layout(data, LayoutConfig(), out / "layout")
    run_compliance(
        [data], out / "compliance", layout=plan.outcome, time_limit=20  # the layout's 编制日期
    )
    return out


def register(jobs, kind: str, folder, config: dict) -> str:
    """A finished job of the example county holding ``folder``'s files, as the worker leaves it."""
    job_id = jobs.create(
        county_code="410306", school_year=2025, config=config, username="admin", kind=kind
    )
    shutil.copytree(folder, jobs.job_dir(job_id), dirs_exist_ok=True)
    jobs.finish(job_id, "计算完成")
    return job_id


def register_both(jobs, solved) -> None:
    layout = register(jobs, "layout", solved / "layout", {"name": "默认方案"})
    register(
        jobs, "compliance", solved / "compliance", {"name": "目标 2030 学年", "layout_job": layout}
    )


def texts(content: bytes) -> tuple[list[tuple[str, str]], list[list[list[str]]]]:
    """The document's (style, text) paragraphs and its tables' cell texts."""
    doc = Document(io.BytesIO(content))
    return (
        [(p.style.name, p.text) for p in doc.paragraphs],
        [[[c.text for c in row.cells] for row in t.rows] for t in doc.tables],
    )


def all_text(content: bytes) -> str:
    paragraphs, tables = texts(content)
    return "\n".join([t for _, t in paragraphs] + [c for t in tables for r in t for c in r])


def headline(tables) -> list[list[str]]:
    return next(t for t in tables if t[0] == ["项目", "数值"])


def measures(paragraphs) -> list[tuple[str, str]]:
    """整改措施: from its heading to the next chapter."""
    start = next(k for k, (s, t) in enumerate(paragraphs) if s == "Heading 1" and "、整改措施" in t)
    end = next(k for k, (s, _) in enumerate(paragraphs) if k > start and s == "Heading 1")
    return paragraphs[start:end]


def test_without_a_compliance_plan_the_report_has_the_figures_and_says_so(as_user):
    content = as_user("admin").get(URL).content
    paragraphs, tables = texts(content)
    rows = headline(tables)
    # the example county's classes, grades 1–6: 130 + 126 + 124 + 122 + 125 + 124 = 751
    # pupils; grades 7–9: 185 + 183 + 181 = 549; together 1,300
    assert ["在校生（小学）", "751 人"] in rows and ["在校生（初中）", "549 人"] in rows
    assert ["在校生（义务教育：小学＋初中）", "1,300 人"] in rows
    chapter = measures(paragraphs)
    assert chapter[0] == ("Heading 1", "八、整改措施") and chapter[1][1] == NO_COMPLIANCE
    assert not any("教师配置汇总" in t for _, t in chapter)
    assert leaks(all_text(content)) == []


def newer_layout(jobs) -> None:
    """A finished layout plan (with its Word document) newer than any other: the evaluation
    page offers it, but the 达标路径 did not follow it."""
    from dataclasses import replace

    from junheng.jobs.layout import write_layout_document
    from junheng.planning.layout_json import write_layout_json

    from .test_layout_page import _plan

    folder = jobs.root / "29991231000000-0000abcd"
    folder.mkdir(parents=True)
    request = {
        "county_code": "410306",
        "school_year": 2025,
        "kind": "layout",
        "config": {"name": "较新方案"},
        "username": "admin",
        "created_at": "2999-12-31T00:00:00",
    }
    (folder / "request.json").write_text(json.dumps(request), encoding="utf-8")
    (folder / "progress.json").write_text(
        json.dumps({"state": "done", "fraction": 1.0, "message": "规划完成"}), encoding="utf-8"
    )
    plan = replace(_plan(), scenario="较新方案")
    write_layout_json(plan, folder / "plan.json")
    write_layout_document(plan, example_county(), folder)


def county_plans(app, folder):
    """The web's plan folder with 孟津区's plan made the example county's (410306), and
    中牟县's as it is (another county's: not this county's 规划台账); the plan file."""
    folder.mkdir()
    text = (PLANS / "mengjin.yaml").read_text(encoding="utf-8")
    mine = folder / "county.yaml"
    mine.write_text(text.replace('county_code: "410308"', 'county_code: "410306"'), encoding="utf-8")
    shutil.copy(PLANS / "zhongmou.yaml", folder / "another.yaml")
    app.state.web.plans_dir = folder
    return mine


def test_the_report_is_the_clis_with_the_countys_compliance_plan(app, as_user, solved, tmp_path):
    register_both(app.state.web.jobs, solved)
    newer_layout(app.state.web.jobs)
    ledger = county_plans(app, tmp_path / "plans")
    content = as_user("admin").get(URL).content
    paragraphs, tables = texts(content)
    chapter = measures(paragraphs)
    # the 达标路径's chapter: its verdict (the plan confirms 2030) and its project headings
    assert chapter[:2] == [
        ("Heading 1", "八、整改措施"),
        ("Normal", "按此方案，2030 学年可以通过复核：全部学校和各项差异系数达标。"),
    ]
    assert ("Heading 2", "（一）网络多媒体教室") in chapter
    # the 教师配置汇总 sentence of the 达标路径 (the layout's own sentence names its workbook)
    county = json.loads((solved / "compliance" / "plan.json").read_text())["staffing"]["county"]
    said = [
        t for _, t in chapter if t.startswith("教师（2030 学年）") and "《达标路径工作簿》" in t
        and "按编制标准核定" in t  # not the later pointer to it (「教师（2030 学年）的编制核定…见…」)
    ]
    assert len(said) == 1 and f"按编制标准核定的教职工 {county['need']} 人" in said[0]
    assert f"与公办学校现有专任教师 {county['today']} 人" in said[0]
    assert f"按编制需招聘 {county['hire']} 人" in said[0] and "“教师配置汇总”表" in said[0]
    # the layout section is the plan that 达标路径 followed, not the newer one (（三）: since a
    # new school takes its site's 城乡 code, the 达标路径 of this county also trains teachers,
    # （二）教师培养培训)
    k = chapter.index(("Heading 2", "（三）实施学校布局调整"))
    # from 2028: the first closures wait for their 论证 (brief hproc rule (26))
    assert chapter[k + 1][1].startswith("布局调整方案（目标学年 2030，2028—2029 学年分 2 期实施）")
    # the CLI's report (junheng report --layout --compliance) of the same county and plans
    cli = write_reports(
        [example_county()],
        tmp_path / "cli",
        layout_plan=read_layout_json(solved / "layout" / "plan.json"),
        compliance=json.loads((solved / "compliance" / "plan.json").read_text()),
        ledger=ledger,
    )
    # the county's 规划台账 (brief left1 item 6: the web's download had none, the CLI's had it)
    k = chapter.index(("Heading 2", "（五）对照规划目标逐年推进"))
    assert "孟津区关于加快推进教育高质量发展的意见" in chapter[k + 1][1]
    assert texts(cli[0].read_bytes()) == (paragraphs, tables)
    assert leaks(all_text(content)) == []
    # brief left1 item 5: no empty paragraph between the tables, the notes after them included
    assert empty_paragraphs(Document(io.BytesIO(content))) == []


@pytest.mark.browser
def test_the_report_clicked_on_the_evaluation_page_arrives_with_the_plans(tmp_path, solved):
    """The 自评报告 link of the evaluation page, in chromium: the file arrives under its Chinese
    name with the 主要数据 table and the 达标路径's chapter."""
    from playwright.sync_api import sync_playwright

    from junheng.web.worker import LayoutJobs

    from .test_browser import example_server, signed_in_page

    register_both(LayoutJobs(store_url="sqlite://", root=tmp_path / "layout"), solved)
    with (
        example_server(tmp_path, {"admin": {"role": "admin", "county_code": "410306"}}) as base,
        sync_playwright() as playwright,
    ):
        page = signed_in_page(playwright, base)
        page.goto(f"{base}/evaluation")
        with page.expect_download(timeout=120_000) as report:
            page.get_by_role("link", name="自评报告（文档）").click()
        assert report.value.suggested_filename == "示例县2025学年优质均衡自评报告.docx"
        content = report.value.path().read_bytes()
        page.context.browser.close()
    paragraphs, tables = texts(content)
    assert ["在校生（小学）", "751 人"] in headline(tables)  # as above: 130 + 126 + … + 124
    assert measures(paragraphs)[1] == (
        "Normal",
        "按此方案，2030 学年可以通过复核：全部学校和各项差异系数达标。",
    )


def test_the_countys_plan_is_the_one_whose_region_is_the_county(app, tmp_path):
    from junheng.web.routers.ledger import county_plan

    mine = county_plans(app, tmp_path / "plans")
    assert county_plan(tmp_path / "plans", "410306") == mine
    assert county_plan(tmp_path / "plans", "410122") == tmp_path / "plans" / "another.yaml"
    assert county_plan(tmp_path / "plans", "410311") is None  # no plan names 410311
    assert county_plan(None, "410306") is None
    # else the city's plan the county entered values for (newest first); never another county's
    shutil.copy(PLANS / "luoyang.yaml", tmp_path / "plans" / "city.yaml")
    entered = ["gone", "another", "city"]
    assert county_plan(tmp_path / "plans", "410311", entered, "洛阳市") == tmp_path / "plans" / "city.yaml"
    assert county_plan(tmp_path / "plans", "410311", entered, "新乡市") is None
    assert county_plan(tmp_path / "plans", "410311", ["another"], "洛阳市") is None
