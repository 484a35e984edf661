"""The names of the files a user is handed, as the documents cite them (planner review
2026-12-05 finding 13: the folder held plan.xlsx twice, report.html, evaluation.xlsx … while
the documents cite 《布局调整方案工作簿》, 《达标路径工作簿》, 《评估报表工作簿》).

A web download is saved under the county's name and these (``web.routers._common``); the
demo's folder, ``junheng report --out``, ``junheng plan layout|compliance --out`` and the web's
job folders hold them as they are (``jobs.layout.PLAN_FILES``, ``jobs.compliance.PLAN_FILES``;
the plans' ``plan.json`` keeps its machine name, read back by the system). Job folders written
before hold ``plan.xlsx`` and ``map.html``: the web still offers them.

The demo's other files are named in Chinese too (rv2 finding 14: ledger-mengjin.xlsx,
evaluation.json, demo-users.txt); nothing reads them back.

>>> LAYOUT_BOOK, COMPLIANCE_BOOK, EVALUATION_BOOK, FORECAST_BOOK
('布局调整方案工作簿.xlsx', '达标路径工作簿.xlsx', '评估报表工作簿.xlsx', '招生预测工作簿.xlsx')
>>> EVALUATION_DATA, DEMO_USERS, COMPLIANCE_AFTER_BOOK
('评估结果数据.json', '示例账号.txt', '达标路径实施后县域工作簿.xlsx')
>>> ledger_files("孟津区")
('规划台账示例（孟津区）.xlsx', '规划台账示例（孟津区）数据.json')
"""

from __future__ import annotations

LAYOUT_BOOK = "布局调整方案工作簿.xlsx"
LAYOUT_MAP = "布局方案地图.html"
COMPLIANCE_BOOK = "达标路径工作簿.xlsx"
COMPLIANCE_DOCX = "整改措施.docx"
EVALUATION_BOOK = "评估报表工作簿.xlsx"
FORECAST_BOOK = "招生预测工作簿.xlsx"
REPORT_PAGE = "自评报告（网页）.html"
EVALUATION_DATA = "评估结果数据.json"
DEMO_USERS = "示例账号.txt"
#: the county workbook after the 达标路径's measures (a web 整改 job's download)
COMPLIANCE_AFTER_BOOK = "达标路径实施后县域工作簿.xlsx"


def ledger_files(region: str) -> tuple[str, str]:
    """The workbook and the data file of an example plan's ledger measured on the demo county,
    named by the plan's own county (the plan is another county's: 示例)."""
    return f"规划台账示例（{region}）.xlsx", f"规划台账示例（{region}）数据.json"


__all__ = ["COMPLIANCE_AFTER_BOOK", "COMPLIANCE_BOOK", "COMPLIANCE_DOCX", "DEMO_USERS",
           "EVALUATION_BOOK", "EVALUATION_DATA", "FORECAST_BOOK", "LAYOUT_BOOK", "LAYOUT_MAP",
           "REPORT_PAGE", "ledger_files"]
