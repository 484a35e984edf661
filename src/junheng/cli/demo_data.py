"""``junheng demo-data``: write realistic demo county workbooks (one per county and school year)."""

from __future__ import annotations

import time
from pathlib import Path

import typer
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table

from junheng.cli.app import command, console
from junheng.demo import check_arguments, county_specs, iter_counties
from junheng.errors import JunhengError
from junheng.io import CountySummary, summarize_county, write_workbook
from junheng.io.summary import schools_text

SUMMARY_ROWS = 12  # county-years listed one by one; the rest only in the totals


def workbook_name(county_code: str, school_year: int) -> str:
    """File name of one county-year: ``<县区代码>_<学年>.xlsx``."""
    return f"{county_code}_{school_year}.xlsx"


def _planned_files(out: Path, seed: int, counties: int, years: int, first_year: int
                   ) -> list[Path]:
    specs = county_specs(seed, counties)
    return [out / workbook_name(spec.county_code, first_year + k)
            for spec in specs for k in range(years)]


def _summary_table(rows: list[tuple[str, CountySummary, Path]]) -> Table:
    """One row a county-year, 学校 and 教学点 apart as the 自评 counts them (rw: the column
    学校 held the 教学点 its total line left out), each count with its unit under its header."""
    table = Table(title="已生成的演示工作簿")
    for head in ("县区", "学年", "学校\n（所）", "教学点\n（个）", "班级\n（个）", "学生\n（人）",
                 "教职工\n（人）"):
        table.add_column(head, justify="left" if head == "县区" else "right")
    for name, s, _ in rows[:SUMMARY_ROWS]:
        table.add_row(f"{name}（{s.county_code}）", str(s.school_year),
                      f"{s.schools - s.teaching_points:,}", f"{s.teaching_points:,}",
                      f"{s.classes:,}", f"{s.students:,}", f"{s.teachers:,}")
    if len(rows) > SUMMARY_ROWS:
        table.add_row(f"……另有 {len(rows) - SUMMARY_ROWS} 个", "", "", "", "", "", "")
    return table


def year_totals(summaries: list[CountySummary]) -> list[str]:
    """One total line a school year: the same pupils are counted again in the next year's
    workbook, so a sum over years counts them twice (rw 2: 「学生 134,170 人（各学年分别计入）」)."""
    lines = []
    for year in sorted({s.school_year for s in summaries}):
        held = [s for s in summaries if s.school_year == year]
        schools = schools_text(*(sum(getattr(s, k) for s in held)
                                 for k in ("schools", "teaching_points", "kindergartens")))
        lines.append(f"{year} 学年 {len(held)} 个县区合计：{schools}，"
                     f"班级 {sum(s.classes for s in held):,} 个，学生 {sum(s.students for s in held):,} 人，"
                     f"教职工 {sum(s.teachers for s in held):,} 人。")
    return lines


def file_lines(paths: list[Path]) -> list[str]:
    """The workbooks written, a whole path a line (a table column cut 「410331 / _2024.xlsx」 in
    two at 80 columns, rw 3), the first ``SUMMARY_ROWS`` of them."""
    lines = ["工作簿文件："] + [f"  {p}" for p in paths[:SUMMARY_ROWS]]
    if len(paths) > SUMMARY_ROWS:
        lines.append(f"  ……另有 {len(paths) - SUMMARY_ROWS} 个，均在同一目录")
    return lines


@command("demo-data", help="生成演示用的县域教育数据工作簿（虚构县区，每县每学年一个文件）。\n\n"
                           "同一随机种子结果完全相同；文件名为 <县区代码>_<学年>.xlsx，均可通过 junheng validate 检查。")
def demo_data(
    out: Path = typer.Option(..., "--out", help="输出目录（不存在时自动创建）。"),
    seed: int = typer.Option(2025, "--seed", help="随机种子（非负整数）；同一种子生成完全相同的数据。"),
    counties: int = typer.Option(1, "--counties", help="县区数：1 为默认演示县（洛北县，约 12 个乡镇、250 个村居）；"
                                                        "100 约为一个省的规模（约 15,000 所学校）。"),
    years: int = typer.Option(2, "--years", help="每个县区连续生成的学年数（1–20）。"),
    first_year: int = typer.Option(2024, "--first-year", help="起始学年，2024 表示 2024–2025 学年。"),
    workers: int = typer.Option(1, "--workers", help="并行生成县区的进程数（不影响生成结果）。"),
    force: bool = typer.Option(False, "--force", help="输出文件已存在时覆盖（默认不覆盖，以免误删已修改的工作簿）。"),
) -> None:
    """生成演示用的县域教育数据工作簿。"""
    started = time.perf_counter()
    check_arguments(seed, counties, years, first_year)
    planned = _planned_files(out, seed, counties, years, first_year)
    existing = [p for p in planned if p.exists()]
    if existing and not force:
        raise JunhengError(f"输出目录中已有 {len(existing)} 个同名工作簿（如“{existing[0].name}”），未覆盖："
                           "请换一个输出目录，或加 --force 覆盖。")
    out.mkdir(parents=True, exist_ok=True)
    written: list[tuple[str, CountySummary, Path]] = []
    progress = Progress(TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(),
                        TimeElapsedColumn(), console=console, transient=True)
    with progress:
        task = progress.add_task("生成演示数据", total=counties * years)
        for county in iter_counties(seed, counties, years, first_year, workers=workers):
            for data in county:
                path = write_workbook(data, out / workbook_name(data.county_code,
                                                                data.school_year))
                written.append((str(data.info["county_name"]), summarize_county(data), path))
                progress.update(task, advance=1,
                                description=f"{data.info['county_name']} {data.school_year} 学年")
    console.print(_summary_table(written))
    console.print(
        f"[bold green]完成[/]：{counties} 个县区 × {years} 个学年，共 {len(written)} 个工作簿，写入 {out}"
        f"（随机种子 {seed}，用时 {time.perf_counter() - started:.1f} 秒）。")
    for line in [*year_totals([s for _, s, _ in written]), *file_lines([p for _, _, p in written])]:
        console.print(line, markup=False, highlight=False)
    console.print("下一步：junheng validate <文件> 检查，或 junheng import <文件> 导入数据库。")
