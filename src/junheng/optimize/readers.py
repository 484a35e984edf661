"""Readers for the OR-Library facility-location formats: cap, pmed and pmedcap.

Each ``parse_*`` takes the file's text, each ``read_*`` a path; both return a
:class:`FacilityProblem`. Files are whitespace-separated tokens (line breaks carry no
meaning). Conventions follow ``benchmarks/orlib/OPTIMA.md``.
"""

from __future__ import annotations

import math
from pathlib import Path

import numpy as np

from junheng.optimize.facility import FacilityProblem, euclidean_distances


def _tokens(text: str, what: str, count: int) -> list[str]:
    tokens = text.split()
    if len(tokens) < count:
        raise ValueError(f"{what} 文件不完整：至少需要 {count} 个数，只读到 {len(tokens)} 个。")
    return tokens


def parse_cap(text: str, capacity: float | None = None) -> FacilityProblem:
    """A capacitated warehouse location problem (``cap41`` ... ``capc``), splittable demand.

    Format: ``m n``; per site ``capacity fixed_cost``; per customer ``demand`` and m costs
    of serving all of its demand from each site. In capa/capb/capc the capacity is the word
    ``capacity``: pass ``capacity`` to choose one of the published variants (it replaces
    every site's capacity, in any file).

    Examples
    --------
    >>> p = parse_cap("2 1  10 5.  10 7.  4  1.5 2.5")
    >>> p.n_sites, p.n_customers, float(p.pair_cost.min())
    (2, 1, 1.5)
    """
    head = _tokens(text, "cap", 2)
    m, n = int(head[0]), int(head[1])
    tokens = _tokens(text, "cap", 2 + 2 * m + n * (1 + m))
    site_part = tokens[2: 2 + 2 * m]
    if capacity is None and "capacity" in site_part[0::2]:
        raise ValueError("该文件的容量写作 capacity：请用 capacity 参数指定容量（如 8000）。")
    caps = np.full(m, float(capacity)) if capacity is not None else np.array(site_part[0::2], float)
    fixed = np.array(site_part[1::2], dtype=float)
    body = np.array(tokens[2 + 2 * m: 2 + 2 * m + n * (1 + m)], dtype=float).reshape(n, 1 + m)
    return FacilityProblem.from_cost_matrix(body[:, 1:].T, body[:, 0], fixed, caps)


def parse_pmed(text: str) -> FacilityProblem:
    """An uncapacitated p-median problem (``pmed1`` ... ``pmed40``).

    Format: ``n edges p``, then ``i j cost`` per edge (1-based). Costs are all-pairs
    shortest paths where a repeated edge keeps its LAST cost, as OR-Library prescribes;
    every vertex is a customer of weight 1 and a candidate site.

    Examples
    --------
    >>> p = parse_pmed("3 2 1  1 2 5  2 3 4")
    >>> p.p, float(p.pair_cost.max())
    (1, 9.0)
    """
    head = _tokens(text, "pmed", 3)
    n, edges, p = int(head[0]), int(head[1]), int(head[2])
    table = np.array(_tokens(text, "pmed", 3 + 3 * edges)[3: 3 + 3 * edges], dtype=float)
    distance = shortest_paths(n, table.reshape(edges, 3))
    return FacilityProblem.from_cost_matrix(distance, np.ones(n), 0.0, math.inf, p=p,
                                            single_source=True)


def shortest_paths(n: int, edges: np.ndarray) -> np.ndarray:
    """Floyd-Warshall over an undirected graph given as rows ``i j cost`` (1-based)."""
    distance = np.full((n, n), np.inf)
    for i, j, cost in edges:  # in order: a repeated edge keeps its last cost
        distance[int(i) - 1, int(j) - 1] = distance[int(j) - 1, int(i) - 1] = cost
    np.fill_diagonal(distance, 0.0)
    for k in range(n):
        np.minimum(distance, distance[:, k, None] + distance[None, k, :], out=distance)
    return distance


def parse_pmedcap(text: str) -> FacilityProblem:
    """A capacitated p-median problem (Osman & Christofides, ``pmedcap01`` ...).

    Format: ``problem value``; ``n p Q``; n lines ``id x y demand``. Distances are the
    floor of the Euclidean distance, each customer goes to exactly one median (single
    source), every median holds at most Q, exactly p medians open.

    Examples
    --------
    >>> p = parse_pmedcap("1 7  2 1 10  1 0 0 3  2 3 4 4")
    >>> p.p, p.single_source, float(p.pair_cost.max())
    (1, True, 5.0)
    """
    head = _tokens(text, "pmedcap", 5)
    n, p, capacity = int(head[2]), int(head[3]), float(head[4])
    rows = np.array(_tokens(text, "pmedcap", 5 + 4 * n)[5: 5 + 4 * n], dtype=float).reshape(n, 4)
    distance = euclidean_distances(rows[:, 1:3], rows[:, 1:3], floor=True)
    return FacilityProblem.from_cost_matrix(distance, rows[:, 3], 0.0, capacity, p=p,
                                            single_source=True)


def pmedcap_reference_value(text: str) -> float:
    """The value on line 1 of a pmedcap file (the published optimum)."""
    return float(_tokens(text, "pmedcap", 2)[1])


def read_cap(path: str | Path, capacity: float | None = None) -> FacilityProblem:
    """:func:`parse_cap` on a file."""
    return parse_cap(Path(path).read_text(), capacity)


def read_pmed(path: str | Path) -> FacilityProblem:
    """:func:`parse_pmed` on a file."""
    return parse_pmed(Path(path).read_text())


def read_pmedcap(path: str | Path) -> FacilityProblem:
    """:func:`parse_pmedcap` on a file."""
    return parse_pmedcap(Path(path).read_text())
