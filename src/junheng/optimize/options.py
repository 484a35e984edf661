"""Limits and switches of :func:`~junheng.optimize.solve_facility`."""

from __future__ import annotations

from dataclasses import dataclass

from junheng.optimize.result import OPTIMALITY_GAP


@dataclass(frozen=True)
class SolveOptions:
    """Limits and switches of :func:`solve_facility`.

    ``relative_gap`` stops the search once ``(objective - bound) / objective`` is below it;
    ``threads`` is passed to HiGHS; ``seed`` makes runs repeatable (same seed, same
    problem, no time limit hit: same answer). ``method`` is ``"auto"`` (heuristic,
    Lagrangian bound and fixing, then the MILP), ``"mip"`` (the MILP alone with a greedy
    warm start) or ``"plain"`` (the MILP alone, no warm start: the benchmark baseline).
    ``workers`` above 1 runs that many processes on large single-source problems, each with
    its own seed, and recombines their solutions (:mod:`._portfolio`); elsewhere it is
    ignored.
    """

    time_limit: float = 60.0
    relative_gap: float = OPTIMALITY_GAP
    threads: int = 1
    seed: int = 0
    log: bool = False
    method: str = "auto"
    search: bool = True
    workers: int = 1

    def __post_init__(self) -> None:
        if not self.time_limit > 0:
            raise ValueError(f"时间限制为 {self.time_limit} 秒：必须大于 0。")
        if not 0 <= self.relative_gap < 1:
            raise ValueError(f"相对间隙为 {self.relative_gap}：应在 0 到 1 之间。")
        if not 1 <= self.workers <= MAX_WORKERS:
            raise ValueError(f"进程数为 {self.workers}：应在 1 到 {MAX_WORKERS} 之间。")
        if self.method not in METHODS:
            raise ValueError(f"未知的求解方式 {self.method!r}：可选 {', '.join(METHODS)}。")


METHODS = ("auto", "mip", "plain")
#: Most processes one solve may use.
MAX_WORKERS = 8
