"""``junheng ledger PLAN.yaml`` (a plan's targets measured from the store) and
``junheng ledger city`` (a city's counties ranked, with the 问责 rule).

Both share the command name: a small click group sends ``ledger city …`` to the ranking and
everything else (``ledger PLAN.yaml …``) to ``ledger run``.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import click
import typer
from rich.table import Table

from junheng.cli.app import ChineseGroup, app, command, console, group, print_paths
from junheng.cli.loading import database_url
from junheng.errors import ConfigError
from junheng.model import numbers

DB_HELP = ("数据库地址，如 sqlite:///junheng.db 或 postgresql+psycopg://用户@主机/库名；"
           "默认取环境变量 JUNHENG_DATABASE_URL，未设置时为 sqlite:///junheng.db。")
DEFAULT_COMMAND = "run"


class LedgerGroup(ChineseGroup):
    """A group whose first argument may be a plan file: ``ledger PLAN.yaml`` means ``ledger run``."""

    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
        if args and args[0] not in self.commands and args[0] not in ctx.help_option_names:
            args = [DEFAULT_COMMAND, *args]
        return super().parse_args(ctx, args)


ledger_app = group(
    "目标台账：按计划文件逐年测算各项目标，或对地市各县区排名。\n\n"
    "测算：junheng ledger 计划.yaml …；排名并判定问责：junheng ledger city …。", cls=LedgerGroup)
app.add_typer(ledger_app, name="ledger")


def _open_store(db: str | None):
    from junheng.store import open_store

    return open_store(database_url(db))


def _shown(value: Any, kind: str, unit: str = "") -> str:
    if value is None:
        return "—"
    if isinstance(value, bool):
        return "是" if value else "否"
    if kind == "share":
        return numbers.percent(value)
    if kind == "cv" or unit == "差异系数":  # always three decimals, so a 倒退 of 0.005 shows
        return numbers.cv3(value)
    return numbers.trimmed(value, max(2, numbers.unit_digits(unit))) if kind == "number" \
        else numbers.number(value)  # 0.995 倍 as the evaluation prints it


STATUS_STYLES = {"已达成": "green", "按期推进": "cyan", "滞后": "red", "无进展": "yellow", "倒退": "bold red",
                 "待填报": "dim", "无对比数据": "dim"}


def _print_ledger(ledger) -> None:
    from junheng.report.plan_rows import ledger_rows

    years = sorted({y for t in ledger.targets for y in t.values if not t.target.is_manual})
    table = Table(title=f"{ledger.plan.plan}（{ledger.region}）", show_lines=False)
    for head in ("目标", "目标值", *[f"{y}" for y in years], "期限", "状态", "到期预计"):
        table.add_column(head, overflow="fold")
    # the target in words with its unit, as the 自评报告 (it read 「>= 70」, 「== 是」)
    for t, row in zip(ledger.targets, ledger_rows(ledger), strict=True):
        style = STATUS_STYLES[t.status.value]
        table.add_row(t.target.name, row.target,
                      *[_shown(t.values.get(y), t.kind, t.unit) for y in years],
                      t.target.deadline_label, f"[{style}]{t.status.value}[/]",
                      _shown(t.projected, t.kind, t.unit))
    console.print(table)
    summary = "，".join(f"{k} {v} 项" for k, v in ledger.summary().items() if v)
    console.print(f"共 {len(ledger.targets)} 项目标：{summary}。")
    for note in ledger.notes:
        console.print(f"提示：{note}")


@command(DEFAULT_COMMAND, parent=ledger_app,
         help="按计划文件测算台账：每项目标逐学年的数值、状态和到期预计值。\n\n"
              "状态为已达成、按期推进、无进展、倒退、滞后、无对比数据或待填报。可省略 run，直接写 junheng ledger 计划.yaml。")
def run(
    plan: Path = typer.Argument(..., metavar="计划文件", help="计划文件（.yaml）（格式见 docs/plan-yaml.md）。"),
    db: str | None = typer.Option(None, "--db", help=DB_HELP),
    county: str | None = typer.Option(None, "--county",
                                      help="按此县区（代码或名称）测算；默认取计划文件中的区域。"),
    city: str | None = typer.Option(None, "--city",
                                    help="按此地市的全部县区合计测算；默认取计划文件中的区域。"),
    evidence: Path | None = typer.Option(None, "--evidence",
                                         help="手工填报目标的佐证文件（.yaml，格式见 docs/plan-yaml.md）。"),
    json_out: Path | None = typer.Option(None, "--json", help="把台账写成 JSON 文件。"),
    xlsx: Path | None = typer.Option(None, "--xlsx", help="把台账写成可打印的电子表格文件。"),
    layout: Path | None = typer.Option(None, "--layout", help="本县布局调整方案（plan layout 写出的 plan.json）："
                                       "撤并教学点的目标在说明中列出方案拟撤并的个数和学年。"),
) -> None:
    """按计划文件测算台账。"""
    if county and city:
        raise ConfigError("--county 与 --city 只能指定一个。")
    from junheng.jobs.ledger import ledger_from_store, write_ledger_outputs

    outcome = None
    if layout is not None:
        from junheng.planning.layout_json import read_layout_json

        outcome = read_layout_json(layout)
    with _open_store(db) as store:
        ledger = ledger_from_store(plan, store, county=county, city=city, evidence=evidence,
                                   layout=outcome)
    _print_ledger(ledger)
    write_ledger_outputs(ledger, json_path=json_out, xlsx_path=xlsx)
    if json_out is not None:
        print_paths("台账 JSON 已写入：", [json_out])
    if xlsx is not None:
        print_paths("台账 Excel 已写入：", [xlsx])


def _city_rows(store: Any, city: str | None):
    from junheng.ledger import refs_from, select_region

    refs = refs_from(store.counties())
    if city:
        return select_region(refs, city=city)
    cities = sorted({r.city_name for r in refs})
    if len(cities) != 1:
        shown = "、".join(c or "（未填地市）" for c in cities) or "（库中没有数据）"
        raise ConfigError(f"库中有多个地市或没有数据（{shown}）：请用 --city 指定一个地市。")
    return refs, cities[0]


RANKING_HEADS = ("名次", "县区", "达成/可测", "完成率", "优质均衡", "未达标", "小学", "初中",
                 "后两名", "问责")


def ranking_table(ranking, year: int) -> Table:
    """One year's ranking, fitting an 80-column terminal: light borders, headers never cut
    (only the county name may fold onto a second line; codes are in --json and --xlsx)."""
    from rich import box
    from rich.cells import cell_len

    table = Table(title=f"{ranking.city} {year} 学年各县区排名", box=box.SIMPLE_HEAD,
                  caption="小学、初中：优质均衡综合差异系数（分学段，不取平均）\n"
                  "未达标：未达标指标项数+未达到学校达标要求的评估单位个数",
                  pad_edge=False, collapse_padding=True)
    for head in RANKING_HEADS:
        table.add_column(head, no_wrap=head != "县区", overflow="fold",
                         min_width=max(cell_len(head), 6 if head == "县区" else 0))
    for s in ranking.year(year):
        table.add_row(str(s.rank), s.county_name, f"{s.targets_met}/{s.targets_measured}",
                      _shown(s.completion, "share"), s.quality_label,
                      _failed_shown(s), _shown(s.primary_cv, "cv"),
                      _shown(s.junior_cv, "cv"),
                      "是" if s.bottom_two else "", "[bold red]启动[/]" if s.accountable else "")
    return table


def _failed_shown(s) -> str:
    """'15+45': failing indicators, then failing 评估单位 (the 自评's two counts, rv2 finding 2)."""
    units = s.quality_failed_units
    return _shown(s.quality_failures, "count") + (f"+{units:,}" if units else "")


def _print_ranking(ranking) -> None:
    for year in ranking.years:
        console.print(ranking_table(ranking, year))
    flagged = ranking.accountable
    if flagged:
        names = "、".join(f"{s.county_name}（{s.school_year}）" for s in flagged)
        console.print(f"[bold red]连续两年排在后两名：[/]{names}")
    else:
        console.print("没有连续两年排在后两名的县区。")
    for note in ranking.notes:
        console.print(f"提示：{note}")


@command("city", parent=ledger_app,
         help="地市视图：按台账完成率和优质均衡评估结果对各县区逐学年排名，标出连续两年排在后两名、应启动问责的县区。")
def city_view(
    db: str | None = typer.Option(None, "--db", help=DB_HELP),
    city: str | None = typer.Option(None, "--city", help="地市名称（如 新乡市）；库中只有一个地市时可省略。"),
    plan: Path | None = typer.Option(None, "--plan", help="计算台账完成率所用的计划文件（.yaml）；"
                                     "默认用内置的县域核心指标计划。"),
    no_evaluation: bool = typer.Option(False, "--no-evaluation",
                                       help="不使用优质均衡评估结果，只按台账完成率排名。"),
    json_out: Path | None = typer.Option(None, "--json", help="把排名写成 JSON 文件。"),
    xlsx: Path | None = typer.Option(None, "--xlsx", help="把排名写成可打印的电子表格文件。"),
) -> None:
    """地市视图：各县区排名与问责。"""
    from junheng.ledger import load_plan, rank_city

    chosen = load_plan(plan) if plan is not None else None
    with _open_store(db) as store:
        rows, label = _city_rows(store, city)
        ranking = rank_city(store.load_county, rows, city=label, plan=chosen,
                            use_evaluation=not no_evaluation)
    _print_ranking(ranking)
    if json_out is not None:
        from junheng.ledger.serialize import ranking_dict, write_json

        write_json(ranking_dict(ranking), json_out)
        print_paths("排名 JSON 已写入：", [json_out])
    if xlsx is not None:
        from junheng.report.ledger_xlsx import write_city_xlsx

        xlsx.parent.mkdir(parents=True, exist_ok=True)
        write_city_xlsx(ranking, xlsx)
        print_paths("排名 Excel 已写入：", [xlsx])
