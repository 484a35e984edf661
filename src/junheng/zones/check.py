"""The solver-free checker of a zoning plan: it reads only the problem's arrays and the plan.

Each rule of the formulation is checked independently of the MILP: every block zoned to one
allowed school (1, 2), each school's block in its own zone (2), every zone connected by a
breadth-first search over the edges ``E`` of the formulation (border edges and today's links,
``ZoneProblem.zone_edges``: today's zones always pass) (5–8), capacity when it is hard (3), the cap on
pupils moved (4) and on pupils over capacity (4c). The messages are Chinese and name the block or school.

Examples
--------
>>> import numpy as np
>>> from junheng.zones.problem import ZoneProblem
>>> p = ZoneProblem(pupils=[1, 1, 1], edges=[[0, 1], [1, 2]], root=[0, 2], capacity=[2, 2],
...                 distance=np.zeros((3, 2)))
>>> check_plan(p, [0, 0, 1])
[]
>>> check_plan(p, [1, 0, 1])
['学校 1 的所在地块 1 未划入本校。', '学校 2 的学区不连通：分成 2 片（各片首个地块：地块 1、地块 3）。']
"""

from __future__ import annotations

import numpy as np

from junheng.zones.graph import components, neighbours
from junheng.zones.problem import ZoneProblem

TOLERANCE = 1e-6


def check_plan(problem: ZoneProblem, school, names=None, school_names=None) -> list[str]:
    """Every broken rule of ``school`` (block → school index) as a Chinese sentence;
    ``names``: block names for the messages (default: block numbers from 1);
    ``school_names``: the schools' (default: 学校 1, 2…)."""
    p, school = problem, np.asarray(school, np.int64)
    label = (lambda i: f"地块 {names[i]}") if names is not None else (lambda i: f"地块 {i + 1}")
    named = (lambda s: school_names[s]) if school_names is not None else (lambda s: f"学校 {s + 1} ")
    if len(school) != p.n:
        return [f"方案有 {len(school)} 个地块，问题有 {p.n} 个。"]
    bad = [f"{label(i)} 没有划入任何学校。" for i in np.nonzero((school < 0) | (school >= p.k))[0]]
    if bad:
        return bad
    out = [f"{label(i)} 不允许划入{named(school[i]).strip()}（固定划片或候选限制）。"
           for i in np.nonzero(~p.allowed[np.arange(p.n), school])[0]
           if i not in set(p.root.tolist())]
    out += [f"{named(s)}的所在{label(p.root[s])} 未划入本校。"
            for s in range(p.k) if school[p.root[s]] != s]
    adjacency = p.adjacency
    for s in range(p.k):
        parts = components(np.nonzero(school == s)[0].tolist(), adjacency)
        if len(parts) > 1:
            shown = "、".join(label(part[0]) for part in parts)
            out.append(f"{named(s)}的学区不连通：分成 {len(parts)} 片（各片首个地块：{shown}）。")
    if p.hard_capacity:
        load = p.load(school)
        out += [f"{named(s)}划入 {load[s]:g} 人，超过容量 {p.capacity[s]:g} 人。"
                for s in range(p.k) if load[s] > p.capacity[s] + TOLERANCE]
    if p.max_moved is not None and p.moved(school) > p.max_moved + TOLERANCE:
        out.append(f"调整学区的学生 {p.moved(school):g} 人，超过上限 {p.max_moved:g} 人。")
    over = float(p.over(school).sum())
    if p.max_over is not None and over > p.max_over + TOLERANCE:
        out.append(f"超员 {over:g} 人，超过上限 {p.max_over:g} 人。")
    return out


def soft_breaks(problem: ZoneProblem, school, names: list[str]) -> list[str]:
    """The soft rules a plan breaks, as Chinese sentences with their penalty: (4b) a school
    keeps less than its share of today's pupils, (9) pupils moved into a school of another
    乡镇, (3b) a school pushed over capacity beyond today's load. ``names``: the schools'
    names.

    >>> import numpy as np
    >>> p = ZoneProblem(pupils=[0, 10, 0], edges=[[0, 1], [1, 2]], root=[0, 2],
    ...                 capacity=[20, 5], distance=np.zeros((3, 2)), current=[0, 0, 1],
    ...                 keep_share=0.8)
    >>> soft_breaks(p, [0, 1, 1], ["甲校", "乙校"])  # doctest: +NORMALIZE_WHITESPACE
    ['甲校现状 10 人，方案保留 0 人，少于 80% 的下限 8 人（每少 1 人罚 2,000）。',
     '乙校方案 10 人，超过容量与现状中较大者 5 人（新增超员 5 人，每人另罚 2,000）。']
    """
    p, school = problem, np.asarray(school, np.int64)
    out = []
    if p.keep_share:
        short, kept = p.short(school), p.kept(school)
        out += [f"{names[s]}现状 {p.today[s]:,.0f} 人，方案保留 {kept[s]:,.0f} 人，少于 "
                f"{p.keep_share:.0%} 的下限 {p.keep[s]:,.0f} 人（每少 1 人罚 {p.weights.short:,.0f}）。"
                for s in np.nonzero(short > TOLERANCE)[0]]
    crossed = np.nonzero(p.cross[np.arange(p.n), school] & (p.current >= 0)
                         & (school != p.current))[0]
    if len(crossed):  # (9)
        out.append(f"跨乡镇调整：{len(crossed)} 个地块 {p.pupils[crossed].sum():,.0f} 人划入其他乡镇的"
                   f"学校（每人另罚 {p.weights.cross:g}）。")
    new, load = p.new_over(school), p.load(school)
    out += [f"{names[s]}方案 {load[s]:,.0f} 人，超过容量与现状中较大者 {p.ceiling[s]:,.0f} 人"
            f"（新增超员 {new[s]:,.0f} 人，每人另罚 {p.weights.new_over:,.0f}）。"
            for s in np.nonzero(new > TOLERANCE)[0]]
    return out


def check_districting(population, edges, k: int, district, band: tuple[int, int]) -> list[str]:
    """Every broken rule of a ``k``-districting (any labels) as a Chinese sentence: the
    number of districts, each district connected (BFS) and its population within ``band``.

    >>> check_districting([1, 1, 1, 1], [[0, 1], [1, 2], [2, 3]], 2, [0, 1, 1, 0], (2, 2))
    ['第 1 区不连通：分成 2 片（各片首个单元：单元 1、单元 4）。']
    """
    district = np.asarray(district)
    pop = np.asarray(population, float)
    labels = np.unique(district).tolist()
    out = [] if len(labels) == k else [f"方案分成 {len(labels)} 个区，应为 {k} 个。"]
    adjacency = neighbours(len(pop), np.asarray(edges, np.int64).reshape(-1, 2))
    for number, d in enumerate(labels, start=1):
        members = np.nonzero(district == d)[0].tolist()
        parts = components(members, adjacency)
        if len(parts) > 1:
            shown = "、".join(f"单元 {part[0] + 1}" for part in parts)
            out.append(f"第 {number} 区不连通：分成 {len(parts)} 片（各片首个单元：{shown}）。")
        total = pop[members].sum()
        if not band[0] <= total <= band[1]:
            out.append(f"第 {number} 区人口 {total:g}，不在 {band[0]}–{band[1]} 之内。")
    return out
