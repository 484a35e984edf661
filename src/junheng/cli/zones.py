"""``junheng plan zones``: contiguous school attendance zones (就近划片) from files."""

from __future__ import annotations

from pathlib import Path

import typer

from junheng.cli.app import command, console, print_paths
from junheng.cli.plan import plan_app


@command("zones", parent=plan_app)
def zones(
    out: Path = typer.Option(..., "--out", help="输出目录：写入 zones.csv、zones.geojson、zones.xlsx、map.html。"),
    blocks: Path = typer.Option(None, "--blocks", help="地块文件：GeoJSON 或 shapefile（可为 zip 压缩包；面或点），或 CSV（id,lon,lat,students）；坐标为经纬度或投影坐标。"),
    schools: Path = typer.Option(None, "--schools", help="学校 CSV：school,lon,lat,capacity（或 学校,经度,纬度,容量；投影坐标用 x,y），或点状 GeoJSON/shapefile。"),
    file: Path = typer.Option(None, "--file", help="县域工作簿：以村居为地块、学校学位为容量（代替 --blocks/--schools）。"),
    db: str = typer.Option(None, "--db", help="数据库地址（默认读取环境变量 JUNHENG_DATABASE_URL）。"),
    county: str = typer.Option(None, "--county", help="县区代码（6 位），从数据库读取村居和学校。"),
    year: int = typer.Option(None, "--year", help="数据学年；默认库中最新学年。"),
    stage: str = typer.Option("小学", "--stage", help="学段：小学（也可写 primary）或 初中（junior）。"),
    current: str = typer.Option(None, "--current", help="地块文件中记录现划片学校的字段名。"),
    staff: list[str] = typer.Option(None, "--staff", help="人工划片方案：地块文件中记录其学校的字段名，或 CSV 文件（列：block,school）；可多次给出或用逗号分隔。对每个人工方案，求调整人数和超员均不超过它的方案并列表比较。"),
    pupils: str = typer.Option(None, "--pupils", help="地块文件中的学生数字段名（默认 students、学生数）。"),
    block_id: str = typer.Option(None, "--id", help="地块文件中的地块编号字段名（默认 id、编号）。"),
    crs: str = typer.Option(None, "--crs", help="文件未注明坐标系时所用的坐标系，如 EPSG:4547（坐标为经纬度时不必给出）。"),
    barriers: Path = typer.Option(None, "--barriers", help="障碍 GeoJSON（河流、快速路）：两侧地块不相邻。"),
    pins: Path = typer.Option(None, "--pins", help="固定划片 CSV：block,school（县域数据：村居,学校）。"),
    max_moved: float = typer.Option(None, "--max-moved", help="最多调整学区的学生人数。"),
    hard_capacity: bool = typer.Option(False, "--hard-capacity", help="学位为硬性上限（默认允许超员并按权重惩罚）。"),
    over_weight: float = typer.Option(1000.0, "--weight-over", help="每超员 1 人的权重。"),
    moved_weight: float = typer.Option(1.0, "--weight-moved", help="每调整 1 名学生的权重。"),
    travel_weight: float = typer.Option(0.1, "--weight-travel", help="每人每公里路程的权重。"),
    keep_share: float = typer.Option(None, "--keep-share", show_default=False, help="保留学校至少保留其现划片、有学位的学生的比例（大于 0 且不超过 1；默认 0.8）。"),
    short_weight: float = typer.Option(None, "--weight-short", show_default=False, help="保留学校的学生低于保留比例时，每少 1 人的权重（默认 2000）。"),
    new_over_weight: float = typer.Option(None, "--weight-new-over", show_default=False, help="学校超过容量与现状人数中较大者时，每人另加的权重（默认 2000）。"),
    cross_weight: float = typer.Option(None, "--weight-cross-town", show_default=False, help="村居划入其他乡镇（既非本村所在乡镇、也非现学校所在乡镇）的学校时，每名学生另加的权重（默认 5；0 为不另加）。"),
    cross_town: bool = typer.Option(False, "--cross-town", help="县域数据：允许村居划入其他乡镇的学校（默认只在现学校所在乡镇内调整，或划入不比现学校远的学校）。"),
    places_year: int = typer.Option(None, "--places-year", show_default=False, help="学位计入学年（县域数据）：学位计入该学年 9 月 1 日前竣工的在建、规划建设项目，学生仍按数据学年（默认数据学年）。"),
    uncalibrated: bool = typer.Option(False, "--uncalibrated", help="县域数据：现状不按在校生校准，直接用村居适龄儿童推算数。"),
    candidates: int = typer.Option(6, "--candidates", help="每个地块可划入的最近学校数（另加现学校）；越大越精确、越慢。"),
    boundaries: Path = typer.Option(None, "--boundaries", help="乡镇界线 GeoJSON（面，属性含乡镇代码或名称），画在地图上；用县域数据时不给则按村点推算。"),
    time_limit: float = typer.Option(60.0, "--time-limit", help="求解时间上限（秒）。"),
    gap: float = typer.Option(0.01, "--gap", help="可接受的最优性差距（0.01 即 1%）。"),
) -> None:
    """计算就近划片方案：每个学区连通并包含本校，学位不足时超员最少，调整学生少、路程短。"""
    from junheng.jobs.zones import ZoneFiles, planner_rules, run_zones_from_files
    from junheng.model.choices import STAGES

    stage = STAGES.code(stage)
    weights, keep_share = planner_rules(over_weight, moved_weight, travel_weight, short_weight,
                                        new_over_weight, keep_share, cross_weight)
    options = {"weights": weights, "max_moved": max_moved, "hard_capacity": hard_capacity,
               "nearest": max(1, candidates), "keep_share": keep_share}
    if blocks is not None and schools is not None:
        files = ZoneFiles(blocks, schools, barriers, pins, current, pupils, _fields(staff),
                          block_id, crs)
        run = run_zones_from_files(files, out, time_limit=time_limit, gap=gap,
                                   towns=_towns(boundaries), **options)
    elif file is not None or county:
        from junheng.cli.loading import load_county

        data = load_county(file=file, db=db, county=county, year=year)
        options.update(pinned=_county_pins(pins), projects_year=places_year,
                       calibrate=not uncalibrated)
        run = _county_run(data, stage, out, cross_town, boundaries, options,
                          time_limit=time_limit, gap=gap)
    else:
        from junheng.errors import ConfigError
        raise ConfigError("请用 --blocks 与 --schools 指定文件，或用 --file 或 --db/--county 指定县区。")
    _print_run(run)


def _county_run(data, stage: str, out: Path, cross_town: bool, boundaries: Path | None,
                options: dict, **solve):
    """The county's plan; under the 乡镇 rule, one allowed to cross 乡镇 lines is tried when
    today's zones are kept (:func:`junheng.jobs.zones.run_zones`)."""
    from junheng.geo.towns import county_towns
    from junheng.jobs.zones import run_zones
    from junheng.jobs.zones_county import county_zone_input, zones_title
    from junheng.jobs.zones_later import county_later

    wider = None if cross_town else (
        lambda: county_zone_input(data, stage, cross_town=True, **options))
    return run_zones(county_zone_input(data, stage, cross_town=cross_town, **options), out,
                     towns=county_towns(data, boundaries), title=zones_title(data, stage),
                     wider=wider, later=county_later(data, stage, {**options,
                                                                    "cross_town": cross_town}),
                     **solve)


def _towns(boundaries: Path | None):
    from junheng.geo.towns import read_boundaries

    return read_boundaries(boundaries) if boundaries is not None else None


def _county_pins(path: Path | None) -> list[list[str]]:
    """``--pins`` for a county: CSV rows 村居,学校 (or block,school / 地块,学校)."""
    if path is None:
        return []
    from junheng.errors import ConfigError
    from junheng.jobs.zones_county import pairs_from

    if not path.is_file():
        raise ConfigError(f"固定划片文件“{path.name}”不存在。")
    return pairs_from("pins", path.read_text(encoding="utf-8-sig"))


def _fields(given: list[str] | None) -> tuple[str, ...]:
    """``--staff a --staff b,c`` → ``("a", "b", "c")``."""
    return tuple(dict.fromkeys(f.strip() for v in given or () for f in v.split(",") if f.strip()))


def _print_run(run) -> None:
    from junheng.zones.summary import ratio_text

    plan = run.plan
    console.print(f"[bold]就近划片方案[/]：{run.status_text}，用时 {plan.seconds:.1f} 秒")
    t = run.totals
    console.print(f"  学生 {t['学生']:,.0f} 人，学位 {t['学位']:,.0f} 个；超员 {t['现状超员']:,.0f} → "
                  f"{t['方案超员']:,.0f} 人；调整学区 {t['调整学区学生']:,.0f} 人；"
                  f"平均距离 {t['平均距离（公里）']:.2f} 公里；{ratio_text(t)}")
    for note in run.notes:
        console.print(f"  [yellow]{note}[/]")
    if run.verdict is not None and run.verdict.option is not None:
        console.print("  跨乡镇调整备选方案的划片表和地图：加 --cross-town 重新计算。")
    if run.comparisons:
        _print_comparisons(run.comparisons)
    print_paths("已写入：", run.files)


_COMPARED = {"人工方案": "人工方案", "人工超员": "人工方案超员", "人工调整": "人工方案调整学区",
             "本方案超员": "本方案超员", "本方案调整": "本方案调整学区"}


def _print_comparisons(comparisons) -> None:
    """人工方案 against ours in a table that fits 80 columns (full verdicts in the notes)."""
    from rich.table import Table

    table = Table(title="与人工方案比较（本方案调整人数不超过对应人工方案）")
    for column in (*_COMPARED, "结论"):
        table.add_column(column)
    for c in comparisons:
        row = c.row()
        table.add_row(*(f"{row[k]:,}" if isinstance(row[k], int) else str(row[k])
                        for k in _COMPARED.values()), c.short_verdict)
    console.print(table)
