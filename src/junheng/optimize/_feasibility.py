"""Reasons a facility problem cannot have a solution, found before any solver runs."""

from __future__ import annotations

import numpy as np

from junheng.optimize.facility import FacilityProblem, OpenRule, fmt

Reason = tuple[str, dict]


def _labels(problem: FacilityProblem, customers: np.ndarray) -> str:
    shown = "、".join(problem.customer_label(int(j)) for j in customers[:5])
    return shown + (f" 等 {customers.size} 个客户" if customers.size > 5 else "")


def _usable(problem: FacilityProblem) -> np.ndarray:
    usable = np.ones(problem.n_sites, dtype=bool)
    usable[list(problem.forced_closed)] = False
    return usable


def _unreachable_customers(problem: FacilityProblem, usable: np.ndarray) -> list[Reason]:
    reach = np.bincount(problem.pair_customer, weights=usable[problem.pair_site],
                        minlength=problem.n_customers)
    lonely = np.flatnonzero(reach == 0)
    if not lonely.size:
        return []
    return [(f"客户 {_labels(problem, lonely)} 没有可用的设施（距离上限内没有未关闭的候选点）："
             "请放宽距离上限或增加候选校址。", {"customers": lonely.tolist()})]


def _largest_capacity(problem: FacilityProblem, usable: np.ndarray,
                      capacity: np.ndarray) -> tuple[float, int | None]:
    """Most capacity any allowed set of open sites can have, and the p that limits it."""
    capacity = np.where(usable, capacity, 0.0)
    if problem.p is None:
        return float(capacity.sum()), None
    forced = np.zeros(problem.n_sites, dtype=bool)
    forced[list(problem.forced_open)] = True
    rest = np.sort(capacity[~forced])[::-1][: max(problem.p - int(forced.sum()), 0)]
    return float(capacity[forced].sum() + rest.sum()), problem.p


def _capacity_shortfall(problem: FacilityProblem, usable: np.ndarray) -> list[Reason]:
    """Total capacity of a resource below the least its customers can use of it."""
    if problem.n_resources == 1:
        needs = [("", problem.max_capacity(), problem.total_demand)]
    else:
        least = np.full((problem.n_customers, problem.n_resources), np.inf)
        np.minimum.at(least, problem.pair_customer, problem.pair_usage)
        least = np.where(np.isfinite(least), least, 0.0).sum(axis=0)
        needs = [(problem.resource_label(r), problem.max_capacity()[:, r], least[r])
                 for r in range(problem.n_resources)]
    for label, capacity, demand in needs:
        total, p = _largest_capacity(problem, usable, capacity)
        if total >= demand - 1e-9:
            continue
        if p is None:
            message = (f"{label}总容量 {fmt(total)} 小于需求 {fmt(demand)}："
                       "请增加候选校址或放宽距离上限。")
        else:
            message = (f"开设 {p} 个设施时{label}最大总容量 {fmt(total)} 小于需求 {fmt(demand)}："
                       "请增加开设数量或增加候选校址、扩容。")
        return [(message, {"capacity": total, "demand": demand})]
    return []


def _customer_shortfall(problem: FacilityProblem, usable: np.ndarray) -> list[Reason]:
    """A customer whose demand exceeds what its reachable sites can hold."""
    if problem.n_resources > 1:
        return _usage_shortfall(problem, usable)
    capacity = np.where(usable, problem.max_capacity(), 0.0)[problem.pair_site]
    if problem.single_source:
        reach = np.full(problem.n_customers, -np.inf)
        np.maximum.at(reach, problem.pair_customer, capacity)
        rule = "单一来源分配不能拆分，请增加可达设施的容量或放宽距离上限。"
    else:
        reach = np.bincount(problem.pair_customer, weights=capacity, minlength=problem.n_customers)
        rule = "请增加可达设施的容量或放宽距离上限。"
    short = np.flatnonzero((problem.demand > reach) & (reach > -np.inf) & np.isfinite(reach))
    short = short[np.isin(short, problem.pair_customer[usable[problem.pair_site]])]
    if not short.size:
        return []
    j = int(short[0])
    return [(f"客户 {_labels(problem, short)} 的需求超过其可达设施的容量（如客户 "
             f"{problem.customer_label(j)} 需求 {fmt(problem.demand[j])}，可达容量 "
             f"{fmt(reach[j])}）：{rule}", {"customers": short.tolist()})]


def _usage_shortfall(problem: FacilityProblem, usable: np.ndarray) -> list[Reason]:
    """Several resources: a customer none of whose usable pairs fits the site's largest
    capacities (single source), or whose use of some resource exceeds what all its sites
    together hold (split)."""
    capacity = np.where(usable[:, None], problem.max_capacity(), 0.0)[problem.pair_site]
    use = problem.pair_usage
    if problem.single_source:
        fits = (use <= capacity + 1e-9).all(axis=1) & usable[problem.pair_site]
        short = np.flatnonzero(np.bincount(problem.pair_customer, weights=fits,
                                           minlength=problem.n_customers) == 0)
        rule = "单一来源分配不能拆分，请增加可达设施的容量（含床位等各类容量）或放宽距离上限。"
    else:
        share = np.zeros((problem.n_customers, problem.n_resources))
        np.add.at(share, problem.pair_customer, np.where(use > 0, capacity / np.maximum(use, 1e-12),
                                                          np.inf))
        short = np.flatnonzero((share < 1 - 1e-9).any(axis=1))
        rule = "请增加可达设施的容量（含床位等各类容量）或放宽距离上限。"
    short = short[np.isin(short, problem.pair_customer[usable[problem.pair_site]])]
    if not short.size:
        return []
    return [(f"客户 {_labels(problem, short)} 的需求超过其可达设施的容量：{rule}",
             {"customers": short.tolist()})]


def _open_count_conflicts(problem: FacilityProblem, usable: np.ndarray) -> list[Reason]:
    if problem.p is None:
        return []
    p, reasons = problem.p, []
    if len(problem.forced_open) > p:
        reasons.append((f"必须开设的设施有 {len(problem.forced_open)} 个，多于允许开设的 {p} 个："
                        "请增加开设数量或减少必须开设的设施。", {"p": p}))
    if problem.open_rule is OpenRule.EXACTLY and p > int(usable.sum()):
        reasons.append((f"要求恰好开设 {p} 个设施，但只有 {int(usable.sum())} 个未关闭的候选设施："
                        "请减少开设数量或增加候选校址。", {"p": p}))
    if p == 0 and problem.n_customers:
        reasons.append(("开设数量为 0，无法服务任何客户：请至少开设 1 个设施。", {"p": p}))
    return reasons


def _budget_conflicts(problem: FacilityProblem) -> list[Reason]:
    if problem.budget is None:
        return []
    new = sorted(problem.forced_open - problem.already_open)
    spent = float(problem.fixed_cost[new].sum()) if new else 0.0
    if spent <= problem.budget:
        return []
    return [(f"必须开设的新设施固定费用合计 {fmt(spent)}，超过预算 {fmt(problem.budget)}："
             "请增加预算或减少必须新建的设施。", {"spent": spent, "budget": problem.budget})]


def explain_infeasibility(problem: FacilityProblem) -> list[Reason]:
    """Every reason found, most basic first; empty when none is visible before solving."""
    usable = _usable(problem)
    return (_unreachable_customers(problem, usable) + _open_count_conflicts(problem, usable)
            + _capacity_shortfall(problem, usable) + _customer_shortfall(problem, usable)
            + _budget_conflicts(problem))
