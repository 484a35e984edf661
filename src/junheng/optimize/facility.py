"""Capacitated facility location: the problem, its solution, and a solver-free check.

A generic model with no education terms. The school-layout planner maps villages × stage
groups to customers and schools, teaching points and new sites to facilities; p-median and
capacitated p-median are special cases (see :mod:`junheng.optimize.pmedian`). The solver is
:func:`junheng.optimize.solve.solve_facility`; how it works and what it measured is in that
module's docstring.

Formulation
-----------
Sets: sites ``I``, customers ``J``, allowed pairs ``A ⊆ I × J`` (all pairs, or only those
within a radius or among the k nearest), resources ``R`` (capacities a site has: one by
default; e.g. primary seats, junior seats, beds and the size cap of a school), expansion
steps ``K_ir`` of site ``i`` and resource ``r`` (in order).

Data: fixed cost ``f_i`` of site ``i`` and its capacity ``s_ir`` of each resource; demand
``d_j`` of customer ``j``; ``c_ij`` the cost of serving ALL of customer ``j``'s demand from
site ``i`` (for a p-median weighted by demand, ``c_ij = d_j × distance_ij``); ``u_ijr`` the
use of resource ``r`` when ``i`` serves all of ``j`` — per PAIR, because what a customer uses
can depend on the site (its pupils board at a far school and use beds there, not at a near
one); by default ``u_ijr = d_j``; step ``k`` of site ``i`` and resource ``r`` costs ``e_irk``
and adds ``a_irk`` of ``r``; ``O ⊆ I`` sites forced open, ``C ⊆ I`` forced closed, ``E ⊆ I``
already open; ``p`` the number of open sites; ``B`` the budget.

Variables: ``y_i ∈ {0,1}`` site open; ``z_irk ∈ {0,1}`` step taken; ``x_ij ∈ [0,1]`` the
fraction of ``j``'s demand served by ``i`` (``{0,1}`` when single-source).

Objective::

    min  Σ_i f_i y_i  +  Σ_i Σ_r Σ_k e_irk z_irk  +  Σ_(i,j)∈A c_ij x_ij

Constraints::

    (1) Σ_{i:(i,j)∈A} x_ij = 1                      ∀ j        every customer fully served
    (2) x_ij ≤ y_i                                   ∀ (i,j)∈A  only by an open site (strong)
    (3) Σ_j u_ijr x_ij ≤ s_ir y_i + Σ_k a_irk z_irk  ∀ i, r     capacity of each resource,
                                                                with expansions
    (4) z_ir1 ≤ y_i,  z_irk ≤ z_ir,k-1               ∀ i, r, k≥2  steps in order, at open sites
    (5) y_i = 1 (i ∈ O),  y_i = 0 (i ∈ C)                        forced open / forced closed
    (6) Σ_i y_i = p   (or ≤ p)                                   number of open sites
    (7) Σ_{i∉E} f_i y_i + Σ_i Σ_r Σ_k e_irk z_irk ≤ B            budget on new fixed costs
    (8) x_ij ∈ {0,1} if single-source, else 0 ≤ x_ij ≤ 1;  y, z binary

With one resource and ``u_ij = d_j`` this is the classical capacitated facility location
problem (single-source: every customer, e.g. a village × stage group, goes whole to one
site). The fixed cost of an already-open site is counted in the objective (set it to what
keeping the site costs, or 0) but not in the budget, which limits new investment.
Constraint (2) is implied by (3) for integer ``y``; it is kept because it makes the
relaxation strong. The solver also uses the valid inequality ``(9) Σ_i (min(s_ir, D_r) y_i +
Σ_k min(a_irk, D_r) z_irk) ≥ D_r`` for every resource, with ``D_r = Σ_j min_i u_ijr`` (the
total demand when ``u = d``).

Use
---
::

    problem = FacilityProblem.from_pairs(
        pairs,                      # frame with columns site, customer, cost
        demand, fixed_cost, capacity,
        already_open=existing, forced_open=kept, forced_closed=closed,
        expansions=[ExpansionStep(site, cost, added_capacity), ...],
        single_source=True, budget=budget)
    # several capacities: capacity is sites × resources, usage pairs × resources (in the
    # pairs' order), steps name their resource; a solution's expansions are then keyed
    # by (site, resource)
    FacilityProblem.from_pairs(pairs, demand, fixed_cost, capacity=matrix, usage=use,
                               expansions=[ExpansionStep(site, cost, beds, resource=2)],
                               resource_names=("小学学位", "初中学位", "床位"))
    solution = solve_facility(problem, SolveOptions(time_limit=60, relative_gap=0.01))
    problem.evaluate(solution)      # recomputes the objective; raises if a constraint fails
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from enum import StrEnum
from typing import Any, NamedTuple

import numpy as np
import pandas as pd

from junheng.errors import InfeasibleError
from junheng.optimize._points import euclidean_distances, k_nearest_mask
from junheng.optimize.result import SolveStatus
from junheng.optimize.side import SideBlock

#: Absolute slack allowed when checking equalities and capacities of a solution.
FEASIBILITY_TOL = 1e-6


class OpenRule(StrEnum):
    """How ``p`` limits the number of open sites (constraint 6)."""

    EXACTLY = "exactly"
    AT_MOST = "at_most"


@dataclass(frozen=True)
class ExpansionStep:
    """One optional expansion of a site: costs ``cost``, adds ``capacity`` of resource
    ``resource`` (0 when the problem has one capacity); the steps of one site and resource
    are taken in order."""

    site: int
    cost: float
    capacity: float
    resource: int = 0


class Assignment(NamedTuple):
    """Customer ``customer`` receives ``fraction`` of its demand from site ``site``."""

    customer: int
    site: int
    fraction: float


@dataclass(frozen=True, eq=False)
class FacilitySolution:
    """A solution and how good it is proven to be.

    ``open_sites`` is sorted; ``expansions`` maps a site (``(site, resource)`` when the
    problem has several capacities) to the number of its steps taken (absent when none);
    ``assignment`` lists every positive fraction; ``gap``
    is ``(objective - bound) / max(|objective|, 1)``; ``details`` holds solver statistics.
    """

    status: SolveStatus
    objective: float
    bound: float
    gap: float
    open_sites: tuple[int, ...]
    expansions: dict[Any, int]
    assignment: tuple[Assignment, ...]
    seconds: float
    details: dict[str, Any] = field(default_factory=dict)
    side_values: tuple[float, ...] = ()  # the side block's columns (optimize.side)

    def site_of(self, n_customers: int) -> np.ndarray:
        """Site serving the largest share of each customer (-1 if unassigned)."""
        site = np.full(n_customers, -1, dtype=np.int64)
        share = np.zeros(n_customers)
        for customer, where, fraction in self.assignment:
            if fraction > share[customer]:
                site[customer], share[customer] = where, fraction
        return site

    def to_frame(self) -> pd.DataFrame:
        """The assignment as a frame with columns ``customer, site, fraction``."""
        return pd.DataFrame(list(self.assignment), columns=["customer", "site", "fraction"])


def fmt(value: float) -> str:
    """A number as users read it: thousands separators, decimals only when needed."""
    if math.isinf(value):
        return "无穷大"
    return f"{value:,.0f}" if float(value).is_integer() else f"{value:,.2f}"


def _readonly(values: Any, dtype: Any) -> np.ndarray:
    array = np.array(values, dtype=dtype)
    array.setflags(write=False)
    return array


def _site_flags(name: str, sites: Any, n_sites: int) -> frozenset[int]:
    """A set of site indices from indices or a boolean mask."""
    array = np.asarray(list(sites) if not isinstance(sites, np.ndarray) else sites)
    if array.dtype == bool:
        if array.shape != (n_sites,):
            raise ValueError(f"{name} 的布尔掩码长度为 {array.size}，应等于设施数 {n_sites}。")
        array = np.flatnonzero(array)
    chosen = frozenset(int(i) for i in array.ravel())
    bad = sorted(i for i in chosen if not 0 <= i < n_sites)
    if bad:
        raise ValueError(f"{name} 含不存在的设施编号 {bad[:5]}：编号应在 0 到 {n_sites - 1} 之间。")
    return chosen


def _per_site(capacity: Any, n_sites: int) -> np.ndarray:
    """A capacity vector broadcast to every site, or a sites × resources matrix as given."""
    array = np.asarray(capacity, float)
    return array if array.ndim == 2 else np.broadcast_to(array, (n_sites,))


def _check_nonnegative(label: str, values: np.ndarray, *, allow_inf: bool = False) -> None:
    bad = np.flatnonzero(~(values >= 0) | (np.isinf(values) & (not allow_inf)))
    if bad.size:
        i = int(bad[0])
        raise ValueError(f"第 {i} 个{label}为 {values[i]}：{label}必须是非负的有限数。")


@dataclass(frozen=True, eq=False)
class FacilityProblem:
    """A capacitated facility location problem (see the module docstring for the model).

    The constructor is the core: arrays of site data, customer demand and allowed pairs
    ``(pair_site[k], pair_customer[k], pair_cost[k])``; everything is validated and stored
    read-only, with pairs sorted by customer and cost. ``from_cost_matrix``, ``from_pairs``
    and ``from_points`` are thin adapters onto it. Indices are 0-based.

    Examples
    --------
    >>> problem = FacilityProblem.from_cost_matrix(
    ...     [[1, 9], [9, 1]], demand=[1, 1], fixed_cost=[5, 5], capacity=[2, 2])
    >>> problem.n_sites, problem.n_customers, problem.n_pairs
    (2, 2, 4)
    """

    fixed_cost: np.ndarray
    capacity: np.ndarray
    demand: np.ndarray
    pair_site: np.ndarray
    pair_customer: np.ndarray
    pair_cost: np.ndarray
    forced_open: frozenset[int] = frozenset()
    forced_closed: frozenset[int] = frozenset()
    already_open: frozenset[int] = frozenset()
    expansions: tuple[ExpansionStep, ...] = ()
    single_source: bool = False
    p: int | None = None
    open_rule: OpenRule = OpenRule.EXACTLY
    budget: float | None = None
    site_names: tuple[str, ...] | None = None
    customer_names: tuple[str, ...] | None = None
    usage: np.ndarray | None = None
    resource_names: tuple[str, ...] | None = None
    side: SideBlock | None = None

    def __post_init__(self) -> None:
        n_sites = (np.size(self.fixed_cost) if np.ndim(self.fixed_cost)
                   else np.shape(self.capacity)[0])
        capacity = np.asarray(self.capacity, float)
        if capacity.ndim == 2 and capacity.shape[1] == 1:
            capacity = capacity[:, 0]
        shape = (n_sites,) if capacity.ndim < 2 else (n_sites, capacity.shape[1])
        self._set("fixed_cost", _readonly(np.broadcast_to(self.fixed_cost, (n_sites,)), float))
        self._set("capacity", _readonly(np.broadcast_to(capacity, shape), float))
        self._set("demand", _readonly(np.ravel(self.demand), float))
        _check_nonnegative("设施固定费用", self.fixed_cost)
        _check_nonnegative("设施容量", self.capacity.ravel(), allow_inf=True)
        _check_nonnegative("客户需求", self.demand)
        self._normalise_pairs()
        self._normalise_usage()
        self._normalise_side()
        self._normalise_sites()
        self._normalise_rules()

    def _set(self, name: str, value: Any) -> None:
        object.__setattr__(self, name, value)

    def _normalise_pairs(self) -> None:
        site = np.ravel(self.pair_site).astype(np.int64)
        customer = np.ravel(self.pair_customer).astype(np.int64)
        cost = np.ravel(self.pair_cost).astype(float)
        if not site.size == customer.size == cost.size:
            raise ValueError(
                f"分配对的设施、客户、费用长度不一致（{site.size}、{customer.size}、{cost.size}）。")
        if site.size and (site.min() < 0 or site.max() >= self.n_sites):
            raise ValueError(f"分配对含不存在的设施编号：编号应在 0 到 {self.n_sites - 1} 之间。")
        if customer.size and (customer.min() < 0 or customer.max() >= self.n_customers):
            raise ValueError(
                f"分配对含不存在的客户编号：编号应在 0 到 {self.n_customers - 1} 之间。")
        if not np.isfinite(cost).all():
            k = int(np.flatnonzero(~np.isfinite(cost))[0])
            raise ValueError(
                f"设施 {site[k]} 服务客户 {customer[k]} 的费用为 {cost[k]}：费用必须是有限数；"
                "不允许的分配对请直接省略。")
        order = np.lexsort((site, cost, customer))
        site, customer, cost = site[order], customer[order], cost[order]
        key = customer * self.n_sites + site
        if np.unique(key).size != key.size:
            dup = np.sort(key)[np.flatnonzero(np.diff(np.sort(key)) == 0)[0]]
            raise ValueError(
                f"设施 {dup % self.n_sites} 与客户 {dup // self.n_sites} 的分配对重复：每对只能给一个费用。")
        self._set("pair_site", _readonly(site, np.int64))
        self._set("pair_customer", _readonly(customer, np.int64))
        self._set("pair_cost", _readonly(cost, float))
        self._set("_order", order)

    def _normalise_usage(self) -> None:
        """Per-pair use of each resource (constraint 3), sorted with the pairs; None means
        every customer uses its demand of every resource."""
        if self.usage is None:
            return
        usage = np.asarray(self.usage, float).reshape(self._order.size, -1)
        if usage.shape[1] != self.n_resources:
            raise ValueError(f"资源占用有 {usage.shape[1]} 列，应等于资源数 {self.n_resources}。")
        usage = usage[self._order]
        _check_nonnegative("资源占用", usage.ravel())
        if self.n_resources == 1 and not np.allclose(usage[:, 0],
                                                     self.demand[self.pair_customer]):
            raise ValueError("只有一种容量时，每个分配对的资源占用必须等于客户需求。")
        self._set("usage", _readonly(usage, float))

    def _normalise_side(self) -> None:
        """Side rows' pair entries renumbered from the given order to the sorted pairs."""
        if self.side is None:
            return
        position = np.empty(self._order.size, dtype=np.int64)
        position[self._order] = np.arange(self._order.size)
        self._set("side", replace(self.side, on_pair=self.side.on_pair.remap(position)))

    def _normalise_sites(self) -> None:
        for name in ("forced_open", "forced_closed", "already_open"):
            self._set(name, _site_flags(name, getattr(self, name), self.n_sites))
        both = sorted(self.forced_open & self.forced_closed)
        if both:
            raise ValueError(f"设施 {self.site_label(both[0])} 同时被指定为必须开设和必须关闭。")
        steps = tuple(s if isinstance(s, ExpansionStep) else ExpansionStep(*s)
                      for s in self.expansions)
        for step in steps:
            if not 0 <= step.site < self.n_sites:
                raise ValueError(f"扩容步骤指向不存在的设施 {step.site}。")
            if not 0 <= step.resource < self.n_resources:
                raise ValueError(f"扩容步骤指向不存在的资源 {step.resource}：资源编号应在 0 到 "
                                 f"{self.n_resources - 1} 之间。")
            if not (step.cost >= 0 and step.capacity >= 0 and math.isfinite(step.cost)
                    and math.isfinite(step.capacity)):
                raise ValueError(
                    f"设施 {self.site_label(step.site)} 的扩容步骤费用 {step.cost}、容量 "
                    f"{step.capacity} 无效：必须是非负的有限数。")
        self._set("expansions", steps)
        for name, count in (("site_names", self.n_sites), ("customer_names", self.n_customers),
                            ("resource_names", self.n_resources)):
            names = getattr(self, name)
            if names is not None:
                names = tuple(str(v) for v in names)
                if len(names) != count:
                    raise ValueError(f"{name} 有 {len(names)} 个名称，应为 {count} 个。")
                self._set(name, names)

    def _normalise_rules(self) -> None:
        self._set("open_rule", OpenRule(self.open_rule))
        self._set("single_source", bool(self.single_source))
        if self.p is not None:
            if int(self.p) != self.p or self.p < 0:
                raise ValueError(f"开设设施数 p 为 {self.p}：必须是非负整数。")
            self._set("p", int(self.p))
        if self.budget is not None and not self.budget >= 0:
            raise ValueError(f"预算为 {self.budget}：必须是非负数。")

    # ------------------------------------------------------------------ adapters

    @classmethod
    def from_pairs(
        cls,
        pairs: pd.DataFrame | Iterable[tuple[int, int, float]],
        demand: Sequence[float] | np.ndarray,
        fixed_cost: float | Sequence[float] | np.ndarray = 0.0,
        capacity: float | Sequence[float] | np.ndarray = math.inf,
        **options: Any,
    ) -> FacilityProblem:
        """A problem from ``(site, customer, cost)`` triples or a frame with those columns.

        Examples
        --------
        >>> FacilityProblem.from_pairs([(0, 0, 3.0), (1, 0, 4.0)], demand=[2]).n_pairs
        2
        """
        if isinstance(pairs, pd.DataFrame):
            site, customer, cost = (pairs[c].to_numpy() for c in ("site", "customer", "cost"))
        else:
            table = np.array(list(pairs), dtype=float).reshape(-1, 3)
            site, customer, cost = table[:, 0], table[:, 1], table[:, 2]
        n_sites = len(np.atleast_1d(fixed_cost)) if np.ndim(fixed_cost) else None
        if n_sites is None:
            n_sites = len(np.atleast_1d(capacity)) if np.ndim(capacity) else int(max(site) + 1)
        return cls(
            fixed_cost=np.broadcast_to(np.asarray(fixed_cost, float), (n_sites,)),
            capacity=_per_site(capacity, n_sites),
            demand=np.asarray(demand, float), pair_site=site, pair_customer=customer,
            pair_cost=cost, **options)

    @classmethod
    def from_cost_matrix(
        cls,
        costs: Sequence[Sequence[float]] | np.ndarray,
        demand: Sequence[float] | np.ndarray,
        fixed_cost: float | Sequence[float] | np.ndarray = 0.0,
        capacity: float | Sequence[float] | np.ndarray = math.inf,
        *,
        max_cost: float | None = None,
        k_nearest: int | None = None,
        **options: Any,
    ) -> FacilityProblem:
        """A problem from a sites × customers cost matrix; inf or NaN marks a forbidden pair.

        ``max_cost`` keeps only pairs costing at most that much; ``k_nearest`` keeps each
        customer's k cheapest pairs (ties broken by site index).

        Examples
        --------
        >>> p = FacilityProblem.from_cost_matrix([[1, 5], [2, 1], [7, 3]], [1, 1], k_nearest=2)
        >>> p.n_pairs
        4
        """
        matrix = np.asarray(costs, dtype=float)
        if matrix.ndim != 2:
            raise ValueError(f"费用矩阵应为二维（设施 × 客户），实际为 {matrix.ndim} 维。")
        allowed = np.isfinite(matrix)
        if max_cost is not None:
            allowed &= matrix <= max_cost
        if k_nearest is not None:
            allowed &= k_nearest_mask(np.where(allowed, matrix, np.inf), k_nearest)
        site, customer = np.nonzero(allowed)
        n_sites = matrix.shape[0]
        return cls(
            fixed_cost=np.broadcast_to(np.asarray(fixed_cost, float), (n_sites,)),
            capacity=_per_site(capacity, n_sites),
            demand=np.broadcast_to(np.asarray(demand, float), (matrix.shape[1],)),
            pair_site=site, pair_customer=customer, pair_cost=matrix[site, customer],
            **options)

    @classmethod
    def from_points(
        cls,
        site_xy: Sequence[Sequence[float]] | np.ndarray,
        customer_xy: Sequence[Sequence[float]] | np.ndarray,
        demand: Sequence[float] | np.ndarray,
        fixed_cost: float | Sequence[float] | np.ndarray = 0.0,
        capacity: float | Sequence[float] | np.ndarray = math.inf,
        *,
        max_distance: float | None = None,
        k_nearest: int | None = None,
        cost_per_unit: float = 1.0,
        weight_by_demand: bool = True,
        floor_distance: bool = False,
        **options: Any,
    ) -> FacilityProblem:
        """A problem from planar coordinates: cost = distance × cost_per_unit (× demand).

        ``floor_distance`` rounds each Euclidean distance down (the OR-Library convention
        for capacitated p-median); ``max_distance`` is the radius beyond which a pair is
        not allowed.

        Examples
        --------
        >>> p = FacilityProblem.from_points([[0, 0]], [[3, 4]], demand=[2])
        >>> float(p.pair_cost[0])
        10.0
        """
        distance = euclidean_distances(site_xy, customer_xy, floor=floor_distance)
        weight = np.asarray(demand, float)[None, :] if weight_by_demand else 1.0
        costs = distance * cost_per_unit * weight
        if max_distance is not None:
            costs = np.where(distance <= max_distance, costs, np.inf)
        return cls.from_cost_matrix(costs, demand, fixed_cost, capacity, k_nearest=k_nearest,
                                    **options)

    # ------------------------------------------------------------------ sizes and labels

    @property
    def n_sites(self) -> int:
        return int(np.size(self.fixed_cost))

    @property
    def n_customers(self) -> int:
        return int(np.size(self.demand))

    @property
    def n_pairs(self) -> int:
        return int(np.size(self.pair_cost))

    @property
    def total_demand(self) -> float:
        return float(self.demand.sum())

    @property
    def n_resources(self) -> int:
        """Capacities per site: 1 for a capacity vector, R for a sites × R matrix."""
        return 1 if np.ndim(self.capacity) < 2 else int(np.shape(self.capacity)[1])

    @property
    def capacity_matrix(self) -> np.ndarray:
        """Capacity as a sites × resources matrix."""
        return self.capacity.reshape(self.n_sites, -1)

    @property
    def pair_usage(self) -> np.ndarray:
        """Use of each resource per pair (pairs × resources): ``usage``, else the demand."""
        if self.usage is not None:
            return self.usage
        demand = self.demand[self.pair_customer][:, None]
        return np.broadcast_to(demand, (self.n_pairs, self.n_resources))

    def site_label(self, site: int) -> str:
        return self.site_names[site] if self.site_names else str(site)

    def resource_label(self, resource: int) -> str:
        return self.resource_names[resource] if self.resource_names else f"资源 {resource}"

    def customer_label(self, customer: int) -> str:
        return self.customer_names[customer] if self.customer_names else str(customer)

    def expansion_steps(self, site: int, resource: int | None = None) -> list[ExpansionStep]:
        """The expansion steps of ``site`` (of one resource if given) in the order they
        must be taken."""
        return [step for step in self.expansions
                if step.site == site and (resource is None or step.resource == resource)]

    def max_capacity(self) -> np.ndarray:
        """Capacity of every site with all its expansion steps taken (sites × resources
        when there are several)."""
        extra = np.zeros(self.capacity.shape)
        for step in self.expansions:
            extra[(step.site, step.resource) if extra.ndim == 2 else step.site] += step.capacity
        return self.capacity + extra

    def step_counts(self, expansions: Mapping[Any, int]) -> np.ndarray:
        """Steps taken per site and resource (sites × resources) from a solution's
        ``expansions``: keys are sites with one capacity, ``(site, resource)`` with several.
        """
        counts = np.zeros((self.n_sites, self.n_resources), dtype=np.int64)
        for key, taken in expansions.items():
            site, resource = (key, 0) if np.ndim(key) == 0 else key
            if not (0 <= site < self.n_sites and 0 <= resource < self.n_resources):
                raise ValueError(f"扩容记录指向不存在的设施或资源 {key}。")
            counts[site, resource] = taken
        return counts

    def replace(self, **changes: Any) -> FacilityProblem:
        """A copy with some fields changed (e.g. ``single_source=True``, ``budget=...``)."""
        return replace(self, **changes)

    # ------------------------------------------------------------------ checks

    def check_feasible(self) -> None:
        """Raise :class:`InfeasibleError` with a reason when no solution can exist.

        Catches what can be seen before solving: customers with no usable site, total
        capacity below demand, ``p`` incompatible with forced or available sites, forced
        openings over budget, single-source demand above every reachable capacity.
        """
        from junheng.optimize._feasibility import explain_infeasibility

        reasons = explain_infeasibility(self)
        if reasons:
            message, details = reasons[0]
            more = f"（另有 {len(reasons) - 1} 处问题）" if len(reasons) > 1 else ""
            raise InfeasibleError(message + more,
                                  details={"reasons": [m for m, _ in reasons], **details})

    def evaluate(self, solution: FacilitySolution) -> float:
        """Recompute the objective of ``solution`` and check every constraint, without a solver.

        Raises :class:`InfeasibleError` naming the violated constraint (numbered as in the
        module docstring) and :class:`ValueError` for a malformed solution.

        Examples
        --------
        >>> from junheng.optimize import solve_facility
        >>> problem = FacilityProblem.from_cost_matrix([[1, 9], [9, 1]], [1, 1], [5, 5])
        >>> problem.evaluate(solve_facility(problem))
        12.0
        """
        from junheng.optimize._evaluate import evaluate_solution

        return evaluate_solution(self, solution)
