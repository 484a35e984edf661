"""Compare two ``junheng demo`` output folders: are the files the same, apart from timings?

    python -m bench.demo_diff BEFORE AFTER      # e.g. /work/baseline/demo /tmp/demo

Every output is compared in its own terms: JSON exactly (after dropping the solver's
``seconds``), Excel by cell values (openpyxl), Word by the text of every paragraph and table
cell, HTML by its visible text and by its script data, the account list by user name and role
(the passwords are random on purpose). What is expected to differ between two runs (timings,
passwords) is listed apart from real differences; the exit code is 1 when there is a real one.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

TIMING_KEYS = frozenset({"seconds"})
TIMING_LABELS = ("求解时间（秒）",)  # a 求解信息 row of plan.xlsx
SHOWN = 8  # differences listed per file
WIDTH = 100  # characters of a differing value shown


def _shown(value: Any) -> str:
    text = repr(value)
    return text if len(text) <= WIDTH else text[:WIDTH] + "…"


@dataclass(frozen=True)
class FileResult:
    """One file compared: its differences, and the expected ones (timings, passwords)."""

    name: str
    differences: tuple[str, ...]
    expected: tuple[str, ...] = ()


# --- JSON ------------------------------------------------------------------------------------

def _json_diffs(a: Any, b: Any, where: str = "") -> Iterator[tuple[str, bool]]:
    """(path and values, is it a timing) for every leaf that differs."""
    if isinstance(a, dict) and isinstance(b, dict):
        for key in sorted(set(a) | set(b), key=str):
            path = f"{where}.{key}"
            if key not in a or key not in b:
                yield f"{path}：仅一方有此键", False
            else:
                for text, timing in _json_diffs(a[key], b[key], path):
                    yield text, timing or key in TIMING_KEYS
        if isinstance(a, dict) and list(a) != list(b) and set(a) == set(b):
            yield f"{where or '（根）'}：键的顺序不同", False
    elif isinstance(a, list) and isinstance(b, list):
        if len(a) != len(b):
            yield f"{where}：长度 {len(a)} ≠ {len(b)}", False
        for k, (x, y) in enumerate(zip(a, b, strict=False)):
            yield from _json_diffs(x, y, f"{where}[{k}]")
    elif a != b or type(a) is not type(b):
        yield f"{where}：{_shown(a)} ≠ {_shown(b)}", False


def compare_json(before: Path, after: Path) -> tuple[list[str], list[str]]:
    found = list(_json_diffs(json.loads(before.read_text("utf-8")),
                             json.loads(after.read_text("utf-8"))))
    return [t for t, timing in found if not timing], [t for t, timing in found if timing]


# --- Excel -----------------------------------------------------------------------------------

def _sheets(path: Path) -> dict[str, list[tuple]]:
    import openpyxl

    book = openpyxl.load_workbook(path, read_only=True, data_only=True)
    try:
        return {ws.title: [tuple(row) for row in ws.iter_rows(values_only=True)]
                for ws in book.worksheets}
    finally:
        book.close()


def compare_xlsx(before: Path, after: Path) -> tuple[list[str], list[str]]:
    a, b = _sheets(before), _sheets(after)
    real, timing = [], []
    if list(a) != list(b):
        real.append(f"工作表不同：{list(a)} ≠ {list(b)}")
    for name in [n for n in a if n in b]:
        rows_a, rows_b = a[name], b[name]
        if len(rows_a) != len(rows_b):
            real.append(f"{name}：行数 {len(rows_a)} ≠ {len(rows_b)}")
        for i, (x, y) in enumerate(zip(rows_a, rows_b, strict=False), start=1):
            if x != y:
                text = f"{name} 第 {i} 行：{_shown(x)} ≠ {_shown(y)}"
                (timing if x and x[0] in TIMING_LABELS else real).append(text)
    return real, timing


# --- Word and HTML ---------------------------------------------------------------------------

def docx_text(path: Path) -> list[str]:
    """Every paragraph, then every table cell, of a Word file (tables in nested cells too)."""
    import docx

    document = docx.Document(str(path))
    lines = [p.text for p in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            lines.append(" | ".join(cell.text for cell in row.cells))
    return lines


class _Text(HTMLParser):
    """Visible text and the content of script elements, kept apart."""

    def __init__(self) -> None:
        super().__init__()
        self.text: list[str] = []
        self.scripts: list[str] = []
        self._in: list[str] = []

    def handle_starttag(self, tag, attrs) -> None:
        self._in.append(tag)

    def handle_endtag(self, tag) -> None:
        if tag in self._in:
            del self._in[len(self._in) - 1 - self._in[::-1].index(tag):]

    def handle_data(self, data) -> None:
        inside = self._in[-1] if self._in else ""
        if inside == "script":
            self.scripts.append(data)
        elif inside != "style" and data.strip():
            self.text.append(re.sub(r"\s+", " ", data.strip()))


def html_parts(path: Path) -> tuple[list[str], list[str]]:
    parser = _Text()
    parser.feed(path.read_text("utf-8"))
    return parser.text, parser.scripts


def _line_diffs(a: list[str], b: list[str], what: str) -> list[str]:
    out = [f"{what}第 {k} 处：{_shown(x)} ≠ {_shown(y)}"
           for k, (x, y) in enumerate(zip(a, b, strict=False), start=1) if x != y]
    if len(a) != len(b):
        out.append(f"{what}数量 {len(a)} ≠ {len(b)}")
    return out


def compare_docx(before: Path, after: Path) -> tuple[list[str], list[str]]:
    return _line_diffs(docx_text(before), docx_text(after), "段落或表格行"), []


def compare_html(before: Path, after: Path) -> tuple[list[str], list[str]]:
    (text_a, js_a), (text_b, js_b) = html_parts(before), html_parts(after)
    return _line_diffs(text_a, text_b, "文字") + _line_diffs(js_a, js_b, "脚本数据"), []


# --- the rest --------------------------------------------------------------------------------

def compare_users(before: Path, after: Path) -> tuple[list[str], list[str]]:
    """User names and roles must match; the passwords are random on purpose."""
    def rows(path: Path) -> list[list[str]]:
        return [line.split("\t") for line in path.read_text("utf-8").splitlines()]

    a, b = rows(before), rows(after)
    real = _line_diffs([r[:2] for r in a], [r[:2] for r in b], "账号")
    expected = ["密码（每次随机生成）"] if [r[2:] for r in a] != [r[2:] for r in b] else []
    return real, expected


def compare_bytes(before: Path, after: Path) -> tuple[list[str], list[str]]:
    return ([] if before.read_bytes() == after.read_bytes() else ["内容不同"]), []


COMPARERS: dict[str, Callable[[Path, Path], tuple[list[str], list[str]]]] = {
    ".json": compare_json, ".xlsx": compare_xlsx, ".docx": compare_docx,
    ".html": compare_html, ".txt": compare_users,
}
SKIPPED = {".db", ".db-wal", ".db-shm"}  # the store: its audit rows and hashes carry times


def compare_file(name: str, before: Path, after: Path) -> FileResult:
    compare = COMPARERS.get(after.suffix, compare_bytes)
    real, expected = compare(before, after)
    return FileResult(name, tuple(real), tuple(expected))


def compare_folders(before: Path, after: Path) -> tuple[list[FileResult], list[str]]:
    """Every file of either folder compared; also the files only one folder has."""
    names = {str(p.relative_to(root)) for root in (before, after) for p in root.rglob("*")
             if p.is_file() and p.suffix not in SKIPPED}
    results, alone = [], []
    for name in sorted(names):
        a, b = before / name, after / name
        if not (a.exists() and b.exists()):
            alone.append(f"{name}：只在{'修改前' if a.exists() else '修改后'}的输出中")
            continue
        results.append(compare_file(name, a, b))
    return results, alone


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="比较两次 junheng demo 的输出（时间与随机密码除外应完全相同）。")
    parser.add_argument("before", type=Path, help="修改前的输出目录，如 /work/baseline/demo")
    parser.add_argument("after", type=Path, help="修改后的输出目录")
    args = parser.parse_args(argv)
    results, alone = compare_folders(args.before, args.after)
    for r in results:
        status = "不同" if r.differences else "相同"
        extra = f"（预期的差异：{'；'.join(r.expected[:3])}）" if r.expected else ""
        print(f"{status}  {r.name}{extra}")
        for line in r.differences[:SHOWN]:
            print(f"      {line}")
        if len(r.differences) > SHOWN:
            print(f"      ……共 {len(r.differences)} 处")
    for line in alone:
        print(f"缺少  {line}")
    bad = [r for r in results if r.differences]
    print(f"共比较 {len(results)} 个文件：{len(results) - len(bad)} 个相同，{len(bad)} 个不同，"
          f"{len(alone)} 个只在一方（数据库 {', '.join(sorted(SKIPPED))} 不比较）。")
    return 1 if bad or alone else 0


if __name__ == "__main__":
    sys.exit(main())
