"""The receivers' area rows of :mod:`~junheng.planning.layout_model`: (14) teaching area,
(15) sports area (with the land bought beside the school, (25)), (17) a hall built whole or not at all and (22) a hall or a field, not both
(numbers as in that module's formulation)."""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np

from junheng.optimize import Milp
from junheng.optimize.model import INF
from junheng.planning.layout_data import LayoutArrays
from junheng.planning.layout_model_receivers import kept_receiver_rooms

if TYPE_CHECKING:
    from junheng.planning.layout_model import LayoutColumns


def hall_sites(arr: LayoutArrays) -> np.ndarray:
    """bool per site: rule (17) holds, a 城镇 receiver with row (15) whose hall has a least
    size."""
    a = arr.areas
    return area_sites(arr)[1] & (a.hall_cap > 0) & (a.hall_least > 0)


def hall_rows(m: Milp, arr: LayoutArrays, c: LayoutColumns) -> None:
    """(17) a hall is built whole or not at all: g_i − G_i h_i ≥ 0 and g_i − cap_i h_i ≤ 0."""
    at = np.flatnonzero(hall_sites(arr))
    if not len(at):
        return
    a, k, one = arr.areas, np.arange(len(at)), np.ones(len(at))
    for least, lo, hi in ((a.hall_least, 0.0, INF), (a.hall_cap, -INF, 0.0)):
        m.add_rows("(17)", np.r_[k, k], np.r_[c.g[at], c.h[at]], np.r_[one, -least[at]], lo, hi)


def field_rows(m: Milp, arr: LayoutArrays, c: LayoutColumns) -> None:
    """(22) a receiver that may build both lays a field or builds a hall: f_i − F_i e_i ≤ 0
    and g_i + cap_i e_i ≤ cap_i (``F_i`` its spare ground, ``e_i`` binary)."""
    a = arr.areas
    at = np.flatnonzero(area_sites(arr)[1] & a.either())
    if not len(at):
        return
    k, one = np.arange(len(at)), np.ones(len(at))
    m.add_rows("(22)", np.r_[k, k], np.r_[c.f[at], c.e[at]], np.r_[one, -a.field_cap[at]],
               -INF, 0.0)
    m.add_rows("(22)", np.r_[k, k], np.r_[c.g[at], c.e[at]], np.r_[one, a.hall_cap[at]],
               -INF, a.hall_cap[at])


def area_sites(arr: LayoutArrays) -> tuple[np.ndarray, np.ndarray]:
    """bool per site: rows (14) and (15) exist, where the pupils who may come could need
    more teaching, sports area than ``H``."""
    a = arr.areas
    tau, sigma = a.per_pupil(arr.pair_primary, arr.pair_site)
    reach_t = np.bincount(arr.pair_site, arr.pair_demand * tau, minlength=arr.n_sites)
    reach_s = np.bincount(arr.pair_site, arr.pair_demand * sigma, minlength=arr.n_sites)
    return a.on & (reach_t > a.teaching_have + 1e-9), a.on & (reach_s > a.sports_have + 1e-9)


def area_rows(m: Milp, arr: LayoutArrays, c: LayoutColumns) -> None:
    """(14) teaching area and (15) sports area of the receivers."""
    a, site = arr.areas, arr.pair_site
    tau, sigma = a.per_pupil(arr.pair_primary, arr.pair_site)
    for group, sites, per, own, have in (
            ("(14)", area_sites(arr)[0], tau, (c.t, c.a_p, c.a_j), a.teaching_have),
            ("(15)", area_sites(arr)[1], sigma, (c.g, c.f, c.u, c.land), a.sports_have)):
        at_sites = np.flatnonzero(sites)
        if not len(at_sites):
            continue
        local = np.full(arr.n_sites, -1)
        local[at_sites] = np.arange(len(at_sites))
        at = local[site] >= 0
        k = np.arange(len(at_sites))
        weights = [np.ones(len(k))] + [a.room_m2[at_sites]] * (len(own) - 1) \
            if group == "(14)" else [np.ones(len(k))] * len(own)
        m.add_rows(group, np.r_[local[site[at]], np.tile(k, len(own))],
                   np.r_[c.x[at], *(col[at_sites] for col in own)],
                   np.r_[-arr.pair_demand[at] * per[at], *weights], -have[at_sites], INF)
    land_rows(m, arr, c)


def land_sites(arr: LayoutArrays) -> np.ndarray:
    """bool per site: rule (25') needs its rows, a receiver with row (15) that may buy land and
    whose whole spare ground ``W_i`` exceeds what its field may take ``F_i`` (elsewhere the
    field, cheaper than land, takes the ground first, so the cap holds at the optimum)."""
    a = arr.areas
    whole = np.zeros(arr.n_sites) if a.ground_whole is None else a.ground_whole
    return area_sites(arr)[1] & (a.land() > 0) & (whole > np.where(np.isfinite(a.field_cap), a.field_cap, INF))


def land_rows(m: Milp, arr: LayoutArrays, c: LayoutColumns) -> None:
    """(25') land only for the shortfall beyond the whole spare ground: l_i − Λ_i b_i ≤ 0 and
    l_i + (W_i + H^S_i) b_i − Σ_j σ_j d_j x_ij ≤ 0 (b_i = 1: l_i ≤ s_i − W_i; 0: l_i = 0)."""
    a, site = arr.areas, arr.pair_site
    at = np.flatnonzero(land_sites(arr))
    if c.land is None or c.land_buy is None or not len(at):
        return
    k, one = np.arange(len(at)), np.ones(len(at))
    m.add_rows("(25')", np.r_[k, k], np.r_[c.land[at], c.land_buy[at]], np.r_[one, -a.land()[at]], -INF, 0.0)
    local = np.full(arr.n_sites, -1)
    local[at] = k
    pick = local[site] >= 0
    sigma = a.per_pupil(arr.pair_primary, site)[1]
    m.add_rows("(25')", np.r_[k, k, local[site[pick]]], np.r_[c.land[at], c.land_buy[at], c.x[pick]],
               np.r_[one, a.ground_whole[at] + a.sports_have[at], -arr.pair_demand[pick] * sigma[pick]],
               -INF, 0.0)


def rooms_as_area(arr: LayoutArrays, cols: LayoutColumns, v: np.ndarray) -> np.ndarray:
    """``v`` with each site's added classrooms cut to what its pupils' seats need, rows
    (3)–(4), where rule (14) counts a room as teaching area: a room and its 120 m² of area cost
    the same, so the solver may add rooms no class fills instead of area (review 2026-12-03:
    36 primary rooms at a new school for 14 primary pupils). The area is then priced as area
    (layout_areas.planned_areas recomputes t from the rooms kept); only where a room costs at
    least its area, so the plan's cost never rises."""
    a, site, x = arr.areas, arr.pair_site, v[cols.x] > 0
    d = arr.pair_demand * x
    out = v.copy()
    for room, seats, size, mask in ((cols.a_p, arr.seats_primary, arr.class_primary,
                                     arr.pair_primary),
                                    (cols.a_j, arr.seats_junior, arr.class_junior,
                                     ~arr.pair_primary)):
        pupils = np.bincount(site, d * mask, minlength=arr.n_sites)
        need = np.ceil(np.maximum(pupils - seats, 0) / np.maximum(size, 1) - 1e-9)
        cheaper = a.on & (arr.room_cost * a.years >= a.teaching_yuan * a.room_m2 - 1e-6) & ~np.isin(np.arange(arr.n_sites), [n.site for n in arr.class_needs])  # not (23)
        out[room] = np.where(cheaper, np.minimum(v[room], need), v[room]).astype(int)
    return kept_receiver_rooms(arr, cols, v, out)  # (24): a receiver's rooms for its classes
