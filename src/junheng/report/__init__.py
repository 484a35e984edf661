"""Reports users read: Excel workbooks, Word documents and offline HTML pages and maps.

Modules are imported directly (``from junheng.report.layout_xlsx import ...``) so that one
report's dependencies never load with another's.
"""
