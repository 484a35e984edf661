"""Small calculations the demo tests share (plain pandas, independent of the generator)."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd

from junheng.model import CountyData

PRIMARY = ("g1", "g2", "g3", "g4", "g5", "g6")
JUNIOR = ("g7", "g8", "g9")


def students_per_school(data: CountyData, grades: tuple[str, ...] | None = None) -> pd.Series:
    """Pupils per school id from the classes (only ``grades`` when given)."""
    classes = data.classes if grades is None else data.classes[data.classes["grade"].isin(grades)]
    return classes.groupby("school_id")["students"].sum().astype(int)


def weighted_cv(values: pd.Series, weights: pd.Series) -> float:
    """DESIGN.md's 差异系数: student-weighted mean and population SD, SD / mean."""
    w = weights / weights.sum()
    mean = float((w * values).sum())
    return float(np.sqrt((w * (values - mean) ** 2).sum())) / mean


def km(lon1, lat1, lon2, lat2) -> np.ndarray:
    """Equirectangular distance in km (good within a county)."""
    dx = (np.asarray(lon1) - np.asarray(lon2)) * 111.32 * np.cos(np.radians(34.5))
    dy = (np.asarray(lat1) - np.asarray(lat2)) * 110.57
    return np.hypot(dx, dy)


def docx_text(path: Path) -> str:
    """A Word document's paragraphs, then its table cells, one a line."""
    from docx import Document

    doc = Document(str(path))
    cells = [c.text for t in doc.tables for r in t.rows for c in r.cells]
    return "\n".join([p.text for p in doc.paragraphs] + cells)


def xlsx_text(path: Path, sheet: str | None = None) -> str:
    """A workbook's cell values (``sheet`` only when given), one a line, empty cells left out."""
    from openpyxl import load_workbook

    book = load_workbook(path, read_only=True, data_only=True)
    sheets = [book[sheet]] if sheet else book.worksheets
    return "\n".join(str(v) for ws in sheets for row in ws.iter_rows(values_only=True) for v in row
                     if v is not None)
