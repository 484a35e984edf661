"""The names of the files a user is handed, as the documents cite them (planner review
2026-12-05 finding 13: the folder held plan.xlsx twice, report.html, evaluation.xlsx … while
the documents cite 《布局调整方案工作簿》, 《达标路径工作簿》, 《评估报表工作簿》).

A web download is saved under the county's name and these (``web.routers._common``); the
demo's folder, ``junheng report --out``, ``junheng plan layout|compliance --out`` and the web's
job folders hold them as they are (``jobs.layout.PLAN_FILES``, ``jobs.compliance.PLAN_FILES``;
the plans' ``plan.json`` keeps its machine name, read back by the system). Job folders written
before hold ``plan.xlsx`` and ``map.html``: the web still offers them.

>>> LAYOUT_BOOK, COMPLIANCE_BOOK, EVALUATION_BOOK, FORECAST_BOOK
('布局调整方案工作簿.xlsx', '达标路径工作簿.xlsx', '评估报表工作簿.xlsx', '招生预测工作簿.xlsx')
"""

from __future__ import annotations

LAYOUT_BOOK = "布局调整方案工作簿.xlsx"
LAYOUT_MAP = "布局方案地图.html"
COMPLIANCE_BOOK = "达标路径工作簿.xlsx"
COMPLIANCE_DOCX = "整改措施.docx"
EVALUATION_BOOK = "评估报表工作簿.xlsx"
FORECAST_BOOK = "招生预测工作簿.xlsx"
REPORT_PAGE = "自评报告（网页）.html"

__all__ = ["COMPLIANCE_BOOK", "COMPLIANCE_DOCX", "EVALUATION_BOOK", "FORECAST_BOOK", "LAYOUT_BOOK",
           "LAYOUT_MAP", "REPORT_PAGE"]
