"""Before/after figures of a zoning plan per school, and the 就近划片 figures for the ledger:
plain numbers, no files."""

from __future__ import annotations

import numpy as np

from junheng.zones.problem import ZoneProblem

PER_SCHOOL_COLUMNS = ("学校", "容量", "在校生", "在校生利用率", "村居推算学生", "在校生减学区儿童",
                      "方案村居推算学生", "现状学生", "现状利用率", "方案学生", "方案利用率",
                      "现状超员", "方案超员", "调入学生", "调出学生", "跨乡镇调入学生",
                      "跨乡镇调出学生", "现状平均距离（公里）", "方案平均距离（公里）",
                      "方案最远距离（公里）")
#: What the columns count, for headings and notes: 现状/方案 are the blocks' pupils zoned to
#: the school (in a county, the 村居's children of the stage's ages, by default scaled so
#: each school's current zone holds its 在校生: zones.calibrate); 村居推算学生 the children
#: before that scaling; each use is labelled with the count it divides (review finding 7).
HEADINGS = {"在校生": "在校生（学校填报）", "在校生利用率": "在校生利用率（在校生 ÷ 容量）",
            "村居推算学生": "现状划片学生（按村居适龄儿童推算，未校准）",
            "在校生减学区儿童": "在校生 − 现状学区适龄儿童（正：在校生多于学区内儿童，含学区外"
                         "就读和寄宿；负：学区内儿童到别校就读）",
            "方案村居推算学生": "方案划片学生（按村居适龄儿童推算，未校准）",
            "跨乡镇调入学生": "跨乡镇调入学生（来自其他乡镇的村居）",
            "跨乡镇调出学生": "跨乡镇调出学生（划入其他乡镇的学校）",
            "现状学生": "现状划片学生",
            "现状利用率": "现状划片利用率（现状划片学生 ÷ 容量）",
            "方案学生": "方案划片学生",
            "方案利用率": "方案划片利用率（方案划片学生 ÷ 容量）"}
#: The county figures of :func:`totals` as a user reads them: each ratio named by what it
#: measures (review finding 12; definitions in docs/zones.md). The keys stay as stored.
#: the one name of the zone measure (review 2, B6): never 就近划片入学比例, which is the 招生表
#: measure of the standard
FIT_NAME = "学区学位可容纳比例"
TOTAL_LABELS = {"学生": "划片学生（公办学校）",
                "就近入学比例": "划入最近 3 所学校之一的学生比例",
                "现状可就近划片入学比例": f"现状{FIT_NAME}",
                "方案可就近划片入学比例": f"方案{FIT_NAME}"}
#: What each ratio measures, written under the county figures; the third is the evaluation's.
RATIO_NOTES = (
    "划入最近 3 所学校之一的学生比例：划片学生中，所划学校是离其村居最近的 3 所学校之一的比例。",
    f"{FIT_NAME}（规划台账在生效方案的说明中引用方案值）：各校学区学生"
    "中不超过该校学位的部分之和 ÷ 全部划片学生。",
    "以上两项按划片学生计算，不同于评估报告的“就近划片入学比例”：招生表中城区和镇区公办、"
    "非寄宿制学校一年级（七年级）划片入学人数 ÷ 新生数。")



def ratio_text(figures: dict) -> str:
    """The plan's two ratios, each named by what it measures (review finding 12).

    >>> ratio_text({"就近入学比例": 0.8831, "现状可就近划片入学比例": 0.9304, "方案可就近划片入学比例": 0.9308})
    '划入最近 3 所学校之一的学生比例 88.3%；学区学位可容纳比例 93.0% → 93.1%'
    """
    return (f"{TOTAL_LABELS['就近入学比例']} {figures['就近入学比例']:.1%}；{FIT_NAME} "
            f"{figures['现状可就近划片入学比例']:.1%} → {figures['方案可就近划片入学比例']:.1%}")

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
    school's 在校生, ``children``: each block's pupils before calibration (the pupils
    themselves when not calibrated). With ``enrolled`` the rows set the children resident in
    each zone, today's and the plan's, beside the 在校生 and give 在校生 − today's (就近入学
    against enrolment); without it those columns are empty.
    """
    from junheng.zones.crossing import school_counts

    school = np.asarray(school, np.int64)
    current = problem.current
    has = current >= 0
    after, rows = problem.load(school), []
    before = np.bincount(current[has], weights=problem.pupils[has], minlength=problem.k)
    if children is None and enrolled is not None:
        children = problem.pupils
    resident = (None, None) if children is None or enrolled is None else (
        np.bincount(current[has], weights=np.asarray(children)[has], minlength=problem.k),
        np.bincount(school, weights=np.asarray(children), minlength=problem.k))
    cross_in, cross_out = school_counts(problem, school)
    for s, name in enumerate(names):
        cap = problem.capacity[s]
        moved_in = problem.pupils[(school == s) & (current != s)].sum()
        moved_out = problem.pupils[has & (current == s) & (school != s)].sum()
        mean_before = _distances(problem, current, s)[0] if has.any() else 0.0
        mean_after, max_after = _distances(problem, school, s)
        rows.append(dict(zip(PER_SCHOOL_COLUMNS, (
            name, round(cap), "" if enrolled is None else round(float(enrolled[s])),
            "" if enrolled is None else _share(float(enrolled[s]), cap),
            *_resident(enrolled, resident, s),
            round(before[s]), _share(before[s], cap), round(after[s]),
            _share(after[s], cap), round(max(before[s] - cap, 0)), round(max(after[s] - cap, 0)),
            round(moved_in), round(moved_out), round(cross_in[s]), round(cross_out[s]),
            round(mean_before, 2), round(mean_after, 2), round(max_after, 2)), strict=True)))
    return rows


def _resident(enrolled, resident, s: int) -> tuple:
    """村居推算学生 (today's zone), 在校生 − it, 方案村居推算学生 of school ``s``."""
    today, plan = resident
    if today is None:
        return "", "", ""
    return (round(float(today[s])), round(float(enrolled[s])) - round(float(today[s])),
            round(float(plan[s])))


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


def single_moves(problem: ZoneProblem, school: np.ndarray, s: int) -> list[tuple[int, int]]:
    """(block, school) pairs: a block with pupils zoned to ``s`` that could go whole to
    another school ``t`` it may join, bordering ``t``'s zone, with ``t`` still within its
    places and both zones still connected — the ways left to relieve ``s`` one block at a
    time.

    >>> from junheng.zones.problem import ZoneProblem
    >>> p = ZoneProblem(pupils=[0, 50, 40, 0], edges=[[0, 1], [1, 2], [2, 3]], root=[0, 3],
    ...                 capacity=[60, 100], distance=np.zeros((4, 2)))
    >>> single_moves(p, np.array([0, 0, 0, 1]), 0)
    [(2, 1)]
    """
    from junheng.zones.graph import components

    school = np.asarray(school, np.int64)
    adjacency, load = problem.adjacency, problem.load(school)
    members = np.nonzero(school == s)[0].tolist()
    out = []
    for i in members:
        if problem.pupils[i] <= 0 or i == problem.root[s]:
            continue
        if len(components([m for m in members if m != i], adjacency)) > 1:
            continue
        for t in sorted({int(school[j]) for j in adjacency[i]} - {s}):
            if problem.allowed[i, t] and load[t] + problem.pupils[i] <= problem.capacity[t]:
                out.append((i, t))
    return out


def over_reasons(problem: ZoneProblem, school: np.ndarray, blocks: list[str],
                 names: list[str]) -> list[str]:
    """Why pupils over capacity remain in the plan (review finding 7), one line per school
    over it and the way out: a block is zoned whole, zones are connected and hold their
    school, so blocks as large as a 社区 may leave nothing to move."""
    school = np.asarray(school, np.int64)
    over = problem.over(school)
    lines = []
    for s in over.argsort()[::-1]:
        if over[s] <= 0:
            break
        members = [i for i in np.nonzero(school == s)[0] if problem.pupils[i] > 0]
        big = max(members, key=lambda i: problem.pupils[i])
        head = (f"{names[s]} 超员 {over[s]:,.0f} 人：学区 {len(members)} 个地块，最大的地块"
                f"“{blocks[big]}”有 {problem.pupils[big]:,.0f} 人，每个地块只能整体划给一所学校")
        moves = single_moves(problem, school, s)
        if moves:
            i, t = moves[0]
            lines.append(head + f"；仍可整体改划的地块（如“{blocks[i]}”的 {problem.pupils[i]:,.0f} 人划入"
                                f"{names[t]}）会违反保留生源或调整人数的规则，或使总代价更高。")
        elif _borders(problem, school, s):
            lines.append(head + "；任何一个地块整体改划到相邻学区，都会使那所学校超员或本学区不连通。")
        else:
            lines.append(head + "；学区与其他学区之间没有可改划的相邻地块（被障碍隔开或不在候选学校范围）。")
    if lines:
        stuck = all("仍可整体改划" not in line for line in lines)
        lines.append(("按现有地块已无法再减少超员（方案的“最优”是在这些地块和规则下）：" if stuck
                      else "要进一步减少超员：")
                     + "可把城区按小区分成更细的地块（以地块文件和学校文件计算），或对城区相邻"
                       "学校实行多校划片（学校文件的“多校划片”列）。")
    return lines


def _borders(problem: ZoneProblem, school: np.ndarray, s: int) -> bool:
    """Whether a block of ``s`` with pupils borders another zone whose school it may join."""
    for i, j in problem.zone_edges.tolist():
        for a, b in ((i, j), (j, i)):
            t = school[b]
            if school[a] == s and t != s and problem.pupils[a] > 0 and problem.allowed[a, t]:
                return True
    return False


def link_notes(problem: ZoneProblem, blocks: list[str], schools: list[str]) -> list[str]:
    """A note for each piece of today's zones cut off from its school under the inferred
    adjacency and linked to it (``ZoneProblem.links``).

    >>> p = ZoneProblem(pupils=[0, 5, 5, 0], edges=[[0, 1], [2, 3]], root=[0, 3],
    ...                 capacity=[20, 20], distance=np.zeros((4, 2)), current=[0, 0, 0, 1])
    >>> print(*link_notes(p, ["甲校", "一村", "二村", "乙校"], ["甲校", "乙校"]))
    甲校的现行学区中二村与学校所在地块不相连（相邻关系由位置或边界推算）：按现行划片视为与学校相连，保留现行划片始终可行；改划进该学区的地块仍须与学区相连。
    """
    from junheng.zones.graph import components, neighbours

    adjacency = neighbours(problem.n, problem.edges)
    out = []
    for a, r in problem.links.tolist():
        s = int(np.nonzero(problem.root == r)[0][0])
        piece = next(part for part in components(np.nonzero(problem.current == s)[0].tolist(),
                                                 adjacency) if a in part)
        what = blocks[a] + (f"等 {len(piece)} 个地块" if len(piece) > 1 else "")
        out.append(f"{schools[s]}的现行学区中{what}与学校所在地块不相连"
                   f"（相邻关系由位置或边界推算）：按现行划片视为与学校相连，保留现行划片始终可行；"
                   "改划进该学区的地块仍须与学区相连。")
    return out
