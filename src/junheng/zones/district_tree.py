"""Starts for min-cut-edges districting from random spanning trees: every plan is connected
and inside the population band by construction, so no penalty and no repair is needed.

Tree plans (recursive spanning-tree partitioning)
-------------------------------------------------
Draw a random spanning tree of the vertices not yet placed (Kruskal on random edge weights),
root it anywhere and list the tree edges whose removal cuts off a subtree ``S`` with
``L ≤ pop(S) ≤ U`` while the rest ``R`` keeps ``(m − 1)·L ≤ pop(R) ≤ (m − 1)·U`` (``m``: the
districts still to place; either side may be the district). Both sides of a tree edge are
connected (each is a subtree), so the district is connected and so is what is left. Take one
such edge at random, make its side a district, repeat on the rest; draw a new tree when no
edge fits. Many such plans are drawn and the one cutting fewest edges is kept.

Recombination (ReCom)
---------------------
From a plan, pick a random cut edge; its two districts are merged and split again along a
random spanning tree of the merged vertices (both sides in the band). The new plan is taken
when it cuts no more edges, else with probability ``exp(−β·Δcut)`` (Metropolis); the best
plan seen is returned.

Random spanning trees split the graph along few edges more often than not (a compact part
has many spanning trees), so the best of a few hundred tree plans is often a good districting
(on the county instances of the benchmark it reaches several published optima by itself).

A path of six vertices with one person each, in three districts of two: every tree plan is
the path cut in pairs (two cut edges).

>>> path = [[1], [0, 2], [1, 3], [2, 4], [3, 5], [4]]
>>> plan = tree_search([1] * 6, path, 3, (2, 2), seconds=0.2)
>>> cut_edges(plan, path), plan[0::2].tolist() == plan[1::2].tolist()
(2, True)
"""

from __future__ import annotations

import math
import random
import time

import numpy as np

from junheng.zones.district_heuristic import cut_edges


def tree_search(
    population,
    adjacency,
    k: int,
    band: tuple[int, int],
    *,
    seconds: float,
    seed: int = 0,
    recombine: float = 1 / 3,
    beta: float = 1.0,
) -> np.ndarray | None:
    """The best plan (labels ``0..k-1``) of ``(1 − recombine)·seconds`` of tree plans,
    then ``recombine·seconds`` of ReCom from it; None when no tree plan was found.
    ``seconds`` are CPU seconds of this process (``time.process_time``), so the search does
    as much work on a loaded machine as on an idle one (at load 11.6 a 45 s wall budget gave
    LA about 15 CPU seconds and 51 cut edges instead of 49)."""
    rng, began = random.Random(seed), time.process_time()
    pop = [float(p) for p in population]
    stop = began + seconds * (1.0 - recombine)
    best, best_cut = None, math.inf
    while time.process_time() < stop or best is None and time.process_time() < began + seconds:
        plan = tree_plan(pop, adjacency, k, band, rng)
        if plan is not None and (cut := cut_edges(plan, adjacency)) < best_cut:
            best, best_cut = plan, cut
    if best is None:
        return None
    left = began + seconds - time.process_time()
    return np.asarray(recombination(pop, adjacency, best, band, left, rng, beta), np.int64)


def tree_plan(
    pop, adjacency, k: int, band, rng: random.Random, tries: int = 50
) -> list[int] | None:
    """One random tree plan (labels ``0..k-1``), or None when a split failed ``tries``
    times."""
    low, high = band
    labels, rest = [-1] * len(pop), list(range(len(pop)))
    for d in range(k - 1):
        m = k - d - 1
        piece = split_off(rest, adjacency, pop, (low, high), (m * low, m * high), rng, tries)
        if piece is None:
            return None
        for v in piece:
            labels[v] = d
        rest = [v for v in rest if v not in piece]
    for v in rest:
        labels[v] = k - 1
    return labels


def split_off(
    members: list[int], adjacency, pop, band, rest_band, rng: random.Random, tries: int
) -> set[int] | None:
    """A side of a random spanning tree edge of ``members`` with its population in ``band``
    and the other side's in ``rest_band`` (both sides connected), or None after ``tries``
    trees."""
    total = sum(pop[v] for v in members)

    def fits(inside: float) -> bool:
        return band[0] <= inside <= band[1] and rest_band[0] <= total - inside <= rest_band[1]

    for _ in range(tries):
        children, order = spanning_tree(members, adjacency, rng)
        weight = {}
        for v in reversed(order):
            weight[v] = pop[v] + sum(weight[c] for c in children[v])
        cuts = [
            (v, fits(weight[v])) for v in order[1:] if fits(weight[v]) or fits(total - weight[v])
        ]
        if not cuts:
            continue
        v, below = rng.choice(cuts)
        piece, stack = {v}, [v]
        while stack:
            for c in children[stack.pop()]:
                piece.add(c)
                stack.append(c)
        return piece if below else set(members) - piece
    return None


def spanning_tree(
    members: list[int], adjacency, rng: random.Random
) -> tuple[dict[int, list[int]], list[int]]:
    """``(children, order)``: a spanning tree of the graph induced by ``members`` (Kruskal on
    random weights; assumed connected), rooted at a random member, ``order`` breadth-first
    from the root."""
    inside = set(members)
    edges = sorted(
        (rng.random(), a, b) for a in members for b in adjacency[a] if b in inside and a < b
    )
    parent = {v: v for v in members}

    def find(v: int) -> int:
        while parent[v] != v:
            parent[v] = parent[parent[v]]
            v = parent[v]
        return v

    near: dict[int, list[int]] = {v: [] for v in members}
    for _, a, b in edges:
        if (ra := find(a)) != (rb := find(b)):
            parent[ra] = rb
            near[a].append(b)
            near[b].append(a)
    root = members[rng.randrange(len(members))]
    children: dict[int, list[int]] = {v: [] for v in members}
    order, seen = [root], {root}
    for v in order:
        for w in near[v]:
            if w not in seen:
                seen.add(w)
                children[v].append(w)
                order.append(w)
    return children, order


def recombination(
    pop, adjacency, labels, band, seconds: float, rng: random.Random, beta: float = 1.0
) -> list[int]:
    """The best plan of ``seconds`` (CPU) of ReCom steps (Metropolis on cut edges at ``beta``)
    from the in-band connected plan ``labels``."""
    labels, stop = list(labels), time.process_time() + seconds
    edges = [(u, v) for u in range(len(labels)) for v in adjacency[u] if u < v]
    cut = cut_edges(labels, adjacency)
    best, best_cut = list(labels), cut
    while time.process_time() < stop:
        a, b = (labels[w] for w in rng.choice(edges))
        if a == b:
            continue
        members = [w for w in range(len(labels)) if labels[w] in (a, b)]
        piece = split_off(members, adjacency, pop, band, band, rng, 1)
        if piece is None:
            continue
        new = list(labels)
        for w in members:
            new[w] = a if w in piece else b
        change = cut_edges(new, adjacency) - cut
        if change <= 0 or rng.random() < math.exp(-beta * change):
            labels, cut = new, cut + change
            if cut < best_cut:
                best, best_cut = list(labels), cut
    return best
