"""``python -m bench.demo``: the demo job (``junheng demo``) step by step, with the run's
evaluations shared (each county-year evaluated once) against the same job whose evaluation
cache keeps nothing (every reader evaluates again, as before the jobs layer), in one process.

    python -m bench.demo [--repeat 2] [--seed 2025]

Prints CPU and wall seconds per step, the evaluations computed, and the ratios. The layout
solve dominates and its time varies from run to run; compare the evaluation, ledger and report
steps, and the evaluation counts.
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import time
from pathlib import Path
from typing import Any

from junheng.evaluate import Evaluation, evaluate
from junheng.jobs import Evaluations, run_demo


class Uncached(Evaluations):
    """Evaluates on every request: the baseline without a shared evaluation."""

    def get(self, data, standard: str = "quality-2017", **options: Any) -> Evaluation:
        self.computed = getattr(self, "computed", 0) + 1
        return evaluate(data, standard, **options)

    def __len__(self) -> int:
        return getattr(self, "computed", 0)


class Clock:
    """Records CPU and wall time per step of the demo."""

    def __init__(self) -> None:
        self.steps: dict[str, tuple[float, float]] = {}
        self._started: tuple[str, float, float] | None = None

    def step(self, name: str, title: str) -> None:
        self._started = (name, time.process_time(), time.perf_counter())

    def done(self, name: str, result: Any) -> None:
        _, cpu, wall = self._started
        self.steps[name] = (time.process_time() - cpu, time.perf_counter() - wall)


def _run(evaluations: Evaluations, seed: int) -> tuple[dict[str, tuple[float, float]], int]:
    clock = Clock()
    with tempfile.TemporaryDirectory() as folder:
        run = run_demo(Path(folder), seed=seed, listener=clock, evaluations=evaluations)
        run.imported.store.close()
    return clock.steps, len(evaluations)


def _median(runs: list[dict[str, tuple[float, float]]], step: str, k: int) -> float:
    return statistics.median(r[step][k] for r in runs)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="示例运行各步骤用时：共享评估结果与每次重新评估对比。")
    parser.add_argument("--repeat", type=int, default=2, help="每种方式运行次数（取中位数）。")
    parser.add_argument("--seed", type=int, default=2025, help="示例县随机种子。")
    args = parser.parse_args(argv)
    _run(Evaluations(), args.seed)  # warm-up: imports and first-use costs paid once, unmeasured
    shared, fresh, counts = [], [], {}
    for _ in range(args.repeat):  # alternate, so load on the machine hits both alike
        steps, counts["shared"] = _run(Evaluations(), args.seed)
        shared.append(steps)
        steps, counts["fresh"] = _run(Uncached(), args.seed)
        fresh.append(steps)
    print(f"{'步骤':<10}{'共享 CPU':>10}{'重算 CPU':>10}{'比值':>8}{'共享墙钟':>10}{'重算墙钟':>10}")
    for step in shared[0]:
        a, b = _median(shared, step, 0), _median(fresh, step, 0)
        print(f"{step:<10}{a:>10.2f}{b:>10.2f}{a / b:>8.2f}"
              f"{_median(shared, step, 1):>10.2f}{_median(fresh, step, 1):>10.2f}")
    total = [sum(_median(runs, s, 0) for s in shared[0]) for runs in (shared, fresh)]
    print(f"{'合计':<10}{total[0]:>10.2f}{total[1]:>10.2f}{total[0] / total[1]:>8.2f}")
    print(f"评估次数：共享 {counts['shared']} 次，重算 {counts['fresh']} 次（布局调整后的县另评估 1 次，不计入）。")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
