"""Rules (24) and (27) of the layout MILP: an existing school that receives pupils holds its
classes formed grade by grade, or is no shorter of rooms for them than without the plan (不因本方案
更缺), in the years after the target (24); in the target year every existing school's classes
formed grade by grade fit in its rooms and those the solve adds (27), as the 过渡期 counts them.

Rule (23) (:mod:`~junheng.planning.layout_model_classes`) forms a new school's classes grade by
grade; an existing receiver was sized by its stage seats (3)–(4) only, so a school taking a
closed school's pupils (撤并) or a community's (划片) could lack a room for a grade's class: the
demo's plan without a forecast left 11 rooms short at receivers (issue 16). For each existing
site ``i`` that pupils of another school may reach, each school year ``y`` from the target to
:data:`~.layout_later.LATER` years after it, and each grade ``g`` of a stage group ``G``
(``share_gy`` its share of the group's pupils at ``i`` in ``y`` as the forecast has that year's
grades, else as its pupils are today: :func:`year_mixes`, the 过渡期's
:func:`~.layout_years.year_shares`)::

    (24a) Σ_(j in G) share_gy f_jy d_j x_ij ≤ size^s k_igy,   k_igy ∈ ℤ₊    (classes of one grade)
    (24b) Σ_g k_igy − a^P_i − a^J_i ≤ R_i + B_iy                          (years after the target)
    (24c) k_igy ≥ ⌈O_igy / size^s⌉ (Σ_(j in O) x_ij − |O| + 1)   (a cut: implied by (24a))
    (27)  Σ_g k_igT − a^P_i − a^J_i − β_i ≤ R_i,   β_i ∈ ℤ₊                (the target year T)

``R_i`` is the rooms of the compulsory stages today (``rooms_primary + rooms_junior``: the
rooms the short-room count pools, :func:`~.layout_counts.room_shortfalls`; the 过渡期's rooms
before the plan, seats over class size, pooled the same way: :func:`~.layout_counts.pooled_classes`),
``B_iy`` the rooms the school lacks in ``y`` without the plan: its own pupils today (every
customer whose school today is ``i``, ``f_jy`` as in (23)) in classes grade by grade, less
``R_i``, at least 0. After the target a school not short without the plan fits its classes in
its rooms and those the plan builds; a school short already may not be made shorter. A school
that no other school's pupils can reach keeps a subset of its own pupils, so (24) holds there
without a row; where even every pupil who may come fits, (24b) cannot bind and has no row
either. A site's year that one of its customers cannot be aged to has no row (grades 1–3 not yet
born; the checker leaves it out too). Years before the target are the 过渡期's
(:mod:`~.layout_years`: rooms built by then, else 临时周转).

(27) is the target year's count of the 过渡期 (brief hborrow3: the solve counted a stage's rooms
by its seats at today's grade mix and priced 4 rooms, the 过渡期, grade by grade at the
forecast's, borrowed 5 in 2030, and 「最优」 was proven for 4): at every existing site but a
教学点 (its grades share 复式班 classes: the seats (3)–(4) are its rooms' need, as the 过渡期 counts
it) and a school being relocated (no build there, (7)), whether or not it receives, with a row
where every pupil who may come could form more than ``R_i`` classes, without ``B_iT``: a school
short in its target year builds, or sends pupils elsewhere, as every school the 过渡期 follows
borrows the rooms its classes lack beyond those the solve added. The rooms the solve adds are
priced as built (``e_room``), so the 规划年's borrowed rooms are rooms the objective has.

``β_i`` (brief hborrow5 1) is the rooms the school borrows in the target year because the budget
does not build them: priced as a room the solve adds (``e_room``, plus 1 元 a year so that a room
the budget can pay is added, not borrowed: a tie-break), but outside the budget row (10) and the
added-room caps (7), (7'); at most the rooms (27) may ask there (:func:`target_rooms`). A room
borrowed is not a build: without it (27) asked a school the budget could not pay for a room it
would only borrow, and the plan had none. The solve puts ``β_i`` among the school's added rooms
on the stage short in T (:func:`borrowed_stages`), and the 过渡期 meets them by 临时周转, never
builds them (:func:`~.layout_years.site_years`' ``borrowed``); the checker finds them borrowed in
the 规划年 (:func:`~.layout_check_borrow.borrowed_text`). ``β_i`` is not limited by the 临时周转
run rule (``temporary_peak_years``) in the model, which looks at no year before T; the 过渡期
counts them in the school's runs like any room borrowed, and builds the rooms that cut a run too
long only among those the budget pays (``a``): a run the unbuilt rooms keep too long is not cut.

(24c), ``O`` the site's own customers of the group and ``O_igy`` their pupils of one grade, is
valid (all staying, they fill that many classes) and tightens the LP relaxation, where (24a)
alone leaves ``k`` at about the stage seats (3)–(4): the demo's solve took a third less time.

Receiver R has 8 rooms and 300 pupils of grades 1–3 today (100 a grade: 3 classes each, 9
classes): 1 room short without the plan, ``R + B = 9`` after the target. A point's 30 pupils
(10 a grade) join them in the same 9 classes: no room to add; its 120 (40 a grade: 140, 4
classes each, 12) need 3 rooms more; in the target year (27) its 8 rooms hold 9 classes only
with 1 room added, and 12 with 4:

>>> need = ReceiverNeed(0, 2031, np.array([0, 1]), np.array([100.0, 10.0]), 45.0, 3)
>>> receiver_rooms(Receivers((need,), {(0, 2031): 9.0}), np.array([1.0, 1.0]), 1)
array([0.])
>>> need = ReceiverNeed(0, 2031, np.array([0, 1]), np.array([100.0, 40.0]), 45.0, 3)
>>> receiver_rooms(Receivers((need,), {(0, 2031): 9.0}), np.array([1.0, 1.0]), 1)
array([3.])
>>> need = ReceiverNeed(0, 2030, np.array([0, 1]), np.array([100.0, 40.0]), 45.0, 3)
>>> receiver_rooms(Receivers((need,), {(0, 2030): 8.0}, 2030), np.array([1.0, 0.0]), 1)
array([1.])
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from junheng.optimize import Milp
from junheng.planning.layout_model_classes import GROUP_GRADES, grade_columns, pair_positions


@dataclass(frozen=True)
class ReceiverNeed:
    """One existing site's grades of one stage group with one share, in one school year: the
    pupils of one such grade each pair would bring, and how many grades share it."""

    site: int             # site position
    year: int
    pairs: np.ndarray     # pair positions
    pupils: np.ndarray    # pupils of one grade per pair in ``year``
    size: float           # the standard class size
    grades: int           # grades with this share
    own: np.ndarray | None = None  # bool per pair: a customer whose school today it is
    stage: str = "primary"  # the stage of the group


@dataclass(frozen=True)
class Receivers:
    """The (24a) terms and, per (site position, year), the right-hand side ``R_i + B_iy``."""

    needs: tuple[ReceiverNeed, ...] = ()
    allowed: dict[tuple[int, int], float] = field(default_factory=dict)
    target: int | None = None  # the target year: its (site, year) rows are (27)


def grade_classes(pupils: np.ndarray, shares: list[float], size: float) -> float:
    """Classes of a group's ``pupils`` (summed) formed grade by grade (``shares``)."""
    total = float(np.sum(pupils))
    return float(sum(np.ceil(total * s / size - 1e-9) for s in shares if s > 0))


def year_mixes(data, sites: pd.DataFrame, years: pd.DataFrame | None, target: int
               ) -> dict[int, pd.DataFrame]:
    """School year from ``target`` (of ``years``' columns) -> each site's grade shares that year
    (``share_g1`` … ``share_g9``): the forecast's grades of the year where ``data`` carries them,
    else the sites' own (:func:`~.layout_forecast.forecast_grade_mix`, as the 过渡期's
    :func:`~.layout_years.year_shares`); {} without ``years``."""
    from junheng.planning.layout_forecast import forecast_grade_mix

    if years is None:
        return {}
    cols = [f"share_g{g}" for g in range(1, 10)]
    return {int(y): forecast_grade_mix(sites, data, int(y))[cols] for y in years.columns if y >= target}


def _shares(problem, i: int, year: int) -> np.ndarray:
    """Site ``i``'s nine grade shares in ``year``: :func:`year_mixes`' where it has the site,
    else the site's ``share_g*``."""
    sites, cols = problem.sites, [f"share_g{g}" for g in range(1, 10)]
    mix = (getattr(problem, "grade_mix", None) or {}).get(int(year))
    if mix is not None and sites.index[i] in mix.index:
        return mix.loc[sites.index[i], cols].to_numpy(float)
    return sites[cols].iloc[i].to_numpy(float)


def _site_year(sites, i: int, at: np.ndarray, own: np.ndarray, group: np.ndarray,
               demand: np.ndarray, own_demand: np.ndarray, own_group: np.ndarray, year: int,
               share: np.ndarray) -> tuple[list[ReceiverNeed], float, float]:
    """Site ``i``'s needs in ``year`` (``demand``: pupils per pair at ``i`` that year, ``share``
    its nine grade shares that year), the classes its own pupils form without the plan, and
    the most every pair's could form."""
    needs, without, most = [], 0.0, 0.0
    for name, grades in GROUP_GRADES.items():
        stage = "junior" if name == "grades_7_9" else "primary"
        size = float(sites[f"class_size_{stage}"].iloc[i])
        shares = [float(share[g - 1]) for g in grades]
        without += grade_classes(own_demand[own_group == name], shares, size)
        mine = group == name
        if not mine.any():
            continue
        most += grade_classes(demand[mine], shares, size)
        for share_g, count in pd.Series(shares).round(9).value_counts(sort=False).items():
            if share_g > 0:
                needs.append(ReceiverNeed(i, year, at[mine], demand[mine] * share_g, size,
                                          int(count), own[mine], stage))
    return needs, without, most


def target_sites(sites: pd.DataFrame) -> np.ndarray:
    """Per site: whether rule (27) may have a row there (an existing site, not a 教学点, not being
    relocated)."""
    n = len(sites)
    kind = sites["kind"].to_numpy(object) if "kind" in sites else np.full(n, "")
    moving = sites["relocating"].to_numpy(bool) if "relocating" in sites else np.zeros(n, bool)
    return sites["existing"].to_numpy(bool) & (kind != "teaching_point") & ~moving


def receiver_needs(problem) -> Receivers:
    """The (24) and (27) terms of ``problem`` (its ``years``: growth per customer and school
    year; its ``grade_mix``: each year's grade shares)."""
    years = getattr(problem, "years", None)
    if years is None:
        return Receivers()
    sites, customers, target = problem.sites, problem.customers, problem.target_year
    pair_site, pair_customer = pair_positions(problem)
    before = pd.Series(np.arange(len(sites)), index=sites.index).reindex(
        customers["before_site"]).fillna(-1).to_numpy(int)
    group, demand = customers["group"].to_numpy(), customers["demand"].to_numpy(float)
    growth = years.to_numpy(float)
    rooms = (sites["rooms_primary"] + sites["rooms_junior"]).to_numpy(float)
    whole = target_sites(sites)
    needs: list[ReceiverNeed] = []
    allowed: dict[tuple[int, int], float] = {}
    for i in np.flatnonzero(sites["existing"].to_numpy(bool)):
        at = np.flatnonzero(pair_site == i)
        own = np.flatnonzero(before == i)
        receives = bool(len(at)) and not (before[pair_customer[at]] == i).all()
        if not len(at) or not (receives or whole[i]):
            continue  # no other school's pupils can come, and no (27) row
        for col, year in enumerate(years.columns):
            f, f_own = growth[pair_customer[at], col], growth[own, col]
            if year < target or np.isnan(f).any() or np.isnan(f_own).any():
                continue  # a group not aged that far (grades 1–3 not yet born): the year is out
            if not (receives or (whole[i] and year == target)):
                continue
            c = pair_customer[at]
            found, without, most = _site_year(sites, int(i), at, before[c] == i, group[c],
                                              demand[c] * f, demand[own] * f_own, group[own],
                                              int(year), _shares(problem, int(i), int(year)))
            room = rooms[i] + (0.0 if year == target and whole[i] else max(without - rooms[i], 0.0))
            if most > room:  # (24b) or (27) can bind
                needs += found
                allowed[(int(i), int(year))] = room
    return Receivers(tuple(needs), allowed, target)


#: 元 a year a room borrowed in the target year (``β_i`` of (27)) costs beyond ``e_room``: a tie-break,
#: so that a room the budget can pay is added (``a``, built or met by 临时周转 as the 过渡期 decides)
BORROW_TIE_YUAN = 1.0


def receiver_rows(m: Milp, receivers: Receivers, x: np.ndarray, a_p: np.ndarray,
                  a_j: np.ndarray, room_cost: float = 0.0) -> tuple[np.ndarray, np.ndarray]:
    """Rows (24a)–(24c) and (27), their columns ``k`` (one per need) and the target year's
    borrowed rooms ``u`` (one per site, at most what (27) may ask there: :func:`target_rooms`),
    returned."""
    needs = receivers.needs
    if not needs:
        return np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.int64)
    k = grade_columns(m, "(24)", "receiver_classes", needs, x)
    most = target_rooms(receivers, np.ones(len(x)), len(a_p))
    u = m.add_block("borrowed_rooms", np.full(len(a_p), room_cost + BORROW_TIE_YUAN), 0, most, integer=True)
    for n, col in zip(needs, k, strict=True):  # (24c)
        if n.own is None or not n.own.any():
            continue
        c, own = np.ceil(n.pupils[n.own].sum() / n.size - 1e-9), int(n.own.sum())
        m.add_row("(24)", np.r_[col, x[n.pairs[n.own]]], np.r_[1.0, np.full(own, -c)],
                  lo=-c * (own - 1))
    for (site, year), members in _by_site_year(needs).items():
        target = year == receivers.target
        m.add_row("(27)" if target else "(24)", np.r_[k[members], a_p[site], a_j[site], u[[site] * target]],
                  np.r_[[float(needs[p].grades) for p in members], -1.0, -1.0, [-1.0] * target],
                  hi=receivers.allowed[(site, year)])
    return k, u


def _by_site_year(needs) -> dict[tuple[int, int], list[int]]:
    out: dict[tuple[int, int], list[int]] = {}
    for pos, n in enumerate(needs):
        out.setdefault((n.site, n.year), []).append(pos)
    return out


def receiver_classes(needs, chosen: np.ndarray) -> np.ndarray:
    """The values of the ``k`` columns for the pairs ``chosen`` (1 per chosen pair position)."""
    return np.array([np.ceil(float(n.pupils @ chosen[n.pairs]) / n.size - 1e-9) for n in needs])


def receiver_rooms(receivers: Receivers, chosen: np.ndarray, n_sites: int,
                   years: Callable[[int], bool] = lambda year: True) -> np.ndarray:
    """Per site, the rooms (both stages together) rules (24) and (27) ask it to add for the
    pairs ``chosen``: the most any year's classes (of those ``years`` keeps) need beyond
    ``R_i + B_iy``."""
    out = np.zeros(n_sites)
    if not receivers.needs:
        return out
    classes = receiver_classes(receivers.needs, chosen)
    for (site, year), members in _by_site_year(receivers.needs).items():
        if years(year):
            need = sum(receivers.needs[p].grades * classes[p] for p in members)
            out[site] = max(out[site], need - receivers.allowed[(site, year)])
    return out


def target_rooms(receivers: Receivers, chosen: np.ndarray, n_sites: int) -> np.ndarray:
    """Per site, the rooms rule (27) asks of the target year for the pairs ``chosen``."""
    return receiver_rooms(receivers, chosen, n_sites, lambda year: year == receivers.target)


def borrowed_stages(receivers: Receivers, classes: np.ndarray, site: int, rooms: Mapping[str, float],
                    borrowed: int) -> dict[str, int]:
    """The ``borrowed`` rooms of (27) at ``site`` by stage (the ``classes`` of its needs, the
    solve's values of ``k``): each stage's target-year classes beyond its ``rooms`` (today's and
    those added), the primary stage's first, the rest on the junior's where it has a class, else
    on the primary's.

    A 九年一贯制 school in 2030: 2 primary grades of 3 classes each and 3 junior grades of 2, in
    5 primary and 5 junior rooms: 1 primary room short, 1 junior:

    >>> needs = (ReceiverNeed(0, 2030, np.array([0]), np.array([100.0]), 45.0, 2, stage="primary"),
    ...          ReceiverNeed(0, 2030, np.array([0]), np.array([90.0]), 50.0, 3, stage="junior"))
    >>> r = Receivers(needs, {(0, 2030): 10.0}, 2030)
    >>> borrowed_stages(r, np.array([3.0, 2.0]), 0, {"primary": 5, "junior": 5}, 2)
    {'primary': 1, 'junior': 1}
    >>> target_rooms(r, np.array([1.0]), 1), borrowed_stages(r, np.array([3.0, 2.0]), 0, {"primary": 6}, 1)
    (array([2.]), {'junior': 1})
    """
    need = target_classes(receivers, classes, site)
    primary = int(min(borrowed, max(need.get("primary", 0.0) - rooms.get("primary", 0.0), 0.0)))
    out = {"primary": primary} if primary else {}
    if borrowed > primary:
        rest = "junior" if need.get("junior", 0.0) > 0 else "primary"
        out[rest] = out.get(rest, 0) + borrowed - primary
    return out


def target_classes(receivers: Receivers, classes: np.ndarray, site: int) -> dict[str, float]:
    """Stage -> ``site``'s target-year classes formed grade by grade (``classes``: the values
    of the ``k`` columns, :func:`receiver_classes`); a stage without a need there is left out."""
    need: dict[str, float] = {}
    for p, n in enumerate(receivers.needs):
        if n.site == site and n.year == receivers.target:
            need[n.stage] = need.get(n.stage, 0.0) + n.grades * classes[p]
    return need


def stage_split(rooms: int, seats: Mapping[str, int], classes: Mapping[str, float],
                before: Mapping[str, float], solved: Mapping[str, int]) -> dict[str, int]:
    """A 九年一贯制 school's ``rooms`` added (both stages, their number the solve's) by stage, as
    the 过渡期 counts its target year: each stage the rooms its seats (3)–(4) need (``seats``),
    then those its ``classes`` lack beyond its rooms ``before`` the plan and the other stage's
    spare ones (:func:`~.layout_counts.pooled_classes`: a room added to one stage is not the
    other's; a stage without ``classes`` has none spare), the primary's first; the rest as the solve had them (``solved``, rule (24)'s
    later years). Rule (27) pools both stages (Σ_g k_igT − a^P_i − a^J_i − β_i ≤ R_i), so the solve
    is indifferent to the split; the pooled shortfall is the sum of the stages' so counted.

    Junior 15 classes in 9 rooms, primary 13 in 13, 5 junior rooms for the seats: the 6th is
    junior's, whichever stage the solve put it on:

    >>> stage_split(6, {"primary": 0, "junior": 5}, {"primary": 13, "junior": 15},
    ...             {"primary": 13, "junior": 9}, {"primary": 1, "junior": 5})
    {'primary': 0, 'junior': 6}
    """
    other = {"primary": "junior", "junior": "primary"}
    spare = {st: max(before[st] - classes[st], 0.0) if st in classes else 0.0 for st in other}
    short = {st: max(classes.get(st, 0.0) - before[st] - spare[o], 0.0) for st, o in other.items()}
    rest, out = rooms - seats["primary"] - seats["junior"], dict(seats)
    for st in other:  # the classes' need beyond the seats', the primary's first
        give = int(min(max(short[st] - seats[st], 0.0), rest))
        out[st], rest = out[st] + give, rest - give
    keep = int(min(rest, max(solved["primary"] - out["primary"], 0)))
    return {"primary": out["primary"] + keep, "junior": out["junior"] + rest - keep}


def target_split(arr, cols, v: np.ndarray) -> np.ndarray:
    """``v`` with the added rooms of each school teaching both stages with a (27) row split by
    stage (:func:`stage_split`): the plan's rooms of a stage are those its 过渡期 builds or
    borrows there, not the solve's arbitrary split of a pooled row."""
    receivers = getattr(arr, "receivers", None)
    if receivers is None or not receivers.needs or receivers.target is None:
        return v
    chosen = (v[cols.x] > 0).astype(float)
    classes = receiver_classes(receivers.needs, chosen)
    d, out = arr.pair_demand * chosen, v.copy()
    pupils = {"primary": np.bincount(arr.pair_site, d * arr.pair_primary, minlength=arr.n_sites),
              "junior": np.bincount(arr.pair_site, d * ~arr.pair_primary, minlength=arr.n_sites)}
    stages = {"primary": (cols.a_p, arr.seats_primary, arr.class_primary),
              "junior": (cols.a_j, arr.seats_junior, arr.class_junior)}
    for i in sorted({n.site for n in receivers.needs if n.year == receivers.target}):
        if not (arr.offers_primary[i] and arr.offers_junior[i]):
            continue
        before = {st: float(seats[i]) / float(size[i]) for st, (_, seats, size) in stages.items()}
        need = {st: int(np.ceil(max(pupils[st][i] - seats[i], 0.0) / size[i] - 1e-9))
                for st, (_, seats, size) in stages.items()}
        solved = {st: int(v[block][i]) for st, (block, _, _) in stages.items()}
        if sum(solved.values()) < sum(need.values()):
            continue  # not a plan of rows (3)–(4): left as solved
        split = stage_split(sum(solved.values()), need, target_classes(receivers, classes, i), before, solved)
        for st, (block, _, _) in stages.items():
            out[block[i]] = split[st]
    return out


def fill_receivers(arr, cols, v: np.ndarray) -> np.ndarray:
    """``v`` with the columns of rule (24) set and each receiver's added rooms raised to what
    its classes need (the primary stage's where it teaches one, else the junior)."""
    receivers = getattr(arr, "receivers", None)
    if receivers is None or not receivers.needs or cols.k_r is None:
        return v
    chosen = np.round(v[cols.x])
    v[cols.k_r] = receiver_classes(receivers.needs, chosen)
    short = receiver_rooms(receivers, chosen, arr.n_sites) - v[cols.a_p] - v[cols.a_j]
    more = np.maximum(short, 0.0)
    v[cols.a_p] += np.where(arr.offers_primary, more, 0.0)
    v[cols.a_j] += np.where(arr.offers_primary, 0.0, more)
    return v


def kept_receiver_rooms(arr, cols, v: np.ndarray, out: np.ndarray) -> np.ndarray:
    """``out`` (``v`` with rooms cut to the seats' need) with rooms of ``v`` given back where
    a receiver's classes need them (24): the primary stage's first, then the junior's."""
    receivers = getattr(arr, "receivers", None)
    if receivers is None or not receivers.needs:
        return out
    short = receiver_rooms(receivers, (v[cols.x] > 0).astype(float), arr.n_sites)
    short = np.maximum(short - out[cols.a_p] - out[cols.a_j], 0)
    back = np.minimum(short, v[cols.a_p] - out[cols.a_p])
    out[cols.a_p] += back.astype(out.dtype)
    out[cols.a_j] += np.minimum(short - back, v[cols.a_j] - out[cols.a_j]).astype(out.dtype)
    return out


def borrowed_rooms(problem, arr, cols, v: np.ndarray) -> dict[str, dict[str, int]]:
    """Site -> stage -> the rooms (27) borrows there in the solve's values ``v`` (:func:`borrowed_stages`)."""
    if arr is None or cols.borrow is None or not len(cols.borrow) or not v[cols.borrow].any():
        return {}
    receivers, sites = arr.receivers, problem.sites
    classes = v[cols.k_r]
    out = {}
    for i in np.flatnonzero(v[cols.borrow]):
        rooms = {st: float(sites[f"rooms_{st}"].iloc[i]) + v[block][i]
                 for st, block in (("primary", cols.a_p), ("junior", cols.a_j))}
        out[sites.index[i]] = borrowed_stages(receivers, classes, int(i), rooms, int(v[cols.borrow][i]))
    return out
