"""Block adjacency for zoning: which blocks share a border.

Polygons are adjacent when they share a border of positive length (a common corner is not
enough); points are adjacent along the edges of their Delaunay triangulation. An edge whose
straight segment between the two blocks' centres crosses a barrier the user lists (a river,
an expressway, as line or polygon geometries) is dropped.

Examples
--------
>>> from shapely.geometry import box, LineString
>>> cells = [box(0, 0, 1, 1), box(1, 0, 2, 1), box(0, 1, 1, 2), box(1, 1, 2, 2)]
>>> polygon_edges(cells).tolist()
[[0, 1], [0, 2], [1, 3], [2, 3]]
>>> polygon_edges(cells, barriers=[LineString([(1, -1), (1, 3)])]).tolist()
[[0, 2], [1, 3]]
>>> point_edges([[0, 0], [1, 0], [0, 1]]).tolist()
[[0, 1], [0, 2], [1, 2]]
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import shapely
from scipy.spatial import Delaunay

#: Shared border shorter than this fraction of the smaller perimeter counts as a corner.
CORNER_FRACTION = 1e-6
#: Coordinates are snapped to a grid of this fraction of the extent before borders are
#: compared, so that float noise (112.42 against 112.42000000000002) does not split borders.
SNAP_FRACTION = 1e-7


def polygon_edges(polygons: Sequence, barriers: Sequence = ()) -> np.ndarray:
    """Pairs ``(i, j)``, ``i < j``, of polygons sharing a border of positive length.

    >>> from shapely.geometry import box
    >>> noisy = [box(0.0, 0.0, 0.1 + 0.2, 1.0), box(0.3, 0.0, 0.6, 1.0)]  # 0.30000000000000004
    >>> polygon_edges(noisy).tolist()
    [[0, 1]]
    """
    geoms = np.asarray(polygons, dtype=object)
    x0, y0, x1, y1 = shapely.total_bounds(geoms)
    grid = SNAP_FRACTION * max(x1 - x0, y1 - y0, 1e-12)
    geoms = shapely.set_precision(geoms, grid)
    tree = shapely.STRtree(geoms)
    left, right = tree.query(geoms, predicate="intersects")
    keep = left < right
    left, right = left[keep], right[keep]
    shared = shapely.length(shapely.intersection(shapely.boundary(geoms[left]),
                                                 shapely.boundary(geoms[right])))
    perimeter = np.minimum(shapely.length(geoms[left]), shapely.length(geoms[right]))
    keep = shared > CORNER_FRACTION * perimeter
    edges = np.column_stack([left[keep], right[keep]]).astype(np.int64)
    centres = shapely.get_coordinates(shapely.point_on_surface(geoms))
    return _without_barriers(_sorted(edges), centres, barriers)


def point_edges(points, barriers: Sequence = ()) -> np.ndarray:
    """Pairs ``(i, j)``, ``i < j``, joined by an edge of the Delaunay triangulation (two or
    collinear points: consecutive points along the line)."""
    xy = np.asarray(points, float).reshape(-1, 2)
    if len(xy) < 2:
        return np.zeros((0, 2), np.int64)
    try:
        simplices = Delaunay(xy).simplices
        pairs = np.vstack([simplices[:, [0, 1]], simplices[:, [1, 2]], simplices[:, [0, 2]]])
    except Exception:  # scipy.spatial.QhullError: fewer than 3 points or all collinear
        order = np.lexsort((xy[:, 1], xy[:, 0]))
        pairs = np.column_stack([order[:-1], order[1:]])
    return _without_barriers(_sorted(pairs), xy, barriers)


def _sorted(pairs: np.ndarray) -> np.ndarray:
    pairs = np.sort(np.asarray(pairs, np.int64).reshape(-1, 2), axis=1)
    return np.unique(pairs, axis=0) if len(pairs) else pairs


def _without_barriers(edges: np.ndarray, centres: np.ndarray, barriers: Sequence) -> np.ndarray:
    if not len(barriers) or not len(edges):
        return edges
    segments = shapely.linestrings(np.stack([centres[edges[:, 0]], centres[edges[:, 1]]],
                                            axis=1))
    wall = shapely.union_all([shapely.boundary(b) if b.geom_type.endswith("Polygon") else b
                              for b in barriers])
    return edges[~shapely.intersects(segments, wall)]


def neighbours(n: int, edges: np.ndarray) -> list[list[int]]:
    """Adjacency lists of ``n`` blocks."""
    out: list[list[int]] = [[] for _ in range(n)]
    for i, j in np.asarray(edges, np.int64).reshape(-1, 2).tolist():
        out[i].append(j)
        out[j].append(i)
    return out


def components(members: Sequence[int], adjacency: list[list[int]]) -> list[list[int]]:
    """The connected components of the sub-graph induced by ``members`` (BFS), each sorted,
    in order of their smallest block.

    >>> components([0, 1, 3], [[1], [0, 2], [1, 3], [2]])
    [[0, 1], [3]]
    """
    inside, seen, out = set(members), set(), []
    for start in sorted(inside):
        if start in seen:
            continue
        seen.add(start)
        part, frontier = [start], [start]
        while frontier:
            nxt = []
            for v in frontier:
                for w in adjacency[v]:
                    if w in inside and w not in seen:
                        seen.add(w)
                        part.append(w)
                        nxt.append(w)
            frontier = nxt
        out.append(sorted(part))
    return out
