"""Write the empty county workbook template (县域教育数据工作簿模板) of the newest format.

A 说明 sheet first, describing every sheet and column in Chinese (its first cell carries
:data:`VERSION_MARK`, by which the reader knows a v2 template); then every sheet of the schema,
v2 sheets included, with its header row (units in brackets), a comment on each header cell,
drop-down lists for enumerations and 是/否 columns (and suggested values for free-text columns
such as 县级指标's 指标名称), numeric validation, codes formatted as text, and one example row
whose first cell starts with :data:`EXAMPLE_MARKER` so that import skips it.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from junheng.io.excel import new_workbook
from junheng.model import EXAMPLE_MARKER, FORMAT_VERSION, SHEETS, Column, Kind, Sheet

GUIDE_SHEET = "说明"
#: the format as a user reads it: 「格式第 2 版」 (review rw 11: not 「格式 v2」)
FORMAT_WORDS = f"格式第 {FORMAT_VERSION.removeprefix('v')} 版"
VERSION_MARK = FORMAT_WORDS
#: the mark of the templates written before it was worded in Chinese, still recognised
OLD_VERSION_MARK = f"格式 {FORMAT_VERSION}"
_LAST_ROW = 1_048_575  # Excel's last row, zero-based
_LIST_LIMIT = 255  # Excel's limit on an inline drop-down list
_KIND_LABELS = {Kind.TEXT: "文本", Kind.CODE: "代码（文本）", Kind.INTEGER: "整数",
                Kind.NUMBER: "数值", Kind.ENUM: "选项", Kind.BOOL: "是/否", Kind.DATE: "日期"}
_GUIDE_HEADERS = ("工作表", "列名", "类型", "单位", "必填", "允许值", "范围", "说明")
_INTRO = (
    f"县域教育数据工作簿模板（{VERSION_MARK}）",
    "一个县区、一个学年填一个工作簿。工作表名称和表头请勿修改；表头括号内为单位。",
    "标有“v2 新增”的工作表和列均可不填：没有这些数据时可整表留空，v1 格式的工作簿照常导入。",
    "日期可填 Excel 日期，也可填文本，如 2025-09-01、2025/9/1 或 2025年9月1日。"
    f"每个工作表第 2 行是示例行，第一格以“{EXAMPLE_MARKER}”开头，导入时自动跳过，可直接覆盖或删除。",
    "代码（县区代码、乡镇代码、区划代码、学校标识码）请按文本填写，保留开头的 0。",
    "可选项留空表示“未知”，不会按 0 计算；“是/否”和选项列请从下拉列表中选择。",
    "坐标可用 WGS84、GCJ02（高德/腾讯）或 BD09（百度），导入时统一换算为 WGS84。",
    "填好后可运行 junheng validate 文件名.xlsx 检查，所有问题会按 工作表/行/列/值/说明 列出。",
)


def _allowed(col: Column) -> str:
    return "、".join(col.choices) if col.choices else ""


def _range(col: Column) -> str:
    if col.kind is Kind.DATE:
        return "1990-01-01 至 2100-12-31"
    if col.kind not in (Kind.INTEGER, Kind.NUMBER):
        return f"{col.digits} 位数字" if col.digits else ""
    low = "" if col.minimum is None else f"{col.minimum:g}"
    high = "" if col.maximum is None else f"{col.maximum:g}"
    if low and high:
        return f"{low}–{high}"
    return f"≥ {low}" if low else (f"≤ {high}" if high else "")


def column_description(col: Column) -> str:
    """The header comment of a column: type, unit, required, allowed values, range, note."""
    parts = [f"类型：{_KIND_LABELS[col.kind]}", "必填" if col.required else "可空（空白表示未知）"]
    if col.unit:
        parts.append(f"单位：{col.unit}")
    if col.choices:
        parts.append(f"可选：{_allowed(col)}")
    if _range(col):
        parts.append(f"范围：{_range(col)}")
    if col.note:
        parts.append(col.note)
    if col.since != "v1":
        parts.append(f"{col.since} 新增")
    return "\n".join(parts)


def _write_guide(workbook, formats) -> None:
    ws = workbook.add_worksheet(GUIDE_SHEET)
    for i, line in enumerate(_INTRO):
        ws.write_string(i, 0, line, formats["title"] if i == 0 else None)
    row = len(_INTRO) + 1
    ws.write_row(row, 0, ("工作表", "用途"), formats["header"])
    for sheet in SHEETS:
        row += 1
        added = f"（{sheet.since} 新增，可不填）" if sheet.optional else ""
        ws.write_row(row, 0, (sheet.name, sheet.description + added))
    row += 2
    ws.write_row(row, 0, _GUIDE_HEADERS, formats["header"])
    for sheet in SHEETS:
        for col in sheet.columns:
            row += 1
            note = col.note if col.since == "v1" else f"{col.since} 新增。{col.note}"
            ws.write_row(row, 0, (sheet.name, col.header, _KIND_LABELS[col.kind], col.unit or "",
                                  "是" if col.required else "否", _allowed(col), _range(col),
                                  note), formats["wrap"])
    for j, width in enumerate((12, 24, 12, 8, 6, 36, 14, 60)):
        ws.set_column(j, j, width)


def _suggestion_list(col: Column) -> dict[str, Any]:
    """A drop-down of suggested values that still accepts any other text."""
    if len(",".join(col.suggestions)) > _LIST_LIMIT:
        raise ValueError(f"{col.header} 的建议值超过 Excel 下拉列表的 255 字符上限")
    return {"validate": "list", "source": list(col.suggestions), "error_type": "information",
            "error_title": "不在下拉列表中", "error_message": f"“{col.header}”不在下拉列表中：" +
            (col.note or "请核对。")}


def _validation(col: Column) -> dict[str, Any] | None:
    if col.suggestions:
        return _suggestion_list(col)
    if col.choices:
        labels = list(col.choices)
        if len(",".join(labels)) > _LIST_LIMIT:
            raise ValueError(f"{col.header} 的选项超过 Excel 下拉列表的 255 字符上限")
        return {"validate": "list", "source": labels, "error_title": "请从下拉列表中选择",
                "error_message": f"“{col.header}”应为：{'、'.join(labels)}"}
    if col.kind in (Kind.INTEGER, Kind.NUMBER) and col.minimum is not None:
        kind = "integer" if col.kind is Kind.INTEGER else "decimal"
        rule = {"validate": kind, "error_title": "数值不符合要求",
                "error_message": f"“{col.header}”应为{_KIND_LABELS[col.kind]}，范围 {_range(col)}"}
        if col.maximum is not None:
            return rule | {"criteria": "between", "minimum": col.minimum, "maximum": col.maximum}
        return rule | {"criteria": ">=", "value": col.minimum}
    return None


def _example_cell(col: Column, first: bool) -> Any:
    value = col.example
    if first:
        return f"{EXAMPLE_MARKER}{'' if value is None else value}"
    return value


def _write_sheet(workbook, sheet: Sheet, formats) -> None:
    ws = workbook.add_worksheet(sheet.name)
    for j, col in enumerate(sheet.columns):
        ws.write_string(0, j, col.header_with_unit, formats["header"])
        ws.write_comment(0, j, column_description(col),
                         {"author": "junheng", "x_scale": 2.0, "y_scale": 1.6})
        textual = col.kind in (Kind.CODE, Kind.TEXT)
        ws.set_column(j, j, max(10, len(col.header_with_unit) * 2 + 2),
                      formats["text"] if textual else None)
        rule = _validation(col)
        if rule:
            ws.data_validation(1, j, _LAST_ROW, j, rule)
        value = _example_cell(col, j == 0)
        if value is None:
            continue
        if isinstance(value, str):
            ws.write_string(1, j, value, formats["example"])
        else:
            ws.write_number(1, j, value, formats["example_number"])
    ws.freeze_panes(1, 0)


def write_template(path: str | Path) -> Path:
    """Write the empty workbook template (newest format) to ``path`` and return the path.

    Examples
    --------
    >>> import os, tempfile
    >>> from junheng.io import inspect_workbook
    >>> path = write_template(os.path.join(tempfile.mkdtemp(), "模板.xlsx"))
    >>> reading = inspect_workbook(path)
    >>> len(reading.data.schools), [p.sheet for p in reading.problems]
    (0, ['基本信息'])
    """
    path = Path(path)
    workbook = new_workbook(path)
    try:
        formats = {
            "header": workbook.add_format({"bold": True, "bg_color": "#DDEBF7", "border": 1,
                                           "text_wrap": True, "valign": "vcenter"}),
            "text": workbook.add_format({"num_format": "@"}),
            "example": workbook.add_format({"italic": True, "font_color": "#808080",
                                            "num_format": "@"}),
            "example_number": workbook.add_format({"italic": True, "font_color": "#808080"}),
            "title": workbook.add_format({"bold": True, "font_size": 14}),
            "wrap": workbook.add_format({"text_wrap": True, "valign": "top"}),
        }
        _write_guide(workbook, formats)
        for sheet in SHEETS:
            _write_sheet(workbook, sheet, formats)
    finally:
        workbook.close()
    return path
