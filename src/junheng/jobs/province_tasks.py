"""One task of a province run: one job on one county-year, read from the store and written back.

:func:`run_task` is what a Dask worker runs (:mod:`junheng.jobs.province` submits it). It opens
the store (once per worker process), loads the county-year and the school years before it, runs
the job, and writes the job's summary with :func:`junheng.store.province.write_result` in one
transaction. A county whose data the job refuses is written as failed with the job's Chinese
message; a solve stopped by its time limit is written as timed out with its best plan. Writing
is an upsert on (county, year, job, stamp): a task retried after its worker died replaces the
row. Every summary is plain JSON (numbers rounded), so a serial and a distributed run of the
same data give identical rows apart from ``seconds`` and ``worker``.
"""

from __future__ import annotations

import logging
import os
import socket
import time
from collections.abc import Callable, Mapping, Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from junheng.errors import JunhengError
from junheng.model import CountyData
from junheng.store.province import DONE, FAILED, TIMEOUT

JOBS = ("evaluate", "forecast", "layout", "compliance", "ledger")
JOB_LABELS = {"evaluate": "评估", "forecast": "招生预测", "layout": "布局规划",
              "compliance": "达标路径", "ledger": "规划台账"}
STATUS_LABELS = {DONE: "完成", TIMEOUT: "超时（有方案时保留已找到的最好方案）", FAILED: "失败"}
#: solver statuses that mean the time limit stopped the solve: with the best plan found, or
#: before any plan was found
TIMED_OUT = ("time_limit", "no_solution")
UNEXPECTED = "计算时出现未预期的程序错误，详情已写入工作节点日志，请把日志发给维护人员。"
log = logging.getLogger(__name__)


@dataclass(frozen=True)
class JobOptions:
    """Solver limits per job (from the settings) and the ledger's plan files."""

    layout_time_limit: float = 60.0
    layout_gap: float = 0.01
    compliance_time_limit: float = 60.0
    compliance_gap: float = 0.01
    plans: tuple[str, ...] = ()

    def for_job(self, job: str) -> dict[str, Any]:
        """The options one job depends on (they enter the job's data stamp)."""
        if job == "layout":
            return {"time_limit": self.layout_time_limit, "gap": self.layout_gap}
        if job == "compliance":
            return {"time_limit": self.compliance_time_limit, "gap": self.compliance_gap}
        if job == "ledger":
            return {"plans": [_file_stamp(p) for p in self.plans]}
        return {}


def _file_stamp(path: str) -> str:
    import hashlib

    try:
        return f"{Path(path).name}:{hashlib.sha256(Path(path).read_bytes()).hexdigest()[:12]}"
    except OSError:
        return f"{Path(path).name}:?"


@dataclass(frozen=True)
class Task:
    """One job on one county-year; ``years`` are the school years the job reads (oldest first)."""

    county_code: str
    school_year: int
    job: str
    stamp: str
    county_name: str = ""
    city_name: str = ""
    years: tuple[int, ...] = field(default=())
    import_id: int = 0  # the import the county-year was read from (the web marks older rows)

    @property
    def key(self) -> tuple[str, int, str, str]:
        return (self.county_code, self.school_year, self.job, self.stamp)

    @property
    def label(self) -> str:
        return f"{self.county_name or self.county_code}（{self.county_code}）" \
               f"{self.school_year} 学年 {JOB_LABELS.get(self.job, self.job)}"


_STORES: dict[str, Any] = {}


def store_for(url: str):
    """The store at ``url``, opened once per process (a worker keeps its connection pool)."""
    if url not in _STORES:
        from junheng.store import open_store

        _STORES[url] = open_store(url)
    return _STORES[url]


def run_task(url: str, task: Task, options: JobOptions) -> dict[str, Any]:
    """Run ``task`` on the store at ``url``, write its result, return the row written."""
    store = store_for(url)
    began = time.perf_counter()
    try:
        history = [checked(store.load_county(task.county_code, y)) for y in task.years]
        status, result = JOB_RUNNERS[task.job](history, options)
        error = ""
    except JunhengError as exc:
        status, result, error = FAILED, {}, str(exc)
    except Exception:  # one county's bug must not stop the province; the log keeps the trace
        log.exception("province task %s failed", task.key)
        status, result, error = FAILED, {}, UNEXPECTED
    row = {**_key_values(task), "status": status, "result": result, "error": error,
           "seconds": round(time.perf_counter() - began, 3),
           "worker": f"{socket.gethostname()}:{os.getpid()}"}
    save_result(store, row)
    return row


def checked(data: CountyData) -> CountyData:
    """``data`` when it passes the workbook rules; otherwise a Chinese error naming the first
    problems (sheet, row, column, value): data edited in the store may break them."""
    from junheng.io import validate_county
    from junheng.store.repository import county_label

    problems = validate_county(data)
    if not problems:
        return data
    label = county_label(data.county_code, data.school_year, data.info.get("county_name"))
    shown = "；".join(str(p).rstrip("。") for p in problems[:3])
    more = f"等 {len(problems)} 处" if len(problems) > 3 else f"共 {len(problems)} 处"
    raise JunhengError(f"库中{label}的数据不符合工作簿规则（{more}问题），本项未计算：{shown}。"
                       f"请修正后重新导入，再重新运行。")


def _key_values(task: Task) -> dict[str, Any]:
    values = asdict(task)
    values.pop("years")
    return values


def save_result(store: Any, row: Mapping[str, Any]) -> None:
    """Write one result row in its own transaction."""
    from junheng.store.engine import transaction
    from junheng.store.province import write_result

    with transaction(store.engine, write=True) as conn:
        write_result(conn, row)


def _round(value: float | None, digits: int = 2) -> float | None:
    return None if value is None else round(float(value), digits)


def _evaluate(history: Sequence[CountyData], _options: JobOptions) -> tuple[str, dict]:
    from junheng.jobs.evaluations import Evaluations

    result = {}
    for ev in Evaluations().all(history[-1]):
        verdict = ev.verdict
        result[ev.standard.id] = {
            "name": ev.standard.short_name, "passes": bool(verdict.passes),
            # indicators and 评估单位 apart, as the 自评 counts them (rv2 finding 2)
            "failures": len(verdict.failed_indicators), "failed_units": len(verdict.failed_units),
            "pending": len(verdict.pending),
            "failed_items": [f.message for f in verdict.failures][:20],
            "basis": ev.standard.basis}
    return DONE, result


def _forecast(history: Sequence[CountyData], _options: JobOptions) -> tuple[str, dict]:
    from junheng.jobs.forecast import forecast_or_reason

    forecast, reason = forecast_or_reason(list(history))
    if forecast is None:
        raise JunhengError(reason)
    totals = forecast.students.groupby("year")["students"].sum()
    return DONE, {"students": {str(int(y)): int(round(n)) for y, n in totals.items()}}


def _layout(history: Sequence[CountyData], options: JobOptions) -> tuple[str, dict]:
    from junheng.jobs.layout import plan_county_layout
    from junheng.planning import load_layout_config
    from junheng.planning.borrow_counts import borrow_counts

    config = load_layout_config(time_limit_s=options.layout_time_limit, gap=options.layout_gap)
    outcome = plan_county_layout(history, config).outcome  # as junheng demo; no notes kept
    borrowed = borrow_counts(outcome)  # the target year's, as the plan prints them (review rv18 2)
    result = {"status": outcome.status, "objective": _round(outcome.objective),
              "bound": _round(outcome.bound), "gap": _round(outcome.gap, 4),
              "actions": outcome.action_counts(),
              "plan": [{"school_id": p.school_id, "name": p.name, "action": p.action,
                        "phase": p.phase, "merged_into": p.merged_into,
                        "built_classrooms": p.built_classrooms,
                        "temporary_classrooms": borrowed[p.school_id].target if p.school_id in borrowed else 0}
                       for p in outcome.schools if p.action != "keep"]}
    return (TIMEOUT if outcome.status in TIMED_OUT else DONE), result


def _compliance(history: Sequence[CountyData], options: JobOptions) -> tuple[str, dict]:
    from junheng.jobs.compliance import run_compliance

    plan = run_compliance(history, time_limit=options.compliance_time_limit,
                          gap=options.compliance_gap)
    status = plan.status.value
    result = {"status": status, "objective": _round(plan.objective),
              "gap": _round(plan.solution.gap, 4), "confirmed": bool(plan.confirmed),
              "actions": int(len(plan.actions)), "plan": _records(plan.actions),
              "diagnosis": plan.diagnosis.message if plan.diagnosis else ""}
    return (TIMEOUT if status in TIMED_OUT else DONE), result


def _records(frame) -> list[dict[str, Any]]:
    """A plan's action rows as plain JSON values (numbers rounded, empty cells as null)."""
    import pandas as pd

    rows = []
    for record in frame.to_dict("records"):
        rows.append({str(k): (None if v is None or (isinstance(v, float) and pd.isna(v))
                              else round(float(v), 4) if isinstance(v, float)
                              else v if isinstance(v, (int, str, bool)) else str(v))
                     for k, v in record.items()})
    return rows


def _ledger(history: Sequence[CountyData], options: JobOptions) -> tuple[str, dict]:
    from junheng.jobs.ledger import ledger_over

    if not options.plans:
        raise JunhengError("规划台账需要计划文件：请用 --plans 指定存放计划文件（.yaml）的目录。")
    result = {}
    for path in options.plans:
        ledger = ledger_over(Path(path), list(history))
        result[Path(path).stem] = {"name": ledger.plan.plan, "summary": ledger.summary()}
    return DONE, result


JOB_RUNNERS: dict[str, Callable[[Sequence[CountyData], JobOptions], tuple[str, dict]]] = {
    "evaluate": _evaluate, "forecast": _forecast, "layout": _layout,
    "compliance": _compliance, "ledger": _ledger}
