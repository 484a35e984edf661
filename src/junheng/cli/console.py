"""The CLI's consoles: lines that wrap where the reader's terminal wraps, tables whose figures
stay whole.

rich wraps a printed line at the console's width with a hard line break. A file path or a
sentence printed into a log, a pipe or a narrow terminal then came out cut in two
(「学年到 \\n/tmp/…/导出.xl\\nsx」): the path could not be copied, and the line read differently at
every width. Lines are printed unbroken (``soft_wrap``): a terminal folds them itself.

A table must fit the width, and rich folds its cells to do so; a folded figure read as two
(「-1,9 / 46.4 / 2」 in the plan's yearly money at 80 columns, review rv 7). A column whose
cells are all figures is kept on one line at its widest figure, so the text columns fold
instead.

>>> from rich.table import Table
>>> t = Table()
>>> t.add_column("学校"); t.add_column("万元")
>>> t.add_row("城关第一小学", "-1,946.42"); t.add_row("东城小学", "")
>>> keep_figures_whole(t)
>>> [(c.no_wrap, c.min_width) for c in t.columns]
[(False, None), (True, 9)]
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterator, Mapping

from rich.cells import cell_len
from rich.console import Console
from rich.table import Table

#: A cell that is one figure: 1,593.65 / -12 / 0.45 / 85.0% / ＋3 / 2030, or empty.
FIGURE = re.compile(r"[-+−＋]?[\d,]*\.?\d+\s*%?")
#: A line of a figures' cell: a figure, a range 「(8,633–8,725)」 or one cut after its dash.
FIGURE_LINE = re.compile(r"(?=.*\d)(?:\d+/\d+|\(?(?:[-+−＋]?[\d,]*\.?\d+\s*%?)?(?:–[-+−＋]?[\d,]*\.?\d*%?)?\)?)")
#: What a line is never broken inside (see :func:`fold`): a figure with the space and the
#: first character of its unit after it (「45 个」, 「5,181.59 万」) or the whole of a unit per
#: pupil (「4.2 人/百生」, 「3.61 平方米/生」: 「人/百」 / 「生」 read as two), a range (「(8,633–8,725)」), a
#: run of Latin text (a path, a code), or one other character; opening brackets cling to what
#: follows, closing punctuation to what precedes.
_OPEN = "（(「“《【‘"
_CLOSE = "）)」”》】’，。；：、！？%％·"
_ATOM = re.compile(
    rf"[{_OPEN}]*(?:"
    r"[-+−＋]?\d[\d,]*(?:\.\d+)?%?(?:[–~-][-+−＋]?\d[\d,]*(?:\.\d+)?%?)?"
    r"(?: ?[^\x00-\x7f\s](?:[^\x00-\x7f\s/]{0,3}/[^\x00-\x7f\s]{1,2})?)?"
    r"|[\x21-\x7e]+"
    r"|\S"
    rf")[{_CLOSE}]*")


class LiveEnviron(Mapping):
    """``os.environ`` as it is when read: rich keeps the mapping it saw when it was imported,
    so a console would not see a process whose ``os.environ`` was replaced later."""

    def __getitem__(self, key: str) -> str:
        return os.environ[key]

    def __iter__(self) -> Iterator[str]:
        return iter(os.environ)

    def __len__(self) -> int:
        return len(os.environ)


def keep_figures_whole(table: Table) -> None:
    """Keep each column whose cells are all figures on one line, at its widest figure; fold
    the others' text rather than cut it with 「…」 (rich's default: review rw 10, 「专任教 …」)."""
    for column in table.columns:
        cells = [str(cell) for cell in column._cells]
        if column.overflow == "ellipsis":
            column.overflow = "fold"
        lines = [line for c in cells for line in c.split("\n")]
        if any(cells) and all(not c or FIGURE_LINE.fullmatch(c.strip()) for c in lines):
            column.no_wrap = True
            column.min_width = max(column.min_width or 0, max(cell_len(c) for c in lines))


def narrowest(table: Table) -> int:
    """The fewest columns ``table`` takes with its figures whole and each text column folded
    to 8 (four 汉字): a border and two spaces of padding around every column. A column kept on
    one line keeps its header on one line too (rich does): it counts."""
    widths = []
    for column in table.columns:
        cells = [str(cell) for cell in column._cells]
        if column.no_wrap and table.show_header:
            cells.append(str(column.header))
        natural = max([cell_len(line) for cell in cells for line in cell.split("\n")] + [1])
        widths.append(max(column.min_width or 0, natural) if column.no_wrap else min(8, natural))
    return 1 + sum(w + 3 for w in widths)


def fold(text: str, width: int, indent: str = "") -> list[str]:
    """``text`` in lines of at most ``width`` columns, broken between characters of Chinese text
    or at a space, never inside a figure nor between a figure and its unit, no line starting
    with closing punctuation; the lines after the first start with ``indent``. A piece wider
    than the line (a long path) is cut to it, as rich would.

    >>> fold("结论：未达标（未达标指标 15 项，另有 45 个评估单位未达到要求，待核实 10 项）", 28)
    ['结论：未达标（未达标指标', '15 项，另有 45 个评估单位未', '达到要求，待核实 10 项）']
    >>> fold("学前 8,680 (8,633–8,725)；小学 29,810 (29,638–29,954)", 26, "    ")
    ['学前 8,680 (8,633–8,725)；', '    小学 29,810', '    (29,638–29,954)']
    >>> fold("教师数 4.18 人/百生（标准 4.2 人/百生）；面积 3.61 平方米/生", 20)
    ['教师数 4.18 人/百生', '（标准', '4.2 人/百生）；面积', '3.61 平方米/生']
    """
    lines: list[str] = []
    line = text[:len(text) - len(text.lstrip(" "))]  # a leading indent is kept
    for atom in _ATOM.finditer(text):
        piece = text[atom.start():atom.end()]
        gap = " " if atom.start() > 0 and text[atom.start() - 1] == " " and line.strip() else ""
        if line.strip() and cell_len(line + gap + piece) > width:
            lines.append(line)
            line = indent
            gap = ""
        line += gap + piece
        while cell_len(line) > width > cell_len(indent):
            cut = max(k for k in range(len(line) + 1) if cell_len(line[:k]) <= width)
            lines.append(line[:cut])
            line = indent + line[cut:]
    return [*lines, line] if line.strip() or not lines else lines


def stack_below(table: Table, width: int, heads: tuple[str, ...] | None = None) -> Table:
    """Print ``table`` a row a line on a console narrower than ``width`` (a table whose long
    texts would fold into a column of a few characters each, review rw 10), naming its columns
    ``heads`` there (shorter: 「甲」 for 「方案甲（新建学校，本方案）」)."""
    table.stack_below = width  # type: ignore[attr-defined]
    table.stack_heads = heads  # type: ignore[attr-defined]
    return table


def stacked(table: Table) -> list[str]:
    """A table too wide for the terminal as one line per row: 「行名：表头 值；表头 值」, so
    no figure is cut (the title first, an empty cell left out).

    >>> t = Table(title="分年度投资（万元）")
    >>> t.add_column("项目"); t.add_column("2027 学年"); t.add_column("2028 学年")
    >>> t.add_row("布局调整", "1,593.65", ""); t.add_row("达标路径", "1.00", "2.00")
    >>> stacked(t)
    ['分年度投资（万元）', '  布局调整：2027 学年 1,593.65', '  达标路径：2027 学年 1.00；2028 学年 2.00']
    """
    heads = getattr(table, "stack_heads", None) or [str(c.header) for c in table.columns]
    lines = [str(table.title)] if table.title else []
    for row in zip(*(c._cells for c in table.columns), strict=True):
        cells = [" ".join(str(cell).split("\n")) for cell in row]
        rest = "；".join(f"{h}{'' if h.endswith('：') or not h else ' '}{v}"
                        for h, v in zip(heads[1:], cells[1:], strict=True) if v)
        lines.append(f"  {cells[0]}：{rest}")
    return lines


def fold_cells(table: Table, console: Console) -> None:
    """Fold the text cells and headers of ``table`` by :func:`fold` at the widths rich gives
    their columns on ``console``: rich breaks a cell only at spaces and cuts a long word
    anywhere, so a figure went to one line and its unit to the next (「5,395.84」 /
    「万元（含…」, review rw 10) or a figure was cut. Cells with markup are left to rich."""
    options = console.options.update_width(console.width - table._extra_width)
    widths = table._calculate_column_widths(console, options)
    for index, (column, width) in enumerate(zip(table.columns, widths, strict=True)):
        room = width - table._get_padding_width(index)
        if column.no_wrap or room < 2:
            continue
        column._cells = [folded(cell, room) for cell in column._cells]
        column.header = folded(column.header, room)


def folded(cell, width: int):
    """``cell`` folded to ``width`` when it is plain text, else as it is."""
    if not isinstance(cell, str) or "[/" in cell:
        return cell
    return "\n".join(part for line in cell.split("\n") for part in fold(line, width))


class ReadersConsole(Console):
    """A console whose lines are not broken by rich and whose tables keep figures whole:
    a table that cannot fit the width with its figures whole is printed a row a line."""

    def print(self, *objects, **options) -> None:
        if not any(isinstance(o, Table) for o in objects):
            return super().print(*objects, **options)
        for o in objects:
            if not isinstance(o, Table):
                super().print(o, **options)
                continue
            keep_figures_whole(o)
            if narrowest(o) > self.width or self.width < getattr(o, "stack_below", 0):
                for line in stacked(o):
                    self.print_folded(line, "    ")
            else:  # a table is laid out to the width
                fold_cells(o, self)
                super().print(o, **{**options, "soft_wrap": False})

    def print_folded(self, line: str, indent: str = "  ") -> None:
        """``line`` (plain text) unbroken into a file or a pipe; on a terminal folded to its
        width by :func:`fold`, so that the terminal does not cut a figure at its edge."""
        lines = fold(line, self.width, indent) if self.is_terminal else [line]
        for part in lines:
            super().print(part, markup=False, highlight=False)


def measuring_console(**options) -> Console:
    """A console that reads the terminal's width (or ``COLUMNS``) at each print: rich fixes
    the width from ``COLUMNS`` when a console is made, and this module is imported once per
    process, so a process started with a narrow ``COLUMNS`` (pytest-xdist's workers: 80)
    wrapped every later line at it whatever ``COLUMNS`` said by then."""
    pinned = {name: os.environ.pop(name) for name in ("COLUMNS", "LINES") if name in os.environ}
    try:
        return ReadersConsole(soft_wrap=True, _environ=LiveEnviron(), **options)
    finally:
        os.environ.update(pinned)
