"""From read files to a :class:`~junheng.zones.problem.ZoneProblem`: adjacency, each school's
block, straight-line distances, candidate lists, pins and the current zones."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import shapely

from junheng.errors import Problem, ValidationError
from junheng.zones.geofile import read_csv_rows
from junheng.zones.graph import point_edges, polygon_edges
from junheng.zones.io import Blocks, Schools, ZoneInput, folded, haversine_km, school_lookup
from junheng.zones.placing import link_islands, school_roots
from junheng.zones.problem import Weights, ZoneProblem, nearest_candidates

#: Candidate schools per block (its nearest ones plus its current school).
NEAREST = 6
#: Share of today's pupils a kept school keeps (soft, like the layout plan's 80 %).
KEEP_SHARE = 0.8


def centres(blocks: Blocks) -> np.ndarray:
    """A point inside each block (lon, lat)."""
    return shapely.get_coordinates(shapely.point_on_surface(np.asarray(blocks.geometries,
                                                                       dtype=object)))


def read_pins(path: Path | None, blocks: Blocks, schools: Schools) -> dict[int, int]:
    """``block → school`` from a CSV ``block,school`` (固定划片)."""
    if path is None:
        return {}
    if not Path(path).is_file():
        raise ValidationError([Problem(Path(path).name, None, None, str(path), "文件不存在。")])
    rows, _ = read_csv_rows(Path(path))
    bi = {folded(n): i for i, n in enumerate(blocks.names)}
    si = school_lookup(schools)
    pins, problems = {}, []
    for number, row in enumerate(rows, start=2):
        b, s = row.get("block", row.get("地块")), row.get("school", row.get("学校"))
        if folded(b) not in bi:
            problems.append(Problem(Path(path).name, number, "block", b, "地块编号不在地块文件中。"))
        elif folded(s) not in si:
            problems.append(Problem(Path(path).name, number, "school", s, "学校不在学校文件中。"))
        else:
            pins[bi[folded(b)]] = si[folded(s)]
    if problems:
        raise ValidationError(problems)
    return pins


def school_indices(names: list[str | None], schools: Schools, source: str,
                   column: str = "现学校", first_row: int = 1) -> np.ndarray:
    """Index of each block's named school (current or a staff plan; -1 when none)."""
    si = school_lookup(schools)
    bad = [Problem(source, i + first_row, column, name, "不是学校文件中的学校（按名称或代码，"
                   "不计首尾空格和大小写）。")
           for i, name in enumerate(names) if name is not None and folded(name) not in si]
    if bad:
        raise ValidationError(bad)
    return np.array([si[folded(n)] if n is not None else -1 for n in names], np.int64)


def same_town(towns: tuple, current: np.ndarray) -> np.ndarray:
    """``same[i, s]``: school ``s`` is in the 乡镇 of block ``i``'s current school (of the
    block itself where it has none).

    >>> same_town((["A", "B"], ["A", "B", "A"]), np.array([1, -1]))
    array([[False,  True, False],
           [False,  True, False]])
    """
    block_town, school_town = (np.asarray(t, object) for t in towns)
    home = np.where(current >= 0, school_town[np.maximum(current, 0)], block_town)
    return home[:, None] == school_town[None, :]


def cross_town(towns: tuple, current: np.ndarray) -> np.ndarray:
    """``cross[i, s]``: zoning block ``i`` to school ``s`` is a cross-乡镇 move (跨乡镇调整):
    the block has a school today and ``s`` lies in another 乡镇 than both the block and that
    school (a village moved back to its own 乡镇, or to another school of the 乡镇 it goes
    to today, is not one).

    >>> cross_town((["A", "A", "B", "C"], ["A", "B", "C"]), np.array([0, 1, -1, 2]))
    array([[False,  True,  True],
           [False, False,  True],
           [False, False, False],
           [ True,  True, False]])
    """
    block_town, school_town = (np.asarray(t, object) for t in towns)
    has = current >= 0
    today = np.where(has, school_town[np.maximum(current, 0)], None)
    other = ((school_town[None, :] != block_town[:, None])
             & (school_town[None, :] != today[:, None]))
    return other & has[:, None]


def no_farther(distance: np.ndarray, current: np.ndarray) -> np.ndarray:
    """``near[i, s]``: school ``s`` is no farther from block ``i`` than its school today (every
    school for a block without one).

    >>> no_farther(np.array([[1.0, 2.0], [3.0, 1.0]]), np.array([0, -1]))
    array([[ True, False],
           [ True,  True]])
    """
    today = np.where(current >= 0, distance[np.arange(len(current)), np.maximum(current, 0)],
                     np.inf)
    return distance <= today[:, None] + 1e-9


def build_input(blocks: Blocks, schools: Schools, *, barriers=(), pins=None,
                weights: Weights | None = None, max_moved: float | None = None,
                hard_capacity: bool = False, nearest: int = NEAREST,
                source: str = "地块文件", keep_share: float | None = KEEP_SHARE,
                towns: tuple | None = None, town_rule: bool = True) -> ZoneInput:
    """The zoning problem of the read files. ``towns``: (the 乡镇 of each block, of each
    school): cross-乡镇 moves are marked and cost ``Weights.cross`` (:func:`cross_town`);
    with ``town_rule`` a block's candidates are, among its ``nearest``, the schools of the
    乡镇 of its current school (its own 乡镇 without one), as the layout's receivers rule,
    and schools in another 乡镇 no farther than its school today (zones that are not
    connected today may need them), plus its current school."""
    xy = centres(blocks)
    polygons = all(g.geom_type.endswith("Polygon") for g in blocks.geometries)
    edges = (polygon_edges(blocks.geometries, barriers) if polygons
             else point_edges(xy, barriers))
    current = school_indices(blocks.current, schools, source, first_row=blocks.first_row)
    root, notes = school_roots(blocks, schools, xy, edges, current)
    edges, islands = link_islands(edges, xy, root, blocks.names)
    distance = haversine_km(xy[:, 0, None], xy[:, 1, None], schools.lon[None], schools.lat[None])
    allowed = nearest_candidates(distance, nearest, current)
    cross = None if towns is None else cross_town(towns, current)
    town_names = None if towns is None else (list(towns[0]), list(towns[1]))
    if towns is not None and town_rule:
        allowed &= same_town(towns, current) | no_farther(distance, current)
        allowed[np.nonzero(current >= 0)[0], current[current >= 0]] = True
    staff = {f: school_indices(names, schools, source, f, blocks.first_row)
             for f, names in (blocks.staff or {}).items()}
    for plan in staff.values():
        has = plan >= 0
        allowed[np.nonzero(has)[0], plan[has]] = True
    pins = dict(pins or {})
    if schools.group is not None:
        schools, member, root, distance, allowed = merge_groups(schools, root, distance, allowed)
        if towns is not None:  # a group crosses only into a 乡镇 none of its members is in
            groups = range(len(schools.names))
            cross = np.column_stack([cross[:, member == g].all(axis=1) for g in groups])
            town_names = (town_names[0], ["、".join(dict.fromkeys(
                np.asarray(towns[1], object)[member == g].tolist())) for g in groups])
        current = np.where(current >= 0, member[current], -1)
        staff = {f: np.where(plan >= 0, member[plan], -1) for f, plan in staff.items()}
        pins = {b: int(member[s]) for b, s in pins.items()}
    for block, school in pins.items():
        allowed[block] = False
        allowed[block, school] = True
    problem = ZoneProblem(pupils=blocks.pupils, edges=edges, root=root,
                          capacity=schools.capacity, distance=distance, current=current,
                          allowed=allowed, max_moved=max_moved, hard_capacity=hard_capacity,
                          weights=weights or Weights(), keep_share=keep_share or None,
                          cross=cross)
    return ZoneInput(problem, blocks, schools, staff or None, (*blocks.notes, *notes, *islands),
                     town_names)


def merge_groups(schools: Schools, root, distance, allowed):
    """多校划片: the schools of one group become one zone with their places added up; its
    root is the first member's block and the other members' blocks are pinned to it, so the
    connected zone holds every member; distance is to the nearest member. Returns the merged
    schools, ``member[s]`` (merged index of school ``s``), roots, distances and candidates."""
    keys = [g if g is not None else f"\0{i}" for i, g in enumerate(schools.group)]
    order = list(dict.fromkeys(keys))
    member = np.array([order.index(k) for k in keys], np.int64)
    firsts = [int(np.nonzero(member == g)[0][0]) for g in range(len(order))]
    names = ["、".join(np.asarray(schools.names)[member == g]) for g in range(len(order))]
    enrolled = (None if schools.enrolled is None
                else np.bincount(member, weights=schools.enrolled))
    merged = Schools(names, schools.lon[firsts], schools.lat[firsts],
                     np.bincount(member, weights=schools.capacity), None, enrolled,
                     schools.notes)
    n = len(distance)
    near = np.full((n, len(order)), np.inf)
    cand = np.zeros((n, len(order)), bool)
    for s, g in enumerate(member.tolist()):
        near[:, g] = np.minimum(near[:, g], distance[:, s])
        cand[:, g] |= allowed[:, s]
    for s, g in enumerate(member.tolist()):
        if s != firsts[g]:
            cand[root[s]] = False
            cand[root[s], g] = True
    return merged, member, root[firsts], near, cand
