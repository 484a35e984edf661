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
        if any(cells) and all(not c or FIGURE.fullmatch(c.strip()) for c in cells):
            column.no_wrap = True
            column.min_width = max(column.min_width or 0, max(cell_len(c) for c in cells))


def narrowest(table: Table) -> int:
    """The fewest columns ``table`` takes with its figures whole and each text column folded
    to 8 (four 汉字): a border and two spaces of padding around every column."""
    widths = []
    for column in table.columns:
        natural = max([cell_len(str(cell)) for cell in column._cells] + [1])
        widths.append(max(column.min_width or 0, natural) if column.no_wrap else min(8, natural))
    return 1 + sum(w + 3 for w in widths)


def stacked(table: Table) -> list[str]:
    """A table too wide for the terminal as one line per row: 「行名：表头 值；表头 值」, so
    no figure is cut (the title first, an empty cell left out).

    >>> t = Table(title="分年度投资（万元）")
    >>> t.add_column("项目"); t.add_column("2027 学年"); t.add_column("2028 学年")
    >>> t.add_row("布局调整", "1,593.65", ""); t.add_row("达标路径", "1.00", "2.00")
    >>> stacked(t)
    ['分年度投资（万元）', '  布局调整：2027 学年 1,593.65', '  达标路径：2027 学年 1.00；2028 学年 2.00']
    """
    heads = [str(c.header) for c in table.columns]
    lines = [str(table.title)] if table.title else []
    for row in zip(*(c._cells for c in table.columns), strict=True):
        cells = [str(cell) for cell in row]
        rest = "；".join(f"{h} {v}" for h, v in zip(heads[1:], cells[1:], strict=True) if v)
        lines.append(f"  {cells[0]}：{rest}")
    return lines


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
            if narrowest(o) > self.width:
                for line in stacked(o):
                    super().print(line, markup=False, highlight=False)
            else:  # a table is laid out to the width
                super().print(o, **{**options, "soft_wrap": False})


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
