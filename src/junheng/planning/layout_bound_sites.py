"""The site subproblems (S1)-(S5) of :mod:`junheng.planning.layout_bound`, solved exactly: per
stage a 0-1 knapsack over whole pupils (the parts of a zone (18) at a site one item), rooms
priced per total, and ``φ`` per total for the size cap, minimum size and the two floors."""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

import numpy as np

from junheng.planning.layout_data import LayoutArrays
from junheng.planning.layout_model import RELIEF_SHORT_YUAN, room_bounds

if TYPE_CHECKING:
    from junheng.planning.layout_bound import Priced

INF = math.inf

@dataclass(frozen=True)
class _Stage:
    """One stage of one site: its pairs (positions), its items' integer demands and room
    prices; ``item`` the item of each pair (None: one pair an item), the parts of a zone (18)
    at the site one item."""

    pairs: np.ndarray
    demand: np.ndarray  # per item
    room_price: np.ndarray  # per total w in 0..width: cost of the rooms that seat w (inf: none)
    item: np.ndarray | None = None

    def items(self) -> np.ndarray:
        """The item of each pair."""
        return np.arange(self.pairs.size) if self.item is None else self.item

    def costs(self, reduced: np.ndarray) -> np.ndarray:
        """Each item's reduced cost: its pairs' summed."""
        return np.bincount(self.items(), reduced[self.pairs], minlength=self.demand.size)

    def members(self, t: int) -> np.ndarray:
        """The pairs of item ``t``."""
        return self.pairs[self.items() == t]


@dataclass(frozen=True)
class _Site:
    """A site's subproblem data: the stages it has pairs of and φ per total (S4)-(S5)."""

    fixed: float
    stages: tuple[_Stage, ...]
    phi: np.ndarray  # per total T in 0..cap
    barred: np.ndarray = field(default_factory=lambda: np.zeros(0, np.int64))  # 0 by (18)


#: the rows the site subproblems (S1)-(S5) hold; (1) and (5) are priced by ``u`` and ``μ``,
#: every other row at a fixed multiplier (:class:`Priced`)


def _stage(
    arr: LayoutArrays,
    pairs: np.ndarray,
    zone_of: np.ndarray,
    seats: float,
    per_room: float,
    max_rooms: float,
    cap: float,
    room: float,
) -> _Stage:
    # the parts of a zone (18) one item: summed demand (whole pupils: LayoutLagrangian checks)
    key = zone_of[arr.pair_customer[pairs]]
    key = np.where(key >= 0, key, -1 - np.arange(pairs.size))
    _, item = np.unique(key, return_inverse=True)
    demand = np.bincount(item, arr.pair_demand[pairs]).round().astype(np.int64)
    width = int(min(demand.sum(), cap))
    w = np.arange(width + 1)
    # (S2) / (S3): the fewest rooms that seat w, at most M_i of them (7'), at ``room`` each
    # (the room's cost less the priced rows' duals); a room priced below 0: all M_i of them
    rooms = np.ceil(np.maximum(w - seats, 0.0) / per_room - 1e-9)
    bought = rooms if room >= 0 else np.full(w.size, float(max_rooms))
    price = np.where(rooms <= max_rooms + 1e-9, bought * room, INF)
    return _Stage(pairs, demand, price, item.astype(np.int64))


def _zone_of(arr: LayoutArrays) -> np.ndarray:
    """Per customer: its zone (18), -1 outside every zone."""
    zone_of = np.full(arr.n_customers, -1, dtype=np.int64)
    for z, members in enumerate(arr.zones):
        zone_of[np.asarray(members, int)] = z
    return zone_of


def _barred(arr: LayoutArrays, pairs: np.ndarray, zone_of: np.ndarray) -> np.ndarray:
    """The mask of ``pairs`` (one site's) that (18) keeps at 0: a part of a zone with a part
    that has no pair at the site."""
    zone = zone_of[arr.pair_customer[pairs]]
    size = np.array([len(m) for m in arr.zones] + [0], dtype=np.int64)
    here = np.bincount(zone[zone >= 0], minlength=size.size)
    return (zone >= 0) & (here[zone] < size[zone])


def _phi(arr: LayoutArrays, i: int, cap: int) -> np.ndarray:
    """φ per total T in 0..S^T_i (the array's end is (S4)'s cap)."""
    t = np.arange(cap + 1, dtype=float)
    # (S5) the relief floor's shortfall r and the 公用经费 floor's missing pupils z
    phi = RELIEF_SHORT_YUAN * np.maximum(arr.stay_floor[i] - t, 0.0)
    if arr.floor_quota[i] > 0:
        phi += arr.floor_quota[i] * np.maximum(arr.floor_pupils - t, 0.0)
    if arr.min_size[i] > 0:  # (S4) minimum size (8)
        phi[(t < arr.min_size[i] - 1e-9)] = INF
    return phi


def site_problems(arr: LayoutArrays, priced: Priced) -> list[_Site]:
    """Each site's subproblem; its fixed cost ``f_i`` and room prices shifted by the priced
    rows, a bed block priced below 0 (no ``μ`` then) bought ``M^B_i`` times when open."""
    max_p, max_j, max_b = room_bounds(arr)
    order = np.argsort(arr.pair_site, kind="stable")
    starts = np.searchsorted(arr.pair_site[order], np.arange(arr.n_sites + 1))
    zone_of = _zone_of(arr)
    sites = []
    for i in range(arr.n_sites):
        pairs = order[starts[i] : starts[i + 1]]
        barred = _barred(arr, pairs, zone_of)
        pairs, barred = pairs[~barred], pairs[barred]
        cap = int(arr.size_cap[i])
        prim = arr.pair_primary[pairs]
        room_p, room_j = arr.room_cost + priced.rooms[0][i], arr.room_cost + priced.rooms[1][i]
        stages = (
            _stage(arr, pairs[prim], zone_of, arr.seats_primary[i], arr.class_primary[i],
                   max_p[i], cap, room_p),
            _stage(arr, pairs[~prim], zone_of, arr.seats_junior[i], arr.class_junior[i],
                   max_j[i], cap, room_j),
        )
        fixed = arr.open_cost[i] + priced.open[i] + min(0.0, priced.bed_price(arr)[i]) * max_b[i]
        sites.append(_Site(float(fixed), stages, _phi(arr, i, cap), barred))
    return sites


def _knapsack(stage: _Stage, reduced: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """``h(w)`` for w in 0..width (exact weights) and the DP's take flags per item."""
    width = stage.room_price.size - 1
    h = np.full(width + 1, INF)
    h[0] = 0.0
    took = np.zeros((stage.demand.size, width + 1), dtype=bool)
    for t, (c, d) in enumerate(zip(stage.costs(reduced), stage.demand, strict=True)):
        if d > width:
            continue
        cand = np.full(width + 1, INF)
        cand[d:] = h[: width + 1 - d] + c
        better = cand < h
        took[t] = better
        h = np.where(better, cand, h)
    return h, took


def _backtrack(stage: _Stage, took: np.ndarray, w: int) -> list[int]:
    chosen = []
    for t in range(stage.demand.size - 1, -1, -1):
        if w >= 0 and took[t, w]:
            chosen += stage.members(t).tolist()
            w -= int(stage.demand[t])
    return chosen


def _other(cost: np.ndarray, phi: np.ndarray, width: int) -> np.ndarray:
    """``g(w) = min_v cost(v) + φ(w + v)`` for w in 0..width (φ infinite past its end)."""
    cap = phi.size - 1
    g = np.full(width + 1, INF)
    for v in np.flatnonzero(np.isfinite(cost)):
        top = min(width, cap - v)
        if top < 0:
            continue
        np.minimum(g[: top + 1], cost[v] + phi[v : v + top + 1], out=g[: top + 1])
    return g


@dataclass
class SiteSolution:
    value: float  # V_i (inf: the site cannot open)
    chosen: list[int]  # pairs taken at the optimum
    knapsacks: tuple[np.ndarray, np.ndarray]  # per stage: h(w)
    others: tuple[np.ndarray, np.ndarray]  # per stage: g(w), the other stage and φ


def solve_site(site: _Site, reduced: np.ndarray) -> SiteSolution:
    """(S1)-(S5) for one open site, exactly."""
    (sp, sj) = site.stages
    hp, tp = _knapsack(sp, reduced)
    hj, tj = _knapsack(sj, reduced)
    cost_p, cost_j = hp + sp.room_price, hj + sj.room_price
    g_p = _other(cost_j, site.phi, cost_p.size - 1)  # best junior part per primary total
    total = cost_p + g_p
    best = int(np.argmin(total))
    value = float(total[best])
    if not math.isfinite(value):
        return SiteSolution(INF, [], (hp, hj), (g_p, g_p))
    top = min(cost_j.size - 1, site.phi.size - 1 - best)
    junior = int(np.argmin(cost_j[: top + 1] + site.phi[best : best + top + 1]))
    chosen = _backtrack(sp, tp, best) + _backtrack(sj, tj, junior)
    g_j = _other(cost_p, site.phi, cost_j.size - 1) if sj.pairs.size else None
    return SiteSolution(site.fixed + value, chosen, (hp, hj), (g_p, g_j))


def forced_values(site: _Site, sol: SiteSolution, reduced: np.ndarray) -> dict[int, float]:
    """A lower bound of V_i with each pair of the site forced in (module docstring): a pair
    with its zone's other parts (18); a pair (18) bars here cannot be 1."""
    out = dict.fromkeys(site.barred.tolist(), INF)
    for s, stage in enumerate(site.stages):
        h, other = sol.knapsacks[s], sol.others[s]
        if other is None or not math.isfinite(sol.value):
            out.update(dict.fromkeys(stage.pairs.tolist(), sol.value))
            continue
        price = stage.room_price
        for t, (c, d) in enumerate(zip(stage.costs(reduced), stage.demand, strict=True)):
            if d > h.size - 1:
                value = INF
            else:
                value = site.fixed + float(np.min(h[: h.size - d] + c + price[d:] + other[d:]))
            out.update(dict.fromkeys(stage.members(t).tolist(), value))
    return out
