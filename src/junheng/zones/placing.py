"""Where each school's zone starts, and blocks that touch no other block.

* A school sits in the polygon block containing it, else in the nearest polygon (said in a
  note); with point blocks, in the block with the nearest point.
* A school whose block is in another school's zone today (a district may draw it so) starts
  instead from the nearest block of its own zone today, said in a note, so that today's
  zones stay a valid plan and the block need not move.
* Two or more schools in one block: the block goes to the school it belongs to today (else
  the first listed); each other school's zone must instead hold a neighbouring block that
  holds no school, preferably one of its own zone today, else the nearest (said in a note).
  With no such neighbour the input is refused (split the block or merge the schools).
* Islands: a group of blocks that touches no other block and holds no school could never
  join a connected zone; it is linked to the nearest block outside it (straight line, as if
  a road joined them) until every group holds a school, and each link is said. A group
  that holds a school stays apart: its blocks can only go to the schools in it.
"""

from __future__ import annotations

import numpy as np
import shapely

from junheng.errors import Problem, ValidationError
from junheng.zones.graph import components, neighbours


def school_roots(blocks, schools, xy: np.ndarray, edges: np.ndarray,
                 current: np.ndarray) -> tuple[np.ndarray, list[str]]:
    """The block each school's zone must hold, and the notes saying how it was chosen."""
    from junheng.zones.io import haversine_km

    geoms = np.asarray(blocks.geometries, dtype=object)
    polygons = all(g.geom_type.endswith("Polygon") for g in geoms)
    root = np.empty(len(schools.names), np.int64)
    notes = []
    for s, point in enumerate(shapely.points(schools.lon, schools.lat)):
        if not polygons:
            root[s] = int(np.argmin(haversine_km(xy[:, 0], xy[:, 1], schools.lon[s],
                                                 schools.lat[s])))
            continue
        inside = np.nonzero(shapely.covers(geoms, point))[0]
        root[s] = inside[0] if len(inside) else int(np.argmin(shapely.distance(geoms, point)))
        if not len(inside):
            edge = shapely.get_coordinates(shapely.shortest_line(geoms[root[s]], point))[0]
            km = float(haversine_km(edge[0], edge[1], schools.lon[s], schools.lat[s]))
            notes.append(f"{schools.names[s]}不在任何地块内，按最近的地块{blocks.names[root[s]]}"
                         f"（相距 {km:.2f} 公里）作为其所在地块。")
    _inside_today(blocks, schools, xy, current, root, notes)
    return _shared(blocks, schools, xy, edges, current, root, notes)


def _inside_today(blocks, schools, xy, current, root, notes) -> None:
    """A school whose block is in another school's zone today starts from the nearest block
    of its own zone today (districts draw such zones; the current plan then stays valid)."""
    from junheng.zones.io import haversine_km

    taken = set(root.tolist())
    for s in range(len(root)):
        other = int(current[root[s]])
        own = [b for b in np.nonzero(current == s)[0].tolist() if b not in taken]
        if other < 0 or other == s or not own:
            continue
        km = haversine_km(xy[own, 0], xy[own, 1], schools.lon[s], schools.lat[s])
        pick = own[int(np.argmin(km))]
        notes.append(f"{schools.names[s]}所在的地块{blocks.names[root[s]]}现划入"
                     f"{schools.names[other]}：{schools.names[s]}的学区改为必须包含其现学区内"
                     f"离学校最近的地块{blocks.names[pick]}（相距 {km.min():.2f} 公里）。")
        taken.discard(int(root[s]))
        root[s] = pick
        taken.add(pick)


def _shared(blocks, schools, xy, edges, current, root, notes):
    """Schools sharing a block: all but one start from a free neighbouring block."""
    from junheng.zones.io import haversine_km

    adjacency = neighbours(len(xy), edges)
    taken = set(root.tolist())
    problems = []
    for block in sorted({int(b) for b in root if (root == b).sum() > 1}):
        here = np.nonzero(root == block)[0].tolist()
        keeper = current[block] if current[block] in here else here[0]
        for s in here:
            if s == keeper:
                continue
            free = [b for b in adjacency[block] if b not in taken]
            if not free:
                problems.append(Problem("学校", s + 2, "school", schools.names[s],
                                        f"与{schools.names[keeper]}位于同一地块{blocks.names[block]}，"
                                        "且相邻地块都已有学校：请拆分该地块或合并两校。"))
                continue
            km = haversine_km(xy[free, 0], xy[free, 1], schools.lon[s], schools.lat[s])
            own = np.array([current[b] == s for b in free])
            pick = free[int(np.argmin(np.where(own, km, km + 1e9)))]
            root[s] = pick
            taken.add(pick)
            notes.append(f"{schools.names[s]}与{schools.names[keeper]}位于同一地块"
                         f"{blocks.names[block]}：该地块划入{schools.names[keeper]}，"
                         f"{schools.names[s]}的学区改为必须包含相邻地块{blocks.names[pick]}。")
    if problems:
        raise ValidationError(problems)
    return root, notes


def link_islands(edges: np.ndarray, xy: np.ndarray, root: np.ndarray,
                 names: list[str]) -> tuple[np.ndarray, list[str]]:
    """``edges`` with islands without a school linked (see the module docstring), and notes.

    >>> xy = np.array([[0.0, 0.0], [0.01, 0.0], [0.05, 0.0]])
    >>> edges, notes = link_islands(np.array([[0, 1]]), xy, np.array([0]), ["甲", "乙", "丙"])
    >>> edges.tolist()
    [[0, 1], [1, 2]]
    >>> notes[0]
    '地块丙与其他地块都不相邻（岛或飞地），按直线距离视为与最近的地块乙相邻（相距 4.45 公里），可划入乙所在的学区。'
    """
    from junheng.zones.io import haversine_km

    n, edges = len(xy), np.asarray(edges, np.int64).reshape(-1, 2)
    notes = []
    schools_at = set(root.tolist())
    while True:
        parts = components(list(range(n)), neighbours(n, edges))
        lonely = [p for p in parts if not schools_at & set(p)]
        if not lonely or len(parts) == 1:
            break
        added = []
        for part in lonely:
            outside = np.setdiff1d(np.arange(n), part)
            km = haversine_km(xy[part, 0, None], xy[part, 1, None], xy[None, outside, 0],
                              xy[None, outside, 1])
            a, b = np.unravel_index(int(np.argmin(km)), km.shape)
            i, j = part[a], int(outside[b])
            added.append(sorted((i, j)))
            what = (f"地块{names[i]}" if len(part) == 1
                    else f"地块{names[part[0]]}等 {len(part)} 个地块连成的一片")
            notes.append(f"{what}与其他地块都不相邻（岛或飞地），按直线距离视为与最近的地块"
                         f"{names[j]}相邻（相距 {km[a, b]:.2f} 公里），可划入{names[j]}所在的学区。")
        edges = np.unique(np.vstack([edges, np.array(added, np.int64)]), axis=0)
    notes += [f"地块{names[p[0]]}" + (f"等 {len(p)} 个地块" if len(p) > 1 else "")
              + "与其他地块都不相邻，自成一片，只能划入位于其中的学校。"
              for p in parts if len(parts) > 1 and len(p) < n / 2]
    return edges, notes
