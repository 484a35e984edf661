"""``junheng forecast``: enrolment forecasts for a county, for stage-level data, and backtests.

* ``junheng forecast --db URL --county C --year Y --horizon 8 [--xlsx OUT] [--json OUT]``
  (or ``--file`` one or more workbooks) forecasts every school of a county;
* ``junheng forecast stages --births B.csv --entrants E.csv --horizon H --out OUT.csv`` projects
  primary and junior entrants of a city or province from births;
* ``junheng forecast backtest ...`` prints the rolling-origin MAPE by horizon of every method
  and of the two baselines.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import typer
from rich.table import Table

from junheng.cli.app import app, command, console, group, handle_errors, print_paths
from junheng.errors import JunhengError, ValidationError
from junheng.io.csv_text import read_csv_table
from junheng.model import CountyData
from junheng.model.labels import STAGE_LABELS_WITH_TOTAL as STAGE_LABELS

forecast_app = group(
    "入学预测：按学校逐年级推移预测在校生、所需班数与教室缺口；按学段预测新生；回测预测误差。",
    invoke_without_command=True, no_args_is_help=False)
app.add_typer(forecast_app, name="forecast")

METHOD_LABELS = {"auto": "按回测自动选用", "mean3": "近3年均值", "ses": "指数平滑",
                 "damped": "阻尼趋势", "ets": "阻尼趋势（趋向上限）", "last": "基准：保持上年",
                 "mean_all": "基准：固定历年均值比率"}
FLOOR_HELP = "预测区间每提前一年的最小半宽（对数尺度），默认 0.005 即每年 ±0.5%；0 表示不设下限。"


def _county_data(db: str | None, county: str | None, year: int | None,
                 files: list[Path] | None) -> list[CountyData]:
    """Every school year given by ``--file``, or all years of the county in the store."""
    if files:
        from junheng.io import read_workbook

        return [read_workbook(path) for path in files]
    if not county:
        raise JunhengError("请用 --db、--county、--year 指定库中的县区（或用 --file 指定工作簿）。")
    from junheng.cli.loading import load_county_years

    datas = load_county_years(db=db, county=county, up_to=year)
    if year is not None and datas[-1].school_year != year:
        raise JunhengError(f"库中没有县区 {county} {year} 学年的数据（已有：{'、'.join(str(d.school_year) for d in datas)}）："
                           "请先导入该学年的工作簿，或改用已有学年。")
    return datas


@forecast_app.callback(invoke_without_command=True)
@handle_errors
def county_forecast(
    ctx: typer.Context,
    db: str = typer.Option(None, "--db", help="数据库地址（默认读取环境变量 JUNHENG_DATABASE_URL）。"),
    county: str = typer.Option(None, "--county", help="县区代码（6 位）。"),
    year: int = typer.Option(None, "--year", help="基年学年，如 2025；使用库中该学年及以前的全部学年。默认最新学年。"),
    horizon: int = typer.Option(8, "--horizon", help="预测年数，1–10。"),
    xlsx: Path = typer.Option(None, "--xlsx", help="写出预测工作簿（.xlsx），含图表可用的分年表。"),
    json_out: Path = typer.Option(None, "--json", help="写出预测结果 JSON。"),
    files: list[Path] = typer.Option(None, "--file", help="直接读取县域工作簿（可重复，每个学年一个），代替 --db/--county。"),
    coverage: float = typer.Option(0.8, "--coverage", help="预测区间覆盖率，如 0.8 表示 10%–90% 分位。"),
    entry_pool: str = typer.Option("乡镇", "--entry-pool", help="一年级生源口径：乡镇（所在乡镇出生，也可写 town）或 划片（划片村居，也可写 zone）。"),
    junior_pool: str = typer.Option("全县", "--junior-pool", help="七年级生源口径：全县（全县六年级按历史分配，也可写 county）或 划片（按划片，也可写 zone）。"),
    interval_floor: float = typer.Option(0.005, "--interval-floor", help=FLOOR_HELP),
) -> None:
    """预测县域每所学校各年级在校生（低/中/高）、所需班数、教室缺口与大班额风险。"""
    if ctx.invoked_subcommand is not None:
        return
    if not files and not county and not db:
        console.print(ctx.get_help())
        raise typer.Exit(0)
    from junheng.forecast import forecast_highlights
    from junheng.jobs.forecast import forecast_with_projects, write_forecast_outputs
    from junheng.model.choices import ENTRY_POOLS, JUNIOR_POOLS
    from junheng.report.forecast_xlsx import highlight_lines

    entry_pool, junior_pool = ENTRY_POOLS.code(entry_pool), JUNIOR_POOLS.code(junior_pool)
    datas = _county_data(db, county, year, files)
    result = forecast_with_projects(datas, horizon, coverage=coverage, entry_pool=entry_pool,
                                    junior_pool=junior_pool, interval_floor=interval_floor)
    _print_county(result)
    _print_skill(result.skill, result.coverage, "县区分学段合计")
    for line in highlight_lines(forecast_highlights(result)):
        console.print(line)
    for note in result.notes:
        console.print(f"[dim]注：{note}[/]")
    for path in write_forecast_outputs(result, xlsx_path=xlsx, json_path=json_out):
        print_paths("已写入：", [path])


def _print_county(result) -> None:
    table = county_table(result, console.width)
    console.print(table)
    accuracy = result.accuracy
    county = accuracy[(accuracy["level"] == "county_stage") & (accuracy["stage"] == "all")]
    if not county.empty:
        shown = "，".join(f"{r.horizon} 年后 {r.mape:.1f}%" for r in county.itertuples())
        console.print(f"历史回测（县区分学段合计）平均绝对百分比误差：{shown}")


def county_table(result, width: int) -> Table:
    """The county's pupils by stage and year with the interval under each forecast, on one
    line when the table fits ``width`` and else cut after its dash (「(8,633–」 over 「8,725)」),
    so that no figure is ever split (review rw 3: 「(8,633–8,72」 / 「5)」 at 80 columns)."""
    from junheng.cli.console import keep_figures_whole, narrowest

    frame = result.county.groupby(["stage", "year"], sort=False)[
        ["students", "students_low", "students_high"]].sum()
    stages = list(dict.fromkeys(result.county["stage"]))
    for dash in ("–", "–\n"):
        table = Table(title=f"在校生预测（基年 {result.base_year}，括号内为 {result.coverage:.0%} 区间；人）")
        table.add_column("学年")
        for stage in stages:  # the total holds the 在园幼儿 too, not only 在校生 (rw 2)
            head = "合计\n（含学前）" if stage == "all" and "preschool" in stages else \
                STAGE_LABELS.get(stage, stage)
            table.add_column(head, justify="right")
        for year in result.years:
            cells = []
            for stage in stages:
                if (stage, year) not in frame.index:
                    cells.append("")
                    continue
                row = frame.loc[(stage, year)]
                band = "" if year == result.base_year else \
                    f"\n({row.students_low:,.0f}{dash}{row.students_high:,.0f})"
                cells.append(f"{row.students:,.0f}{band}")
            table.add_row(str(year), *cells)
        keep_figures_whole(table)
        if narrowest(table) <= width:
            break
    return table


def _print_skill(skill: pd.DataFrame, coverage: float, what: str) -> None:
    """Backtest MAPE of the chosen method and of naive, and the interval's coverage."""
    from junheng.report.forecast_skill import skill_table

    if skill.empty:
        return
    header, rows = skill_table(skill, coverage)
    shown = Table(title=f"回测对比（{what}）：选用方法与“保持上年”的平均绝对百分比误差、区间覆盖率")
    for i, column in enumerate(header):  # 「1年后」: a header folded kept 「1」 from 「年后」 (rw 3)
        shown.add_column(column.replace(" 年后", "年后"), justify="left" if i < 2 else "right",
                         no_wrap=i < 2)
    for row in rows:
        shown.add_row(*row)
    console.print(shown)


# -- stages ------------------------------------------------------------------------------------

def _stage_tables(births: Path, entrants: Path) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Both CSVs checked; every bad cell of either file is listed with its file, row, column."""
    from junheng.forecast.stages import clean_births, clean_entrants

    tables, problems = [], []
    for path, what, clean in ((births, "出生", clean_births), (entrants, "新生", clean_entrants)):
        try:
            tables.append(clean(read_csv_table(path, what), source=path.name))
        except ValidationError as exc:
            problems.extend(exc.problems)
    if problems:
        listed = "\n".join(f"  {p}" for p in problems)
        raise JunhengError(f"输入文件有 {len(problems)} 处问题，未做预测：\n{listed}")
    return tables[0], tables[1]


@command("stages", parent=forecast_app)
def stages(
    births: Path = typer.Option(..., "--births", help="出生人数 CSV，列：year,births。"),
    entrants: Path = typer.Option(..., "--entrants", help="新生数 CSV，列：year,stage,entrants（stage 为 primary 或 junior）。"),
    out: Path = typer.Option(..., "--out", help="输出 CSV，列：year,stage,entrants,lower,upper,method。"),
    horizon: int = typer.Option(8, "--horizon", help="预测年数，1–10。"),
    coverage: float = typer.Option(0.8, "--coverage", help="预测区间覆盖率，如 0.8。"),
    interval_floor: float = typer.Option(0.005, "--interval-floor", help=FLOOR_HELP),
) -> None:
    """按学段预测新生：小学新生由六年前出生推算，初中新生由六年前小学新生推算（市、省只有学段数据时使用）。"""
    from junheng.forecast.stages import forecast_stages

    births_table, entrants_table = _stage_tables(births, entrants)
    result = forecast_stages(births_table, entrants_table, horizon, coverage=coverage,
                             interval_floor=interval_floor)
    out.parent.mkdir(parents=True, exist_ok=True)
    table = result.table.copy()
    for column in ("entrants", "lower", "upper"):
        table[column] = table[column].astype("Int64")
    table.to_csv(out, index=False, encoding="utf-8")
    _print_stage_table(table, result.base_year)
    _print_stage_models(result.models)
    _print_skill(result.skill, result.coverage, "学段新生")
    shares = "，".join(f"{STAGE_LABELS.get(k, k)} {v:.0%}" for k, v in
                       result.coverage_observed.items() if v == v)
    if shares:
        console.print(f"{result.coverage:.0%} 区间在回测中的覆盖率（各起点用其余起点的误差定区间）：{shares}")
    for note in result.notes:
        console.print(f"[dim]注：{note}[/]")
    print_paths("已写入：", [out])


def _print_stage_table(table: pd.DataFrame, base_year: int) -> None:
    from junheng.report.forecast_skill import method_text

    shown = Table(title=f"学段新生预测（基年 {base_year}）")
    for column in ("学年", "学段", "新生", "下限", "上限", "方法"):
        shown.add_column(column)
    for row in table.itertuples(index=False):
        shown.add_row(str(row.year), STAGE_LABELS.get(row.stage, row.stage),
                      *(("" if pd.isna(v) else f"{v:,}") for v in (row.entrants, row.lower,
                                                                   row.upper)),
                      method_text(row.method))
    console.print(shown)


def _print_stage_models(models: pd.DataFrame) -> None:
    from junheng.report.forecast_skill import method_text

    names = {"primary_ratio": "小学新生", "junior_ratio": "初中新生"}
    for row in models.itertuples(index=False):
        if row.series in names:
            console.print(f"{names[row.series]}：{method_text(row.model)}。{row.reason}")
        else:
            console.print(f"出生人数逐年变化：按{method_text(row.model)}外推（按回测误差选用）。")


# -- backtest ----------------------------------------------------------------------------------

@command("backtest", parent=forecast_app)
def backtest(
    births: Path = typer.Option(None, "--births", help="学段模式：出生人数 CSV（year,births）。"),
    entrants: Path = typer.Option(None, "--entrants", help="学段模式：新生数 CSV（year,stage,entrants）。"),
    db: str = typer.Option(None, "--db", help="县区模式：数据库地址（默认读取环境变量 JUNHENG_DATABASE_URL）。"),
    county: str = typer.Option(None, "--county", help="县区模式：县区代码（6 位）。"),
    year: int = typer.Option(None, "--year", help="县区模式：基年学年，默认库中最新学年。"),
    files: list[Path] = typer.Option(None, "--file", help="县区模式：直接读取县域工作簿（可重复）。"),
    horizon: int = typer.Option(5, "--horizon", help="回测的最长预测年数。"),
    origins: int = typer.Option(6, "--origins", help="最多使用最近几个学年作回测起点。"),
    out: Path = typer.Option(None, "--out", help="另存回测误差表为 CSV。"),
) -> None:
    """滚动起点回测：列出各方法及两个基准（保持上年、固定均值比率）按预测年数的平均绝对百分比误差。"""
    if births is not None or entrants is not None:
        if births is None or entrants is None:
            raise JunhengError("学段模式需要同时提供 --births 和 --entrants。")
        from junheng.forecast.stages import backtest_stages

        table = backtest_stages(*_stage_tables(births, entrants), horizon,
                                max_origins=origins)
        table = table[table["stage"] == "all"]
        title = "学段新生回测（小学与初中合并）"
    else:
        from junheng.forecast.backtest import backtest_projection, method_names
        from junheng.forecast.panel import build_panel

        panel = build_panel(_county_data(db, county, year, files))
        table = pd.concat([backtest_projection(panel, horizon, method=m,
                                               max_origins=origins).accuracy()
                           for m in method_names()], ignore_index=True)
        table = table[(table["stage"] == "all") & table["level"].isin(["county_stage",
                                                                       "school"])]
        title = "县区在校生回测（县区分学段合计 / 学校合计）"
    if table.empty:
        raise JunhengError("历史太短，没有可回测的起点：至少需要三个学年的数据。")
    _print_backtest(table, title)
    if out is not None:
        out.parent.mkdir(parents=True, exist_ok=True)
        table.to_csv(out, index=False, encoding="utf-8")
        print_paths("已写入：", [out])


def _print_backtest(table: pd.DataFrame, title: str) -> None:
    horizons = sorted(table["horizon"].unique())
    levels = [c for c in ("level",) if c in table]
    shown = Table(title=f"{title}：平均绝对百分比误差（%）")
    shown.add_column("方法")
    if levels:
        shown.add_column("层级")
    for h in horizons:
        shown.add_column(f"{h} 年后", justify="right")
    keys = ["method", *levels]
    for key, rows in table.groupby(keys, sort=False):
        key = key if isinstance(key, tuple) else (key,)
        by_h = rows.set_index("horizon")["mape"]
        level = {"county_stage": "县区×学段", "school": "学校"}
        cells = [f"{by_h[h]:.2f}" if h in by_h.index else "" for h in horizons]
        label = [METHOD_LABELS.get(key[0], key[0])]
        if levels:
            label.append(level.get(key[1], key[1]))
        shown.add_row(*label, *cells)
    console.print(shown)
