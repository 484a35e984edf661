"""``junheng province run`` (every county-year × job of a city or province on Dask, written
back to the store) and ``junheng province status`` (what is done for the data held now)."""

from __future__ import annotations

import logging
import re
from pathlib import Path
from typing import Any

import typer
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    TextColumn,
    TimeElapsedColumn,
    TimeRemainingColumn,
)
from rich.table import Table

from junheng.cli.app import app, command, console, group
from junheng.cli.loading import database_url
from junheng.errors import ConfigError

DB_HELP = ("数据库地址，如 postgresql+psycopg://用户@主机/库名（多台机器计算时必须用 PostgreSQL）；"
           "默认取环境变量 JUNHENG_DATABASE_URL。")
DEFAULT_JOBS = "评估,招生预测,布局规划,达标路径"
STATUS_STYLES = {"done": "green", "timeout": "yellow", "failed": "red"}

province_app = group("全省（全市）批量计算：各县区的评估、预测、布局规划、达标路径和规划台账，"
                     "在多台计算机上并行计算并写回数据库。")
app.add_typer(province_app, name="province")


def _options(plans: Path | None):
    from junheng.jobs.province_tasks import JobOptions
    from junheng.settings import get_settings

    settings = get_settings()
    files: tuple[str, ...] = ()
    if plans is not None:
        if not plans.is_dir():
            raise ConfigError(f"计划文件目录 {plans} 不存在或不是目录。")
        files = tuple(str(p.resolve()) for p in sorted(plans.glob("*.yaml")))
        if not files:
            raise ConfigError(f"目录 {plans} 中没有计划文件（.yaml）。")
    return JobOptions(layout_time_limit=settings.province_layout_time_limit,
                      layout_gap=settings.province_layout_gap,
                      compliance_time_limit=settings.province_compliance_time_limit,
                      compliance_gap=settings.province_compliance_gap, plans=files)


def _tasks(store: Any, *, city: str | None, counties: str | None, everything: bool,
           year: int | None, jobs: str, plans: Path | None):
    from junheng.jobs.province import plan_tasks

    chosen = sum(bool(x) for x in (city, counties, everything))
    if chosen != 1:
        raise ConfigError("请用 --city 地市名、--counties 县区代码（逗号分隔）或 --all 三者之一选择县区。")
    codes = [c.strip() for c in counties.split(",") if c.strip()] if counties else None
    options = _options(plans)
    return plan_tasks(store.counties(), re.split(r"[,，、]", jobs), options, city=city, counties=codes,
                      year=year), options


class _Bar:
    """The progress bar: tasks done, failed and running, elapsed time and an estimate."""

    def __init__(self, progress: Progress):
        self.progress, self.task, self.failed = progress, None, 0

    def start(self, total: int, skipped: int) -> None:
        if skipped:
            console.print(f"已跳过 {skipped} 项（相同数据已计算完成）。")
        self.task = self.progress.add_task("计算中", total=total, failed=0, running=0)

    def finished(self, row: dict[str, Any], running: int) -> None:
        self.failed += row["status"] == "failed"
        self.progress.update(self.task, advance=1, failed=self.failed, running=running)


def _progress() -> Progress:
    return Progress(TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(),
                    TextColumn("失败 {task.fields[failed]} · 运行中 {task.fields[running]}"),
                    TextColumn("已用"), TimeElapsedColumn(), TextColumn("预计剩余"),
                    TimeRemainingColumn(), console=console)


@command("run", parent=province_app,
         help="在多台计算机（或本机多个进程）上并行计算所选县区的各项任务并写回数据库。\n\n每个学年和每项任务各建一个计算任务；"
              "已按相同数据算完的任务会跳过，失败的县区单独列出，其余照常完成。")
def run(
    db: str | None = typer.Option(None, "--db", help=DB_HELP),
    city: str | None = typer.Option(None, "--city", help="只算这个地市的县区，如 新乡市。"),
    counties: str | None = typer.Option(None, "--counties", help="只算这些县区（代码，逗号分隔）。"),
    everything: bool = typer.Option(False, "--all", help="计算库中的全部县区。"),
    year: int | None = typer.Option(None, "--year", help="计算哪个学年；默认各县区库中最新的学年。"),
    jobs: str = typer.Option(DEFAULT_JOBS, "--jobs",
                             help="任务，逗号分隔：评估（也可写 evaluate）、招生预测（forecast）、布局规划（layout）、"
                                  "达标路径（compliance）、规划台账（ledger，需 --plans）。"),
    plans: Path | None = typer.Option(None, "--plans", help="规划台账的计划文件目录（各机器上路径相同）。"),
    scheduler: str | None = typer.Option(None, "--scheduler",
                                         help="已启动的调度器（dask scheduler）地址，如 tcp://10.0.0.5:8786；"
                                              "不写则在本机启动临时集群。"),
    workers: int = typer.Option(2, "--workers", help="本机临时集群的工作进程数（至少 1）。"),
    serial: bool = typer.Option(False, "--serial", help="不并行，在本进程中逐个计算。"),
) -> None:
    """批量计算各县区并写回数据库。"""
    from junheng.jobs.province import check_scheduler, run_province
    from junheng.store import open_store

    if workers < 1:
        raise ConfigError(f"--workers 应至少为 1，而不是 {workers}。")
    url = database_url(db)
    check_scheduler(url, scheduler)
    logging.getLogger("distributed").setLevel(logging.ERROR)  # its English warnings stay out
    with open_store(url) as store:
        tasks, options = _tasks(store, city=city, counties=counties, everything=everything,
                                year=year, jobs=jobs, plans=plans)
    with _progress() as progress:
        done = run_province(url, tasks, options, scheduler=scheduler, workers=workers,
                            serial=serial, listener=_Bar(progress))
    _summary(done)
    if done.count("failed"):
        raise typer.Exit(1)


def _summary(done) -> None:
    from junheng.jobs.province_tasks import JOB_LABELS

    counties = {t.county_code for t in done.tasks}
    console.print(f"共 {len(counties)} 个县区、{len(done.tasks)} 项任务：本次计算 {len(done.rows)} 项"
                  f"（完成 {done.count('done')}，超时 {done.count('timeout')}，失败 {done.count('failed')}），"
                  f"跳过已完成的 {done.skipped} 项，用时 {done.seconds:.1f} 秒。")
    if done.count("timeout"):
        console.print("超时的任务已保存求解到时限为止的最优方案，可调大时限后重新计算。")
    for row in done.rows:
        if row["status"] == "failed":
            name = row["county_name"] or row["county_code"]
            console.print(f"[red]失败[/]：{name}（{row['county_code']}）{row['school_year']} 学年"
                          f"{JOB_LABELS.get(row['job'], row['job'])}：{row['error']}")


NOT_RUN_NOTE = ("“未计算”指库中还没有该项的批量计算结果：批量结果只由 junheng province run 写入库中；"
                "junheng demo 和单县命令（evaluate、forecast、plan、ledger）的结果写在各自的输出文件里，"
                "不计入此表。运行 junheng province run 后即可看到完成情况。")


@command("status", parent=province_app,
         help="列出所选县区每项任务在当前数据上的计算状态（完成、超时、失败、未计算）。")
def status(
    db: str | None = typer.Option(None, "--db", help=DB_HELP),
    city: str | None = typer.Option(None, "--city", help="只看这个地市的县区。"),
    counties: str | None = typer.Option(None, "--counties", help="只看这些县区（代码，逗号分隔）。"),
    everything: bool = typer.Option(False, "--all", help="查看库中的全部县区。"),
    year: int | None = typer.Option(None, "--year", help="哪个学年；默认各县区库中最新的学年。"),
    jobs: str = typer.Option(DEFAULT_JOBS, "--jobs", help="任务，逗号分隔（同 province run）。"),
    plans: Path | None = typer.Option(None, "--plans", help="规划台账的计划文件目录。"),
) -> None:
    """查看批量计算的状态。"""
    from junheng.jobs.province import stored_results
    from junheng.jobs.province_tasks import JOB_LABELS, STATUS_LABELS
    from junheng.store import open_store

    with open_store(database_url(db)) as store:
        tasks, _ = _tasks(store, city=city, counties=counties, everything=everything,
                          year=year, jobs=jobs, plans=plans)
        found = stored_results(store, tasks)
    job_names = list(dict.fromkeys(t.job for t in tasks))
    table = Table(title="批量计算状态")
    for head in ("县区", "学年", *[JOB_LABELS[j] for j in job_names]):
        table.add_column(head, overflow="fold")
    cells: dict[tuple[str, int], dict[str, str]] = {}
    names = {}
    for t in tasks:
        hit = found.get(t.key)
        text = "[dim]未计算[/]" if hit is None else \
            f"[{STATUS_STYLES[hit.status]}]{STATUS_LABELS[hit.status]}[/]"
        cells.setdefault((t.county_code, t.school_year), {})[t.job] = text
        names[t.county_code] = t.county_name or t.county_code
    for (code, year_), row in cells.items():
        table.add_row(f"{names[code]}（{code}）", str(year_), *[row.get(j, "") for j in job_names])
    console.print(table)
    counts = {s: sum(1 for r in found.values() if r.status == s) for s in STATUS_LABELS}
    console.print(f"共 {len(tasks)} 项：" + "，".join(f"{STATUS_LABELS[s]} {n}" for s, n in counts.items())
                  + f"，未计算 {len(tasks) - len(found)}。")
    if len(found) < len(tasks):
        console.print(NOT_RUN_NOTE)
