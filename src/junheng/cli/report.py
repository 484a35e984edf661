"""``junheng report``: the self-evaluation report (自评报告.docx) and the offline HTML report.

The county comes from a workbook (``--file``) or from the store (``--db``/``--county``/
``--year``; the forecast then uses every school year the store holds up to ``--year``). An
optional layout plan (``--layout DIR/plan.json``) and plan file (``--ledger PLAN.yaml``) add
their sections. :func:`write_reports` is the same job as a plain function (``junheng demo``).
"""

from __future__ import annotations

import json
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import typer

from junheng.cli.app import command, console, err_console
from junheng.errors import ConfigError, JunhengError
from junheng.model import CountyData

DOCX_NAME = "自评报告.docx"
HTML_NAME = "report.html"
REPORT_STANDARDS = ("quality-2017", "basic-2012")
DEFAULT_HORIZON = 8


# --- the job as plain functions ------------------------------------------------------------

def read_layout_plan(path: Path) -> dict[str, Any]:
    """A layout plan from ``plan.json`` (or from the folder ``junheng plan layout`` wrote it to)."""
    file = path / "plan.json" if path.is_dir() else path
    if not file.is_file():
        raise ConfigError(f"找不到布局方案 {file}：请指定 junheng plan layout --out 目录中的 plan.json。")
    try:
        plan = json.loads(file.read_text(encoding="utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise ConfigError(f"布局方案 {file} 不是有效的 JSON（{exc}）：请使用 junheng plan layout 写出的 "
                          "plan.json。") from None
    if not isinstance(plan, dict) or "schools" not in plan or "metrics" not in plan:
        raise ConfigError(f"布局方案 {file} 缺少 schools 或 metrics：请使用 junheng plan layout 写出的 "
                          "plan.json。")
    return plan


def check_layout_county(plan: dict[str, Any], data: CountyData) -> None:
    """A layout plan made for another county is refused (its schools would not match)."""
    code = str(plan.get("county") or "")
    if code and code != data.county_code:
        raise ConfigError(f"布局方案属于县区 {code}，而报告的县区是 {data.county_code}：请指定同一县区的方案。")


def ledger_over(plan_path: Path, history: Sequence[CountyData]):
    """Measure a plan file's targets on the given school years of one county (in memory)."""
    from junheng.ledger import load_plan, run_ledger

    plan = load_plan(plan_path)
    by_year = {(d.county_code, d.school_year): d for d in history}
    latest = history[-1]
    name = latest.info.get("county_name") or latest.county_code
    return run_ledger(plan, lambda code, year: by_year[(code, year)], sorted(by_year),
                      region=f"{name}（{latest.county_code}）")


def forecast_or_reason(history: Sequence[CountyData], horizon: int = DEFAULT_HORIZON):
    """(forecast, None), or (None, the Chinese reason) when the data cannot be forecast."""
    from junheng.forecast import forecast_county

    try:
        return forecast_county(list(history), horizon), None
    except JunhengError as exc:
        return None, str(exc)


def write_reports(data_history: Sequence[CountyData], out: Path, *,
                  layout_plan: dict[str, Any] | None = None, ledger=None, forecast="auto",
                  standard: str = "quality-2017") -> list[Path]:
    """Evaluate the latest school year and write ``out/自评报告.docx`` and ``out/report.html``.

    Parameters
    ----------
    data_history
        One county's school years, oldest first; the latest is evaluated, all are forecast.
    out
        The output folder (created if missing).
    layout_plan
        A layout plan as written to ``plan.json``.
    ledger
        A :class:`~junheng.ledger.Ledger`, or the path of a plan YAML measured on ``data_history``.
    forecast
        A forecast already computed, ``None`` for none, or ``"auto"`` (default): computed
        (8 years) from ``data_history`` and left out when the data cannot be forecast.
    standard
        ``quality-2017`` (default) or ``basic-2012``.

    Returns
    -------
    list of Path
        The Word and the HTML report.
    """
    from junheng.evaluate import evaluate
    from junheng.report.html_report import write_html_report
    from junheng.report.self_evaluation_docx import write_self_evaluation_docx

    history = sorted(data_history, key=lambda d: d.school_year)
    if not history:
        raise ConfigError("没有县区数据：write_reports 至少需要一个学年的数据。")
    data = history[-1]
    if layout_plan is not None:
        check_layout_county(layout_plan, data)
    if isinstance(ledger, str | Path):
        ledger = ledger_over(Path(ledger), history)
    if isinstance(forecast, str):
        forecast, _ = forecast_or_reason(history)
    evaluation = evaluate(data, standard)
    out = Path(out)
    out.mkdir(parents=True, exist_ok=True)
    extras = {"forecast": forecast, "layout_plan": layout_plan, "ledger": ledger, "data": data}
    return [write_self_evaluation_docx(evaluation, out / DOCX_NAME, **extras),
            write_html_report(evaluation, out / HTML_NAME, **extras)]


# --- the command ---------------------------------------------------------------------------

def _check_arguments(file: Path | None, county: str | None, out: Path | None,
                     standard: str) -> None:
    if out is None:
        raise ConfigError("请用 --out 指定输出目录（如 --out 报告）：自评报告.docx 和 report.html 写入该目录。")
    if file is not None and county is not None:
        raise ConfigError("请只指定一种数据来源：--file 工作簿，或 --db、--county（、--year）指定库中的县区。")
    if file is None and county is None:
        raise ConfigError("请用 --file 指定县域教育数据工作簿，或用 --db、--county（、--year）指定库中的县区。")
    if standard not in REPORT_STANDARDS:
        raise ConfigError(f"自评报告的评估标准“{standard}”无效：可选 {'、'.join(REPORT_STANDARDS)}。")


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


@command("report", help="生成自评报告（Word，自评报告.docx）和离线 HTML 报告（report.html）：评估结论、差异系数、"
                        "政府保障、存在的问题、整改措施，可附入学预测、布局方案和规划台账。")
def report_command(
    file: Path | None = typer.Option(None, "--file", help="县域教育数据工作簿（.xlsx）；不用时从库中读取。"),
    db: str | None = typer.Option(None, "--db", help="数据库地址（如 sqlite:///junheng.db），默认取 JUNHENG_DATABASE_URL。"),
    county: str | None = typer.Option(None, "--county", help="从库中读取时的县区代码（6 位）。"),
    year: int | None = typer.Option(None, "--year", help="从库中读取时评估的学年，如 2025；默认库中最新学年。预测使用该学年及以前的全部学年。"),
    out: Path | None = typer.Option(None, "--out", help="输出目录（不存在时创建），写出 自评报告.docx 和 report.html。"),
    layout: Path | None = typer.Option(None, "--layout", help="布局方案 plan.json（或其所在目录），由 junheng plan layout 写出；报告中加入撤并、扩建、新建及分期。"),
    ledger: Path | None = typer.Option(None, "--ledger", help="规划计划 YAML（格式见 docs/plan-yaml.md）；报告中加入各项目标的进展和状态。"),
    standard: str = typer.Option("quality-2017", "--standard", help="评估标准：quality-2017（优质均衡，默认）或 basic-2012（基本均衡）。"),
    horizon: int = typer.Option(DEFAULT_HORIZON, "--horizon", min=1, max=10, help="入学预测年数，1–10，默认 8。"),
) -> None:
    """生成自评报告（Word）和离线 HTML 报告。"""
    _check_arguments(file, county, out, standard)
    began = time.perf_counter()
    plan = read_layout_plan(layout) if layout is not None else None
    history = _history(file, db, county, year)
    data = history[-1]
    if plan is not None:
        check_layout_county(plan, data)
    progress = ledger_over(ledger, history) if ledger is not None else None
    forecast, reason = forecast_or_reason(history, horizon)
    if reason:
        err_console.print(f"[yellow]提示：[/]未能做入学预测（{reason}），报告中不含预测部分。")
    paths = write_reports(history, out, layout_plan=plan, ledger=progress, forecast=forecast,
                          standard=standard)
    name = data.info.get("county_name") or data.county_code
    console.print(f"{name}（{data.county_code}）{data.school_year} 学年报告已写出（用时 "
                  f"{time.perf_counter() - began:.1f} 秒）：")
    for path in paths:
        console.print(f"  {path}", highlight=False)


__all__ = ["forecast_or_reason", "ledger_over", "read_layout_plan", "report_command",
           "write_reports"]
