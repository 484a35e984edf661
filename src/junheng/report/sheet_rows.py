"""Rows of a sheet that may have none: every table writer of the plans' workbooks writes a
sentence under the header instead of leaving the header alone."""

from __future__ import annotations

#: What a sheet with no rows says under its header (review 2026-12-04 finding 14: zones.xlsx's
#: "调整学区的地块" held only its header row, which reads as a failed export).
EMPTY_SHEETS = {"调整学区的地块": "本方案无需调整学区的地块",
                "一至三年级远距离": "本方案无单程时间超过表头所列分钟数的一至三年级走读学生",
                "城区划片": "本方案无城区社区（村居）的划片单元",
                "逐项明细": "本方案无整改项目"}


def rows_or_none(sheet: str, rows) -> list:
    """A sheet's rows, or one row saying that there are none (:data:`EMPTY_SHEETS`).

    >>> rows_or_none("调整学区的地块", []), rows_or_none("某表", ())
    ([['本方案无需调整学区的地块']], [['本表无内容']])
    >>> rows_or_none("调整学区的地块", [[1, 2]])
    [[1, 2]]
    """
    return list(rows) or [[EMPTY_SHEETS.get(sheet, "本表无内容")]]
