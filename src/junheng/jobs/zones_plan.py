"""A county's 就近划片 plan as the web keeps it: solve from the store, write the four files,
and turn the run into a :class:`~junheng.store.zone_plans.ZonePlanDraft` (block → school
rows with coordinates, per-school before/after, county figures, solver status and gap)."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from pathlib import Path
from typing import Any

import numpy as np

from junheng.errors import ConfigError
from junheng.jobs.zones import (
    WEB_TIME_LIMIT,
    ZoneRun,
    baseline_notes,
    planner_rules,
    run_zones,
)
from junheng.jobs.zones_county import STAGE_NAMES, county_zone_input
from junheng.jobs.zones_later import county_later
from junheng.model.county import CountyData
from junheng.report.zones_outputs import write_zone_outputs
from junheng.store.zone_plans import ZonePlanDraft
from junheng.zones.build import centres
from junheng.zones.check import check_plan, soft_breaks
from junheng.zones.crossing import block_labels, cross_notes
from junheng.zones.problem import ZonePlan
from junheng.zones.summary import per_school, totals
from junheng.zones.verdict import KEEP

OPTIMAL_GAP = 1e-4  # "最优" only when the gap proven is at most 0.01 %
EDITED = "edited"  # solver status of a plan the county admin changed by hand
#: What a draft's name says when it is not a plan of changes (review finding 9).
VERDICT_NAMES = {KEEP: "：维持现行划片"}


def solve_county_zones(data: CountyData, options: dict[str, Any], out: Path,
                       today: date | None = None) -> ZoneRun:
    """Solve the county's zones with the web form's ``options`` (stage, weights,
    max_moved, hard_capacity, time_limit, gap) and write the files into ``out``; when
    today's zones are kept, a plan allowed to cross 乡镇 lines is tried as the option
    (:func:`~junheng.jobs.zones.run_zones`); ``today``: the day the plan is made (default
    today), which dates a project past its 竣工日期 (:func:`~junheng.jobs.zones_later.county_later`)."""
    given = input_options(options)
    data_in = county_zone_input(data, options["stage"], **given)
    wider = None if given["cross_town"] else (
        lambda: county_zone_input(data, options["stage"], **{**given, "cross_town": True}))
    return run_zones(data_in, out, time_limit=float(options["time_limit"]),
                     gap=float(options["gap"]), wider=wider,
                     later=county_later(data, options["stage"], given, today),
                     time_limit_name=WEB_TIME_LIMIT)


def input_options(options: dict[str, Any]) -> dict[str, Any]:
    """What :func:`county_zone_input` takes of the web form's ``options`` (a plan stored
    before the planner's rules were on the form runs with their defaults; ``places_year``,
    学位计入学年, is its ``projects_year``)."""
    weights, keep_share = planner_rules(
        float(options["weight_over"]), float(options["weight_moved"]),
        float(options["weight_travel"]), options.get("weight_short"),
        options.get("weight_new_over"), options.get("keep_share"), options.get("weight_cross"))
    max_moved = options.get("max_moved")
    return {"weights": weights, "max_moved": None if max_moved is None else float(max_moved),
            "hard_capacity": bool(options.get("hard_capacity")), "keep_share": keep_share,
            "pinned": options.get("pins") or [], "groups": options.get("groups") or [],
            "cross_town": bool(options.get("cross_town")),
            "projects_year": options.get("places_year")}


def edit_plan(data: CountyData, options: dict[str, Any], blocks: list[dict[str, Any]],
              village: str, school: str, out: Path) -> ZoneRun:
    """The stored plan (``options`` and its ``blocks`` rows) with ``village`` zoned to
    ``school``: figures recomputed, every zone checked connected and holding its school
    (a Chinese ConfigError naming the zone otherwise), the four files written. Nothing
    is solved (status ``edited``); pins, the candidate lists, hard capacity and the cap
    on pupils moved bind the solver, not the county admin's hand."""
    zones = county_zone_input(data, options["stage"], **input_options(options))
    names, schools = zones.blocks.names, zones.schools.names
    if [b["地块"] for b in blocks] != names:
        raise ConfigError("县域数据在方案计算后已变更：请重新计算方案后再调整。")
    if village not in names or village.startswith("学校："):
        raise ConfigError(f"村居“{village}”不在该方案中。")
    if school not in schools:
        raise ConfigError(f"学校“{school}”不在该方案中。")
    plan = np.array([b["学校序号"] for b in blocks], np.int64)
    i, before = names.index(village), schools[int(plan[names.index(village)])]
    plan[i] = schools.index(school)
    if before == school:
        raise ConfigError(f"{village}已划入{school}，无需调整。")
    free = replace(zones.problem, allowed=None, hard_capacity=False, max_moved=None)
    broken = check_plan(free, plan, names, schools)
    if broken:
        raise ConfigError(f"把{village}由{before}改划{school}后学区不成立：" + "".join(broken))
    notes = [f"人工调整：{village}由{before}改划{school}（在原方案上改划，未重新求解）。",
             *soft_breaks(zones.problem, plan, schools),
             *cross_notes(zones.problem, plan, names, schools, zones.towns),
             *baseline_notes(zones)]
    figures = totals(zones.problem, plan)
    files = write_zone_outputs(zones, plan, out, notes=notes)
    result = ZonePlan(plan, EDITED, zones.problem.objective(plan), -1.0, -1.0, 0.0, "edit")
    return ZoneRun(zones, result, figures, files, notes)


def status_text(status: str, gap: float) -> str:
    """The plan's status in Chinese (:func:`junheng.optimize.status_words.status_words`, one
    wording for every plan): 最优 only at a proven gap of at most 0.01 %, with the gap.

    >>> status_text("optimal", 0.0), status_text("time_limit", 0.0123)
    ('最优（与下界差 0%，在容差 0.01% 内）', '可行方案，与最优的差距不超过 1.23%')
    >>> status_text("time_limit", float("inf"))
    '可行方案，尚未证明与下界的差距'
    """
    from junheng.optimize.status_words import status_words

    if status == EDITED:
        return "人工调整方案（未重新求解）"
    return status_words(status in ("optimal", "gap_limit"), gap, OPTIMAL_GAP)


def zone_draft(run: ZoneRun, *, county_code: str, school_year: int,
               options: dict[str, Any]) -> ZonePlanDraft:
    """The run as a draft for the store."""
    data, school = run.data, np.asarray(run.plan.school, np.int64)
    p, names = data.problem, data.schools.names
    xy = centres(data.blocks)
    crossing = block_labels(p, school)
    blocks = [{"地块": data.blocks.names[i], "学生数": float(p.pupils[i]),
               "现学校": names[p.current[i]] if p.current[i] >= 0 else "",
               "划入学校": names[school[i]], "学校序号": int(school[i]),
               "是否调整": bool(p.current[i] >= 0 and p.current[i] != school[i]),
               "距离（公里）": round(float(p.distance[i, school[i]]), 2),
               "跨乡镇调整": crossing[i],
               "经度": float(xy[i, 0]), "纬度": float(xy[i, 1])} for i in range(p.n)]
    schools = [{**row, "经度": float(data.schools.lon[s]), "纬度": float(data.schools.lat[s])}
               for s, row in enumerate(per_school(p, school, names, data.schools.enrolled,
                                                  data.blocks.children))]
    figures = {key: float(value) for key, value in run.totals.items()}
    figures["方案可就近划片学生"] = float(np.minimum(p.load(school), p.capacity).sum())
    stage = options["stage"]
    name = options.get("name") or f"{school_year} 学年{STAGE_NAMES[stage]}就近划片方案"
    verdict = {} if run.verdict is None else {"verdict": {"kind": run.verdict.kind,
                                                          "text": run.verdict.text()}}
    if run.verdict is not None and run.verdict.kind in VERDICT_NAMES:
        name += VERDICT_NAMES[run.verdict.kind]
    return ZonePlanDraft(county_code=county_code, school_year=school_year, stage=stage,
                         name=name, options={**options, "notes": run.notes, **verdict},
                         blocks=blocks, schools=schools, figures=figures,
                         solver_status=run.plan.status, gap=float(run.plan.gap))
