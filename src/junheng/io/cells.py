"""Turn one spreadsheet cell into the typed value its column holds, or say why it cannot.

Cells arrive as python-calamine gives them: ``str``, ``float`` (Excel stores every number as a
float), ``int``, ``bool``, ``datetime``/``date``/``time``/``timedelta``, or ``""`` for empty.
Empty cells become ``None`` (unknown, never zero); range and cross-row rules are the
validator's business, not this module's.
"""

from __future__ import annotations

import datetime as dt
import math
import re
import unicodedata
from typing import Any

from junheng.io.dates import DateError, parse_date
from junheng.model import INTEGER_RANGE, Column, Kind

MAX_MAGNITUDE = 1e15
"""Larger numbers are typing accidents; refusing them also keeps integers inside Int64."""

_INVISIBLE = dict.fromkeys(map(ord, "\u200b\u200c\u200d\ufeff\u00a0\u3000"), " ")
_WHOLE_DECIMAL = re.compile(r"^[+-]?\d+\.0*$")
_STRICT_NUMBER = re.compile(r"[+-]?(?:[0-9]+\.?[0-9]*|\.[0-9]+)")
_SEPARATORS = re.compile(r"[0-9][\s,，_'][0-9]")


class CellError(ValueError):
    """A cell that cannot be read as its column's type; the message is the Chinese 说明."""


def is_blank(value: Any) -> bool:
    """True for an empty cell: None, NaN or a string of only spaces."""
    if value is None:
        return True
    if isinstance(value, float) and math.isnan(value):
        return True
    return isinstance(value, str) and not value.translate(_INVISIBLE).strip()


def _clean_text(value: str) -> str:
    return value.translate(_INVISIBLE).strip()


def _is_temporal(value: Any) -> bool:
    return isinstance(value, dt.date | dt.time | dt.timedelta)


def strict_number(text: str) -> float:
    """The number written in ``text``: digits, at most one decimal point, an optional sign.

    Full-width characters count as their ASCII forms and surrounding spaces are ignored;
    anything else (spaces, commas or underscores between digits, exponents, other scripts'
    digits) raises ``ValueError``, so "1,2,3" is never read as 123.

    Examples
    --------
    >>> strict_number(" －１２.5 "), strict_number("+3")
    (-12.5, 3.0)
    >>> strict_number("1,200")
    Traceback (most recent call last):
    ...
    ValueError: 1,200
    """
    plain = unicodedata.normalize("NFKC", text).strip()
    if not _STRICT_NUMBER.fullmatch(plain):
        raise ValueError(text)
    return float(plain)


def _number_from_text(text: str, column: Column) -> float:
    try:
        return strict_number(text)
    except ValueError:
        if text.strip().lstrip("+-").lower() in ("inf", "infinity", "nan"):
            raise CellError(f"“{column.header}”应填有限的数字。") from None
        hint = ("（数字中不能有空格、逗号或下划线：请删去分隔符，只保留数字和小数点）"
                if _SEPARATORS.search(unicodedata.normalize("NFKC", text)) else "")
        raise CellError(f"“{column.header}”应填数字，“{text}”不是数字{hint}。") from None


def _finite(number: float, column: Column) -> float:
    if not math.isfinite(number):
        raise CellError(f"“{column.header}”应填有限的数字。")
    if abs(number) > MAX_MAGNITUDE:
        raise CellError(f"“{column.header}”数值过大（超过 10 的 15 次方），请检查是否误填。")
    return number


def _as_number(value: Any, column: Column) -> float:
    if isinstance(value, bool):
        raise CellError(f"“{column.header}”应填数字，不能是逻辑值 TRUE/FALSE。")
    if _is_temporal(value):
        raise CellError(f"“{column.header}”应填数字，单元格却是日期或时间格式：请把单元格格式改为“常规”或“数值”。")
    if isinstance(value, int | float):
        return _finite(float(value), column)
    return _finite(_number_from_text(_clean_text(str(value)), column), column)


def _parse_integer(value: Any, column: Column) -> int:
    number = _as_number(value, column)
    if number != int(number):
        raise CellError(f"“{column.header}”应为整数，不能有小数。")
    return storable_integer(int(number), column)


def storable_integer(number: int, column: Column) -> int:
    """``number`` if an integer column of the store can hold it, else a :class:`CellError`."""
    low, high = INTEGER_RANGE
    if not low <= number <= high:
        raise CellError(f"“{column.header}”数值 {number:,} 超出可保存的范围（{low:,} 至 {high:,}）："
                        "请检查是否误填。")
    return number


def _parse_code(value: Any, column: Column) -> str:
    if isinstance(value, bool) or _is_temporal(value):
        raise CellError(f"“{column.header}”应为数字代码文本。")
    if isinstance(value, int | float):
        number = _finite(float(value), column)
        if number != int(number) or number < 0:
            raise CellError(f"“{column.header}”应为数字代码，不能有小数或负号。")
        text = str(int(number))
        if column.digits and len(text) < column.digits:
            raise CellError(
                f"“{column.header}”以数值形式保存，丢失了前导零（只剩 {len(text)} 位，应为 "
                f"{column.digits} 位）：请把该列设为“文本”格式后重新输入完整代码。")
        return text
    text = _clean_text(str(value))
    if _WHOLE_DECIMAL.match(text):  # "410306.0" pasted from another program
        text = text.split(".")[0]
    return text


def _parse_text(value: Any) -> str:
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, dt.datetime | dt.date | dt.time):
        return value.isoformat()
    return _clean_text(str(value))


def _normalise_label(label: str) -> str:
    return unicodedata.normalize("NFKC", label).upper().replace("-", "").replace("_", "") \
        .replace(" ", "")


def _parse_choice(value: Any, column: Column) -> Any:
    if isinstance(value, bool) and column.kind is Kind.BOOL:
        return value
    label = _parse_text(value)
    choices = column.choices or {}
    if label in choices:
        return choices[label]
    wanted = _normalise_label(label)
    for key, code in choices.items():
        if _normalise_label(key) == wanted:
            return code
    allowed = "、".join(choices)
    raise CellError(f"“{column.header}”不是允许的值；应为以下之一：{allowed}。")


def parse_cell(column: Column, value: Any) -> Any:
    """Return the typed value of a cell for ``column``; ``None`` for an empty cell.

    Raises
    ------
    CellError
        With a Chinese sentence saying what is wrong and what is expected.

    Examples
    --------
    >>> from junheng.model import SHEETS_BY_KEY
    >>> parse_cell(SHEETS_BY_KEY["schools"].column("town_code"), 410306001.0)
    '410306001'
    >>> parse_cell(SHEETS_BY_KEY["schools"].column("school_type"), "教学点")
    'teaching_point'
    >>> parse_cell(SHEETS_BY_KEY["classes"].column("students"), "  ") is None
    True
    """
    if is_blank(value):
        return None
    if column.kind is Kind.INTEGER:
        return _parse_integer(value, column)
    if column.kind is Kind.NUMBER:
        return _as_number(value, column)
    if column.kind is Kind.CODE:
        return _parse_code(value, column)
    if column.kind in (Kind.ENUM, Kind.BOOL):
        return _parse_choice(value, column)
    if column.kind is Kind.DATE:
        try:
            return parse_date(value, column)
        except DateError as exc:
            raise CellError(str(exc)) from None
    return _parse_text(value)
