"""Rule (23) of the layout MILP: a new school's rooms hold its classes formed grade by grade,
in every school year of the plan it can be open.

Rules (3)–(4) count a stage's seats: its pupils over the rooms' seats. Classes are formed grade
by grade at the standard class size (45 primary, 50 junior), so a stage's pupils need
``Σ_g ⌈pupils_g / size⌉`` rooms, up to one more a grade than the stage's seats say (planner
review he: the plan without a forecast opened a 九年一贯制 school at 人民路社区片区 three rooms short
of its own pupils in the plan year, and a new school may not borrow a room: it is built whole,
:mod:`~junheng.planning.layout_years`). For each new site ``i``, stage group ``G``, school year
``y`` from the first it can be open (the first school year not begun plus
``new_school_lead_years``) to :data:`~.layout_later.LATER` years after the target, and the
grades ``g ∈ G`` (their share ``share_g`` of the group's pupils at ``i``; a third each at a
new site, grouped by equal shares, ``m`` grades a group)::

    (23a) Σ_(j in G) share_g f_jy d_j x_ij ≤ size^s k_iGy,   k_iGy ∈ ℤ₊   (classes of one grade)
    (23b) Σ_(G of s) m_G k_iGy ≤ a^s_i                        ∀ i new, stage s, year y

``f_jy`` is the customer's pupils in ``y`` over the target year's, the rule of the 过渡期
(:func:`~junheng.planning.layout_years.growth_factors`; 1 in the target year). A new site
has no room today, so its added rooms are all its rooms. The stage rows (3)–(4) keep the
new school's fill margin; these count the pupils the plan sends, as the checker and the
达标路径 count classes (:func:`~junheng.planning.layout_counts.room_shortfalls`).

A new site of 100 pupils in grades 1–3 and 46 in grades 4–6 at 45 a class: 34 a grade in one
class each (3 rooms) and 15.3 a grade (3 rooms): 6 rooms, where the stage's seats say
⌈146 × 1.05 / 45⌉ = 4.

>>> needs = [ClassNeed(0, True, 2030, np.array([0]), np.array([100 / 3]), 45.0, 3),
...          ClassNeed(0, True, 2030, np.array([1]), np.array([46 / 3]), 45.0, 3)]
>>> rooms_for_classes(needs, np.array([1.0, 1.0]), 1)
(array([6.]), array([0.]))
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd

from junheng.optimize import Milp

#: the grades of each stage group, as the sites' ``share_g*`` columns name them
GROUP_GRADES = {"grades_1_3": (1, 2, 3), "grades_4_6": (4, 5, 6), "grades_7_9": (7, 8, 9)}


@dataclass(frozen=True)
class ClassNeed:
    """One new site's grades of one stage group with one share, in one school year: the
    pupils of one such grade each pair would bring, and how many grades share it."""

    site: int             # site position
    primary: bool
    year: int
    pairs: np.ndarray     # pair positions
    pupils: np.ndarray    # pupils of one grade per pair in ``year``
    size: float           # the standard class size
    grades: int           # grades with this share


def class_years(data, customers: pd.DataFrame, config, target: int) -> pd.DataFrame | None:
    """Per customer (index) and school year a new school can be open in (columns, the target
    year among them): the customer's pupils that year over the target year's (NaN where the
    group cannot be aged forward; the years from the target are rule (24)'s too); None
    without customers."""
    from junheng.planning.layout_later import LATER
    from junheng.planning.layout_phases import first_school_year, plan_day
    from junheng.planning.layout_years import growth_factors

    if customers.empty:
        return None
    opens = max(first_school_year(plan_day(config)), data.school_year + 1) \
        + int(config.new_school_lead_years)
    years = sorted({*range(opens, target + LATER + 1), target})
    groups = list(zip(customers["village_code"], customers["group"], customers["before_site"],
                      strict=True))
    factors = growth_factors(data, groups, target, years)
    return pd.DataFrame({y: [np.nan if f is None else f for f in factors[y]] for y in years},
                        index=customers.index, dtype=float)


def pair_positions(problem) -> tuple[np.ndarray, np.ndarray]:
    """Per pair of ``problem``: its site's position and its customer's."""
    sites, customers = problem.sites, problem.customers
    return (pd.Series(np.arange(len(sites)), index=sites.index).reindex(
                problem.pairs["site_id"]).to_numpy(),
            pd.Series(np.arange(len(customers)), index=customers.index).reindex(
                problem.pairs["customer"]).to_numpy())


def class_needs(problem) -> tuple[ClassNeed, ...]:
    """The (23a) terms of every new site of ``problem`` (its ``years``: :func:`class_years`)
    with pairs, year and grades of equal share; a group not aged forward to a year has none
    that year."""
    years = getattr(problem, "years", None)
    if years is None:
        return ()
    sites, customers = problem.sites, problem.customers
    pair_site, pair_customer = pair_positions(problem)
    demand = customers["demand"].to_numpy(float)[pair_customer]
    group = customers["group"].to_numpy()[pair_customer]
    growth = years.to_numpy(float)[pair_customer]
    out = []
    for i in np.flatnonzero(~sites["existing"].to_numpy(bool)):
        for name, grades in GROUP_GRADES.items():
            at = np.flatnonzero((pair_site == i) & (group == name))
            if not len(at):
                continue
            stage = "junior" if name == "grades_7_9" else "primary"
            size = float(sites[f"class_size_{stage}"].iloc[i])
            shares = pd.Series([float(sites[f"share_g{g}"].iloc[i]) for g in grades]).round(9)
            for col, year in enumerate(years.columns):
                f = growth[at, col]
                if np.isnan(f).any():
                    continue
                for share, count in shares.value_counts(sort=False).items():
                    if share > 0:
                        out.append(ClassNeed(int(i), stage == "primary", int(year), at,
                                             demand[at] * f * share, size, int(count)))
    return tuple(out)


def grade_columns(m: Milp, group: str, name: str, needs, x: np.ndarray) -> np.ndarray:
    """The columns ``k`` (one per need: its classes of one grade, at most what every pair
    brings) and the rows ``Σ_j pupils_j x_j ≤ size k`` of rules (23a) and (24a)."""
    upper = np.array([np.ceil(n.pupils.sum() / n.size - 1e-9) for n in needs])
    k = m.add_block(name, np.zeros(len(needs)), 0, upper, integer=True)
    for n, col in zip(needs, k, strict=True):
        m.add_row(group, np.r_[x[n.pairs], col], np.r_[n.pupils, -n.size], hi=0.0)
    return k


def class_rows(m: Milp, needs: Sequence[ClassNeed], x: np.ndarray, a_p: np.ndarray,
               a_j: np.ndarray) -> np.ndarray:
    """Rows (23a)–(23b) and their columns ``k`` (one per need), returned."""
    if not needs:
        return np.zeros(0, dtype=np.int64)
    k = grade_columns(m, "(23)", "grade_classes", needs, x)
    groups: dict[tuple[int, bool, int], list[int]] = {}
    for pos, n in enumerate(needs):
        groups.setdefault((n.site, n.primary, n.year), []).append(pos)
    for (site, primary, _), members in groups.items():
        room = a_p[site] if primary else a_j[site]
        m.add_row("(23)", np.r_[k[members], room],
                  np.r_[[float(needs[p].grades) for p in members], -1.0], hi=0.0)
    return k


def rooms_for_classes(needs: Sequence[ClassNeed], chosen: np.ndarray, n_sites: int
                      ) -> tuple[np.ndarray, np.ndarray]:
    """Per site, the rooms (primary, junior) rule (23) asks for the pairs ``chosen`` (1 per
    chosen pair position, else 0): the most any year's classes need."""
    need: dict[tuple[int, bool, int], float] = {}
    for n in needs:
        key = (n.site, n.primary, n.year)
        pupils = float(n.pupils @ chosen[n.pairs])
        need[key] = need.get(key, 0.0) + n.grades * np.ceil(pupils / n.size - 1e-9)
    out = (np.zeros(n_sites), np.zeros(n_sites))
    for (site, primary, _), k in need.items():
        arr = out[0 if primary else 1]
        arr[site] = max(arr[site], k)
    return out


def class_values(needs: Sequence[ClassNeed], chosen: np.ndarray) -> np.ndarray:
    """The values of the ``k`` columns for the pairs ``chosen``: the classes each need asks."""
    return np.array([np.ceil(float(n.pupils @ chosen[n.pairs]) / n.size - 1e-9) for n in needs])


def fill_classes(arr, cols, v: np.ndarray) -> np.ndarray:
    """``v`` (a plan as the MILP's column values, e.g. the local search's) with the columns
    of rule (23) set and each new site's rooms raised to what its classes need."""
    needs = getattr(arr, "class_needs", ())
    if not needs or cols.k is None or not len(cols.k):
        return v
    chosen = np.round(v[cols.x])
    v[cols.k] = class_values(needs, chosen)
    need_p, need_j = rooms_for_classes(needs, chosen, arr.n_sites)
    v[cols.a_p] = np.maximum(v[cols.a_p], need_p)
    v[cols.a_j] = np.maximum(v[cols.a_j], need_j)
    return v
