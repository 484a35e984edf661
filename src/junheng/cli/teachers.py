"""``junheng plan staffing|rotation|selection``: teacher staffing, 交流轮岗 and 县管校聘."""

from __future__ import annotations

from pathlib import Path

import typer
from rich.table import Table

from junheng.cli.app import command, console, print_paths
from junheng.cli.loading import load_county
from junheng.cli.plan import plan_app
from junheng.teachers.rotation_data import RotationConfig
from junheng.teachers.rotation_plan import cv_table

_DB = "数据库地址（默认读取环境变量 JUNHENG_DATABASE_URL）。"
#: the rotation's one set of defaults, shared with the web and the jobs (brief hrot2)
_ROT = RotationConfig()


@command("staffing", parent=plan_app)
def staffing(
    out: Path = typer.Option(..., "--out", help="输出目录：写入 编制测算.xlsx。"),
    file: Path = typer.Option(None, "--file", help="县域工作簿（代替 --db/--county/--year）。"),
    db: str = typer.Option(None, "--db", help=_DB),
    county: str = typer.Option(None, "--county", help="县区代码（6 位）。"),
    year: int = typer.Option(None, "--year", help="数据学年，如 2025；默认库中最新学年。"),
) -> None:
    """按编制标准测算各校编制，列出各校各学科教师余缺和人编岗不一致之处。"""
    from junheng.jobs.teachers import priority_shortage_line, run_staffing, short_units
    from junheng.model.labels import school_count

    report = run_staffing(load_county(file=file, db=db, county=county, year=year), out)
    s = report.schools
    short = short_units(s.to_dict("records"))
    points = int(s["school_type"].eq("teaching_point").sum())
    console.print(f"[bold]编制测算[/]：{school_count(len(s) - points, points)}，标准编制合计 "
                  f"{int(s['standard_quota'].sum()):,} 人，教职工 {int(s['staff'].sum()):,} 人；"
                  f"缺编学校 {short['schools']} 所、缺编教学点 {short['points']} 个（按班师比核定），"
                  f"超编学校 {int((s['balance'] > 0).sum())} 所")
    console.print(f"  {priority_shortage_line(report)}；人编岗不一致 {len(report.consistency)} 处")
    print_paths("已写入：", [out / "编制测算.xlsx"])


@command("rotation", parent=plan_app,
         short_help="编制交流轮岗方案：选出交流教师及其交流学校，满足交流比例和骨干比例。")
def rotation(
    out: Path = typer.Option(..., "--out", help="输出目录：写入 plan.json、交流轮岗名单.xlsx。"),
    file: Path = typer.Option(None, "--file", help="县域工作簿（代替 --db/--county/--year）。"),
    db: str = typer.Option(None, "--db", help=_DB),
    county: str = typer.Option(None, "--county", help="县区代码（6 位）。"),
    year: int = typer.Option(None, "--year", help="数据学年，如 2025；默认库中最新学年。"),
    share: float = typer.Option(_ROT.share, "--share", help="交流教师占符合条件教师的最低比例。"),
    backbone_share: float = typer.Option(_ROT.backbone_share, "--backbone-share", help="骨干教师占交流教师的最低比例。"),
    min_years: int = typer.Option(_ROT.min_years, "--min-years", help="符合条件：在本校连续任教年限不少于此数。"),
    max_age_male: int = typer.Option(_ROT.max_age_male, "--max-age-male", help="符合条件：男教师年龄不超过此数。"),
    max_age_female: int = typer.Option(_ROT.max_age_female, "--max-age-female", help="符合条件：女教师年龄不超过此数。"),
    any_direction: bool = typer.Option(False, "--any-direction",
                                       help="允许任意方向交流（默认只从城区、镇区向更乡村的学校交流）。"),
    apply: Path = typer.Option(None, "--apply", help="把交流后的县域工作簿写到此文件。"),
    time_limit: float = typer.Option(_ROT.time_limit, "--time-limit", help="求解时间上限（秒）。"),
) -> None:
    """编制交流轮岗方案：选出交流教师及其交流学校，满足交流比例和骨干比例，优先补足体育、音乐、美术，降低教师指标差异系数。"""
    from junheng.jobs.teachers import (
        PRIORITY_SCOPE,
        eligible_lines,
        rotated_lines,
        run_rotation,
        status_text,
    )
    config = RotationConfig(share=share, backbone_share=backbone_share, min_years=min_years,
                            max_age_male=max_age_male, max_age_female=max_age_female,
                            direction="any" if any_direction else "toward_rural",
                            time_limit=time_limit)
    data = load_county(file=file, db=db, county=county, year=year)
    _, doc = run_rotation(data, out, apply=apply, config=config)
    s = doc["solve"]
    console.print(f"[bold]交流轮岗方案[/]：{status_text(s)}，用时 {s['seconds']:.1f} 秒")
    for line in eligible_lines(doc):
        console.print(f"  {line}")
    for line in rotated_lines(doc):
        console.print(f"  {line}")
    table = Table("指标", "交流前差异系数", "交流后差异系数", "限值")
    for row in cv_table(doc):
        table.add_row(row["name"], _cv(row["cv_before"]), _cv(row["cv_after"]),
                      "—" if row["limit"] is None else f"{row['limit']:.2f}")
    console.print(table)
    rule = doc.get("cv_rule") or {}
    if rule.get("repaired"):
        console.print("  差异系数约束：未加约束的方案会使" + "；".join(rule["repaired"])
                      + f"，已加约束重新求解（共求解 {rule['solves']} 次）")
    sh = doc["shortages"]
    console.print(f"  体育、音乐、美术缺额（{PRIORITY_SCOPE}）：{sh['before']['priority']} → "
                  f"{sh['after']['priority']} 人")
    files = [out / "plan.json", out / "交流轮岗名单.xlsx", *([apply] if apply else [])]
    print_paths("已写入：", files)


def _cv(value) -> str:
    return "无法计算" if value is None else f"{value:.4f}"


@command("selection", parent=plan_app)
def selection(
    choices: Path = typer.Argument(..., metavar="志愿文件", help="志愿文件：Excel（含三张表）或“教师志愿”CSV。"),
    out: Path = typer.Option(..., "--out", help="输出目录：写入 selection.json、双向选择结果.xlsx。"),
    rankings: Path = typer.Option(None, "--rankings", help="“学校排序”CSV（志愿文件为 CSV 时）。"),
    posts: Path = typer.Option(None, "--posts", help="“岗位”CSV；与 --file 二选一。"),
    file: Path = typer.Option(None, "--file", help="县域工作簿：岗位数由编制测算得出（核定编制减留任人数）。"),
    rural_share: float = typer.Option(1.0, "--rural-share", help="乡村学校须聘满的岗位比例（保底）。"),
) -> None:
    """县管校聘双向选择：教师志愿和学校排序按教师提出的延迟接受算法匹配，乡村学校保底，未聘教师组织调剂。"""
    from junheng.jobs.teachers import run_selection

    inst = _instance(choices, rankings, posts, file, rural_share)
    result, doc = run_selection(inst, out)
    counts = result.stage_counts()
    from junheng.teachers.selection import STAGE_LABELS

    console.print(f"[bold]县管校聘双向选择[/]：教师 {doc['teachers']} 名，学校 {doc['schools']} 所")
    console.print("  " + "，".join(f"{STAGE_LABELS[k]} {n} 名" for k, n in counts.items()))
    print_paths("已写入：", [out / "selection.json", out / "双向选择结果.xlsx"])


def _instance(choices: Path, rankings: Path | None, posts: Path | None, file: Path | None,
              rural_share: float):
    from junheng.io.selection_io import read_choices, read_rankings, read_selection

    if file is None:
        return read_selection(choices, rankings, posts)
    from junheng.io import read_workbook
    from junheng.teachers.rules import load_rules
    from junheng.teachers.selection import SelectionInstance
    from junheng.teachers.selection_posts import posts_from_staffing

    prefs = read_choices(choices)
    ranks = read_rankings(rankings or choices)
    seats, minimum, rural = posts_from_staffing(read_workbook(file), prefs, load_rules(),
                                                rural_share)
    return SelectionInstance(prefs, {s: ranks.get(s, []) for s in seats}, seats, minimum, rural)


@command("selection-template", parent=plan_app)
def selection_template(
    path: Path = typer.Argument(..., metavar="模板文件", help="模板文件路径（.xlsx）。"),
) -> None:
    """生成县管校聘双向选择的填报模板（教师志愿、学校排序、岗位三张表）。"""
    from junheng.io.selection_io import write_template

    console.print(f"已写入模板：{write_template(path)}")
