"""The CLI's consoles (junheng.cli.console): unbroken lines, whole figures, a live width."""

import io
import os

from rich.table import Table

from junheng.cli.console import measuring_console

LINE = ("已为县区 410306 设置省级补充标准“河南省”（文件 henan.yaml），该县区今后的评估均按河南省"
        "补充标准（已记入审计日志）。")


def printed(width: int, *objects) -> str:
    made = measuring_console(file=io.StringIO(), width=width)
    made.print(*objects)
    return made.file.getvalue()


def year_table(*years: str) -> Table:
    table = Table(title="分年度投资（万元）")
    for head in ("项目", *years):
        table.add_column(head, overflow="fold")
    table.add_row("布局调整（方案甲）", *["-1,946.42"] * len(years))
    return table


def test_a_line_is_never_broken_by_the_console():
    # CI's run printed this at 80 columns as 「（文件 \nhenan.yaml）」: the terminal folds it instead
    assert printed(40, LINE) == LINE + "\n"


def test_the_width_follows_an_environ_replaced_after_rich_was_imported(monkeypatch):
    made = measuring_console(file=io.StringIO())
    monkeypatch.setattr(os, "environ", {**os.environ, "COLUMNS": "123"})
    assert made.width == 123


def test_a_table_keeps_its_figures_whole_and_folds_its_text():
    # 1 + (8 + 3) + 3 × (9 + 3) = 48 columns at the narrowest: it fits 48, the text column folds
    out = printed(48, year_table("2027", "2028", "2029")).splitlines()
    assert out[4:6] == ["│ 布局调整 │ -1,946.42 │ -1,946.42 │ -1,946.42 │",
                        "│ （方案甲 │           │           │           │"]


def test_a_table_too_wide_for_its_figures_is_printed_a_row_a_line():
    out = printed(47, year_table("2027", "2028", "2029"))
    assert out == ("分年度投资（万元）\n"
                   "  布局调整（方案甲）：2027 -1,946.42；2028 -1,946.42；2029 -1,946.42\n")


def test_a_long_name_is_folded_not_cut():
    table = Table()
    table.add_column("指标")
    table.add_column("小学")
    table.add_row("每百名学生拥有体育、艺术（美术、音乐）专任教师数", "0.452")
    out = printed(30, table)
    assert "…" not in out and "0.452" in out
    assert "".join(line.split("│")[1].strip() for line in out.splitlines()[3:-1]) == \
        "每百名学生拥有体育、艺术（美术、音乐）专任教师数"
