"""Before/after figures of a zoning plan per school, and the 就近划片 figures for the ledger:
plain numbers, no files."""

from __future__ import annotations

import numpy as np

from junheng.zones.problem import ZoneProblem

PER_SCHOOL_COLUMNS = ("学校", "容量", "在校生", "村居推算学生", "现状学生", "现状利用率", "方案学生",
                      "方案利用率", "现状超员", "方案超员", "调入学生", "调出学生",
                      "现状平均距离（公里）", "方案平均距离（公里）", "方案最远距离（公里）")
#: What the columns count, for headings and notes: 现状/方案 are the blocks' pupils zoned to
#: the school (in a county, the 村居's children of the stage's ages, by default scaled so
#: each school's current zone holds its 在校生: zones.calibrate); 村居推算学生 the children
#: before that scaling.
HEADINGS = {"在校生": "在校生（学校填报）", "村居推算学生": "现状划片学生（按村居适龄儿童推算，未校准）",
            "现状学生": "现状划片学生", "方案学生": "方案划片学生"}


def _distances(problem: ZoneProblem, school: np.ndarray, s: int) -> tuple[float, float]:
    members = np.nonzero(school == s)[0]
    pupils = problem.pupils[members]
    if not len(members) or pupils.sum() == 0:
        return 0.0, 0.0
    d = problem.distance[members, s]
    return float((pupils * d).sum() / pupils.sum()), float(d[pupils > 0].max(initial=0.0))


def per_school(problem: ZoneProblem, school: np.ndarray, names: list[str],
               enrolled: np.ndarray | None = None, children: np.ndarray | None = None
               ) -> list[dict]:
    """One row per school (keys :data:`PER_SCHOOL_COLUMNS`), figures rounded for display.

    Blocks without a current school count as moved in but not out; ``enrolled``: each
    school's 在校生, ``children``: each block's pupils before calibration (the columns 在校生
    and 村居推算学生 are empty without them).
    """
    school = np.asarray(school, np.int64)
    current = problem.current
    has = current >= 0
    after, rows = problem.load(school), []
    before = np.bincount(current[has], weights=problem.pupils[has], minlength=problem.k)
    inferred = (None if children is None else
                np.bincount(current[has], weights=np.asarray(children)[has], minlength=problem.k))
    for s, name in enumerate(names):
        cap = problem.capacity[s]
        moved_in = problem.pupils[(school == s) & (current != s)].sum()
        moved_out = problem.pupils[has & (current == s) & (school != s)].sum()
        mean_before = _distances(problem, current, s)[0] if has.any() else 0.0
        mean_after, max_after = _distances(problem, school, s)
        rows.append(dict(zip(PER_SCHOOL_COLUMNS, (
            name, round(cap), "" if enrolled is None else round(float(enrolled[s])),
            "" if inferred is None else round(float(inferred[s])), round(before[s]), _share(before[s], cap), round(after[s]),
            _share(after[s], cap), round(max(before[s] - cap, 0)), round(max(after[s] - cap, 0)),
            round(moved_in), round(moved_out), round(mean_before, 2), round(mean_after, 2),
            round(max_after, 2)), strict=True)))
    return rows


def _share(load: float, capacity: float) -> str:
    return f"{load / capacity:.1%}" if capacity > 0 else "无学位"


def totals(problem: ZoneProblem, school: np.ndarray) -> dict[str, float]:
    """County figures: pupils, places, over capacity before and after, pupils moved, mean
    travel, the share of pupils zoned to one of their ``3`` nearest schools (就近) and the
    就近划片入学比例 the plan allows: pupils their zone school has places for (at most its
    capacity) over all pupils, before and after — the ledger's near_zone_rate target
    (100 % primary, 95 % junior) read from the plan instead of from 招生."""
    school = np.asarray(school, np.int64)
    pupils = problem.pupils
    total = float(pupils.sum()) or 1.0
    rank = np.argsort(np.argsort(problem.distance, axis=1), axis=1)
    near = rank[np.arange(problem.n), school] < 3
    has = (problem.current >= 0).all()
    return {"学生": float(pupils.sum()), "学位": float(problem.capacity.sum()),
            "现状超员": float(problem.over(problem.current).sum()) if has else 0.0,
            "方案超员": float(problem.over(school).sum()),
            "调整学区学生": problem.moved(school),
            "平均距离（公里）": round(problem.travel(school) / total, 2),
            "就近入学比例": round(float(pupils[near].sum()) / total, 4),
            "现状可就近划片入学比例": round(_seated(problem, problem.current) / total, 4)
            if has else 0.0,
            "方案可就近划片入学比例": round(_seated(problem, school) / total, 4)}


def _seated(problem: ZoneProblem, school: np.ndarray) -> float:
    return float(np.minimum(problem.load(school), problem.capacity).sum())
