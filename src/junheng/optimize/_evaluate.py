"""Check a facility solution against every constraint and recompute its objective.

Constraint numbers are those of :mod:`junheng.optimize.facility`.
"""

from __future__ import annotations

import numpy as np

from junheng.errors import InfeasibleError
from junheng.optimize._solution import expansion_cost
from junheng.optimize.facility import (
    FEASIBILITY_TOL,
    FacilityProblem,
    FacilitySolution,
    OpenRule,
    fmt,
)


def _violation(number: int, message: str, **details: object) -> InfeasibleError:
    return InfeasibleError(f"约束 ({number})：{message}", details={"constraint": number, **details})


def _open_mask(problem: FacilityProblem, solution: FacilitySolution) -> np.ndarray:
    sites = np.asarray(solution.open_sites, dtype=np.int64)
    if sites.size and (sites.min() < 0 or sites.max() >= problem.n_sites):
        raise ValueError(f"解中开设了不存在的设施：编号应在 0 到 {problem.n_sites - 1} 之间。")
    if np.unique(sites).size != sites.size:
        raise ValueError("解中的开设设施有重复编号。")
    mask = np.zeros(problem.n_sites, dtype=bool)
    mask[sites] = True
    return mask


def _added_capacity(problem: FacilityProblem, solution: FacilitySolution) -> np.ndarray:
    """Capacity the solution's steps add, sites × resources."""
    counts = problem.step_counts(solution.expansions)
    added = np.zeros(counts.shape)
    for site, resource in zip(*np.nonzero(counts), strict=True):
        steps = problem.expansion_steps(int(site), int(resource))
        taken = counts[site, resource]
        if not 0 <= taken <= len(steps):
            what = f"设施 {site}" + (f" 的{problem.resource_label(int(resource))}"
                                      if problem.n_resources > 1 else "")
            raise ValueError(f"{what}只有 {len(steps)} 个扩容步骤，解中用了 {taken} 个。")
        added[site, resource] = sum(step.capacity for step in steps[:taken])
    return added


def pair_fractions(problem: FacilityProblem, solution: FacilitySolution) -> np.ndarray:
    """Fraction per allowed pair; raises on forbidden or malformed entries."""
    if not solution.assignment:
        return np.zeros(problem.n_pairs)
    table = np.array([tuple(a) for a in solution.assignment], dtype=float)
    customer, site, fraction = table[:, 0].astype(np.int64), table[:, 1].astype(np.int64), table[:, 2]
    if (customer < 0).any() or (customer >= problem.n_customers).any():
        raise ValueError("解中的分配含不存在的客户编号。")
    if (site < 0).any() or (site >= problem.n_sites).any():
        raise ValueError("解中的分配含不存在的设施编号。")
    if (fraction < -FEASIBILITY_TOL).any() or (fraction > 1 + FEASIBILITY_TOL).any():
        raise ValueError("解中的分配比例超出 0 到 1 的范围。")
    pair_key = problem.pair_customer * problem.n_sites + problem.pair_site
    key = customer * problem.n_sites + site
    if np.unique(key).size != key.size:
        raise ValueError("解中同一客户与设施的分配出现了不止一次。")
    order = np.argsort(pair_key)
    where = np.searchsorted(pair_key[order], key)
    found = (where < pair_key.size) & (pair_key[order][np.minimum(where, pair_key.size - 1)] == key)
    if not found.all():
        k = int(np.flatnonzero(~found)[0])
        raise _violation(1, f"客户 {problem.customer_label(customer[k])} 被分配给设施 "
                            f"{problem.site_label(site[k])}，但这一对不在允许的分配对中"
                            "（超出距离上限或不在最近的 k 个之内）。",
                         customer=int(customer[k]), site=int(site[k]))
    fractions = np.zeros(problem.n_pairs)
    fractions[order[where]] = fraction
    return fractions


def evaluate_solution(problem: FacilityProblem, solution: FacilitySolution) -> float:
    """Recompute the objective; raise on the first violated constraint."""
    is_open = _open_mask(problem, solution)
    added = _added_capacity(problem, solution)
    x = pair_fractions(problem, solution)
    # (1) every customer fully served
    served = np.bincount(problem.pair_customer, weights=x, minlength=problem.n_customers)
    bad = np.flatnonzero(np.abs(served - 1) > FEASIBILITY_TOL)
    if bad.size:
        j = int(bad[0])
        raise _violation(1, f"客户 {problem.customer_label(j)} 的分配比例合计 {served[j]:.4g}，"
                            "应为 1：每个客户的需求必须全部分配。", customer=j)
    # (2) only by an open site
    closed_use = np.flatnonzero((x > FEASIBILITY_TOL) & ~is_open[problem.pair_site])
    if closed_use.size:
        k = int(closed_use[0])
        raise _violation(2, f"客户 {problem.customer_label(problem.pair_customer[k])} 被分配给"
                            f"未开设的设施 {problem.site_label(problem.pair_site[k])}。",
                         site=int(problem.pair_site[k]))
    _check_capacity(problem, is_open, added, x)
    # (4) steps in order, at open sites
    for site in np.flatnonzero(problem.step_counts(solution.expansions).sum(axis=1) > 0):
        if not is_open[site]:
            raise _violation(4, f"设施 {problem.site_label(site)} 未开设却做了扩容。",
                             site=int(site))
    _check_site_rules(problem, is_open)
    _check_budget(problem, solution, is_open)
    # (8) single source: one site takes all of a customer's demand
    if problem.single_source:
        split = np.flatnonzero((x > FEASIBILITY_TOL) & (x < 1 - FEASIBILITY_TOL))
        if split.size:
            j = int(problem.pair_customer[split[0]])
            raise _violation(8, f"客户 {problem.customer_label(j)} 的需求被拆分到多个设施，"
                                "但本问题要求单一来源分配。", customer=j)
    side = _check_side(problem, solution, is_open, x)
    fixed = float(problem.fixed_cost[is_open].sum())
    return (fixed + expansion_cost(problem, solution.expansions) + float(x @ problem.pair_cost)
            + side)


def _step_taken(problem: FacilityProblem, solution: FacilitySolution) -> np.ndarray:
    """1 for every expansion step (in the given order) the solution takes, else 0."""
    counts = problem.step_counts(solution.expansions)
    seen = np.zeros(counts.shape, dtype=np.int64)
    taken = np.zeros(len(problem.expansions))
    for k, step in enumerate(problem.expansions):
        seen[step.site, step.resource] += 1
        taken[k] = seen[step.site, step.resource] <= counts[step.site, step.resource]
    return taken


def _check_side(problem: FacilityProblem, solution: FacilitySolution, is_open: np.ndarray,
                x: np.ndarray) -> float:
    """(S) the side block's bounds and rows; its columns' cost."""
    side = problem.side
    if side is None:
        return 0.0
    w = np.asarray(solution.side_values, float)
    if w.size != side.n_cols:
        raise ValueError(f"解中附加列有 {w.size} 个取值，应为 {side.n_cols} 个。")
    tol = FEASIBILITY_TOL
    bad = np.flatnonzero((w < side.lower - tol) | (w > side.upper + tol)
                         | (side.integer & (np.abs(w - np.round(w)) > tol)))
    if bad.size:
        c = int(bad[0])
        raise InfeasibleError(f"附加列 {c} 的取值 {w[c]:.6g} 超出其上下界或不是整数。",
                              details={"side_column": c})
    activity = side.activity(is_open, _step_taken(problem, solution), x, w)
    slack = tol * np.maximum(1.0, np.abs(activity))
    broken = np.flatnonzero((activity < side.row_lower - slack) | (activity > side.row_upper + slack))
    if broken.size:
        t = int(broken[0])
        raise InfeasibleError(
            f"约束 {side.groups[t]}：附加约束第 {t} 行的取值 {fmt(activity[t])} 不在 "
            f"{fmt(side.row_lower[t])} 到 {fmt(side.row_upper[t])} 之间。",
            details={"constraint": side.groups[t], "side_row": t})
    return float(side.cost @ w)


def _check_capacity(problem: FacilityProblem, is_open: np.ndarray, added: np.ndarray,
                    x: np.ndarray) -> None:
    # (3) capacity of each resource, with expansions
    use = problem.pair_usage
    for r in range(problem.n_resources):
        load = np.bincount(problem.pair_site, weights=x * use[:, r], minlength=problem.n_sites)
        limit = np.where(is_open, problem.capacity_matrix[:, r] + added[:, r], 0.0)
        over = np.flatnonzero(load > limit + FEASIBILITY_TOL * np.maximum(1.0, limit))
        if over.size:
            i = int(over[0])
            what = "需求" if problem.n_resources == 1 else problem.resource_label(r)
            raise _violation(3, f"设施 {problem.site_label(i)} 承担{what} {fmt(load[i])}，超过"
                                f"容量 {fmt(limit[i])}：请扩容或把部分客户分到其他设施。",
                             site=i, resource=r)


def _check_site_rules(problem: FacilityProblem, is_open: np.ndarray) -> None:
    # (5) forced open / forced closed
    for site in sorted(problem.forced_open):
        if not is_open[site]:
            raise _violation(5, f"设施 {problem.site_label(site)} 必须开设，但解中未开设。",
                             site=site)
    for site in sorted(problem.forced_closed):
        if is_open[site]:
            raise _violation(5, f"设施 {problem.site_label(site)} 必须关闭，但解中开设了。",
                             site=site)
    # (6) number of open sites
    count = int(is_open.sum())
    if problem.p is not None:
        if problem.open_rule is OpenRule.EXACTLY and count != problem.p:
            raise _violation(6, f"开设了 {count} 个设施，要求恰好 {problem.p} 个。", count=count)
        if problem.open_rule is OpenRule.AT_MOST and count > problem.p:
            raise _violation(6, f"开设了 {count} 个设施，要求至多 {problem.p} 个。", count=count)


def _check_budget(problem: FacilityProblem, solution: FacilitySolution,
                  is_open: np.ndarray) -> None:
    # (7) budget on new fixed costs
    if problem.budget is None:
        return
    new = is_open.copy()
    new[list(problem.already_open)] = False
    spent = float(problem.fixed_cost[new].sum()) + expansion_cost(problem, solution.expansions)
    if spent > problem.budget + FEASIBILITY_TOL * max(1.0, problem.budget):
        raise _violation(7, f"新增投入 {fmt(spent)} 超过预算 {fmt(problem.budget)}。",
                         spent=spent)
