"""Comparison with the plans a district's staff drew: for each staff plan, the plan that moves
no more pupils than it and, when the staff plan is valid (every zone connected and holding
its school), puts no more pupils over capacity either and starts from it — so it is never
worse than the staff plan on either figure, and better wherever the solver finds better.

Capacity is soft in these solves (the staff plan's pupils over capacity are its cap (4c)).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace

import numpy as np

from junheng.zones.check import check_plan
from junheng.zones.io import ZoneInput
from junheng.zones.problem import ZonePlan, ZoneProblem

Solve = Callable[[ZoneProblem, "np.ndarray | None"], ZonePlan]


@dataclass(frozen=True, eq=False)
class StaffComparison:
    """One staff plan (``name``: its field) against the plan found under its caps."""

    name: str
    staff: np.ndarray
    broken: tuple[str, ...]  # why the staff plan is not a valid start (empty: valid)
    staff_over: float
    staff_moved: float
    problem: ZoneProblem  # with the caps of the staff plan
    plan: ZonePlan

    @property
    def found(self) -> bool:
        return bool(self.plan.school.min() >= 0)

    @property
    def over(self) -> float:
        return float(self.problem.over(self.plan.school).sum()) if self.found else float("nan")

    @property
    def moved(self) -> float:
        return self.problem.moved(self.plan.school) if self.found else float("nan")

    def text(self) -> str:
        """The comparison as one Chinese sentence.

        >>> p = ZoneProblem(pupils=[10, 10], edges=[[0, 1]], root=[0, 1], capacity=[10, 5],
        ...                 distance=np.zeros((2, 2)), current=[0, 1])
        >>> plan = ZonePlan(np.array([0, 1]), "optimal", 5000.0, 5000.0, 0.0, 0.1, "flow")
        >>> StaffComparison("方案甲", np.array([0, 1]), (), 5, 0, p, plan).text()
        '人工方案“方案甲”：超员 5 人，调整学区 0 人；本方案：超员 5 人，调整学区 0 人（不劣于人工方案）。'
        """
        staff = (f"人工方案“{self.name}”：超员 {self.staff_over:,.0f} 人，"
                 f"调整学区 {self.staff_moved:,.0f} 人")
        if self.broken:
            staff += f"（无效：{self.broken[0].rstrip('。')}）"
        if not self.found:
            return staff + "；本方案：在时间限制内未找到调整人数不超过人工方案的方案。"
        return (f"{staff}；本方案：超员 {self.over:,.0f} 人，调整学区 {self.moved:,.0f} 人"
                f"（{self.verdict}）。")

    @property
    def verdict(self) -> str:
        if self.over < self.staff_over - 1e-6 and self.moved <= self.staff_moved + 1e-6:
            return "超员少于人工方案，调整人数不多于人工方案"
        if self.over <= self.staff_over + 1e-6 and self.moved <= self.staff_moved + 1e-6:
            return "不劣于人工方案"
        return "调整人数不多于人工方案，但超员多于人工方案"

    @property
    def short_verdict(self) -> str:
        """The verdict in at most four characters (for the console table)."""
        if not self.found:
            return "未找到"
        return {"超员少于人工方案，调整人数不多于人工方案": "更优",
                "不劣于人工方案": "不劣"}.get(self.verdict, "超员更多")

    def row(self) -> dict:
        """The comparison as a table row (for zones.xlsx)."""
        return {"人工方案": self.name, "人工方案是否有效": "否：" + self.broken[0] if self.broken
                else "是", "人工方案超员": round(self.staff_over),
                "人工方案调整学区": round(self.staff_moved),
                "本方案超员": round(self.over) if self.found else "未找到",
                "本方案调整学区": round(self.moved) if self.found else "未找到",
                "结论": self.verdict if self.found else "未找到方案",
                "最优性差距": f"{self.plan.gap:.2%}" if 0 <= self.plan.gap < 1 else "无法估计"}


def compare_with_staff(data: ZoneInput, solve: Solve) -> list[StaffComparison]:
    """One comparison per staff plan of ``data``, in the order the fields were given."""
    labels = (data.blocks.names, data.schools.names)
    return [compare_one(data.problem, name, staff, solve, labels)
            for name, staff in (data.staff or {}).items()]


def compare_one(problem: ZoneProblem, name: str, staff: np.ndarray,
                solve: Solve, labels: tuple = (None, None)) -> StaffComparison:
    """The plan under ``staff``'s caps (see the module docstring); ``labels``: the names of
    the blocks and of the schools, for the reasons a staff plan is not valid."""
    has = staff >= 0  # a staff plan may leave blocks out: it is then invalid
    load = np.bincount(staff[has], weights=problem.pupils[has], minlength=problem.k)
    over = float(np.maximum(load - problem.capacity, 0).sum())
    moved = float(problem.pupils[has & (problem.current >= 0)
                                 & (staff != problem.current)].sum())
    capped = replace(problem, hard_capacity=False, max_moved=moved)
    broken = tuple(check_plan(capped, staff, *labels))
    if not broken:
        capped, start = replace(capped, max_over=over), staff
    else:
        start = problem.current if not check_plan(capped, problem.current) else None
    return StaffComparison(name, staff, broken, over, moved, capped, solve(capped, start))
