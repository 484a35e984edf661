"""The ledger page's form for manual targets: parse and check what the county admin typed.

Every problem is a Chinese sentence naming the field and the value; nothing is stored until
the whole form is right (:func:`parse_entry` raises :class:`EntryError` first).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from pathlib import PurePath

from junheng.store.ledger_entries import EvidenceUpload
from junheng.web.forms import typed_number

MAX_FILE_BYTES = 10 * 1024 * 1024
MAX_FILES = 5
ALLOWED_SUFFIXES = (".pdf", ".ofd", ".doc", ".docx", ".xls", ".xlsx", ".jpg", ".jpeg", ".png",
                    ".zip", ".txt")
MAX_NOTE = 2000


class EntryError(ValueError):
    """A Chinese message for the page: the form is refused and nothing is stored."""


@dataclass(frozen=True)
class EntryForm:
    target_id: str
    school_year: int
    value: bool | float
    value_date: date
    note: str
    files: tuple[EvidenceUpload, ...]


def parse_value(text: str, *, boolean: bool, target_name: str) -> bool | float:
    """The value as the target needs it: 是/否 for a yes-no target, a finite number else.

    >>> parse_value("是", boolean=True, target_name="编制规划")
    True
    >>> parse_value(" 3,980 ", boolean=False, target_name="投资")
    3980.0
    """
    text = text.strip()
    if boolean:
        if text in ("true", "是"):
            return True
        if text in ("false", "否"):
            return False
        raise EntryError(f"目标“{target_name}”的填报值应选择“是”或“否”，收到“{text}”。")
    if not text:
        raise EntryError(f"请填写目标“{target_name}”的填报值（数值）。")
    try:
        number = typed_number(text.replace("，", ","))  # the school form's rule (rvweb 11)
    except ValueError:
        raise EntryError(f"目标“{target_name}”的填报值“{text}”不是数值。") from None
    return number


def parse_date(text: str) -> date:
    """A date typed as 2025-09-01 (the browser's date field).

    >>> parse_date("2025-09-01")
    datetime.date(2025, 9, 1)
    """
    text = text.strip()
    if not text:
        raise EntryError("请填写日期（如 2025-09-01）。")
    if not re.fullmatch(r"\d{4}-\d{1,2}-\d{1,2}", text):
        raise EntryError(f"日期“{text}”格式不对：应为 年-月-日，如 2025-09-01。")
    try:
        year, month, day = (int(x) for x in text.split("-"))
        return date(year, month, day)
    except ValueError:
        raise EntryError(f"日期“{text}”不存在：请核对年月日。") from None


def parse_year(text: str, allowed: tuple[int, ...]) -> int:
    try:
        year = int(text.strip())
    except ValueError:
        raise EntryError(f"学年“{text}”不是整数。") from None
    if year not in allowed:
        years = "、".join(str(y) for y in allowed)
        raise EntryError(f"学年 {year} 不在本规划的填报范围内：可选 {years}。")
    return year


def clean_filename(name: str) -> str:
    """The file's own name without any folder part, at most 120 characters.

    >>> clean_filename("C:\\\\文件\\\\拨款凭证.pdf")
    '拨款凭证.pdf'
    """
    base = PurePath(name.replace("\\", "/")).name.strip()
    base = re.sub(r"[\x00-\x1f]", "", base)
    if len(base) > 120:
        stem, dot, suffix = base.rpartition(".")
        base = (stem[:110] + dot + suffix[:9]) if dot else base[:120]
    return base


def check_files(uploads: list[tuple[str, str, bytes]]) -> tuple[EvidenceUpload, ...]:
    """The files the form sent (empty file fields dropped), each checked for name and size."""
    files = []
    for name, content_type, data in uploads:
        if not name and not data:
            continue
        filename = clean_filename(name)
        if not filename:
            raise EntryError("佐证材料的文件名为空：请重新选择文件。")
        if not filename.lower().endswith(ALLOWED_SUFFIXES):
            kinds = "、".join(s.lstrip(".") for s in ALLOWED_SUFFIXES)
            raise EntryError(f"佐证材料“{filename}”的类型不支持：可上传 {kinds} 文件。")
        if not data:
            raise EntryError(f"佐证材料“{filename}”是空文件：请重新选择。")
        if len(data) > MAX_FILE_BYTES:
            raise EntryError(f"佐证材料“{filename}”超过 {MAX_FILE_BYTES // 1024 // 1024} 兆字节："
                             "请压缩或拆分后上传。")
        files.append(EvidenceUpload(filename, content_type, data))
    if len(files) > MAX_FILES:
        raise EntryError(f"一次最多上传 {MAX_FILES} 个佐证材料，收到 {len(files)} 个。")
    return tuple(files)


def parse_entry(fields: dict[str, str], uploads: list[tuple[str, str, bytes]], *,
                manual: dict[str, tuple[str, bool]], years: tuple[int, ...]) -> EntryForm:
    """The whole form; ``manual`` maps each manual target's id to (name, is yes-no)."""
    target_id = fields.get("target", "").strip()
    if target_id not in manual:
        raise EntryError("所选目标不是本规划可手工填报的目标（计划已更改或表单已过期）："
                         "请刷新页面后在列表中选择。")
    name, boolean = manual[target_id]
    year = parse_year(fields.get("year", ""), years)
    value = parse_value(fields.get("value", ""), boolean=boolean, target_name=name)
    when = parse_date(fields.get("date", ""))
    note = fields.get("note", "").strip()
    if len(note) > MAX_NOTE:
        raise EntryError(f"说明超过 {MAX_NOTE} 字（{len(note)} 字）：请精简。")
    files = check_files(uploads)
    if not files:
        raise EntryError("请上传至少一个佐证材料文件。")
    return EntryForm(target_id, year, value, when, note, files)
