"""``junheng inspection``: the inspection tables (督导评估检查用表.xlsx) of a county-year —
各校资源配置指标, 校际差异系数 and 政府保障程度, with blank columns for the inspectors."""

from __future__ import annotations

from pathlib import Path

import typer

from junheng.cli.app import command, console
from junheng.errors import ConfigError
from junheng.model.choices import STANDARDS

INSPECTION_STANDARDS = ("quality-2017", "basic-2012", "all")


@command("inspection", help="生成督导评估检查用表（电子表格）：各校资源配置指标、校际差异系数、政府保障程度，"
                            "右侧留有核查栏供督导人员填写。")
def inspection_command(
    file: Path | None = typer.Option(None, "--file", help="县域教育数据工作簿（.xlsx）；不用时从库中读取。"),
    db: str | None = typer.Option(None, "--db", help="数据库地址（如 sqlite:///junheng.db），默认取 JUNHENG_DATABASE_URL。"),
    county: str | None = typer.Option(None, "--county", help="从库中读取时的县区代码（6 位）。"),
    year: int | None = typer.Option(None, "--year", help="从库中读取时的学年，如 2025；默认库中最新学年。"),
    out: Path | None = typer.Option(None, "--out", help="输出的电子表格文件（如 督导评估检查用表.xlsx）。"),
    standard: str = typer.Option("优质均衡", "--standard", help="评估标准：优质均衡（也可写 quality-2017）、基本均衡（basic-2012）或 两者（all）。"),
) -> None:
    """生成督导评估检查用表。"""
    from junheng.cli.report import _history
    from junheng.jobs import Evaluations
    from junheng.report.inspection_xlsx import write_inspection_xlsx

    if out is None:
        raise ConfigError("请用 --out 指定输出的电子表格文件（如 --out 督导评估检查用表.xlsx）。")
    standard = STANDARDS.only(*INSPECTION_STANDARDS).code(standard)
    if (file is None) == (county is None):
        raise ConfigError("请用 --file 指定县域教育数据工作簿，或用 --db、--county（、--year）指定库中的县区（二者选一）。")
    data = _history(file, db, county, year)[-1]
    standards = ("quality-2017", "basic-2012") if standard == "all" else (standard,)
    evaluations = Evaluations()
    out.parent.mkdir(parents=True, exist_ok=True)
    path = write_inspection_xlsx([evaluations.get(data, s) for s in standards],
                                 out.with_suffix(".xlsx"))
    name = data.info.get("county_name") or data.county_code
    console.print(f"{name}（{data.county_code}）{data.school_year} 学年督导评估检查用表已写出：")
    console.print(f"  {path}", highlight=False)


__all__ = ["inspection_command"]
