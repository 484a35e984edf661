"""Workbook input and output: template, reader with validation, writer."""

from junheng.io.writer import write_workbook

__all__ = ["write_workbook"]
