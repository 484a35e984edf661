"""The layout MILP's refusals: villages no school can take within the limits (before the solve),
and the domain error of a solve without a plan (:func:`~.layout_model.solve_layout`)."""

from __future__ import annotations

from junheng.errors import InfeasibleError, SolverError
from junheng.optimize import MilpResult, SolveStatus
from junheng.planning.layout_data import GROUP_LABELS, GROUP_STAGE, LayoutProblem


def explain_infeasible(problem: LayoutProblem) -> None:
    """Raise with the villages that no school can take, if any: no school within the limits
    and none today (today's school is a pair even beyond them, the status quo:
    layout_data.allowed_pairs), or only today's and the plan's ``close`` list closes it."""
    closed = set(problem.config.close)
    served = set(problem.pairs.loc[~problem.pairs["site_id"].isin(closed), "customer"])
    stranded = problem.customers.loc[~problem.customers.index.isin(served)]
    cfg = problem.config
    if not stranded.empty:
        lines = [f"{r.village_name}（{r.village_code}）{GROUP_LABELS[r.group]} {r.demand} 人"
                 for r in stranded.head(20).itertuples()]
        more = f" 等共 {len(stranded)} 处" if len(stranded) > 20 else ""
        raise InfeasibleError(
            f"以下村居的学生现状没有就读学校（或其学校由方案指定撤并），在限制内也没有可就读的学校{more}：" + "；".join(lines)
            + f"。一至三年级须走读且单程不超过 {cfg.day_travel_limit_min:g} 分钟，四至九年级寄宿单程不超过 "
            f"{cfg.boarding_travel_limit_min:g} 分钟。请放宽通行时间上限或增加候选校址。",
            details={"stranded": stranded[["village_code", "group", "demand"]].to_dict("records")})


def no_plan(problem: LayoutProblem, result: MilpResult) -> InfeasibleError | SolverError:
    """The domain error for a solve without a plan, carrying status, bound and gap."""
    cfg = problem.config
    if result.status is SolveStatus.ERROR:
        return SolverError("求解器报告数值或模型错误，未得到布局方案：请检查数据与方案配置后重试。",
                           status=result.status.value, bound=result.bound, gap=result.gap)
    if result.status is not SolveStatus.INFEASIBLE:
        return SolverError(f"在 {cfg.time_limit_s:g} 秒、{cfg.node_limit:,} 个分支节点内未找到可行方案："
                           "请提高求解时间上限或求解工作量上限，或放宽约束。",
                           status=result.status.value, bound=result.bound, gap=result.gap)
    demand = problem.customers.groupby(problem.customers["group"].map(GROUP_STAGE))["demand"].sum()
    return InfeasibleError(
        "在当前规则下没有可行的布局方案（需求：小学 {p:,} 人、初中 {j:,} 人）。可能的原因：扩建上限或预算"
        "不足以容纳需求、最小规模与保留/撤并名单冲突、寄宿床位不足。请放宽“现有学校每个学段最多新增教室数”、"
        "“每年建设预算”或通行时间上限后重试。".format(
            p=int(demand.get("primary", 0)), j=int(demand.get("junior", 0))),
        details={"status": result.status.value, "bound": result.bound})
