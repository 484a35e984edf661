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
    # folded by 汉字 with no line starting with 「）」 (rich left 「）」 alone on the third line)
    out = printed(48, year_table("2027", "2028", "2029")).splitlines()
    assert out[4:7] == ["│ 布局调整 │ -1,946.42 │ -1,946.42 │ -1,946.42 │",
                        "│ （方案   │           │           │           │",
                        "│ 甲）     │           │           │           │"]


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


def test_a_text_cell_keeps_a_figure_with_its_unit():
    # rw 10: 「5,395.84」 / 「万元（含新聘教师…」. 40 − 3 borders = 37: 项目 12 + 2 padding, 方案甲
    # 37 − 14 − 2 = 21: 「5,395.84 万元（含新聘」 is 8 + 1 + 4 + 8 = 21; 「教师人员经费」 + 「 400.00 万」
    # would be 12 + 10 = 22, so 「400.00 万元）」 goes down whole
    table = Table()
    table.add_column("项目")
    table.add_column("方案甲")
    table.add_row("每年运行支出", "5,395.84 万元（含新聘教师人员经费 400.00 万元）")
    out = printed(40, table).splitlines()
    cells = [line.split("│")[2].strip() for line in out[3:-1]]
    assert cells == ["5,395.84 万元（含新聘", "教师人员经费", "400.00 万元）"]


def test_a_header_kept_on_one_line_counts_in_the_width():
    # rw 10: the 差异系数 table's header 「调整前（2030 学年…）」 (no_wrap with its figures)
    # took the width and left its text columns 0 wide, their names lost: now a row a line
    table = Table(title="优质均衡差异系数")
    table.add_column("指标")
    table.add_column("调整前（2030 学年不调整布局，计入 2030 学年前建成项目）")
    table.add_row("生均体育运动场馆面积", "0.737")
    out = printed(60, table)
    assert out == ("优质均衡差异系数\n"
                   "  生均体育运动场馆面积：调整前（2030 学年不调整布局，计入 2030 学年前建成项目） 0.737\n")


def test_rows_a_line_below_a_width_with_short_heads():
    from junheng.cli.console import stack_below

    table = Table(title="两个方案比较")
    for head in ("项目", "方案甲（新建学校，本方案）", "方案乙（不新建学校）", "说明"):
        table.add_column(head)
    table.add_row("寄宿生", "8,326 人", "8,378 人", "")
    table.add_row("一次性建设投资", "5,181.59 万元", "1,635.55 万元", "方案乙少 3,546.04 万元")
    stack_below(table, 100, ("项目", "方案甲", "方案乙", "说明："))
    assert printed(99, table) == ("两个方案比较\n  寄宿生：方案甲 8,326 人；方案乙 8,378 人\n"
                                  "  一次性建设投资：方案甲 5,181.59 万元；方案乙 1,635.55 万元；"
                                  "说明：方案乙少 3,546.04 万元\n")
    assert "┃ 项目" in printed(100, table)


def test_on_a_terminal_a_row_a_line_is_folded_between_words():
    made = measuring_console(file=io.StringIO(), width=30, force_terminal=True, color_system=None)
    made.print(year_table("2027", "2028", "2029"))
    # 「  布局调整（方案甲）：2027 -1,946.42；2028 -1,946.42；2029 -1,946.42」 is 67 columns: at 30,
    # 「  布局调整（方案甲）：2027」 is 26 and 「 -1,946.42；」 would make it 37; 「    -1,946.42；2028」
    # is 4 + 11 + 4 = 19 and 「 -1,946.42；」 would make it 31
    assert made.file.getvalue().splitlines() == [
        "分年度投资（万元）", "  布局调整（方案甲）：2027", "    -1,946.42；2028",
        "    -1,946.42；2029 -1,946.42"]


def test_fold_never_cuts_a_figure_nor_starts_a_line_with_closing_punctuation():
    from hypothesis import HealthCheck, given, settings
    from hypothesis import strategies as st

    from junheng.cli.console import fold

    figure = st.builds(lambda n: f"{n:,}", st.integers(0, 10**7))  # at most 10 columns
    word = st.sampled_from(["学校", "，", "。", "（说明）", "万元", " ", "个，"])

    @settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
    @given(st.lists(st.tuples(figure, word), max_size=10), st.integers(16, 40))
    def check(pairs, width):
        lines = fold("".join(f + w for f, w in pairs), width)
        assert all(line and line[0] not in "，。）" for line in lines[1:])
        assert all(cell_len(line) <= width for line in lines)
        joined = " ".join(lines)
        for f, w in pairs:  # every figure whole, with the first character after it
            assert f + w.strip()[:1] in joined
    from rich.cells import cell_len

    check()
