"""Workbook input and output: template, reader with validation, writer, and an example county."""

from junheng.io.writer import write_workbook  # noqa: I001 (validate and reader build on writer)
from junheng.io.validate import RULES, county_notices, validate_county
from junheng.io.reader import WorkbookReading, inspect_workbook, read_grids, read_workbook
from junheng.io.safety import check_workbook_file
from junheng.io.bounds import scan_workbook
from junheng.io.summary import CountySummary, summarize_county
from junheng.io.template import write_template
from junheng.io.example import example_county

__all__ = [
    "RULES", "CountySummary", "WorkbookReading", "check_workbook_file", "county_notices",
    "example_county", "inspect_workbook", "read_grids", "read_workbook", "scan_workbook", "summarize_county",
    "validate_county", "write_template", "write_workbook",
]
