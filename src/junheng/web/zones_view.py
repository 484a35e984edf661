"""就近划片 page: the form (data year, stage, weights, cap on pupils moved, hard capacity,
time limit, gap), the worker entry that solves and stores the plan as a draft, and the
result view read back from the store (map, per-school before/after table, figures)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from junheng.errors import ConfigError
from junheng.jobs.zones_county import PAIRS, pairs_from
from junheng.model import numbers
from junheng.model.labels import SCHOOL_PALETTE
from junheng.web.forms import typed_number
from junheng.zones.build import KEEP_SHARE
from junheng.zones.problem import Weights
from junheng.zones.verdict import KEEP

STAGES = {"primary": "小学", "junior": "初中"}
#: file -> (link text, media type, the name it is saved under after the county's name)
DOWNLOADS = {
    "zones.csv": ("划片表（CSV）", "text/csv", "就近划片表.csv"),
    "zones.geojson": ("学区范围（GIS 数据）", "application/geo+json", "就近划片学区范围.geojson"),
    "zones.xlsx": ("各校前后对比（电子表格）",
                   "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                   "就近划片各校前后对比.xlsx"),
    "map.html": ("离线地图（网页）", "text/html", "就近划片地图.html"),
}
# field: (label, default, low, high); blank max_moved = no cap
NUMBERS = {
    "weight_over": ("每超员 1 人的权重", 1000.0, 0.0, 1e6),
    "weight_moved": ("每调整 1 名学生的权重", 1.0, 0.0, 1e6),
    "weight_travel": ("每人每公里路程的权重", 0.1, 0.0, 1e6),
    "keep_share": ("保留学校至少保留的现状学生比例（小数，0.8 即 80%）", KEEP_SHARE, 0.0, 1.0),
    "weight_short": ("保留学生每少 1 人的权重", Weights().short, 0.0, 1e6),
    "weight_new_over": ("新增超员每人另加的权重", Weights().new_over, 0.0, 1e6),
    "weight_cross": ("跨乡镇调整每人另加的权重（村居划入其他乡镇的学校）", Weights().cross, 0.0, 1e6),
    "max_moved": ("最多调整学区的学生人数", None, 0.0, 1e7),
    "time_limit": ("求解时间上限（秒）", 30.0, 5.0, 600.0),
    "gap": ("可接受的最优性差距（小数，0.0001 即 0.01%）", 0.0001, 0.0, 0.5),
}




def default_values(school_year: int | None) -> dict[str, str]:
    values = {k: "" if d is None else f"{d:g}" for k, (_, d, _, _) in NUMBERS.items()}
    return {**values, "year": str(school_year or ""), "stage": "primary", "hard_capacity": "",
            "cross_town": "", "places_year": "", "pins": "", "groups": ""}


def options_from_form(values: dict[str, str], years: tuple[int, ...]) -> dict[str, Any]:
    """The job's options; a bad value is a ConfigError naming the field in Chinese."""
    text = values.get("year", "").strip()
    if not text.isdigit() or int(text) not in years:
        raise ConfigError(f"数据学年“{text}”没有数据：可选 "
                          + "、".join(str(y) for y in years) + "。")
    stage = values.get("stage", "")
    if stage not in STAGES:
        raise ConfigError(f"学段“{stage}”无效：只能选小学或初中。")
    options: dict[str, Any] = {"year": int(text), "stage": stage,
                               "hard_capacity": bool(values.get("hard_capacity")),
                               "cross_town": bool(values.get("cross_town"))}
    options["places_year"] = places_year(values.get("places_year", ""), options["year"])
    for key in PAIRS:
        options[key] = pairs_from(key, values.get(key, ""))
    for key, (label, default, low, high) in NUMBERS.items():
        raw = values.get(key, "").strip()
        if not raw:
            options[key] = default
            continue
        try:  # the school form's rule (rvweb 11): no 「1e3」 or 「nan」
            value = typed_number(raw)
        except ValueError:
            raise ConfigError(f"{label}“{raw}”不是数字。") from None
        if numbers.is_missing(value) or not low <= value <= high:
            raise ConfigError(f"{label}“{raw}”无效：应在 {numbers.trimmed(low, 4)}–"
                              f"{numbers.trimmed(high, 4)} 之间。")
        options[key] = value
    if options["keep_share"] <= 0:
        raise ConfigError(f"{NUMBERS['keep_share'][0]}“{values['keep_share'].strip()}”无效："
                          "应大于 0 且不超过 1。")
    options["name"] = (f"{options['year']} 学年{STAGES[stage]}就近划片"
                       + (f"（最多调整 {numbers.trimmed(options['max_moved'])} 人）"
                          if options["max_moved"] is not None else "")
                       + ("（允许跨乡镇调整）" if options["cross_town"] else "")
                       + (f"（学位按 {options['places_year']} 学年）" if options["places_year"] else ""))
    return options


#: How many school years after the data year 学位计入学年 may be.
PLACES_YEARS = 10


def places_year(raw: str, year: int) -> int | None:
    """学位计入学年 of the form: blank (or the data year) is None, the data year's places;
    a later year counts the 在建、规划 projects in use by then (``--places-year``).

    >>> places_year("", 2025), places_year("2025", 2025), places_year(" 2027 ", 2025)
    (None, None, 2027)
    >>> places_year("2024", 2025)
    Traceback (most recent call last):
    ...
    junheng.errors.ConfigError: 学位计入学年“2024”无效：应为 2025—2035 之间的学年，或留空（按数据学年）。
    """
    text = raw.strip()
    if not text:
        return None
    if not text.isdigit() or not year <= int(text) <= year + PLACES_YEARS:
        raise ConfigError(f"学位计入学年“{text}”无效：应为 {year}—{year + PLACES_YEARS} 之间的学年，"
                          "或留空（按数据学年）。")
    return int(text) if int(text) > year else None


def public_options(options: dict[str, Any]) -> dict[str, Any]:
    """The options with Chinese names and values, for the audit log."""
    shown = {"方案": options["name"], "数据学年": options["year"],
             "学段": STAGES[options["stage"]],
             "学位为硬性上限": "是" if options["hard_capacity"] else "否",
             "允许跨乡镇调整": "是" if options.get("cross_town") else "否",
             "学位计入学年": (f"{options['places_year']} 学年" if options.get("places_year")
                        else "数据学年")}
    for key, (label, _, _, _) in NUMBERS.items():
        value = options.get(key)
        shown[label] = "不限" if value is None else numbers.trimmed(value, 4)
    for key, (label, _, _) in PAIRS.items():
        shown[label] = "、".join(f"{a}→{b}" for a, b in options.get(key) or []) or "无"
    if options.get("edited_from"):
        shown["人工调整"] = f"在第 {options['edited_from']} 号方案上改划{options['move'][0]}→{options['move'][1]}"
    return shown


def run_zones_job(job_dir: str, store_url: str) -> str:
    """Worker-process entry: solve the county's zones, write the files, store the draft."""
    from junheng.web.worker import _guarded, _progress_writer, _solving

    def body(job: Path, request: dict[str, Any]) -> str:
        _progress_writer(job)(0.02, "读取县域数据")
        from junheng.jobs.zones_plan import solve_county_zones, zone_draft
        from junheng.store import open_store
        from junheng.store.zone_plans import save_zone_plan

        options, code = request["config"], request["county_code"]
        store = open_store(store_url)
        try:
            data = store.load_county(code, int(request["school_year"]))
            _solving(job, "构建划片模型并求解", float(options["time_limit"]))
            run = solve_county_zones(data, options, job)
            draft = zone_draft(run, county_code=code, school_year=int(request["school_year"]),
                               options=options)
            with store.session() as session:
                row = save_zone_plan(session, draft, by=request["username"], job_id=job.name)
                session.commit()
                plan_id = row.id
        finally:
            store.close()
        return finished_message(plan_id, run.verdict is not None and run.verdict.kind == KEEP)

    return _guarded(job_dir, body)


def finished_message(plan_id: int, keep: bool) -> str:
    """The job's last line; a run that keeps today's zoning says so, and what adopting it means
    (rw review finding 7: an unchanged zoning read as a new plan to adopt).

    >>> finished_message(3, True)
    '划片完成：维持现行划片，不改划任何村居；结果已保存为第 3 号方案（草案），设为生效即记录“维持现行划片”的决定'
    >>> finished_message(4, False)
    '划片完成，已保存为第 4 号方案（草案）'
    """
    if keep:
        return (f"划片完成：维持现行划片，不改划任何村居；结果已保存为第 {plan_id} 号方案（草案），"
                "设为生效即记录“维持现行划片”的决定")
    return f"划片完成，已保存为第 {plan_id} 号方案（草案）"


def result_context(row) -> dict[str, Any]:
    """What the result page shows of a stored plan (a ``ZonePlanRow``)."""
    from junheng.jobs.zones_plan import status_text
    from junheng.store.zone_plans import STATUS_LABELS
    from junheng.zones.summary import (
        FIT_NAME,
        HEADINGS,
        PER_SCHOOL_COLUMNS,
        RATIO_NOTES,
        TOTAL_LABELS,
    )

    f = row.figures
    figures = [("学生", numbers.number(f["学生"]) + " 人"), ("学位", numbers.number(f["学位"]) + " 个"),
               ("超员（现状 → 方案）", f"{numbers.number(f['现状超员'])} → "
                                   f"{numbers.number(f['方案超员'])} 人"),
               ("调整学区学生", numbers.number(f["调整学区学生"]) + " 人"),
               ("平均距离", numbers.trimmed(f["平均距离（公里）"]) + " 公里"),
               (TOTAL_LABELS["就近入学比例"], numbers.percent(f["就近入学比例"])),
               (f"{FIT_NAME}（现状 → 方案）",
                f"{numbers.percent(f['现状可就近划片入学比例'])} → "
                f"{numbers.percent(f['方案可就近划片入学比例'])}")]
    return {"zone_plan": row, "status_text": status_text(row.solver_status, row.gap),
            "status_label": STATUS_LABELS.get(row.status, row.status), "figures": figures,
            "verdict": row.options.get("verdict"),
            "columns": PER_SCHOOL_COLUMNS, "school_rows": row.schools,
            "changed": [b for b in row.blocks if b["是否调整"]], "pinned": pinned_villages(row),
            "headings": HEADINGS,
            "notes": [*row.options.get("notes", []), *RATIO_NOTES], "downloads": DOWNLOADS,
            "conditions": public_options(row.options),
            "stage_label": STAGES.get(row.stage, row.stage), "map_data": map_data(row),
            "move_villages": [b["地块"] for b in row.blocks if not b["地块"].startswith("学校：")],
            "move_schools": [s["学校"] for s in row.schools]}


def move_plan(state, row, job, village: str, school: str, username: str) -> str:
    """The stored plan ``row`` (of ``job``) with ``village`` moved to ``school``, computed
    here (no solve), stored as a draft under a new job; its id. A move that breaks a zone
    raises the Chinese ConfigError of :func:`junheng.jobs.zones_plan.edit_plan`."""
    from junheng.jobs.zones_plan import edit_plan, zone_draft
    from junheng.store.zone_plans import save_zone_plan

    options = {**row.options, "edited_from": row.id, "move": [village, school],
               "name": f"{row.options.get('name') or row.name}（人工调整：{village}→{school}）"}
    options.pop("notes", None)
    options.pop("verdict", None)
    job_id = state.jobs.create(county_code=job.county_code, school_year=job.school_year,
                               config=options, username=username, kind="zones")
    try:
        data = state.counties.load(job.county_code, job.school_year)
        run = edit_plan(data, row.options, row.blocks, village, school, state.jobs.root / job_id)
    except Exception:
        state.jobs.discard(job_id)
        raise
    draft = zone_draft(run, county_code=job.county_code, school_year=job.school_year,
                       options=options)
    with state.sessions() as session:
        saved = save_zone_plan(session, draft, by=username, job_id=job_id)
        session.commit()
        plan_id = saved.id
    state.jobs.finish(job_id, f"人工调整完成，已保存为第 {plan_id} 号方案（草案）")
    return job_id


def pinned_villages(row) -> set[str]:
    """The villages the plan's options pinned (固定划片)."""
    return {village for village, _ in row.options.get("pins") or []}


def map_data(row) -> dict[str, Any]:
    """The zones as areas (the Voronoi cells of their villages dissolved, as the downloaded
    map draws them) coloured so that touching zones differ, villages in their zone's colour
    with changed ones flagged, and the schools with their use."""
    from shapely.geometry import mapping

    from junheng.report.zones_outputs import point_zone_areas, zone_colours

    k = len(row.schools)
    areas = point_zone_areas([b["经度"] for b in row.blocks], [b["纬度"] for b in row.blocks],
                             [b["学校序号"] for b in row.blocks], k)
    drawn = [s for s in range(k) if areas[s] is not None and not areas[s].is_empty]
    colours = dict(zip(drawn, zone_colours([areas[s] for s in drawn]), strict=True))
    colour = [colours.get(s, SCHOOL_PALETTE[s % len(SCHOOL_PALETTE)]) for s in range(k)]
    pinned = pinned_villages(row)
    zones = [{"geometry": mapping(areas[s]), "colour": colour[s],
              "label": f"{row.schools[s]['学校']}学区：{row.schools[s]['方案学生']} 人，"
                       f"学位 {row.schools[s]['容量']} 个"} for s in drawn]
    blocks = [{"lat": b["纬度"], "lon": b["经度"], "colour": colour[b["学校序号"]],
               "changed": b["是否调整"],
               "label": f"{b['地块']}：{numbers.number(b['学生数'])} 人 → {b['划入学校']}"
                        + (f"（原 {b['现学校']}）" if b["是否调整"] else "")
                        + ("（固定划片）" if b["地块"] in pinned else "")}
              for b in row.blocks]
    schools = [{"lat": s["纬度"], "lon": s["经度"], "colour": colour[i],
                "label": f"{s['学校']}：{s['方案学生']} / {s['容量']} 人（{s['方案利用率']}）"}
               for i, s in enumerate(row.schools)]
    return {"zones": zones, "blocks": blocks, "schools": schools}
