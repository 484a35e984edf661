"""The names of the files a user is handed, as the documents cite them (planner review
2026-12-05 finding 13: the folder held plan.xlsx twice, report.html, evaluation.xlsx … while
the documents cite 《布局调整方案工作簿》, 《达标路径工作簿》, 《评估报表工作簿》).

A web download is saved under the county's name and these (``web.routers._common``); the
demo's folder and ``junheng report --out`` hold them as they are. The files a job folder
holds for the web to read (``plan.json``, ``plan.xlsx``, ``map.html``) keep their machine
names there.

>>> LAYOUT_BOOK, COMPLIANCE_BOOK, EVALUATION_BOOK, FORECAST_BOOK
('布局调整方案工作簿.xlsx', '达标路径工作簿.xlsx', '评估报表工作簿.xlsx', '招生预测工作簿.xlsx')
"""

from __future__ import annotations

LAYOUT_BOOK = "布局调整方案工作簿.xlsx"
LAYOUT_MAP = "布局方案地图.html"
COMPLIANCE_BOOK = "达标路径工作簿.xlsx"
EVALUATION_BOOK = "评估报表工作簿.xlsx"
FORECAST_BOOK = "招生预测工作簿.xlsx"
REPORT_PAGE = "自评报告（网页）.html"

__all__ = ["COMPLIANCE_BOOK", "EVALUATION_BOOK", "FORECAST_BOOK", "LAYOUT_BOOK", "LAYOUT_MAP",
           "REPORT_PAGE"]
