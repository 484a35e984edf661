"""Planner review 2026-12-05 finding 13: the demo's folder held plan.xlsx twice, report.html,
evaluation.xlsx and forecast.xlsx while the documents cite 《布局调整方案工作簿》, 《达标路径工作簿》,
《评估报表工作簿》 and the 招生预测工作簿: the files a user opens are named as they are cited,
and every name the documents cite in 《》 is a file of the folder."""

from __future__ import annotations

import re

import pytest
from docx import Document


@pytest.mark.slow
def test_the_demo_folder_names_its_files_as_the_documents_cite_them(demo_run):
    out = demo_run.out
    names = {str(p.relative_to(out)) for p in out.rglob("*") if p.is_file()
             and "web-data" not in p.parts}
    assert {"评估报表工作簿.xlsx", "招生预测工作簿.xlsx", "自评报告（网页）.html",
            "layout/布局调整方案工作簿.xlsx", "layout/布局方案地图.html",
            "compliance/达标路径工作簿.xlsx"} <= names
    assert not names & {"evaluation.xlsx", "forecast.xlsx", "report.html", "layout/plan.xlsx",
                        "layout/map.html", "compliance/plan.xlsx"}
    # rv2 finding 14: the other files of the folder in Chinese too
    assert {"评估结果数据.json", "示例账号.txt", "规划台账示例（孟津区）.xlsx",
            "规划台账示例（中牟县）.xlsx"} <= names
    assert not names & {"evaluation.json", "demo-users.txt", "ledger-mengjin.xlsx",
                        "ledger-zhongmou.xlsx"}
    # the web's job folders (web-data) hold the same names: the demo copies its plans' folders
    # there as the CLI and the web's worker write them (brief tf)
    web = {p.name for p in (out / "web-data").rglob("*") if p.is_file()}
    assert {"布局调整方案工作簿.xlsx", "布局方案地图.html", "达标路径工作簿.xlsx"} <= web
    assert "plan.xlsx" not in web
    files = {n.rsplit("/", 1)[-1].rsplit(".", 1)[0] for n in names}
    text = "".join(p.text for name in ("布局调整方案.docx", "compliance/整改措施.docx", "自评报告.docx")
                   for p in Document(str(out / name)).paragraphs)
    cited = set(re.findall(r"《([^》]*工作簿)》", text))
    assert cited and cited <= files, cited - files
