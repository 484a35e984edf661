"""``junheng report``: the self-evaluation report (自评报告.docx) and the offline HTML report.

The county comes from a workbook (``--file``) or from the store (``--db``/``--county``/
``--year``; the forecast then uses every school year the store holds up to ``--year``). An
optional layout plan (``--layout DIR/plan.json``, read by the one ``plan.json`` reader) and plan
file (``--ledger PLAN.yaml``) add their sections. The job itself is
:func:`junheng.jobs.reports.write_reports`.
"""

from __future__ import annotations

import time
from pathlib import Path

import typer

from junheng.cli.app import command, console, err_console
from junheng.errors import ConfigError
from junheng.jobs.forecast import DEFAULT_HORIZON
from junheng.jobs.reports import REPORT_STANDARDS
from junheng.model import CountyData
from junheng.model.choices import STANDARDS

# --- the command ---------------------------------------------------------------------------

def _check_arguments(file: Path | None, county: str | None, out: Path | None,
                     standard: str) -> None:
    if out is None:
        raise ConfigError("请用 --out 指定输出目录（如 --out 报告）：自评报告.docx 和 自评报告（网页）.html 写入该目录。")
    if file is not None and county is not None:
        raise ConfigError("请只指定一种数据来源：--file 工作簿，或 --db、--county（、--year）指定库中的县区。")
    if file is None and county is None:
        raise ConfigError("请用 --file 指定县域教育数据工作簿，或用 --db、--county（、--year）指定库中的县区。")
    STANDARDS.only(*REPORT_STANDARDS, what="自评报告的评估标准").code(standard)


def _history(file: Path | None, db: str | None, county: str | None,
             year: int | None) -> list[CountyData]:
    if file is not None:
        from junheng.io import read_workbook

        return [read_workbook(file)]
    from junheng.cli.loading import load_county_years

    history = load_county_years(db=db, county=county, up_to=year)
    if year is not None and history[-1].school_year != year:
        shown = "、".join(str(d.school_year) for d in history)
        raise ConfigError(f"库中没有县区 {county} {year} 学年的数据（已有：{shown}）：请先导入该学年的工作簿，"
                          "或改用已有学年。")
    return history


def _compliance(path: Path | None) -> dict | None:
    if path is None:
        return None
    import json

    path = path / "plan.json" if path.is_dir() else path
    try:
        doc = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise ConfigError(f"无法读取达标路径方案 {path.name}：请指定 junheng plan compliance 写出的 plan.json。") \
            from exc
    if not isinstance(doc, dict) or "actions" not in doc:
        raise ConfigError(f"{path.name} 不是达标路径方案（缺少整改项目）：请指定 junheng plan compliance 写出的 plan.json。")
    return doc


@command("report", help="生成自评报告（自评报告.docx）和离线网页报告（自评报告（网页）.html）。\n\n"
                        "内容：评估结论、差异系数、政府保障、存在的问题、整改措施，可附入学预测、布局方案和规划台账。")
def report_command(
    file: Path | None = typer.Option(None, "--file", help="县域教育数据工作簿（.xlsx）；不用时从库中读取。"),
    db: str | None = typer.Option(None, "--db", help="数据库地址（如 sqlite:///junheng.db），默认取 JUNHENG_DATABASE_URL。"),
    county: str | None = typer.Option(None, "--county", help="从库中读取时的县区代码（6 位）。"),
    year: int | None = typer.Option(None, "--year", help="从库中读取时评估的学年，如 2025；默认库中最新学年。预测使用该学年及以前的全部学年。"),
    out: Path | None = typer.Option(None, "--out", help="输出目录（不存在时创建），写出 自评报告.docx 和 自评报告（网页）.html。"),
    layout: Path | None = typer.Option(None, "--layout", help="布局方案 plan.json（或其所在目录），由 junheng plan layout 写出；报告中概述撤并、扩建、新建及分期，并另写出 布局调整方案.docx。"),
    ledger: Path | None = typer.Option(None, "--ledger", help="规划计划文件（.yaml，格式见 docs/plan-yaml.md）；报告中加入各项目标的进展和状态。"),
    standard: str = typer.Option("优质均衡", "--standard", help="评估标准：优质均衡（也可写 quality-2017）或 基本均衡（basic-2012）。"),
    horizon: int = typer.Option(DEFAULT_HORIZON, "--horizon", min=1, max=10, help="入学预测年数，1–10，默认 8。"),
    compliance: Path | None = typer.Option(None, "--compliance", help="达标路径方案 plan.json（由 junheng plan compliance 写出）；整改措施按项目类别和年度汇总该方案。"),
    overlay: Path | None = typer.Option(None, "--overlay", help="省级覆盖文件（.yaml），用其中的阈值替换国家标准，与 junheng evaluate --overlay 相同，如 examples/overlays/henan.yaml；不指定时用库中为该县区设置的省级补充标准。"),
    pdf: bool = typer.Option(False, "--pdf", help="同时用 LibreOffice 转出 自评报告.pdf；未安装 LibreOffice 时只写 Word 文件并提示。"),
) -> None:
    """生成自评报告（文档）和离线网页报告。"""
    from junheng.jobs import (
        Evaluations,
        check_layout_county,
        forecast_or_reason,
        ledger_over,
        write_reports,
    )
    from junheng.jobs.figures import headline_figures
    from junheng.planning.layout_json import read_layout_json

    _check_arguments(file, county, out, standard)
    standard = STANDARDS.code(standard)
    began = time.perf_counter()
    plan = read_layout_json(layout) if layout is not None else None
    history = _history(file, db, county, year)
    data = history[-1]
    if plan is not None:
        check_layout_county(plan, data)
    evaluations = Evaluations(overlay=overlay)
    progress = (ledger_over(ledger, history, evaluations=evaluations, layout=plan)
                if ledger is not None else None)
    forecast, reason = forecast_or_reason(history, horizon)
    if reason:
        err_console.print(f"[yellow]提示：[/]未能做入学预测（{reason}），报告中不含预测部分。")
    figures = headline_figures(data, evaluations.all(data), forecast)
    paths = write_reports(history, out, layout_plan=plan, ledger=progress, forecast=forecast,
                          standard=standard, evaluations=evaluations,
                          compliance=_compliance(compliance), pdf=pdf, figures=figures)
    if pdf and not any(p.suffix == ".pdf" for p in paths):
        err_console.print("[yellow]提示：[/]本机未安装 LibreOffice（或转换失败），只写出 Word 文件；"
                          "可在 Word 或 WPS 中另存为 PDF。")
    name = data.info.get("county_name") or data.county_code
    console.print(f"{name}（{data.county_code}）{data.school_year} 学年报告已写出（用时 "
                  f"{time.perf_counter() - began:.1f} 秒）：")
    for path in paths:
        console.print(f"  {path}", highlight=False)
    print_figures(figures)


def print_figures(figures) -> None:
    """The run's 主要数据, as the reports, the evaluation Excel and the web show them: one
    line a figure (a table would wrap its labels in a narrow terminal)."""
    console.print("[bold]主要数据[/]（与网页报告、评估报表、自评报告同一来源）：")
    for label, value in figures.rows():
        console.print(f"  {label}：{value}", highlight=False, soft_wrap=True)
    if figures.cv_note():
        console.print(f"  注：{figures.cv_note()}", highlight=False, soft_wrap=True)


__all__ = ["report_command"]
