"""``junheng plan layout``: the school layout plan (布局调整) with its outputs;
``junheng plan compliance``: the least-cost path to 优质均衡 (达标路径) with its outputs."""

from __future__ import annotations

from pathlib import Path

import typer
from rich.table import Table

from junheng.cli.app import app, command, console, group, print_paths
from junheng.cli.console import stack_below
from junheng.cli.loading import load_county
from junheng.errors import ConfigError
from junheng.model import numbers
from junheng.model.numbers import cv3

#: the width under which a plan's comparison tables are printed a row a line: four columns of
#: long texts folded to a dozen columns each split figures from their units (review rw 10)
WIDE_TABLE = 100

plan_app = group("规划：布局调整、达标路径等。")
app.add_typer(plan_app, name="plan")


@command("layout", parent=plan_app)
def layout(
    out: Path = typer.Option(..., "--out", help="输出目录：写入 plan.json、布局调整方案工作簿.xlsx、布局方案地图.html。"),
    db: str = typer.Option(None, "--db", help="数据库地址（默认读取环境变量 JUNHENG_DATABASE_URL）。"),
    county: str = typer.Option(None, "--county", help="县区代码（6 位）。"),
    year: int = typer.Option(None, "--year", help="数据学年，如 2025；默认库中最新学年。"),
    file: Path = typer.Option(None, "--file", help="直接读取县域工作簿（代替 --db/--county/--year）。"),
    target_year: int = typer.Option(None, "--target-year", help="规划目标学年（默认为数据学年加 5 年，最多加 6 年）。"),
    config: Path = typer.Option(None, "--config", help="方案文件（.yaml）：规则、权重和单价。"),
    costs: Path = typer.Option(
        None, "--costs", help="县区单价文件（与 plan compliance 的 --costs 相同）；教室、宿舍和新建学校的默认单价取自此文件。"),
    travel_matrix: Path = typer.Option(
        None, "--travel-matrix", help="通行时间表 CSV（列：村居代码、学校代码、分钟），覆盖直线估算。"),
    boundaries: Path = typer.Option(
        None, "--boundaries", help="乡镇界线 GeoJSON（面，属性含乡镇代码或名称）；不给则按村点推算示意范围。"),
    compare: bool = typer.Option(False, "--compare", help="比较多个方案：在选项后列出各方案文件（.yaml）。"),
    scenarios: list[Path] = typer.Argument(None, metavar="方案文件", help="与 --compare 一起使用的方案文件（.yaml）。"),
) -> None:
    """计算布局调整方案：撤并、扩建、新建和学生分配，输出方案表、地图和前后对比。"""
    from junheng.cli.report import _history
    from junheng.jobs.layout import compare_scenarios, plan_county_layout, write_layout_outputs
    from junheng.planning import load_layout_config

    # a refused plan file is said before the county is read and before --out is made
    cfg = None if compare else load_layout_config(config, target_year=target_year, price_file=costs)
    data = load_county(file=file, db=db, county=county, year=year)
    out.mkdir(parents=True, exist_ok=True)
    if compare and (not scenarios or len(scenarios) < 2):
        raise ConfigError("--compare 之后至少列出两个方案文件（.yaml）。")
    # the pupils from the county's forecast, as junheng demo (its school years up to --year)
    history = [data] if file is not None else _history(None, db, data.county_code, data.school_year)
    if compare:
        rows = compare_scenarios(history, scenarios, out, target_year=target_year,
                                 travel_matrix=travel_matrix, boundaries=boundaries,
                                 price_file=costs)
        _print_comparison(rows)
        print_paths("方案比较已写入：", [out / "compare.xlsx", out / "compare.json"])
        return
    from junheng.jobs.layout import read_travel_matrix

    plan = plan_county_layout(history, cfg, alternative=True,
                              travel_matrix=read_travel_matrix(travel_matrix))
    write_layout_outputs(plan.outcome, history[-1], out, boundaries=boundaries)
    _print_plan(plan.outcome, out)


def _print_plan(plan, out: Path) -> None:
    from junheng.planning.layout_naming import layout_name, with_details
    from junheng.report.layout_count_line import count_line
    from junheng.report.layout_info import status_said

    console.print(f"[bold]{with_details(layout_name(plan), f'目标学年 {plan.target_year}')}[/]："
                  f"{status_said(plan)}，用时 {plan.seconds:.1f} 秒")
    for label, text in plan.status_lines()[1:]:
        console.print(f"  {label}：{text}")
    console.print("  " + count_line(plan), highlight=False)  # the web page's words (rv24 9)
    from junheng.report.layout_money_text import spending_headline
    from junheng.report.layout_xlsx import comparison_heads, comparison_text

    if spending_headline(plan):
        console.print("  " + spending_headline(plan), highlight=False)

    heads = comparison_heads(plan)[:4]
    table = Table()
    for head in heads:  # labels wrap rather than end in "…"
        table.add_column(head, overflow="fold")
    rows = comparison_text(plan)
    for row in rows:
        if row[0] != "说明":
            table.add_row(*row[:4])
    if console.width < WIDE_TABLE:  # 「指标：当前 …；不调整 …；调整后 …」 a row a line
        table.title = f"方案前后比较（{'；'.join(heads[1:])}）"
    console.print(stack_below(table, WIDE_TABLE, ("指标", "当前", "不调整", "调整后")))
    for row in rows:
        if row[0] == "说明":
            console.print(f"  说明：{row[1]}", highlight=False)
    if plan.evaluation is not None:
        from junheng.report.plan_rows import cv_before_basis

        head, basis = cv_before_basis(plan)
        console.print(_cv_table(plan.evaluation, head))
        for text in (*plan.evaluation.causes, basis):
            if text:
                console.print(f"  说明：{text}", highlight=False)
    print_without_new(plan)
    from junheng.jobs.layout import check_note

    if check_note(plan.notes):
        console.print(f"  {check_note(plan.notes)}", highlight=False)
    from junheng.jobs.layout import PLAN_FILES

    print_paths("已写入：", [out / name for name in PLAN_FILES])


def print_without_new(plan) -> None:
    """The plan's comparison with the same scenario solved without new schools, if any."""
    from junheng.jobs.layout import without_new_notes

    for note in without_new_notes(plan.notes):
        console.print(f"  {note}", highlight=False)
    print_options(plan)


def print_options(plan) -> None:
    """The two options' table (方案甲（新建学校）, 方案乙（不新建学校）), as 布局调整方案.docx and the web's
    result page show it, with its headline; nothing for a plan without an alternative."""
    from junheng.planning.layout_options import OPTION_HEADS, OPTIONS_TITLE, option_table

    options = option_table(plan)
    if options is None:
        return
    table = Table(title=OPTIONS_TITLE)
    for head in OPTION_HEADS:
        table.add_column(head, overflow="fold")
    for row in options[1]:
        table.add_row(*row)
    if console.width < WIDE_TABLE:  # 「项目：方案甲 …；方案乙 …」 a row a line
        table.title = f"{OPTIONS_TITLE}（方案甲新建学校，为本方案；方案乙不新建学校）"
    console.print(stack_below(table, WIDE_TABLE, ("项目", "方案甲", "方案乙", "说明：")))
    console.print(f"  {options[0]}", highlight=False)


def _cv_text(value) -> str:
    import math

    return cv3(value) if isinstance(value, int | float) and math.isfinite(value) else ""


def _cv_table(cvs, before_head: str = "调整前") -> Table:
    from junheng.report.layout_xlsx import cv_name
    from junheng.report.report_format import fmt_limit

    table = Table("学段", "差异系数", before_head, "调整后", "限值", title="优质均衡差异系数（规划前后）")
    stack_below(table, 0, ("学段", "", "调整前", "调整后", "限值"))  # 「调整前」 is explained below
    for stage, before in cvs.before.items():
        for key, cv in before.items():
            limit = cvs.limits.get(stage, {}).get(key)
            after = cvs.after.get(stage, {}).get(key)
            table.add_row({"primary": "小学", "junior": "初中"}.get(stage, "其他"), cv_name(key),
                          _cv_text(cv), _cv_text(after), "" if limit is None else fmt_limit(limit))
    return table


def _print_comparison(rows: list[dict]) -> None:
    table = Table(*rows[0].keys())
    for r in rows:
        table.add_row(*(numbers.trimmed(v) if isinstance(v, int | float) else str(v) for v in r.values()))
    console.print(table)


@command("compliance", parent=plan_app,
         short_help="计算达标路径：以最少投资使全县在目标学年通过优质均衡，分年度列出建设、装备和教师措施。")
def compliance(
    out: Path = typer.Option(..., "--out",
                             help="输出目录：写入 plan.json、达标路径工作簿.xlsx（整改项目清单）、整改措施.docx。"),
    db: str = typer.Option(None, "--db", help="数据库地址（默认读取环境变量 JUNHENG_DATABASE_URL）。"),
    county: str = typer.Option(None, "--county", help="县区代码（6 位）。"),
    year: int = typer.Option(None, "--year", help="数据学年，如 2025；默认库中最新学年。"),
    file: Path = typer.Option(None, "--file", help="直接读取县域工作簿（代替 --db/--county/--year）。"),
    target_year: int = typer.Option(
        None, "--target-year", help="达标目标学年；默认数据学年加 3 年，且不早于首个可实施学年加 2 年（新建校舍从投资到使用需 2 年）；指定 --layout 时默认与布局方案的规划年相同。"),
    budget: float = typer.Option(None, "--budget", help="年度预算（万元/年）；默认按县级年度数据中最近一年一般公共预算教育支出的 10% 计（比例可在单价文件的默认年度预算一节修改），无此数据时不限。"),
    costs: Path = typer.Option(None, "--costs",
                               help="县区单价文件（.yaml，只写需要修改的项）；默认使用内置单价及其出处。"),
    apply: Path = typer.Option(None, "--apply",
                               help="把方案实施后的县域工作簿写到此文件（可再次导入、评估）。"),
    time_limit: float = typer.Option(60.0, "--time-limit", help="求解时间上限（秒）。"),
    layout: Path = typer.Option(
        None, "--layout",
        help="已实施的布局方案 plan.json（或其所在目录，由 junheng plan layout 写出）：按撤并、并入和扩建后的县域编制达标路径。"),
    plan_date: str = typer.Option(
        None, "--plan-date",
        help="编制日期，如 2026-12-04；默认当天，给出 --layout 时取布局方案的编制日期（布局方案与达标路径须同一日期）。当年 9 月 1 日起该学年已开学，整改项目最早自下一学年起投入，年度预算自该学年起计。"),
) -> None:
    """计算达标路径：以最少投资使全县在目标学年通过优质均衡的学校达标和全部差异系数，分年度列出每校的建设、装备和教师措施。"""
    from junheng.cli.loading import load_county_years
    from junheng.jobs.compliance import run_compliance

    if file is not None:
        from junheng.io import read_workbook

        history = [read_workbook(file)]
    else:
        if not county:
            raise typer.BadParameter("请用 --file 指定工作簿，或用 --db、--county 指定库中的县区。")
        history = load_county_years(db=db, county=county, up_to=year)
    from junheng.planning.layout_phases import parse_day

    day = parse_day(plan_date)
    plan = run_compliance(history, out, target_year=target_year, budget=budget, costs=costs,
                          apply=apply, time_limit=time_limit, layout=layout, plan_date=day)
    _print_compliance(plan, out, apply)


def _print_investment(doc: dict) -> None:
    from junheng.planning.compliance_json import money_words, year_rows

    measured = f"测算总投资 {doc['objective']:,.2f} 万元，" if doc["totals"].get("annual") else ""
    console.print(f"  {money_words(doc)}" + (
        f"（{measured}逐校、逐项简单补齐需 {doc['greedy']:,.2f} 万元）" if doc["greedy"] else ""))
    # rw 2: one column of 投资 added the yearly pay of 教师招聘 over five years to the one-off
    # building; the lines of year_rows name each yearly item's years and total the kinds apart
    years, rows = year_rows(doc)
    table = Table("项目类别", "金额（万元）", title="按项目类别（一次性投入与经常性支出分列，不相加）")
    for name, _, total in rows:
        table.add_row(name, f"{total:,.2f}")
    console.print(table)
    console.print(_year_table("分年度投资（万元）", "项目类别", years, rows))


def _year_table(title: str, first: str, years: list[str], rows: list) -> Table:
    """A year table (years as columns, a 合计 column) as the terminal shows it."""
    table = Table(title=title)
    for head in (first, *(f"{y} 学年" for y in years), "合计"):
        table.add_column(head, overflow="fold")
    for name, values, total in rows:
        table.add_row(name, *[f"{v:,.2f}" for v in values], numbers.number(total, 2))  # 「—」: yearly, no 合计
    return table


def print_combined(doc: dict) -> None:
    """After a layout plan: both plans' money together (plans_combined.combined_lines)."""
    from junheng.planning.plans_budget import year_note
    from junheng.planning.plans_combined import combined_lines, combined_year_rows
    from junheng.planning.plans_together import together_rows

    both = doc.get("combined")
    if not both:
        return
    for line in combined_lines(both):
        console.print(f"  {line}", highlight=False)
    for name, text in together_rows(both):  # a line a school (htext2 1)
        console.print(f"    {name}：{text}", highlight=False)
    years, rows = combined_year_rows(both)
    if rows:
        console.print(_year_table("布局调整与达标路径分年度投资（万元）", "项目", years, rows))
        console.print(f"  注：{year_note(both)}", highlight=False)  # how the money is spread (review2 B8)


def _print_compliance(plan, out: Path, apply: Path | None) -> None:
    from junheng.planning.compliance_json import compliance_dict
    from junheng.planning.compliance_unresolved import HEADS

    doc = compliance_dict(plan)
    layout = f"，布局调整方案规划年 {doc['layout_year']} 学年" if doc.get("layout_year") else ""
    console.print(f"[bold]达标路径（{doc['county']['name']}，{doc['data_year']} → {doc['target_year']} "
                  f"学年{layout}）[/]：{doc['status_text']}，用时 {doc['seconds']:.1f} 秒")
    console.print(f"[bold {'green' if doc['confirmed'] else 'red'}]{doc['verdict']}[/]",
                  highlight=False)
    if doc["unresolved"]:
        table = Table(title="未解决事项")
        for head in HEADS:
            table.add_column(head, overflow="fold")
        for row in doc["unresolved"]:
            table.add_row(row["school"], row["item"], row["current"], row["standard"],
                          row["reason"])
        console.print(table)
    if doc["after"] is None:  # the verdict above gave the diagnosis
        return
    if doc["actions"]:
        _print_investment(doc)
    else:
        console.print("  公办学校无需新增整改投资。")
    console.print("  评估引擎复核：" + ("实施后全部学校和差异系数达标" if doc["confirmed"]
                                      else "未通过，见上面的未解决事项"))
    print_combined(doc)
    for text in (*doc["warnings"], *doc["outside"]):
        console.print(f"  [yellow]{text}[/]")
    for text in doc["assumptions"]:  # the building projects counted, then the plan's bases
        console.print(f"  说明：{text}", highlight=False)
    from junheng.jobs.compliance import PLAN_FILES

    files = [out / name for name in PLAN_FILES]
    if apply is not None and plan.after is not None:
        files.append(apply)
    print_paths("已写入：", files)
