"""``junheng template`` and ``junheng validate``: the county workbook's two user tasks."""

from __future__ import annotations

from pathlib import Path

import typer

from junheng.cli.app import command, console, err_console, print_paths, print_problems
from junheng.errors import JunhengError
from junheng.io import CountySummary, inspect_workbook, summarize_county, write_template


@command("template", help="生成空白的县域教育数据工作簿模板（.xlsx）：含全部工作表、表头、批注、下拉列表、示例行和“说明”表。")
def template(
    out: Path = typer.Argument(..., metavar="模板文件", help="要写出的模板文件路径，例如 模板.xlsx。"),
    force: bool = typer.Option(False, "--force", help="文件已存在时覆盖它（默认不覆盖，以免误删已填数据）。"),
) -> None:
    """生成空白的县域教育数据工作簿模板。"""
    if out.exists() and not force:
        raise JunhengError(f"文件“{out}”已存在，未覆盖：请换一个文件名，或加 --force 覆盖。")
    if out.suffix.lower() != ".xlsx":
        raise JunhengError(f"模板文件名“{out.name}”应以 .xlsx 结尾。")
    write_template(out)
    print_paths("已生成模板：", [out])


def _print_summary(summary: CountySummary) -> None:
    title = f"{summary.county_name or ''}（{summary.county_code or '县区代码未填'}）{summary.school_year or ''} 学年"
    console.print(f"[bold green]检查通过[/]：{title}")
    by_type = "，".join(f"{label} {n} {'个' if label == '教学点' else '所'}"
                        for label, n in summary.schools_by_type.items())
    console.print(summary.schools_text + (f"：{by_type}" if by_type else ""))
    console.print(f"班级 {summary.classes:,} 个，学生 {summary.students:,} 人")
    console.print(f"教职工 {summary.teachers:,} 人（专任教师 {summary.full_time_teachers:,} 人）")
    console.print(f"村居 {summary.villages:,} 个")
    if summary.v2_rows:
        rows = "，".join(f"{name} {n:,} 行" for name, n in summary.v2_rows.items())
        console.print(f"第 2 版新增数据：{rows}")


@command("validate", help="检查县域教育数据工作簿：逐条列出问题（工作表 / 行 / 列 / 值 / 说明），有问题时退出码为 1；无问题时显示汇总。")
def validate(
    file: Path = typer.Argument(..., metavar="工作簿", help="要检查的县域教育数据工作簿（.xlsx）。"),
) -> None:
    """检查县域教育数据工作簿。"""
    reading = inspect_workbook(file)
    for notice in reading.notices:
        console.print(f"提示：{notice}")
    if reading.problems or reading.data is None:
        print_problems(reading.problems)
        err_console.print(f"[bold red]未通过[/]：“{file.name}”有 {len(reading.problems)} 处问题，"
                          "请按上面所列逐条修改后重新检查。")
        raise typer.Exit(1)
    _print_summary(summarize_county(reading.data))
